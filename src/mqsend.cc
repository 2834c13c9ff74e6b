// mqsend: put messages on a System V or POSIX message queue, one per
// MESSAGE argument or per record of standard input.
//
// Records are read with a large buffer and sent with one msgsnd/mq_send
// each; no allocation per message.  A message is sent whole or not at all,
// so a sender killed mid-stream leaves a prefix of its input on the queue.

#include <errno.h>
#include <error.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstddef>
#include <optional>
#include <vector>

#include "libipcutil/deadline.hh"
#include "libipcutil/i18n.hh"
#include "libipcutil/msgqueue.hh"
#include "libipcutil/object.hh"
#include "libipcutil/parse.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"

using namespace ipcutil;

namespace {

// Linux's MQ_PRIO_MAX is 32768: priorities 0 to 32767.
constexpr long max_priority = 32767;

const struct option long_options[] = {
    IPCUTIL_SELECTOR_LONG_OPTIONS,
    IPCUTIL_CREATE_LONG_OPTIONS,
    IPCUTIL_MQ_ATTRIBUTE_LONG_OPTIONS,
    {"type", required_argument, nullptr, 't'},
    {"priority", required_argument, nullptr, 'p'},
    {"zero-terminated", no_argument, nullptr, 'z'},
    {"raw", no_argument, nullptr, 'r'},
    {"c-string", no_argument, nullptr, 'C'},
    IPCUTIL_TIMEOUT_LONG_OPTIONS,
    IPCUTIL_STANDARD_LONG_OPTIONS,
    {nullptr, 0, nullptr, 0},
};

[[noreturn]] void usage(int status)
{
  if (status != exit_ok)
    try_help();
  printf(_("Usage: %s [OPTION]... [MESSAGE]...\n"), program_name());
  fputs(_("Send each MESSAGE to a System V or POSIX message queue, or, with no\n"
          "MESSAGE, each line of standard input (without its newline; a last line\n"
          "without a newline counts too, and an empty line is an empty message).\n"),
        stdout);
  fputs(_("\nMandatory arguments to long options are mandatory for short options too.\n"),
        stdout);
  fputs(_("\nSelecting the queue (exactly one of -k, -f, -i, -n):\n"), stdout);
  emit_selector_help();
  fputs(_("\nCreating it:\n"), stdout);
  emit_create_help();
  emit_mq_attribute_help();
  fputs(_("\nSending:\n"), stdout);
  fputs(_("  -t, --type=TYPE        System V message type, 1 or more (default 1)\n"), stdout);
  fputs(_("  -p, --priority=N       POSIX message priority, 0 to 32767 (default 0)\n"), stdout);
  fputs(_("  -z, --zero-terminated  input records end with NUL, not newline\n"), stdout);
  fputs(_("  -r, --raw              send all of standard input as one message, byte\n"
          "                           for byte\n"), stdout);
  fputs(_("  -C, --c-string         append a NUL byte to each message, for C programs\n"
          "                           that print the buffer as a string\n"), stdout);
  fputs(_("  -w, --timeout=DURATION  give up with status 3 when the queue stays full\n"
          "                           for DURATION while a message waits for room\n"), stdout);
  fputs(_("      --nonblock         never wait for room: same as --timeout=0\n"), stdout);
  emit_standard_options_help();
  emit_selector_values_help();
  emit_mq_values_help();
  fputs(_("\nA message larger than the limit (kernel.msgmax or the queue's msg_qbytes\n"
          "for System V, the queue's mq_msgsize for POSIX) is not sent: mqsend stops\n"
          "with status 1 and says how many messages it sent before it.  A queue\n"
          "that --create made is never removed again when the run fails: another\n"
          "process may already use it; mqsend says that it was left behind.\n"),
        stdout);
  emit_exit_status_help(true);
  emit_help_footer();
  exit(exit_ok);
}

// Records of standard input, in a buffer that is reused: each record is
// handed out in place, with one writable byte after it (its delimiter, or
// a spare byte), so --c-string can add its NUL without a copy.
class record_reader {
 public:
  // DELIM -1: all of the input is one record.
  record_reader(int fd, int delim, std::size_t limit)
      : fd_(fd), delim_(delim), limit_(limit), buf_(64 * 1024) {}

