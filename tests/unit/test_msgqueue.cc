// message_queue over real System V and POSIX queues: send and receive with
// types and priorities, the send limit, never blocking with an expired
// deadline, timing out with a running one, put_back to the end of the
// queue (or of its priority), a removed queue, the stop flag, and the
// --max-messages/--message-size options.  Each test runs in its own
// process (Check's fork mode) and, where allowed, its own IPC namespace;
// elsewhere it uses a key and name of its own and removes them.
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "libipcutil/msgqueue.hh"
#include "libipcutil/termination.hh"
#include "libipcutil/object.hh"
#include "libipcutil/program.hh"
#include "objects.hh"
#include "child.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using ipcutil::create_options;
using ipcutil::deadline;
using ipcutil::message_queue;
using ipcutil::mq_attributes;
using ipcutil::mq_status;
using ipcutil::object_selector;
using ipcutil::setup_termination;
using namespace std::chrono_literals;

namespace {

char key_text[32];
char name_text[64];

void setup() {
  // A private namespace when we may; the key and name are unique anyway.
  if (unshare(CLONE_NEWIPC) != 0) {
    // Shared namespace: our own key and name, removed in teardown.
  }
  snprintf(key_text, sizeof key_text, "0x%08x",
           0x4d000000u | (getpid() & 0xffffff));
  snprintf(name_text, sizeof name_text, "/test_msgqueue-%ld",
           static_cast<long>(getpid()));
}

void teardown() {
  int id = msgget(static_cast<key_t>(strtoul(key_text, nullptr, 16)), 0);
  if (id >= 0) msgctl(id, IPC_RMID, nullptr);
  mq_unlink(name_text);
}

// Opens the test's System V queue, creating it.
void open_sysv(message_queue& q,
               message_queue::access how = message_queue::access::receive) {
  object_selector sel = selector('k', key_text);
  ck_assert(q.open(sel, creating(), mq_attributes{}, how));
  ck_assert(!q.posix());
}

void open_posix(message_queue& q, long max_messages, long message_size,
                message_queue::access how = message_queue::access::receive) {
  object_selector sel = selector('n', name_text);
  mq_attributes attr;
  attr.max_messages = max_messages;
  attr.message_size = message_size;
  ck_assert(q.open(sel, creating(), attr, how));
  ck_assert(q.posix());
}

long proc_number(const char* path) {
  FILE* f = fopen(path, "r");
  ck_assert_ptr_nonnull(f);
  long n = -1;
  ck_assert_int_eq(fscanf(f, "%ld", &n), 1);
  fclose(f);
  return n;
}

std::string text_of(message_queue& q) {
  return std::string(q.message_data(), q.message_size());
}

#define ck_assert_received(q, until, exp_text, exp_type)    \
  do {                                                      \
    ck_assert(q.receive(0, false, until) == mq_status::ok); \
    std::string t_ = text_of(q);                            \
    ck_assert_str_eq(t_.c_str(), exp_text);                 \
    ck_assert_int_eq(q.message_type(), exp_type);           \
  } while (0)

long elapsed_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now() - start)
      .count();
}

// ---------------------------------------------------------------- System V

START_TEST(test_sysv_round_trip) {
  message_queue q;
  open_sysv(q);
  ck_assert(q.created());
  ck_assert_int_eq(q.count(), 0);
  ck_assert(q.send("hello", 5, 3, deadline::never()) == mq_status::ok);
  ck_assert(q.send("", 0, 1, deadline::never()) == mq_status::ok);
  ck_assert_int_eq(q.count(), 2);
  ck_assert_received(q, deadline::never(), "hello", 3);
  // One writable byte after the message, for a terminator.
  q.message_data()[q.message_size()] = '\n';
  ck_assert_received(q, deadline::never(), "", 1);
  ck_assert_int_eq(q.count(), 0);

  // A second open of the same queue does not create it.
  message_queue again;
  open_sysv(again, message_queue::access::send);
  ck_assert(!again.created());
  std::string desc = again.description();
  std::string exp = std::string("message queue key ") + key_text;
  ck_assert_str_eq(desc.c_str(), exp.c_str());
}
END_TEST

