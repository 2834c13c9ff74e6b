// mqsend: put messages on a System V or POSIX message queue, one per
// MESSAGE argument or per record of standard input.
//
// Records are read with a large buffer and sent with one msgsnd/mq_send
// each; no allocation per message.  A message is sent whole or not at all,
// so a sender killed mid-stream leaves a prefix of its input on the queue.

#include <config.h>

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
#include "libipcutil/framing.hh"
#include "libipcutil/help.hh"
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

[[noreturn]] void usage(int status) {
  if (status != exit_ok) try_help();
  printf(_("Usage: %s [OPTION]... [MESSAGE]...\n"), program_name());
  fputs(
      _("Send each MESSAGE to a System V or POSIX message queue, or, with no\n"
        "MESSAGE, each line of standard input (without its newline; a last "
        "line\n"
        "without a newline counts too, and an empty line is an empty "
        "message).\n"),
      stdout);
  emit_selector_and_create_help(
      _("\nSelecting the queue (exactly one of -k, -f, -i, -n):\n"));
  emit_mq_attribute_help();
  fputs(_("\nSending:\n"), stdout);
  fputs(_("  -t, --type=TYPE        System V message type, 1 or more (default "
          "1)\n"),
        stdout);
  fputs(_("  -p, --priority=N       POSIX message priority, 0 to 32767 "
          "(default 0)\n"),
        stdout);
  fputs(_("  -z, --zero-terminated  input records end with NUL, not newline\n"),
        stdout);
  fputs(_("  -r, --raw              send all of standard input as one message, "
          "byte\n"
          "                           for byte\n"),
        stdout);
  fputs(_("  -C, --c-string         append a NUL byte to each message, for C "
          "programs\n"
          "                           that print the buffer as a string\n"),
        stdout);
  fputs(_("  -w, --timeout=DURATION  give up with status 3 when the queue "
          "stays full\n"
          "                           for DURATION while a message waits for "
          "room\n"),
        stdout);
  fputs(
      _("      --nonblock         never wait for room: same as --timeout=0\n"),
      stdout);
  emit_standard_options_help();
  emit_values_help(help_key_id_mode | help_size | help_duration);
  fputs(
      _("\nA message larger than the limit (kernel.msgmax or the queue's "
        "msg_qbytes\n"
        "for System V, the queue's mq_msgsize for POSIX) is not sent: mqsend "
        "stops\n"
        "with status 1 and says how many messages it sent before it.  A queue\n"
        "that --create made is never removed again when the run fails: "
        "another\n"
        "process may already use it; mqsend says that it was left behind.\n"),
      stdout);
  emit_exit_status_help(true);
  emit_help_footer();
  exit(exit_ok);
}

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
  bool from_stdin = false;
};

// A record of standard input too long to send, whose size is not known:
// reading stopped as soon as it passed the limit.
constexpr std::size_t more_than_limit = static_cast<std::size_t>(-1);

