// mqrecv: take messages off a System V or POSIX message queue and write
// each one to standard output.
//
// Nothing is lost: a message is taken off the queue before it can be
// written, so when the write fails it goes back on the queue (same type or
// priority) before mqrecv reports the error.  While more messages are
// waiting they are taken without blocking into a bounded batch written
// with one write(); when the queue is empty what is in hand is written at
// once.  A failed write puts back every message of the batch not written
// whole, in order.  SIGTERM, SIGINT and SIGHUP only set a flag
// (termination.hh): a waiting receive returns, a record begun is finished,
// the rest of the batch goes back (what finds the queue full is written
// after all), then mqrecv dies by that signal.

#include <config.h>

#include <errno.h>
#include <error.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <optional>
#include <string>
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
#include "libipcutil/termination.hh"

using namespace ipcutil;

namespace {

enum { REMOVE_OPTION = CHAR_MAX + 1, ALLOW_LOSS_OPTION };

// How long a message that could not be written may wait for room to go
// back on the queue (room is there unless other senders took it).
constexpr std::chrono::seconds put_back_wait(5);

// A batch ends at whichever comes first; a SIGKILL loses at most this.
constexpr std::size_t batch_max_records = 256;
constexpr std::size_t batch_max_bytes = 64 * 1024;

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
    {"unbuffered", no_argument, nullptr, 'u'},
    {"allow-loss", no_argument, nullptr, ALLOW_LOSS_OPTION},
    IPCUTIL_TIMEOUT_LONG_OPTIONS,
    {"remove", no_argument, nullptr, REMOVE_OPTION},
    IPCUTIL_STANDARD_LONG_OPTIONS,
    {nullptr, 0, nullptr, 0},
};