  // 1: a record; 0: end of input; -1: read error (errno).  A record longer
  // than the limit is read to its end and comes back with DATA null and
  // its full SIZE.
  int next(char*& data, std::size_t& size)
  {
    for (;;) {
      if (delim_ >= 0 && scan_ < end_) {
        auto* p = static_cast<char*>(memchr(&buf_[scan_], delim_, end_ - scan_));
        if (p != nullptr) {
          data = &buf_[start_];
          size = static_cast<std::size_t>(p - data);
          start_ = scan_ = static_cast<std::size_t>(p - buf_.data()) + 1;
          return 1;
        }
        scan_ = end_;
      }
      if (eof_) {
        if (start_ == end_ && (delim_ >= 0 || whole_done_))
          return 0;
        whole_done_ = true;
        data = &buf_[start_];
        size = end_ - start_;
        start_ = scan_ = end_;
        return 1;  // buf_[end_] is the spare byte fill() always leaves
      }
      if (end_ - start_ > limit_)
        return skip_oversized(data, size);
      if (!fill())
        return -1;
    }
  }

 private:
  // Reads more input after end_, making room first; false on error.
  bool fill()
  {
    if (start_ > 0) {
      memmove(buf_.data(), &buf_[start_], end_ - start_);
      end_ -= start_;
      scan_ -= start_;
      start_ = 0;
    }
    if (buf_.size() - end_ < 4096)
      buf_.resize(buf_.size() * 2);
    for (;;) {
      // Always one byte short of the end: the spare byte after a record.
      ssize_t n = read(fd_, &buf_[end_], buf_.size() - end_ - 1);
      if (n > 0) {
        end_ += static_cast<std::size_t>(n);
        return true;
      }
      if (n == 0) {
        eof_ = true;
        return true;
      }
      if (errno != EINTR)
        return false;
    }
  }

  // Counts the rest of a record that cannot be sent anyway, keeping none
  // of it.
  int skip_oversized(char*& data, std::size_t& size)
  {
    std::size_t total = end_ - start_;
    start_ = scan_ = end_ = 0;
    for (;;) {
      ssize_t n;
      do
        n = read(fd_, buf_.data(), buf_.size() - 1);
      while (n < 0 && errno == EINTR);
      if (n < 0)
        return -1;
      if (n == 0) {
        eof_ = true;
        break;
      }
      auto len = static_cast<std::size_t>(n);
      void* p = delim_ >= 0 ? memchr(buf_.data(), delim_, len) : nullptr;
      if (p != nullptr) {
        std::size_t upto = static_cast<std::size_t>(static_cast<char*>(p) - buf_.data());
        total += upto;
        start_ = scan_ = upto + 1;
        end_ = len;
        break;
      }
      total += len;
    }
    data = nullptr;
    size = total;
    return 1;
  }

  int fd_;
  int delim_;
  std::size_t limit_;
  std::vector<char> buf_;
  std::size_t start_ = 0;  // the current record
  std::size_t scan_ = 0;   // searched for the delimiter up to here
  std::size_t end_ = 0;    // data read so far
  bool eof_ = false;
  bool whole_done_ = false;
};

struct settings {
  object_selector sel;
  create_options create;
  mq_attributes attr;
  std::optional<long> type;
  std::optional<long> priority;
  bool zero_terminated = false;
  bool raw = false;
  bool c_string = false;
  std::optional<duration> timeout;
};

// How many messages went out, for the diagnostic of a failure.
void report_send_failure(const message_queue& queue, mq_status status, std::size_t size,
                         std::size_t sent, bool timed)
{
  char* reason = nullptr;
  int n = -1;
  switch (status) {
    case mq_status::would_block:
      n = asprintf(&reason, "%s",
                   timed ? _("timed out while the queue was full") : _("the queue is full"));
      break;
    case mq_status::removed:
      n = asprintf(&reason, "%s", _("the queue was removed"));
      break;
    case mq_status::too_big:
      n = asprintf(&reason, _("message of %zu bytes exceeds %s=%zu"), size,
                   queue.send_limit_name(), queue.send_limit());
      break;
    default:
      n = asprintf(&reason, "%s", strerror(errno));
      break;
  }
  error(0, 0,
        ngettext("cannot send to %s: %s (%zu message sent)",
                 "cannot send to %s: %s (%zu messages sent)", sent),
        queue.description().c_str(), n >= 0 ? reason : "?", sent);
  free(reason);
}

}  // namespace