START_TEST(test_sysv_send_limit) {
  message_queue q;
  open_sysv(q, message_queue::access::send);
  std::size_t msgmax =
      static_cast<std::size_t>(proc_number("/proc/sys/kernel/msgmax"));
  struct msqid_ds ds;
  ck_assert_int_eq(
      msgctl(msgget(static_cast<key_t>(strtoul(key_text, nullptr, 16)), 0),
             IPC_STAT, &ds),
      0);
  if (ds.msg_qbytes < msgmax) {
    ck_assert_uint_eq(q.send_limit(), ds.msg_qbytes);
    ck_assert_str_eq(q.send_limit_name(), "msg_qbytes");
  } else {
    ck_assert_uint_eq(q.send_limit(), msgmax);
    ck_assert_str_eq(q.send_limit_name(), "kernel.msgmax");
  }
  std::string big(q.send_limit() + 1, 'x');
  ck_assert(q.send(big.data(), big.size(), 1, deadline::never()) ==
            mq_status::too_big);
  ck_assert(q.send(big.data(), big.size() - 1, 1, deadline::never()) ==
            mq_status::ok);
  ck_assert_int_eq(q.count(), 1);
}
END_TEST

START_TEST(test_sysv_types) {
  message_queue q;
  open_sysv(q);
  for (long type : {5L, 2L, 5L, 1L, 3L})
    ck_assert(q.send(std::to_string(type).c_str(), 1, type,
                     deadline::never()) == mq_status::ok);
  ck_assert(q.receive(2, false, deadline::never()) == mq_status::ok);
  ck_assert_int_eq(q.message_type(), 2);
  ck_assert(q.receive(-3, false, deadline::never()) == mq_status::ok);
  ck_assert_int_eq(q.message_type(), 1);
  ck_assert(q.receive(5, true, deadline::never()) == mq_status::ok);
  ck_assert_int_eq(q.message_type(), 3);
  ck_assert(q.receive(4, false, deadline::after(0ns)) ==
            mq_status::would_block);
  ck_assert(q.receive(0, false, deadline::never()) == mq_status::ok);
  ck_assert_int_eq(q.message_type(), 5);
  ck_assert_int_eq(q.count(), 1);
}
END_TEST

START_TEST(test_sysv_deadlines) {
  message_queue q;
  open_sysv(q);
  auto start = std::chrono::steady_clock::now();
  ck_assert(q.receive(0, false, deadline::after(0ns)) ==
            mq_status::would_block);
  ck_assert_int_lt(elapsed_ms(start), 50);

  start = std::chrono::steady_clock::now();
  ck_assert(q.receive(0, false, deadline::after(150ms)) ==
            mq_status::would_block);
  long ms = elapsed_ms(start);
  ck_assert_int_ge(ms, 150);
  ck_assert_int_lt(ms, 600);

  // Full: a send with an expired deadline never blocks, a timed one waits.
  std::string block(q.send_limit(), 'f');
  while (q.send(block.data(), block.size(), 1, deadline::after(0ns)) ==
         mq_status::ok) {
  }
  long full = q.count();
  start = std::chrono::steady_clock::now();
  ck_assert(q.send("x", 1, 1, deadline::after(150ms)) ==
            mq_status::would_block);
  ms = elapsed_ms(start);
  ck_assert_int_ge(ms, 150);
  ck_assert_int_lt(ms, 600);
  ck_assert_int_eq(q.count(), full);
}
END_TEST

START_TEST(test_sysv_put_back) {
  message_queue q;
  open_sysv(q);
  ck_assert(q.send("a", 1, 4, deadline::never()) == mq_status::ok);
  ck_assert(q.send("b", 1, 1, deadline::never()) == mq_status::ok);
  ck_assert_received(q, deadline::never(), "a", 4);
  ck_assert(q.put_back(deadline::after(1s)) == mq_status::ok);
  ck_assert_int_eq(q.count(), 2);
  // To the end of the queue, with its type.
  ck_assert_received(q, deadline::never(), "b", 1);
  ck_assert_received(q, deadline::never(), "a", 4);
}
END_TEST

