// mqrecv: take messages off a System V or POSIX message queue and write
// each one to standard output.
//
// Nothing is lost: a message is taken off the queue before it can be
// written, so when the write fails it goes back on the queue (same type or
// priority) before mqrecv reports the error.  Each message is written with
// its own write(), not through stdio, so a kill -9 loses at most the one
// message in hand.  SIGTERM, SIGINT and SIGHUP only set a flag: a waiting
// receive returns, a message in hand is written first, then mqrecv dies by
// that signal.

#include <errno.h>
#include <error.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <climits>
#include <optional>
#include <string>

#include "libipcutil/deadline.hh"
#include "libipcutil/fd.hh"
#include "libipcutil/i18n.hh"
#include "libipcutil/msgqueue.hh"
#include "libipcutil/object.hh"
#include "libipcutil/parse.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"

using namespace ipcutil;

namespace {

enum { REMOVE_OPTION = CHAR_MAX + 1 };

// How long a message that could not be written may wait for room to go
// back on the queue (room is there unless other senders took it).
constexpr std::chrono::seconds put_back_wait(5);

const struct option long_options[] = {
    IPCUTIL_SELECTOR_LONG_OPTIONS,
    IPCUTIL_CREATE_LONG_OPTIONS,
    IPCUTIL_MQ_ATTRIBUTE_LONG_OPTIONS,
    {"count", required_argument, nullptr, 'N'},
    {"all", no_argument, nullptr, 'a'},
    {"type", required_argument, nullptr, 't'},
    {"except", no_argument, nullptr, 'e'},
    {"show-type", no_argument, nullptr, 'T'},
    {"zero-terminated", no_argument, nullptr, 'z'},
    {"raw", no_argument, nullptr, 'r'},
    IPCUTIL_TIMEOUT_LONG_OPTIONS,
    {"remove", no_argument, nullptr, REMOVE_OPTION},
    IPCUTIL_STANDARD_LONG_OPTIONS,
    {nullptr, 0, nullptr, 0},
};

[[noreturn]] void usage(int status)
{
  if (status != exit_ok)
    try_help();
  printf(_("Usage: %s [OPTION]...\n"), program_name());
  fputs(_("Receive messages from a System V or POSIX message queue and write each\n"
          "one to standard output, followed by a newline.\n"),
        stdout);
  fputs(_("\nMandatory arguments to long options are mandatory for short options too.\n"),
        stdout);
  fputs(_("\nSelecting the queue (exactly one of -k, -f, -i, -n):\n"), stdout);
  emit_selector_help();
  fputs(_("\nCreating it:\n"), stdout);
  emit_create_help(true);
  emit_mq_attribute_help();
  fputs(_("\nReceiving:\n"), stdout);
  fputs(_("  -N, --count=N          receive N messages, waiting for each (default 1)\n"), stdout);
  fputs(_("  -a, --all              receive the messages on the queue now, without\n"
          "                           waiting; none at all is success\n"), stdout);
  fputs(_("  -t, --type=TYPE        System V: 0 takes the first message, N the first\n"
          "                           of type N, -N the first of the lowest type <= N\n"), stdout);
  fputs(_("  -e, --except           with --type=N (N > 0), take the first message\n"
          "                           whose type is not N\n"), stdout);
  fputs(_("  -T, --show-type        put the type (System V) or priority (POSIX) and\n"
          "                           a tab before each message\n"), stdout);
  fputs(_("  -z, --zero-terminated  end each message with NUL, not newline\n"), stdout);
  fputs(_("  -r, --raw              write the exact bytes, with no terminator\n"), stdout);
  fputs(_("  -w, --timeout=DURATION  exit with status 3 if the messages have not all\n"
          "                           arrived within DURATION\n"), stdout);
  fputs(_("      --nonblock         never wait: same as --timeout=0\n"), stdout);
  fputs(_("      --remove           remove the queue afterwards, if it is ours,\n"
          "                           everything succeeded and it holds no message\n"), stdout);
  emit_standard_options_help();
  emit_selector_values_help();
  emit_mq_values_help();
  fputs(_("\nIn the default text mode, and with -z, a message is written up to its\n"
          "first NUL byte, so a C string sent in a larger buffer prints as text.\n"
          "Messages are never truncated: the receive buffer follows the queue's\n"
          "limit.  A message that cannot be written (a full disk, a closed pipe)\n"
          "is put back on the queue with its type or priority, at the end of the\n"
          "queue (System V) or of its priority (POSIX); then mqrecv reports the\n"
          "error, or dies of SIGPIPE like cat when the pipe was closed.\n"),
        stdout);
  emit_exit_status_help(true);
  emit_help_footer();
  exit(exit_ok);
}

struct settings {
  object_selector sel;
  create_options create;
  mq_attributes attr;
  std::optional<unsigned long> count;
  bool all = false;
  std::optional<long> type;
  bool except = false;
  bool show_type = false;
  bool zero_terminated = false;
  bool raw = false;
  std::optional<duration> timeout;
  bool remove = false;
};

// ---- signals ----------------------------------------------------------------

volatile sig_atomic_t termination_signal = 0;

void on_termination(int signo)
{
  if (termination_signal == 0)
    termination_signal = signo;
  // A receive that starts just after this handler ran would block with
  // the flag already set: a 10 ms repeating alarm interrupts it too.
  // (setitimer is a plain system call on Linux, safe here.)
  struct itimerval kick = {{0, 10000}, {0, 10000}};
  setitimer(ITIMER_REAL, &kick, nullptr);
}

void on_alarm(int) {}

void install_handler(int signo, void (*handler)(int))
{
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;  // no SA_RESTART: a blocking receive must return
  sigemptyset(&sa.sa_mask);
  for (int s : {SIGTERM, SIGINT, SIGHUP})
    sigaddset(&sa.sa_mask, s);
  sigaction(signo, &sa, nullptr);
}

// Catches the termination signals that were not inherited as ignored
// (nohup's SIGHUP stays ignored), and ignores SIGPIPE so a closed pipe is
// an EPIPE we can handle.  Returns whether SIGPIPE was ignored already.
bool setup_signals()
{
  sigset_t unblock;
  sigemptyset(&unblock);
  for (int signo : {SIGTERM, SIGINT, SIGHUP}) {
    struct sigaction old;
    if (sigaction(signo, nullptr, &old) == 0 && old.sa_handler == SIG_IGN)
      continue;
    install_handler(signo, on_termination);
    sigaddset(&unblock, signo);
  }
  install_handler(SIGALRM, on_alarm);
  sigaddset(&unblock, SIGALRM);
  sigprocmask(SIG_UNBLOCK, &unblock, nullptr);

  struct sigaction old;
  bool pipe_ignored = sigaction(SIGPIPE, nullptr, &old) == 0 && old.sa_handler == SIG_IGN;
  signal(SIGPIPE, SIG_IGN);
  return pipe_ignored;
}

// Dies by SIGNO with its default action, as if we had never caught it.
[[noreturn]] void die_by_signal(int signo)
{
  signal(signo, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, signo);
  sigprocmask(SIG_UNBLOCK, &set, nullptr);
  raise(signo);
  _exit(128 + signo);  // not reached for a signal whose default kills
}

// ---- output -----------------------------------------------------------------

// Writes the message in hand; false with errno on failure, the message
// unchanged.
bool write_message(message_queue& queue, const settings& s, std::string& scratch)
{
  char* data = queue.message_data();
  std::size_t size = queue.message_size();
  std::size_t len = s.raw ? size : strnlen(data, size);
  bool terminate = !s.raw;
  char terminator = s.zero_terminated ? '\0' : '\n';
  if (s.show_type) {
    char num[24];
    auto [end, ec] = std::to_chars(num, num + sizeof num, queue.message_type());
    scratch.assign(num, end);
    scratch += '\t';
    scratch.append(data, len);
    if (terminate)
      scratch += terminator;
    return write_full(STDOUT_FILENO, scratch.data(), scratch.size());
  }
  // The byte after the text is ours (the buffer keeps one spare): the
  // terminator goes there so the message leaves in one write.
  char saved = data[len];
  if (terminate)
    data[len] = terminator;
  bool ok = write_full(STDOUT_FILENO, data, len + (terminate ? 1 : 0));
  int err = errno;
  data[len] = saved;
  errno = err;
  return ok;
}

[[noreturn]] void write_failed(message_queue& queue, int err, bool pipe_ignored)
{
  mq_status r = queue.put_back(deadline::after(put_back_wait));
  if (r != mq_status::ok) {
    const char* reason = r == mq_status::would_block ? _("the queue stayed full")
                         : r == mq_status::removed   ? _("the queue was removed")
                                                     : strerror(errno);
    error(0, 0, _("cannot put a message of %zu bytes back on %s: %s; the message is lost"),
          queue.message_size(), queue.description().c_str(), reason);
  }
  if (err == EPIPE && !pipe_ignored)
    die_by_signal(SIGPIPE);
  write_error(err);
}

}  // namespace