int main(int argc, char** argv)
{
  initialize_program(argc, argv);
  settings s;

  int c;
  while ((c = getopt_long(argc, argv,
                          IPCUTIL_SELECTOR_SHORT_OPTIONS IPCUTIL_CREATE_SHORT_OPTIONS
                          IPCUTIL_TIMEOUT_SHORT_OPTIONS "t:p:zrC",
                          long_options, nullptr)) != -1) {
    if (take_selector_option(s.sel, c, optarg) || take_create_option(s.create, c, optarg)
        || take_mq_attribute_option(s.attr, c, optarg)
        || take_timeout_option(c, optarg, s.timeout))
      continue;
    switch (c) {
      case 't':
        s.type = static_cast<long>(xparse_int(optarg, 1, LONG_MAX, _("invalid message type")));
        break;
      case 'p':
        s.priority = static_cast<long>(xparse_int(optarg, 0, max_priority, _("invalid priority")));
        break;
      case 'z':
        s.zero_terminated = true;
        break;
      case 'r':
        s.raw = true;
        break;
      case 'C':
        s.c_string = true;
        break;
      default:
        standard_option(c, usage);
    }
  }
  finish_selector(s.sel);
  finish_create_options(s.create, s.sel);
  finish_mq_attributes(s.attr, s.sel, s.create);
  if (s.type && s.sel.posix())
    usage_error(_("option --type applies only to System V queues"));
  if (s.priority && !s.sel.posix())
    usage_error(_("option --priority applies only to POSIX queues (--name)"));
  if (s.raw && s.zero_terminated)
    usage_error(_("options --raw and --zero-terminated are mutually exclusive"));
  bool from_stdin = optind == argc;
  if (!from_stdin && (s.raw || s.zero_terminated))
    usage_error(_("option %s applies to standard input: give no MESSAGE"),
                s.raw ? "--raw" : "--zero-terminated");

  // A closed or unreadable standard input fails before anything is created.
  struct stat st;
  if (from_stdin) {
    // A closed stdin holds a placeholder (initialize_program) that fstat
    // would accept.
    if (stdio_was_closed(STDIN_FILENO))
      error(exit_failure, EBADF, _("read error"));
    if (fstat(STDIN_FILENO, &st) != 0)
      error(exit_failure, errno, _("read error"));
    if (S_ISDIR(st.st_mode))
      error(exit_failure, EISDIR, _("read error"));
    // Open for writing only: read() would fail after the queue was made.
    int fl = fcntl(STDIN_FILENO, F_GETFL);
    if (fl >= 0 && (fl & O_ACCMODE) == O_WRONLY)
      error(exit_failure, EBADF, _("read error"));
  }

  message_queue queue;
  if (!queue.open(s.sel, s.create, s.attr, message_queue::access::send))
    return exit_failure;

  long type = queue.posix() ? s.priority.value_or(0) : s.type.value_or(1);
  std::size_t sent = 0;
  // A queue this run created is never removed again on failure: another
  // process may have opened it (and sent to it, or be waiting on it) the
  // moment it existed.  Say that it is left behind instead.
  auto fail = [&](int status) -> int {
    if (sent == 0 && queue.created())
      error(0, 0, _("%s was created by this run and is left behind"),
            queue.description().c_str());
    return status;
  };
  auto send_one = [&](const char* data, std::size_t size) -> int {
    mq_status r = queue.send(data, size, type, deadline::from_option(s.timeout));
    if (r == mq_status::ok) {
      ++sent;
      return exit_ok;
    }
    report_send_failure(queue, r, size, sent, s.timeout && s.timeout->count() != 0);
    return fail(r == mq_status::would_block ? exit_timeout : exit_failure);
  };

  if (!from_stdin) {
    for (int i = optind; i < argc; ++i) {
      // The argument's own NUL is the one --c-string adds.
      std::size_t size = strlen(argv[i]) + (s.c_string ? 1 : 0);
      if (int status = send_one(argv[i], size); status != exit_ok)
        return status;
    }
    return exit_ok;
  }

  std::size_t limit = queue.send_limit() - (s.c_string && queue.send_limit() > 0 ? 1 : 0);
  record_reader input(STDIN_FILENO, s.raw ? -1 : s.zero_terminated ? '\0' : '\n', limit);
  for (;;) {
    char* data;
    std::size_t size;
    int got = input.next(data, size);
    if (got == 0)
      break;
    if (got < 0) {
      error(0, errno, _("read error"));
      return fail(exit_failure);
    }
    if (s.c_string) {
      if (data != nullptr)
        data[size] = '\0';
      ++size;
    }
    if (data == nullptr) {
      report_send_failure(queue, mq_status::too_big, size, sent, false);
      return fail(exit_failure);
    }
    if (int status = send_one(data, size); status != exit_ok)
      return status;
  }
  return exit_ok;
}