START_TEST(test_sysv_removed) {
  message_queue q;
  open_sysv(q);
  ck_assert(q.remove_if_owned(false) == ipcutil::remove_result::removed);
  ck_assert(q.send("x", 1, 1, deadline::never()) == mq_status::removed);
  ck_assert(q.receive(0, false, deadline::after(0ns)) == mq_status::removed);
  ck_assert_int_eq(q.count(), -1);
}
END_TEST

START_TEST(test_sysv_removed_while_waiting) {
  message_queue q;
  open_sysv(q);
  int id = msgget(static_cast<key_t>(strtoul(key_text, nullptr, 16)), 0);
  pid_t child = fork();
  ck_assert_int_ge(child, 0);
  if (child == 0) {
    usleep(100 * 1000);
    msgctl(id, IPC_RMID, nullptr);
    _exit(0);
  }
  auto start = std::chrono::steady_clock::now();
  ck_assert(q.receive(0, false, deadline::never()) == mq_status::removed);
  ck_assert_int_lt(elapsed_ms(start), 1000);
  waitpid(child, nullptr, 0);
}
END_TEST

// A termination signal (termination.hh) interrupts a blocking receive,
// which returns interrupted with nothing taken.
START_TEST(test_stop_flag) {
  message_queue q;
  open_sysv(q);
  setup_termination();
  pid_t parent = getpid();
  pid_t child = fork();
  ck_assert_int_ge(child, 0);
  if (child == 0) {
    usleep(100 * 1000);
    kill(parent, SIGTERM);
    _exit(0);
  }
  ck_assert(q.receive(0, false, deadline::never()) == mq_status::interrupted);
  waitpid(child, nullptr, 0);
  // Nothing was taken off the queue.
  ck_assert_int_eq(q.count(), 0);
}
END_TEST

// ------------------------------------------------------------------- POSIX

START_TEST(test_posix_round_trip) {
  message_queue q;
  open_posix(q, 4, 64);
  ck_assert(q.created());
  ck_assert_uint_eq(q.send_limit(), 64);
  ck_assert_str_eq(q.send_limit_name(), "mq_msgsize");
  ck_assert(q.send("low", 3, 0, deadline::never()) == mq_status::ok);
  ck_assert(q.send("high", 4, 9, deadline::never()) == mq_status::ok);
  ck_assert(q.send("mid", 3, 5, deadline::never()) == mq_status::ok);
  ck_assert(q.send("high2", 5, 9, deadline::never()) == mq_status::ok);
  ck_assert_int_eq(q.count(), 4);
  // Full at --max-messages.
  ck_assert(q.send("x", 1, 0, deadline::after(0ns)) == mq_status::would_block);
  std::string big(65, 'b');
  ck_assert(q.send(big.data(), big.size(), 0, deadline::never()) ==
            mq_status::too_big);
  ck_assert_received(q, deadline::never(), "high", 9);
  ck_assert_received(q, deadline::never(), "high2", 9);
  ck_assert_received(q, deadline::never(), "mid", 5);
  ck_assert_received(q, deadline::never(), "low", 0);
  auto start = std::chrono::steady_clock::now();
  ck_assert(q.receive(0, false, deadline::after(100ms)) ==
            mq_status::would_block);
  ck_assert_int_ge(elapsed_ms(start), 100);
  std::string desc = q.description();
  std::string exp = std::string("POSIX message queue '") + name_text + "'";
  ck_assert_str_eq(desc.c_str(), exp.c_str());
}
END_TEST

START_TEST(test_posix_put_back) {
  message_queue q;
  open_posix(q, 4, 16);
  ck_assert(q.send("a", 1, 5, deadline::never()) == mq_status::ok);
  ck_assert(q.send("b", 1, 5, deadline::never()) == mq_status::ok);
  ck_assert(q.send("c", 1, 1, deadline::never()) == mq_status::ok);
  ck_assert_received(q, deadline::never(), "a", 5);
  ck_assert(q.put_back(deadline::after(1s)) == mq_status::ok);
  // To the end of its priority.
  ck_assert_received(q, deadline::never(), "b", 5);
  ck_assert_received(q, deadline::never(), "a", 5);
  ck_assert_received(q, deadline::never(), "c", 1);
  ck_assert(q.remove_if_owned(false) == ipcutil::remove_result::removed);
  ck_assert_int_eq(mq_unlink(name_text), -1);
}
END_TEST