[[noreturn]] void usage(int status) {
  if (status != exit_ok) try_help();
  printf(_("Usage: %s [OPTION]...\n"), program_name());
  fputs(_("Receive messages from a System V or POSIX message queue and write "
          "each\n"
          "one to standard output, followed by a newline.\n"),
        stdout);
  emit_selector_and_create_help(
      _("\nSelecting the queue (exactly one of -k, -f, -i, -n):\n"), true);
  emit_mq_attribute_help();
  fputs(_("\nReceiving:\n"), stdout);
  fputs(_("  -N, --count=N          receive N messages, waiting for each "
          "(default 1)\n"),
        stdout);
  fputs(_("  -a, --all              receive the messages on the queue now, "
          "without\n"
          "                           waiting; none at all is success\n"),
        stdout);
  fputs(_("  -t, --type=TYPE        System V: 0 takes the first message, N the "
          "first\n"
          "                           of type N, -N the first of the lowest "
          "type <= N\n"),
        stdout);
  fputs(_("  -e, --except           with --type=N (N > 0), take the first "
          "message\n"
          "                           whose type is not N\n"),
        stdout);
  fputs(_("  -T, --show-type        put the type (System V) or priority "
          "(POSIX) and\n"
          "                           a tab before each message\n"),
        stdout);
  fputs(_("  -z, --zero-terminated  end each message with NUL, not newline\n"),
        stdout);
  fputs(
      _("  -r, --raw              write the exact bytes, with no terminator\n"),
      stdout);
  fputs(_("  -u, --unbuffered       write each message before taking the next, "
          "so a\n"
          "                           kill -9 loses at most one message\n"),
        stdout);
  fputs(_("      --allow-loss       receive even without write permission on "
          "the\n"
          "                           queue: a message that cannot be written "
          "is lost\n"),
        stdout);
  fputs(_("  -w, --timeout=DURATION  exit with status 3 if the messages have "
          "not all\n"
          "                           arrived within DURATION\n"),
        stdout);
  fputs(_("      --nonblock         never wait: same as --timeout=0\n"),
        stdout);
  fputs(
      _("      --remove           remove the queue afterwards, if it is ours,\n"
        "                           everything succeeded and it holds no "
        "message\n"),
      stdout);
  emit_standard_options_help();
  emit_values_help(help_key_id_mode | help_size | help_duration);
  fputs(
      _("\nIn the default text mode, and with -z, a message is written up to "
        "its\n"
        "first NUL byte, so a C string sent in a larger buffer prints as "
        "text.\n"
        "Messages are never truncated: the receive buffer follows the queue's\n"
        "limit.  A message that cannot be written (a full disk, a closed "
        "pipe)\n"
        "is put back on the queue with its type or priority, at the end of "
        "the\n"
        "queue (System V) or of its priority (POSIX); then mqrecv reports the\n"
        "error, or dies of SIGPIPE like cat when the pipe was closed.  "
        "Without\n"
        "write permission on the queue nothing could be put back, so mqrecv\n"
        "refuses to receive unless --allow-loss is given.\n"),
      stdout);
  fputs(_("\nWhile more messages are waiting, up to 256 of them (64 KiB) are "
          "taken\n"
          "and written together; a kill -9 can lose those in hand.  With\n"
          "--unbuffered, each message is written before the next is taken.\n"),
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
  record_format format;
  bool zero_terminated = false;
  bool unbuffered = false;
  bool allow_loss = false;
  std::optional<duration> timeout;
  bool remove = false;
};

settings parse_arguments(int argc, char** argv) {
  settings s;
  int c;
  while ((c = getopt_long(
              argc, argv,
              IPCUTIL_SELECTOR_SHORT_OPTIONS IPCUTIL_CREATE_SHORT_OPTIONS
                  IPCUTIL_TIMEOUT_SHORT_OPTIONS "N:at:eTzru",
              long_options, nullptr)) != -1) {
    if (take_selector_option(s.sel, c, optarg) ||
        take_create_option(s.create, c, optarg) ||
        take_mq_attribute_option(s.attr, c, optarg) ||
        take_timeout_option(c, optarg, s.timeout))
      continue;
    switch (c) {
      case 'N':
        s.count = static_cast<unsigned long>(
            xparse_uint(optarg, 1, ULONG_MAX, _("invalid count")));
        break;
      case 'a':
        s.all = true;
        break;
      case 't':
        s.type = static_cast<long>(
            xparse_int(optarg, -LONG_MAX, LONG_MAX, _("invalid message type")));
        break;
      case 'e':
        s.except = true;
        break;
      case 'T':
        s.format.show_type = true;
        break;
      case 'z':
        s.zero_terminated = true;
        s.format.terminator = '\0';
        break;
      case 'r':
        s.format.raw = true;
        break;
      case 'u':
        s.unbuffered = true;
        break;
      case ALLOW_LOSS_OPTION:
        s.allow_loss = true;
        break;
      case REMOVE_OPTION:
        s.remove = true;
        break;
      default:
        standard_option(c, usage);
    }
  }
  if (optind < argc) usage_error(_("extra operand %s"), quote(argv[optind]));
  finish_selector(s.sel);
  finish_create_options(s.create, s.sel, s.remove);
  finish_mq_attributes(s.attr, s.sel, s.create);
  if (s.type && s.sel.posix())
    usage_error(_("option --type applies only to System V queues"));
  if (s.except && s.sel.posix())
    usage_error(_("option --except applies only to System V queues"));
  if (s.except && s.type.value_or(0) <= 0)
    usage_error(_("option --except needs --type with a type of 1 or more"));
  if (s.format.raw && s.zero_terminated)
    usage_error(
        _("options --raw and --zero-terminated are mutually exclusive"));
  if (s.all && s.count)
    usage_error(_("options --all and --count are mutually exclusive"));
  if (s.all && s.timeout && s.timeout->count() != 0)
    usage_error(_("options --all and --timeout are mutually exclusive"));
  return s;
}

// The messages taken off the queue and not yet written: their records
// for stdout, and their bytes and types to put back.
class receiver {
 public:
  receiver(message_queue& queue, const settings& s) : queue_(queue), s_(s) {}

  // Takes the message in the queue's buffer into the batch; writes the
  // batch when it is full (or with --unbuffered).
  void take() {
    const char* data = queue_.message_data();
    std::size_t size = queue_.message_size();
    batch_.add(data, size, queue_.message_type(), s_.format);
    kept_.push_back({raw_.size(), size, queue_.message_type()});
    raw_.append(data, size);
    if (s_.unbuffered || batch_.records() >= batch_max_records ||
        batch_.bytes() >= batch_max_bytes)
      flush();
  }

  bool empty() const { return batch_.empty(); }

  // Writes what is in hand; on failure puts back every message not
  // written whole, in order, and reports (or dies by the signal).
  void flush() {
    if (batch_.empty()) return;
    if (!batch_.write(STDOUT_FILENO, stop_flag())) write_failed(errno);
    batch_.clear();
    kept_.clear();
    raw_.clear();
  }

 private:
  struct kept_message {
    std::size_t offset, size;
    long type;
  };

  [[noreturn]] void write_failed(int err) {
    std::size_t first = batch_.written_records();
    std::size_t partial = first < batch_.records() ? batch_.partial_bytes() : 0;
    if (partial != 0 && cut_partial_record(partial)) partial = 0;
    // Stopped by a signal, stdout has not failed.  Under load, senders
    // blocked on a full queue take the room each message left at once
    // (tests/load/mq-term.sh): waiting for room would be in vain, so what
    // cannot go back at once is written instead.  After a write error,
    // one wait for room for them all, not one per message: a queue that
    // stays full would keep a batch of 256 here for 20 minutes.
    const bool stopped = err == EINTR && stop_signal() != 0;
    const deadline until = deadline::after(put_back_wait);
    const deadline room_until =
        stopped ? deadline::after(std::chrono::nanoseconds::zero()) : until;
    for (std::size_t i = first; i < kept_.size(); ++i) {
      mq_status r = put_back(kept_[i], room_until);
      int put_back_errno = errno;
      if (r == mq_status::ok || (stopped && r == mq_status::would_block &&
                                 write_instead(kept_[i], until)))
        continue;
      report_lost(kept_[i], r, put_back_errno);
    }
    if (stopped) die_by_signal(stop_signal());
    if (err == EPIPE && !sigpipe_was_ignored()) die_by_signal(SIGPIPE);
    if (partial != 0)
      error(exit_failure, 0,
            ngettext("write error: %s (%zu of %zu byte of a message written; "
                     "all of it "
                     "went back on the queue)",
                     "write error: %s (%zu of %zu bytes of a message written; "
                     "all of it "
                     "went back on the queue)",
                     batch_.record_size(first)),
            strerror(err), partial, batch_.record_size(first));
    write_error(err);
  }

  // A regular file can lose the torn record: cut it off, so that a rerun
  // after the message went back writes it whole, once.
  static bool cut_partial_record(std::size_t partial) {
    struct stat st;
    if (fstat(STDOUT_FILENO, &st) != 0 || !S_ISREG(st.st_mode)) return false;
    off_t end = lseek(STDOUT_FILENO, 0, SEEK_CUR);
    if (end < static_cast<off_t>(partial)) return false;
    off_t start = end - static_cast<off_t>(partial);
    return ftruncate(STDOUT_FILENO, start) == 0 &&
           lseek(STDOUT_FILENO, start, SEEK_SET) == start;
  }

  mq_status put_back(const kept_message& m, const deadline& until) {
    return queue_.put_back(&raw_[m.offset], m.size, m.type, until);
  }

  // Writes M's record to stdout, whole, before UNTIL (after a stop the
  // kick timer of termination.hh interrupts a write that blocks).
  bool write_instead(const kept_message& m, const deadline& until) {
    std::string text;
    append_record(text, &raw_[m.offset], m.size, m.type, s_.format);
    std::size_t done = 0;
    while (done < text.size()) {
      ssize_t n = write(STDOUT_FILENO, text.data() + done, text.size() - done);
      if (n > 0) {
        done += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && (errno == EINTR || errno == EAGAIN) && !until.expired()) {
        if (errno == EAGAIN) {
          struct timespec left = until.remaining_timespec();
          struct pollfd pfd = {STDOUT_FILENO, POLLOUT, 0};
          ppoll(&pfd, 1, &left, nullptr);
        }
        continue;
      }
      return false;
    }
    return true;
  }

  void report_lost(const kept_message& m, mq_status r, int err) {
    const char* reason = r == mq_status::would_block
                             ? _("the queue stayed full")
                         : r == mq_status::removed ? _("the queue was removed")
                                                   : strerror(err);
    error(0, 0,
          _("cannot put a message of %zu bytes back on %s: %s; the message is "
            "lost"),
          m.size, queue_.description().c_str(), reason);
  }

  message_queue& queue_;
  const settings& s_;
  record_batch batch_;
  std::vector<kept_message> kept_;
  std::string raw_;
};

// Receives WANT messages (all there now with --all); returns the exit
// status.  A batch in hand is written before waiting and before a report.
int receive_messages(message_queue& queue, const settings& s, deadline until) {
  unsigned long want = s.count.value_or(1);
  if (s.all) {
    // The messages there now: a sender that keeps sending cannot keep us.
    long now = queue.count();
    if (now < 0)
      error(exit_failure, errno, _("cannot read the state of %s"),
            queue.description().c_str());
    want = static_cast<unsigned long>(now);
  }
  const deadline at_once = deadline::after(duration::zero());
  receiver out(queue, s);
  long type = s.type.value_or(0);
  unsigned long received = 0;
  while (received < want) {
    if (stop_signal() != 0) break;
    mq_status r =
        queue.receive(type, s.except, s.all || !out.empty() ? at_once : until);
    if (r == mq_status::ok) {
      out.take();
      ++received;
      continue;
    }
    if (r == mq_status::would_block && !s.all && !out.empty()) {
      out.flush();  // the queue is empty: write what is in hand, then wait
      continue;
    }
    out.flush();
    if (r == mq_status::interrupted || (r == mq_status::would_block && s.all))
      break;  // a signal (dies below), or others took the rest of --all
    const char* reason =
        r == mq_status::would_block
            ? (until.is_immediate() ? _("no message is waiting")
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
  out.flush();
  die_if_stopped();
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  initialize_program(argc, argv);
  settings s = parse_arguments(argc, argv);
  deadline until = deadline::from_option(s.timeout);
  setup_termination();

  message_queue queue;
  if (!queue.open(s.sel, s.create, s.attr, message_queue::access::receive))
    return exit_failure;
  if (!s.allow_loss && !queue.can_put_back())
    error(
        exit_failure, 0,
        _("refusing to receive from %s: without write permission a "
          "message that cannot be written could not be put back (--allow-loss "
          "receives anyway)"),
        queue.description().c_str());

  int status = receive_messages(queue, s, until);
  if (status == exit_ok && s.remove &&
      queue.remove_if_owned(s.create.allow_foreign) != remove_result::removed)
    return exit_failure;
  return status;
}