// How many messages went out, for the diagnostic of a failure.
void report_send_failure(const message_queue& queue, mq_status status,
                         std::size_t size, std::size_t sent, bool timed) {
  char* reason = nullptr;
  int n = -1;
  switch (status) {
    case mq_status::would_block:
      n = asprintf(&reason, "%s",
                   timed ? _("timed out while the queue was full")
                         : _("the queue is full"));
      break;
    case mq_status::removed:
      n = asprintf(&reason, "%s", _("the queue was removed"));
      break;
    case mq_status::too_big:
      if (size == more_than_limit)
        n = asprintf(
            &reason, _("message of more than %zu bytes exceeds %s=%zu"),
            queue.send_limit(), queue.send_limit_name(), queue.send_limit());
      else
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

settings parse_arguments(int argc, char** argv) {
  settings s;
  int c;
  while ((c = getopt_long(
              argc, argv,
              IPCUTIL_SELECTOR_SHORT_OPTIONS IPCUTIL_CREATE_SHORT_OPTIONS
                  IPCUTIL_TIMEOUT_SHORT_OPTIONS "t:p:zrC",
              long_options, nullptr)) != -1) {
    if (take_selector_option(s.sel, c, optarg) ||
        take_create_option(s.create, c, optarg) ||
        take_mq_attribute_option(s.attr, c, optarg) ||
        take_timeout_option(c, optarg, s.timeout))
      continue;
    switch (c) {
      case 't':
        s.type = static_cast<long>(
            xparse_int(optarg, 1, LONG_MAX, _("invalid message type")));
        break;
      case 'p':
        s.priority = static_cast<long>(
            xparse_int(optarg, 0, max_priority, _("invalid priority")));
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
    usage_error(
        _("options --raw and --zero-terminated are mutually exclusive"));
  if (optind == argc)
    s.from_stdin = true;
  else if (s.raw || s.zero_terminated)
    usage_error(_("option %s applies to standard input: give no MESSAGE"),
                s.raw ? "--raw" : "--zero-terminated");
  return s;
}

// Sends each message in turn and counts them; the first failure is
// reported and ends the run with its status.
class sender {
 public:
  sender(message_queue& queue, const settings& s)
      : queue_(queue),
        timeout_(s.timeout),
        type_(queue.posix() ? s.priority.value_or(0) : s.type.value_or(1)) {}

  // Each message has the whole timeout to find room.
  int send(const char* data, std::size_t size) {
    deadline until = deadline::from_option(timeout_);
    mq_status r = queue_.send(data, size, type_, until);
    if (r == mq_status::ok) {
      ++sent_;
      return exit_ok;
    }
    report_send_failure(queue_, r, size, sent_, !until.is_immediate());
    return r == mq_status::would_block ? exit_timeout : exit_failure;
  }

  int too_big() {
    report_send_failure(queue_, mq_status::too_big, more_than_limit, sent_,
                        false);
    return exit_failure;
  }

  std::size_t sent() const { return sent_; }

 private:
  message_queue& queue_;
  std::optional<duration> timeout_;
  long type_;
  std::size_t sent_ = 0;
};

int send_arguments(sender& out, const settings& s, int first, int argc,
                   char** argv) {
  for (int i = first; i < argc; ++i) {
    // The argument's own NUL is the one --c-string adds.
    std::size_t size = strlen(argv[i]) + (s.c_string ? 1 : 0);
    if (int status = out.send(argv[i], size); status != exit_ok) return status;
  }
  return exit_ok;
}

int send_records(sender& out, const settings& s, std::size_t send_limit) {
  // --c-string's NUL takes one byte of the limit.
  std::size_t limit = send_limit - (s.c_string && send_limit > 0 ? 1 : 0);
  record_reader input(STDIN_FILENO,
                      s.raw               ? whole_input
                      : s.zero_terminated ? '\0'
                                          : '\n',
                      limit);
  for (;;) {
    char* data;
    std::size_t size;
    switch (input.next(data, size)) {
      case record_reader::result::end:
        return exit_ok;
      case record_reader::result::error:
        error(0, errno, _("read error"));
        return exit_failure;
      case record_reader::result::too_big:
        return out.too_big();
      case record_reader::result::record:
        break;
    }
    if (s.c_string)
      data[size++] = '\0';  // the reader leaves one writable byte after it
    if (int status = out.send(data, size); status != exit_ok) return status;
  }
}

}  // namespace

int main(int argc, char** argv) {
  initialize_program(argc, argv);
  settings s = parse_arguments(argc, argv);

  // A closed or unreadable standard input fails before anything is created.
  struct stat st;
  if (s.from_stdin) {
    // A closed stdin holds a placeholder (initialize_program) that fstat
    // would accept.
    if (stdio_was_closed(STDIN_FILENO))
      error(exit_failure, EBADF, _("read error"));
    if (fstat(STDIN_FILENO, &st) != 0)
      error(exit_failure, errno, _("read error"));
    if (S_ISDIR(st.st_mode)) error(exit_failure, EISDIR, _("read error"));
    // Open for writing only: read() would fail after the queue was made.
    int fl = fcntl(STDIN_FILENO, F_GETFL);
    if (fl >= 0 && (fl & O_ACCMODE) == O_WRONLY)
      error(exit_failure, EBADF, _("read error"));
  }

  message_queue queue;
  if (!queue.open(s.sel, s.create, s.attr, message_queue::access::send))
    return exit_failure;

  sender out(queue, s);
  int status = s.from_stdin ? send_records(out, s, queue.send_limit())
                            : send_arguments(out, s, optind, argc, argv);
  // A queue this run created is never removed again on failure: another
  // process may have opened it (and sent to it, or be waiting on it) the
  // moment it existed.  Say that it is left behind instead.
  if (status != exit_ok && out.sent() == 0 && queue.created())
    error(0, 0, _("%s was created by this run and is left behind"),
          queue.description().c_str());
  return status;
}