// ----------------------------------------------------- attribute options

START_TEST(test_attribute_options) {
  mq_attributes attr;
  ck_assert(!attr.given());
  ck_assert(ipcutil::take_mq_attribute_option(
      attr, ipcutil::option_max_messages, "7"));
  ck_assert(ipcutil::take_mq_attribute_option(
      attr, ipcutil::option_message_size, "2K"));
  ck_assert(!ipcutil::take_mq_attribute_option(attr, 'k', "1"));
  ck_assert_int_eq(attr.max_messages, 7);
  ck_assert_int_eq(attr.message_size, 2048);
  ck_assert(attr.given());

  outcome sysv = run_as_program([] {
    mq_attributes a;
    a.message_size = 10;
    object_selector sel = selector('k', "1");
    ipcutil::finish_mq_attributes(a, sel, creating());
  });
  ck_assert_int_eq(sysv.status, 2);
  ck_assert_str_eq(
      sysv.err.c_str(),
      "prog: option --message-size applies only to POSIX queues (--name)\n"
      "Try 'prog --help' for more information.\n");
  outcome no_create = run_as_program([] {
    mq_attributes a;
    a.max_messages = 10;
    object_selector sel = selector('n', "/q");
    ipcutil::finish_mq_attributes(a, sel, create_options{});
  });
  ck_assert_int_eq(no_create.status, 2);
  ck_assert_str_eq(no_create.err.c_str(),
                   "prog: option --max-messages needs --create\n"
                   "Try 'prog --help' for more information.\n");
  outcome zero = run_as_program([] {
    mq_attributes a;
    ipcutil::take_mq_attribute_option(a, ipcutil::option_max_messages, "0");
  });
  ck_assert_int_eq(zero.status, 2);
  ck_assert_str_eq(zero.err.c_str(),
                   "prog: invalid number of messages: '0': must be between 1 "
                   "and 2147483647\n");
}
END_TEST

START_TEST(test_posix_attributes_over_limit) {
  long msg_max = proc_number("/proc/sys/fs/mqueue/msg_max");
  std::string name = name_text;
  outcome o = run_as_program(
      [&] {
        message_queue q;
        object_selector sel = selector('n', name.c_str());
        mq_attributes attr;
        attr.max_messages = msg_max + 1;
        q.open(sel, creating(), attr, message_queue::access::send);
      },
      stdout_to::pipe, 99);
  // open() reports the limit and returns rather than exiting.
  ck_assert_int_eq(o.status, 99);
  std::string exp = "prog: cannot create POSIX message queue '" + name +
                    "': " + std::to_string(msg_max + 1) +
                    " messages exceed the limit of " + std::to_string(msg_max) +
                    " in /proc/sys/fs/mqueue/msg_max\n";
  ck_assert_str_eq(o.err.c_str(), exp.c_str());
}
END_TEST

}  // namespace

Suite* msgqueue_suite() {
  Suite* s = suite_create("msgqueue");
  TCase* tc = tcase_create("sysv");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_sysv_round_trip);
  tcase_add_test(tc, test_sysv_send_limit);
  tcase_add_test(tc, test_sysv_types);
  tcase_add_test(tc, test_sysv_deadlines);
  tcase_add_test(tc, test_sysv_put_back);
  tcase_add_test(tc, test_sysv_removed);
  tcase_add_test(tc, test_sysv_removed_while_waiting);
  tcase_add_test(tc, test_stop_flag);
  suite_add_tcase(s, tc);

  tc = tcase_create("posix");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_posix_round_trip);
  tcase_add_test(tc, test_posix_put_back);
  tcase_add_test(tc, test_posix_attributes_over_limit);
  suite_add_tcase(s, tc);

  tc = tcase_create("options");
  tcase_add_test(tc, test_attribute_options);
  suite_add_tcase(s, tc);
  return s;
}