int main(int argc, char** argv)
{
  initialize_program(argc, argv);
  settings s;

  int c;
  while ((c = getopt_long(argc, argv,
                          IPCUTIL_SELECTOR_SHORT_OPTIONS IPCUTIL_CREATE_SHORT_OPTIONS
                          IPCUTIL_TIMEOUT_SHORT_OPTIONS "N:at:eTzr",
                          long_options, nullptr)) != -1) {
    if (take_selector_option(s.sel, c, optarg) || take_create_option(s.create, c, optarg)
        || take_mq_attribute_option(s.attr, c, optarg)
        || take_timeout_option(c, optarg, s.timeout))
      continue;
    switch (c) {
      case 'N':
        s.count = static_cast<unsigned long>(xparse_uint(optarg, 1, ULONG_MAX, _("invalid count")));
        break;
      case 'a':
        s.all = true;
        break;
      case 't':
        s.type = static_cast<long>(xparse_int(optarg, -LONG_MAX, LONG_MAX, _("invalid message type")));
        break;
      case 'e':
        s.except = true;
        break;
      case 'T':
        s.show_type = true;
        break;
      case 'z':
        s.zero_terminated = true;
        break;
      case 'r':
        s.raw = true;
        break;
      case REMOVE_OPTION:
        s.remove = true;
        break;
      default:
        standard_option(c, usage);
    }
  }
  if (optind < argc)
    usage_error(_("extra operand %s"), quote(argv[optind]));
  finish_selector(s.sel);
  finish_create_options(s.create, s.sel, s.remove);
  finish_mq_attributes(s.attr, s.sel, s.create);
  if (s.type && s.sel.posix())
    usage_error(_("option --type applies only to System V queues"));
  if (s.except && s.sel.posix())
    usage_error(_("option --except applies only to System V queues"));
  if (s.except && s.type.value_or(0) <= 0)
    usage_error(_("option --except needs --type with a type of 1 or more"));
  if (s.raw && s.zero_terminated)
    usage_error(_("options --raw and --zero-terminated are mutually exclusive"));
  if (s.all && s.count)
    usage_error(_("options --all and --count are mutually exclusive"));
  if (s.all && s.timeout && s.timeout->count() != 0)
    usage_error(_("options --all and --timeout are mutually exclusive"));

  deadline until = deadline::from_option(s.timeout);
  bool pipe_ignored = setup_signals();

  message_queue queue;
  if (!queue.open(s.sel, s.create, s.attr, message_queue::access::receive))
    return exit_failure;
  queue.set_stop_flag(&termination_signal);

  unsigned long want = s.count.value_or(1);
  if (s.all) {
    // The messages there now: a sender that keeps sending cannot keep us.
    long now = queue.count();
    if (now < 0)
      error(exit_failure, errno, _("cannot read the state of %s"),
            queue.description().c_str());
    want = static_cast<unsigned long>(now);
  }

  std::string scratch;
  long type = s.type.value_or(0);
  unsigned long received = 0;
  for (; received < want; ++received) {
    if (termination_signal != 0)
      die_by_signal(termination_signal);
    mq_status r = queue.receive(type, s.except, s.all ? deadline::after(duration::zero()) : until);
    if (r == mq_status::ok) {
      if (!write_message(queue, s, scratch))
        write_failed(queue, errno, pipe_ignored);
      continue;
    }
    if (r == mq_status::interrupted)
      die_by_signal(termination_signal);
    if (r == mq_status::would_block && s.all)
      break;  // others took the rest
    const char* reason = r == mq_status::would_block
                             ? (s.timeout && s.timeout->count() == 0 ? _("no message is waiting")
                                                                     : _("timed out"))
                         : r == mq_status::removed ? _("the queue was removed")
                                                   : strerror(errno);
    error(0, 0,
          ngettext("cannot receive from %s: %s (%lu of %lu message received)",
                   "cannot receive from %s: %s (%lu of %lu messages received)",
                   want),
          queue.description().c_str(), reason, received, want);
    return r == mq_status::would_block ? exit_timeout : exit_failure;
  }
  if (termination_signal != 0)
    die_by_signal(termination_signal);

  if (s.remove && queue.remove_if_owned(s.create.allow_foreign) != remove_result::removed)
    return exit_failure;
  return exit_ok;
}
