// udsecho: a UNIX domain socket echo server (-l) and client.
//
// The server serves many clients at once from one epoll loop on
// non-blocking sockets.  Each stream client owns a bounded amount of
// unsent echo (a pipe the bytes are spliced through, or a buffer), so a
// client that sends without reading stops being read while everybody
// else goes on.  The socket file is made safely (see
// libipcutil/unixsock.hh) and removed at exit only if it is still ours.
// The client sends and receives at the same time, so a large echo never
// deadlocks against the server's bound.

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <climits>
#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libipcutil/deadline.hh"
#include "libipcutil/fd.hh"
#include "libipcutil/framing.hh"
#include "libipcutil/fspath.hh"
#include "libipcutil/help.hh"
#include "libipcutil/i18n.hh"
#include "libipcutil/options.hh"
#include "libipcutil/parse.hh"
#include "libipcutil/pidfile.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"
#include "libipcutil/unixsock.hh"

using namespace ipcutil;

namespace {

// Long-only options.
enum : int {
  option_allow_uid = CHAR_MAX + 1,
  option_max_clients,
};

const struct option long_options[] = {
    {"listen", no_argument, nullptr, 'l'},
    {"type", required_argument, nullptr, 't'},
    {"mode", required_argument, nullptr, 'm'},
    {"allow-foreign", no_argument, nullptr, option_allow_foreign},
    {"pid-file", required_argument, nullptr, 'p'},
    {"count", required_argument, nullptr, 'N'},
    {"verbose", no_argument, nullptr, 'v'},
    {"allow-uid", required_argument, nullptr, option_allow_uid},
    {"max-clients", required_argument, nullptr, option_max_clients},
    {"zero-terminated", no_argument, nullptr, 'z'},
    {"raw", no_argument, nullptr, 'r'},
    {"c-string", no_argument, nullptr, 'C'},
    IPCUTIL_TIMEOUT_LONG_OPTIONS,
    IPCUTIL_STANDARD_LONG_OPTIONS,
    {nullptr, 0, nullptr, 0},
};

// The unsent echo a stream client may hold before we stop reading it.
constexpr std::size_t client_bound = 256 * 1024;
// The largest datagram or seqpacket message handled whole: more than a
// socket's send buffer can hold by default (net.core.wmem_max).
constexpr std::size_t max_message = 1024 * 1024;
// A client's default ceiling, whatever the descriptor limit allows.
constexpr unsigned default_max_clients = 1024;
// Descriptors kept for everything but clients (stdio, epoll, signalfd,
// listener, pid file).
constexpr unsigned reserved_fds = 16;
// Datagrams a client keeps in flight.
constexpr unsigned long dgram_window = 8;

struct settings {
  bool listen = false;
  int type = SOCK_STREAM;
  mode_t mode = 0600;
  bool allow_foreign = false;
  const char* pid_file = nullptr;
  unsigned long count = 0;  // 0: forever
  std::optional<duration> timeout;
  bool verbose = false;
  std::vector<uid_t> allowed_uids;  // empty: everybody
  unsigned max_clients = 0;         // 0: from the descriptor limit
  bool zero_terminated = false;
  bool raw = false;
  bool c_string = false;
  // Which of the options that belong to one side only were given, for
  // the usage error.
  const char* server_only = nullptr;
  const char* client_only = nullptr;
};

[[noreturn]] void usage(int status) {
  if (status != exit_ok) try_help();
  printf(_("Usage: %s -l [OPTION]... SOCKET\n"
           "  or:  %s [OPTION]... SOCKET [MESSAGE]...\n"),
         program_name(), program_name());
  fputs(_("Echo every byte or message sent to the UNIX domain SOCKET back to "
          "its\n"
          "sender, for many clients at once (-l); or connect to SOCKET, send "
          "each\n"
          "MESSAGE (or standard input) and print what comes back.\n"),
        stdout);
  emit_mandatory_arguments_help();
  fputs(
      _("  -t, --type=TYPE        stream (the default), dgram or seqpacket\n"),
      stdout);
  fputs(
      _("  -w, --timeout=DURATION  server: exit with status 3 after DURATION\n"
        "                           without traffic; client: give up with "
        "status 3\n"
        "                           when connecting, or the wait for the "
        "server\n"
        "                           once all input is sent, takes that long\n"),
      stdout);
  fputs(_("      --nonblock         same as --timeout=0\n"), stdout);
  fputs(_("\nServer:\n"), stdout);
  fputs(_("  -l, --listen           be the server: bind SOCKET and echo\n"),
        stdout);
  fputs(_("  -m, --mode=MODE        permissions of the socket file, in octal\n"
          "                           (default 0600); it never exists with "
          "wider ones\n"),
        stdout);
  fputs(_("      --allow-foreign    replace a stale socket of another user\n"),
        stdout);
  fputs(_("  -p, --pid-file=FILE    write the process ID to FILE once SOCKET "
          "accepts\n"
          "                           clients; remove FILE at exit\n"),
        stdout);
  fputs(_("  -N, --count=N          exit after serving N clients (connections, "
          "or\n"
          "                           datagrams with --type=dgram)\n"),
        stdout);
  fputs(_("  -v, --verbose          report each client's pid, uid and gid on "
          "stderr\n"),
        stdout);
  fputs(_("      --allow-uid=UID[,UID]...  serve only these users; close the\n"
          "                           connections (drop the datagrams) of "
          "others\n"),
        stdout);
  fputs(_("      --max-clients=N    serve at most N connections at once; more "
          "wait\n"
          "                           in the backlog (default 1024, or fewer "
          "if the\n"
          "                           limit on open files needs it)\n"),
        stdout);
  fputs(_("\nClient:\n"), stdout);
  fputs(_("  -z, --zero-terminated  records end with NUL, not newline\n"),
        stdout);
  fputs(
      _("  -r, --raw              send and print exact bytes: standard input "
        "is\n"
        "                           one message for dgram and seqpacket, and\n"
        "                           replies are printed as they are\n"),
      stdout);
  fputs(_("  -C, --c-string         end each message sent with a NUL byte, for "
          "C\n"
          "                           programs that print the buffer as a "
          "string\n"),
        stdout);
  emit_standard_options_help();
  fputs(_("\nSOCKET is a file name of at most 107 bytes, or @NAME for NAME in "
          "the\n"
          "abstract namespace, which has no file.\n"),
        stdout);
  fputs(_("\nAn existing SOCKET file is replaced only if it is a stale socket "
          "(nobody\n"
          "accepts connections on it) of the same user.  A live server's "
          "socket, or\n"
          "anything that is not a socket, is left alone: status 1.\n"),
        stdout);
  fputs(_("\nThe client sends stream data as it is and half-closes the "
          "connection at\n"
          "the end of input, then prints everything the server sends until it\n"
          "closes.  For dgram and seqpacket each line (NUL-terminated record "
          "with\n"
          "-z) is one message, and each reply is printed as a line.  A reply "
          "holding\n"
          "a C string is printed up to its NUL.\n"),
        stdout);
  emit_values_help(help_duration);
  emit_exit_status_help(true);
  emit_help_footer();
  exit(exit_ok);
}

int parse_type(const char* arg) {
  std::string_view t(arg);
  if (t == "stream") return SOCK_STREAM;
  if (t == "dgram" || t == "datagram") return SOCK_DGRAM;
  if (t == "seqpacket") return SOCK_SEQPACKET;
  die(exit_usage, 0,
      _("invalid socket type: %s (use stream, dgram or seqpacket)"),
      quote(arg));
  abort();  // not reached
}

std::vector<uid_t> parse_uid_list(const char* arg) {
  std::vector<std::string_view> items;
  if (!split_list(arg, items))
    die(exit_usage, 0, _("invalid user ID list: %s: empty item"), quote(arg));
  std::vector<uid_t> uids;
  for (std::string_view item : items) {
    // uid_t's -1 means "no user" to the kernel, so it is never a user.
    uids.push_back(static_cast<uid_t>(
        xparse_uint(std::string(item).c_str(), 0, static_cast<uid_t>(-1) - 1,
                    _("invalid user ID"))));
  }
  return uids;
}

unix_address parse_address(const char* arg) {
  unix_address addr;
  switch (make_unix_address(arg, addr)) {
    case address_error::ok:
      break;
    case address_error::empty:
    case address_error::has_nul:
      die(exit_usage, 0, _("invalid socket address: %s"), quote(arg));
      break;
    case address_error::too_long:
      die(exit_usage, 0,
          _("socket address too long: %s: %zu bytes, the limit is %zu"),
          quote(arg), unix_address_length(arg), max_socket_path);
      break;
  }
  return addr;
}

// ---- server: the socket file removed at exit -------------------------------

// The socket file this process made; removed by every exit, and before a
// death by signal, only if it is still the file we made.
struct {
  std::string path;
  dev_t dev = 0;
  ino_t ino = 0;
} socket_file;

void remove_socket_file() {
  if (!socket_file.path.empty())
    remove_bound_socket(socket_file.path.c_str(), socket_file.dev,
                        socket_file.ino);
  socket_file.path.clear();
}

// ---- server: the echo loop --------------------------------------------------

enum class peer_event { connected, refused, datagram, dropped };

struct peer_identity {
  pid_t pid = 0;
  uid_t uid = static_cast<uid_t>(-1);
  gid_t gid = static_cast<gid_t>(-1);
};

// One connected client.  Stream clients hold their unsent echo in a pipe
// (spliced, no copy through user space) or, if no pipe could be had, in a
// buffer; seqpacket clients hold at most one unsent message.
struct client {
  unique_fd sock;
  unique_fd pipe_r, pipe_w;
  std::unique_ptr<char[]> buf;
  std::size_t head = 0, tail = 0;
  std::size_t pending = 0;    // unsent echo in the pipe or the buffer
  bool pipe_full = false;     // the pipe has no free slot, however few bytes
  std::vector<char> message;  // seqpacket: the unsent echo
  bool eof = false;
  uint32_t events = 0;  // the epoll interest now registered
};

// A datagram reply the receiver had no room for yet.
struct pending_reply {
  sockaddr_un to{};
  socklen_t to_len = 0;
  std::vector<char> data;
  deadline give_up = deadline::never();
};

constexpr std::size_t max_pending_replies = 1024;
// The datagram server's send buffer, if we may have it.
constexpr std::size_t dgram_send_buffer = 8 * 1024 * 1024;
// How long a datagram reply waits for a receiver that does not read.
constexpr std::chrono::seconds reply_patience{1};
// How often undelivered datagram replies are retried.
constexpr int retry_ms = 10;
// After EMFILE with no client to free a descriptor, the listener rests.
constexpr int emfile_rest_ms = 100;

// An empty seqpacket message and the end of the connection both read as
// 0 bytes; with SO_PASSCRED on, a message always carries credentials and
// the end never does.  Sets END for the end.
ssize_t recv_message(int fd, char* buf, std::size_t size, bool& end) {
  char control[CMSG_SPACE(sizeof(struct ucred))];
  struct iovec iov = {buf, size};
  struct msghdr msg {};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n = recvmsg(fd, &msg, MSG_DONTWAIT | MSG_TRUNC | MSG_CMSG_CLOEXEC);
  end = n == 0 && msg.msg_controllen == 0;
  return n;
}

bool pass_credentials(int fd) {
  int on = 1;
  return setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof on) == 0;
}

enum : uint64_t { tag_listener = UINT64_MAX, tag_signals = UINT64_MAX - 1 };

class server {
 public:
  server(const settings& s, unique_fd listener, const unix_address& addr,
         const sigset_t& signals)
      : s_(s),
        listener_(std::move(listener)),
        addr_(addr),
        signal_set_(signals),
        buffer_(std::make_unique<char[]>(max_message)) {}

  // Runs until --count is reached (0), the idle timeout passes (3) or a
  // termination signal arrives (its number, negated).
  int run();

 private:
  void watch(int fd, uint32_t events, uint64_t tag);
  void set_listening(bool on);
  void accept_clients();
  void on_emfile();
  bool admit(int fd);
  void add_client(unique_fd fd);
  void close_client(client& c, bool served);
  void pump_stream(client& c);
  void pump_seqpacket(client& c);
  void update_interest(client& c, uint32_t want);
  void serve_datagrams();
  void retry_replies();
  bool send_reply(const sockaddr_un& to, socklen_t to_len, const char* data,
                  std::size_t len);
  void log_peer(peer_event what, const peer_identity& who);
  bool allowed(uid_t uid) const;
  unsigned max_clients() const;

  const settings& s_;
  // max_clients(), read once: the descriptor limit does not change under
  // us, and a getrlimit per wake-up was one of four system calls per
  // round trip.
  unsigned client_limit_ = 0;
  unique_fd listener_;
  const unix_address& addr_;
  sigset_t signal_set_;
  unique_fd epoll_;
  unique_fd signals_;
  std::vector<std::unique_ptr<client>> clients_;  // indexed by descriptor
  unsigned open_clients_ = 0;
  unsigned long admitted_ = 0;  // clients taken on, toward --count
  unsigned long served_ = 0;
  bool listening_ = false;
  bool resting_ = false;  // the listener paused after EMFILE
  deadline rest_until_ = deadline::never();
  bool emfile_logged_ = false;
  std::unique_ptr<char[]> buffer_;
  std::deque<pending_reply> replies_;
  int stop_signal_ = 0;
};

void server::watch(int fd, uint32_t events, uint64_t tag) {
  struct epoll_event ev {};
  ev.events = events;
  ev.data.u64 = tag;
  if (epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &ev) != 0)
    die(exit_failure, errno, _("cannot watch a socket"));
}

void server::set_listening(bool on) {
  if (on == listening_) return;
  struct epoll_event ev {};
  ev.events = EPOLLIN;
  ev.data.u64 = tag_listener;
  epoll_ctl(epoll_.get(), on ? EPOLL_CTL_ADD : EPOLL_CTL_DEL, listener_.get(),
            &ev);
  listening_ = on;
}

unsigned server::max_clients() const {
  if (s_.max_clients != 0) return s_.max_clients;
  // A stream client costs three descriptors (socket and pipe).
  struct rlimit rl;
  unsigned limit = default_max_clients;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
    rlim_t room = rl.rlim_cur > reserved_fds ? rl.rlim_cur - reserved_fds : 1;
    limit = static_cast<unsigned>(
        std::min<rlim_t>(limit, std::max<rlim_t>(room / 3, 1)));
  }
  return limit;
}

bool server::allowed(uid_t uid) const {
  return s_.allowed_uids.empty() ||
         std::find(s_.allowed_uids.begin(), s_.allowed_uids.end(), uid) !=
             s_.allowed_uids.end();
}

void server::log_peer(peer_event what, const peer_identity& who) {
  long pid = who.pid;
  unsigned long uid = who.uid, gid = who.gid;
  switch (what) {
    case peer_event::connected:
      warn(0, _("connection from pid %ld, uid %lu, gid %lu"), pid, uid, gid);
      break;
    case peer_event::refused:
      warn(0,
           _("refused connection from pid %ld, uid %lu, gid %lu: user not "
             "allowed"),
           pid, uid, gid);
      break;
    case peer_event::datagram:
      warn(0, _("datagram from pid %ld, uid %lu, gid %lu"), pid, uid, gid);
      break;
    case peer_event::dropped:
      warn(0,
           _("dropped datagram from pid %ld, uid %lu, gid %lu: user not "
             "allowed"),
           pid, uid, gid);
      break;
  }
}

// Checks a new connection's credentials; false if it was refused.
bool server::admit(int fd) {
  if (!s_.verbose && s_.allowed_uids.empty()) return true;
  struct ucred cred {};
  socklen_t len = sizeof cred;
  peer_identity who;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0) {
    who.pid = cred.pid;
    who.uid = cred.uid;
    who.gid = cred.gid;
  }
  if (!allowed(who.uid)) {
    log_peer(peer_event::refused, who);
    return false;
  }
  if (s_.verbose) log_peer(peer_event::connected, who);
  return true;
}

void server::add_client(unique_fd fd) {
  auto c = std::make_unique<client>();
  if (s_.type == SOCK_STREAM) {
    int p[2];
    if (pipe2(p, O_NONBLOCK | O_CLOEXEC) == 0) {
      c->pipe_r.reset(p[0]);
      c->pipe_w.reset(p[1]);
      // Room for the whole bound in one pipe; an unprivileged user over
      // fs.pipe-user-pages-soft keeps the default size, which only means
      // smaller steps.
      fcntl(p[1], F_SETPIPE_SZ, static_cast<int>(client_bound));
    } else {
      // Out of descriptors for a pipe: copy through a buffer instead.
      c->buf = std::make_unique<char[]>(client_bound);
    }
  }
  int sfd = fd.get();
  c->sock = std::move(fd);
  if (static_cast<std::size_t>(sfd) >= clients_.size())
    clients_.resize(sfd + 1);
  client& ref = *c;
  clients_[sfd] = std::move(c);
  ++open_clients_;
  ref.events = EPOLLIN;
  watch(sfd, EPOLLIN, static_cast<uint64_t>(sfd));
  // Data may already be waiting: the first round needs no wake-up.
  if (s_.type == SOCK_STREAM)
    pump_stream(ref);
  else
    pump_seqpacket(ref);
}

void server::close_client(client& c, bool served) {
  int fd = c.sock.get();
  epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
  clients_[fd].reset();
  --open_clients_;
  if (served) ++served_;
  // A descriptor came free: a listener resting after EMFILE may go on.
  if (resting_) {
    resting_ = false;
    rest_until_ = deadline::never();
  }
}

void server::on_emfile() {
  if (!emfile_logged_) {
    warn(EMFILE, _("cannot accept a connection"));
    emfile_logged_ = true;
  }
  // Connections wait in the backlog until a client leaves; with no client
  // to leave (a descriptor limit too low for even one), the listener
  // rests a while and tries again.  Neither way spins.
  set_listening(false);
  resting_ = true;
  if (open_clients_ == 0)
    rest_until_ = deadline::after(std::chrono::milliseconds(emfile_rest_ms));
}

void server::accept_clients() {
  // A bounded batch per wake-up keeps the other clients moving.
  for (int i = 0; i < 64; ++i) {
    if (open_clients_ >= client_limit_ ||
        (s_.count != 0 && admitted_ >= s_.count))
      return;
    int fd = accept4(listener_.get(), nullptr, nullptr,
                     SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
          errno == ENOMEM) {
        on_emfile();
        return;
      }
      if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
        warn(errno, _("cannot accept a connection"));
      return;
    }
    emfile_logged_ = false;
    unique_fd conn(fd);
    if (!conn) continue;
    if (!admit(conn.get())) continue;  // closed here, at once
    if (s_.type == SOCK_SEQPACKET) pass_credentials(conn.get());
    ++admitted_;
    add_client(std::move(conn));
  }
}

void server::update_interest(client& c, uint32_t want) {
  if (want == c.events) return;
  struct epoll_event ev {};
  ev.events = want;
  ev.data.u64 = static_cast<uint64_t>(c.sock.get());
  epoll_ctl(epoll_.get(), EPOLL_CTL_MOD, c.sock.get(), &ev);
  c.events = want;
}

// Moves bytes from the client to its pipe (or buffer) and back out, until
// neither way can go on or this turn's share is used up.
void server::pump_stream(client& c) {
  int fd = c.sock.get();
  std::size_t budget = 4 * client_bound;  // then others get their turn
  bool failed = false;
  // A read that got less than it asked for emptied the socket: the next
  // read would only say EAGAIN, and epoll (level-triggered) tells us when
  // there is more.  One system call less per round trip.
  bool drained = false;
  for (;;) {
    bool progress = false;
    if (c.pending > 0) {
      ssize_t n;
      if (c.pipe_r)
        n = splice(c.pipe_r.get(), nullptr, fd, nullptr, c.pending,
                   SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
      else
        n = send(fd, c.buf.get() + c.head, c.tail - c.head,
                 MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        c.pending -= n;
        c.pipe_full = false;
        if (!c.pipe_r) {
          c.head += n;
          if (c.head == c.tail) c.head = c.tail = 0;
        }
        progress = true;
        budget = n >= static_cast<ssize_t>(budget) ? 0 : budget - n;
      } else if (errno != EAGAIN && errno != EINTR) {
        failed = true;
        break;
      }
    }
    if (!c.eof && c.pending < client_bound && !c.pipe_full && !drained) {
      std::size_t asked;
      ssize_t n;
      if (c.pipe_w) {
        asked = client_bound - c.pending;
        n = splice(fd, nullptr, c.pipe_w.get(), nullptr,
                   client_bound - c.pending, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
      } else {
        if (c.tail == client_bound && c.head > 0) {
          memmove(c.buf.get(), c.buf.get() + c.head, c.tail - c.head);
          c.tail -= c.head;
          c.head = 0;
        }
        asked = client_bound - c.tail;
        n = recv(fd, c.buf.get() + c.tail, asked, MSG_DONTWAIT);
        if (n > 0) c.tail += n;
      }
      if (n > 0) {
        c.pending += n;
        progress = true;
        drained = static_cast<std::size_t>(n) < asked;
      } else if (n == 0) {
        c.eof = true;
      } else if (errno == EAGAIN) {
        // The socket may still hold data the pipe had no slot for: then
        // wait until the client reads some echo, not for more input.
        int queued = 0;
        if (c.pipe_w && c.pending > 0 && ioctl(fd, FIONREAD, &queued) == 0 &&
            queued > 0)
          c.pipe_full = true;
      } else if (errno != EINTR) {
        failed = true;
        break;
      }
    }
    if (!progress || budget == 0) break;
  }
  if (failed) {
    // A client that went away mid-echo was served as far as it let us.
    close_client(c, true);
    return;
  }
  if (c.eof && c.pending == 0) {
    close_client(c, true);
    return;
  }
  uint32_t want = 0;
  if (!c.eof && c.pending < client_bound && !c.pipe_full) want |= EPOLLIN;
  if (c.pending > 0) want |= EPOLLOUT;
  update_interest(c, want);
}

// Echoes whole messages; one unsent echo at most, and no reading until it
// is sent.
void server::pump_seqpacket(client& c) {
  int fd = c.sock.get();
  for (int round = 0; round < 64; ++round) {
    if (!c.message.empty()) {
      ssize_t n = send(fd, c.message.data(), c.message.size(),
                       MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0) {
        if (errno == EAGAIN || errno == EINTR) break;
        close_client(c, true);
        return;
      }
      c.message.clear();
    }
    if (c.eof) break;
    bool end = false;
    ssize_t n = recv_message(fd, buffer_.get(), max_message, end);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) break;
      close_client(c, true);
      return;
    }
    if (end) {
      c.eof = true;
      break;
    }
    if (static_cast<std::size_t>(n) > max_message) {
      warn(EMSGSIZE, _("message of %zd bytes dropped"), n);
      continue;
    }
    ssize_t sent = send(fd, buffer_.get(), n, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent < 0) {
      if (errno == EAGAIN || errno == EINTR) {
        c.message.assign(buffer_.get(), buffer_.get() + n);
        break;
      }
      close_client(c, true);
      return;
    }
  }
  if (c.eof && c.message.empty()) {
    close_client(c, true);
    return;
  }
  update_interest(c, c.message.empty() ? EPOLLIN : EPOLLOUT);
}

bool server::send_reply(const sockaddr_un& to, socklen_t to_len,
                        const char* data, std::size_t len) {
  ssize_t n = sendto(listener_.get(), data, len, MSG_NOSIGNAL | MSG_DONTWAIT,
                     reinterpret_cast<const sockaddr*>(&to), to_len);
  if (n >= 0) return true;
  if (errno == EAGAIN) return false;
  // The sender is gone (ECONNREFUSED, ENOENT) or cannot take it: nothing
  // to wait for.
  if (s_.verbose) warn(errno, _("cannot send a reply"));
  return true;
}

void server::retry_replies() {
  while (!replies_.empty()) {
    pending_reply& r = replies_.front();
    if (send_reply(r.to, r.to_len, r.data.data(), r.data.size())) {
      replies_.pop_front();
      continue;
    }
    if (!r.give_up.expired()) break;
    warn(0, _("reply of %zu bytes dropped: the receiver does not read"),
         r.data.size());
    replies_.pop_front();
  }
}

void server::serve_datagrams() {
  for (int round = 0; round < 64; ++round) {
    if (s_.count != 0 && served_ >= s_.count) return;
    if (replies_.size() >= max_pending_replies)
      return;  // senders wait, the kernel queues for us meanwhile
    sockaddr_un from{};
    char control[CMSG_SPACE(sizeof(struct ucred))];
    struct iovec iov = {buffer_.get(), max_message};
    struct msghdr msg {};
    msg.msg_name = &from;
    msg.msg_namelen = sizeof from;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n = recvmsg(listener_.get(), &msg,
                        MSG_DONTWAIT | MSG_TRUNC | MSG_CMSG_CLOEXEC);
    if (n < 0) {
      if (errno != EAGAIN && errno != EINTR)
        warn(errno, _("cannot receive a datagram"));
      return;
    }
    peer_identity who;
    for (cmsghdr* cm = CMSG_FIRSTHDR(&msg); cm != nullptr;
         cm = CMSG_NXTHDR(&msg, cm)) {
      if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_CREDENTIALS) {
        struct ucred cred;
        memcpy(&cred, CMSG_DATA(cm), sizeof cred);
        who.pid = cred.pid;
        who.uid = cred.uid;
        who.gid = cred.gid;
      }
    }
    if (!allowed(who.uid)) {
      log_peer(peer_event::dropped, who);
      continue;
    }
    ++served_;
    if (s_.verbose) log_peer(peer_event::datagram, who);
    if (static_cast<std::size_t>(n) > max_message) {
      warn(EMSGSIZE, _("message of %zd bytes dropped"), n);
      continue;
    }
    if (msg.msg_namelen <= sizeof(sa_family_t)) {
      if (s_.verbose) warn(0, _("the sender has no address to reply to"));
      continue;
    }
    if (replies_.empty() && send_reply(from, msg.msg_namelen, buffer_.get(), n))
      continue;
    pending_reply r;
    r.to = from;
    r.to_len = msg.msg_namelen;
    r.data.assign(buffer_.get(), buffer_.get() + n);
    r.give_up = deadline::after(reply_patience);
    replies_.push_back(std::move(r));
  }
}

int server::run() {
  client_limit_ = max_clients();
  epoll_.reset(epoll_create1(EPOLL_CLOEXEC));
  if (!epoll_) die(exit_failure, errno, _("cannot watch a socket"));

  signals_.reset(signalfd(-1, &signal_set_, SFD_NONBLOCK | SFD_CLOEXEC));
  if (!signals_) die(exit_failure, errno, _("cannot wait for signals"));
  watch(signals_.get(), EPOLLIN, tag_signals);

  if (s_.type == SOCK_DGRAM) {
    if (s_.verbose || !s_.allowed_uids.empty())
      pass_credentials(listener_.get());
    // Every reply not yet read by its client counts against our send
    // buffer: make room for many clients' replies in flight, as far as we
    // may (SO_SNDBUFFORCE needs CAP_NET_ADMIN; SO_SNDBUF stops at
    // net.core.wmem_max).
    int size = static_cast<int>(dgram_send_buffer);
    if (setsockopt(listener_.get(), SOL_SOCKET, SO_SNDBUFFORCE, &size,
                   sizeof size) != 0)
      setsockopt(listener_.get(), SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  }
  set_listening(true);

  // The readiness contract: the file exists once clients can connect.
  if (s_.pid_file != nullptr && !create_pid_file(s_.pid_file))
    exit(exit_failure);

  deadline idle = deadline::from_option(s_.timeout);
  struct epoll_event events[64];
  for (;;) {
    if (s_.count != 0 && served_ >= s_.count &&
        (s_.type == SOCK_DGRAM ? replies_.empty() : open_clients_ == 0))
      return exit_ok;
    if (s_.type != SOCK_DGRAM) {
      bool room = open_clients_ < client_limit_ &&
                  (s_.count == 0 || admitted_ < s_.count);
      if (resting_ && rest_until_.expired()) {
        resting_ = false;
        rest_until_ = deadline::never();
      }
      set_listening(room && !resting_);
    }

    // The wait ends at the idle deadline, when a resting listener may try
    // again, or when undelivered replies are due for another try.
    int wait_ms = -1;
    auto shorten = [&wait_ms](std::chrono::nanoseconds left) {
      long long ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
      int m = ms > INT_MAX ? INT_MAX : static_cast<int>(ms);
      if (wait_ms < 0 || m < wait_ms) wait_ms = m;
    };
    if (!idle.is_never()) shorten(idle.remaining());
    if (resting_ && !rest_until_.is_never()) shorten(rest_until_.remaining());
    if (!replies_.empty()) shorten(std::chrono::milliseconds(retry_ms));

    int n = epoll_wait(epoll_.get(), events, 64, wait_ms);
    if (n < 0) {
      if (errno == EINTR) continue;
      die(exit_failure, errno, _("cannot wait for clients"));
    }
    if (n == 0 && !idle.is_never() && idle.expired() && replies_.empty())
      return exit_timeout;
    if (n > 0) idle = deadline::from_option(s_.timeout);
    if (!replies_.empty()) retry_replies();
    for (int i = 0; i < n; ++i) {
      uint64_t tag = events[i].data.u64;
      if (tag == tag_signals) {
        struct signalfd_siginfo info;
        if (read(signals_.get(), &info, sizeof info) == sizeof info)
          return -static_cast<int>(info.ssi_signo);
        continue;
      }
      if (tag == tag_listener) {
        if (s_.type == SOCK_DGRAM)
          serve_datagrams();
        else if (listening_)
          accept_clients();
        continue;
      }
      // A client closed earlier in this batch leaves its slot empty (and
      // a new client may have its descriptor: pumping it is harmless).
      if (tag < clients_.size() && clients_[tag]) {
        client& c = *clients_[tag];
        if (s_.type == SOCK_STREAM)
          pump_stream(c);
        else
          pump_seqpacket(c);
      }
    }
  }
}

// Lets the default --max-clients use the descriptors the hard limit
// allows, not only the soft limit's usual 1024.
void raise_fd_limit() {
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= rl.rlim_max) return;
  rlim_t want = static_cast<rlim_t>(default_max_clients) * 3 + reserved_fds;
  if (rl.rlim_cur < want) {
    rl.rlim_cur = std::min(want, rl.rlim_max);
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

// Makes room at ADDR's path: nothing there, or a stale socket that may
// go.  Exits with a diagnostic otherwise.
void clear_socket_path(const settings& s, const unix_address& addr,
                       const char* where) {
  struct stat st;
  switch (check_existing_path(addr.path(), path_type::socket, s.allow_foreign,
                              &st)) {
    case path_check::missing:
      return;
    case path_check::refused:
      exit(exit_failure);  // diagnosed
    case path_check::ok:
      break;
  }
  switch (probe_unix_address(addr, s.type)) {
    case probe_result::live:
      die(exit_failure, 0,
          _("cannot listen on %s: address in use by a running server"), where);
    case probe_result::absent:
      return;
    case probe_result::error:
      die(exit_failure, errno, _("cannot check %s"), where);
    case probe_result::stale:
      break;
  }
  switch (remove_stale_socket(addr.path(), st)) {
    case stale_removal::removed:
      warn(0, _("replaced the stale %s"), where);
      return;
    case stale_removal::replaced:
      return;  // bind reports whoever is there now
    case stale_removal::unsafe_dir:
      die(exit_failure, 0,
          _("will not replace the stale %s: its directory is writable by all "
            "and not sticky"),
          where);
    case stale_removal::failed:
      die(exit_failure, errno, _("cannot remove the stale %s"), where);
  }
}

int run_server(const settings& s, const unix_address& addr) {
  // Termination signals are read from a signalfd, so they are blocked
  // before anything exists that they should clean up.
  sigset_t fatal;
  sigemptyset(&fatal);
  add_default_fatal_signals(fatal);
  sigdelset(&fatal, SIGPIPE);
  sigprocmask(SIG_BLOCK, &fatal, nullptr);
  // A peer that leaves mid-echo is an EPIPE to handle, not our death
  // (splice to a socket cannot pass MSG_NOSIGNAL).
  signal(SIGPIPE, SIG_IGN);
  raise_fd_limit();

  const std::string where_text = describe_path(path_type::socket, addr.text);
  const char* where = where_text.c_str();
  if (addr.path() != nullptr) clear_socket_path(s, addr, where);
  unique_fd listener;
  dev_t dev = 0;
  ino_t ino = 0;
  int err =
      bind_unix_socket(addr, s.type, s.mode, SOMAXCONN, listener, &dev, &ino);
  if (err == EADDRINUSE)
    die(exit_failure, 0,
        _("cannot listen on %s: address in use by a running server"), where);
  if (err != 0) die(exit_failure, err, _("cannot listen on %s"), where);
  if (addr.path() != nullptr) {
    socket_file.path = addr.path();
    socket_file.dev = dev;
    socket_file.ino = ino;
    atexit(remove_socket_file);
    at_signal_death(remove_socket_file);
  }

  server srv(s, std::move(listener), addr, fatal);
  int status = srv.run();
  if (status < 0) exit_by_signal(-status);
  return status;
}

// ---- client -----------------------------------------------------------------

// Output of replies.  Text: stream data is split into records at newlines
// and NULs, each printed with a newline (NUL padding after a C string is
// dropped); a datagram or seqpacket reply is printed up to its first NUL.
class reply_printer {
 public:
  explicit reply_printer(const settings& s) : s_(s) {}

  void stream_data(const char* data, std::size_t len) {
    if (s_.raw) {
      out(data, len);
      return;
    }
    for (std::size_t i = 0; i < len; ++i) {
      char ch = data[i];
      if (ch == '\n') {
        line_.push_back('\n');
        in_record_ = false;
      } else if (ch == '\0') {
        // The end of a C string; an empty one is padding, dropped.
        if (in_record_) line_.push_back('\n');
        in_record_ = false;
      } else {
        line_.push_back(ch);
        in_record_ = true;
      }
    }
    flush_line();
  }

  void stream_end() {
    if (!s_.raw && in_record_) {
      line_.push_back('\n');
      in_record_ = false;
      flush_line();
    }
  }

  // A datagram or seqpacket reply: one record as framing.hh writes them.
  void message(const char* data, std::size_t len) {
    record_format format;
    format.raw = s_.raw;
    format.terminator = s_.zero_terminated ? '\0' : '\n';
    append_record(line_, data, len, 0, format);
    flush_line();
  }

 private:
  void flush_line() {
    out(line_.data(), line_.size());
    line_.clear();
  }

  static void out(const char* data, std::size_t len) {
    if (len == 0) return;
    if (fwrite(data, 1, len, stdout) != len) write_error(errno);
    flush_stdout();
  }

  const settings& s_;
  std::string line_;
  bool in_record_ = false;  // text printed since the last terminator
};

// Records of standard input or of the MESSAGE operands, as they are sent.
class record_source {
 public:
  record_source(const settings& s, char** operands, int count)
      : s_(s), operands_(operands), count_(count) {}

  bool from_stdin() const { return count_ == 0; }

  // Stream: the bytes of all operands, each with its terminator.
  std::string operand_bytes() const {
    std::string all;
    for (int i = 0; i < count_; ++i) {
      all += operands_[i];
      if (s_.c_string || (s_.zero_terminated && !s_.raw))
        all += '\0';
      else if (!s_.raw)
        all += '\n';
    }
    return all;
  }

  // Datagram, seqpacket: the next message.  False at the end; exits on a
  // read error or a record too large to send.
  bool next(std::string& record) {
    if (!from_stdin()) {
      if (index_ >= count_) return false;
      record = operands_[index_++];
    } else {
      if (!reader_)
        reader_.emplace(STDIN_FILENO,
                        s_.raw               ? whole_input
                        : s_.zero_terminated ? '\0'
                                             : '\n',
                        max_message);
      char* data;
      std::size_t size;
      switch (reader_->next(data, size)) {
        case record_reader::result::record:
          record.assign(data, size);
          break;
        case record_reader::result::end:
          return false;
        case record_reader::result::too_big:
          die(exit_failure, 0,
              _("a message of more than %zu bytes cannot be sent"),
              max_message);
        case record_reader::result::error:
          die(exit_failure, errno, _("read error"));
      }
    }
    if (s_.c_string) record += '\0';
    return true;
  }

 private:
  const settings& s_;
  char** operands_;
  int count_;
  int index_ = 0;
  std::optional<record_reader> reader_;
};

enum class waiting_for { connection, reply };

[[noreturn]] void timed_out(const settings& s, waiting_for what,
                            const char* where) {
  bool immediate = s.timeout && s.timeout->count() == 0;
  if (what == waiting_for::connection)
    die(exit_timeout, 0,
        immediate ? _("cannot connect to %s: it would block")
                  : _("cannot connect to %s: timed out"),
        where);
  die(exit_timeout, 0,
      immediate ? _("no reply from %s: it would block")
                : _("no reply from %s: timed out"),
      where);
}

unique_fd connect_client(const settings& s, const unix_address& addr) {
  const std::string where_text = quote(addr.text);
  const char* where = where_text.c_str();
  unique_fd fd(socket(AF_UNIX, s.type | SOCK_CLOEXEC, 0));
  if (!fd) die(exit_failure, errno, _("cannot connect to %s"), where);
  if (s.type == SOCK_DGRAM && !autobind_unix_socket(fd.get()))
    die(exit_failure, errno, _("cannot connect to %s"), where);
  if (s.type == SOCK_SEQPACKET) pass_credentials(fd.get());
  // A full backlog makes connect wait; SO_SNDTIMEO bounds that wait
  // (unix.7), zero meaning "do not wait" is a non-blocking connect.
  if (s.timeout) {
    if (s.timeout->count() == 0) {
      fcntl(fd.get(), F_SETFL, O_NONBLOCK);
    } else {
      auto left = deadline::after(*s.timeout).remaining_timespec();
      struct timeval tv = {left.tv_sec, (left.tv_nsec + 999) / 1000};
      if (tv.tv_usec >= 1000000) {
        ++tv.tv_sec;
        tv.tv_usec -= 1000000;
      }
      setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    }
  }
  int rc;
  do rc = connect(fd.get(), addr.get(), addr.len);
  while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    if (errno == EAGAIN || errno == EINPROGRESS)
      timed_out(s, waiting_for::connection, where);
    die(exit_failure, errno, _("cannot connect to %s"), where);
  }
  struct timeval none = {0, 0};
  setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &none, sizeof none);
  fcntl(fd.get(), F_SETFL, O_NONBLOCK);
  return fd;
}

// Waits until FD is ready for EVENTS or UNTIL passes; exits 3 then.
// Returns the ready events.
short wait_for(const settings& s, struct pollfd* fds, nfds_t nfds,
               const deadline& until, const char* where) {
  for (;;) {
    struct timespec left = until.remaining_timespec();
    int n = ppoll(fds, nfds, until.is_never() ? nullptr : &left, nullptr);
    if (n > 0) return 0;
    if (n == 0) timed_out(s, waiting_for::reply, where);
    if (errno != EINTR)
      die(exit_failure, errno, _("cannot wait for %s"), where);
  }
}

// Stream: sends everything while printing what comes back, half-closes at
// the end of input, and reads until the server closes.
int stream_client(const settings& s, const unix_address& addr, unique_fd sock,
                  record_source& input) {
  const std::string where_text = quote(addr.text);
  const char* where = where_text.c_str();
  reply_printer printer(s);
  std::string out = input.from_stdin() ? std::string() : input.operand_bytes();
  std::size_t out_pos = 0;
  bool input_eof = !input.from_stdin();
  bool shut = false;
  int lost = 0;  // the error that cut the connection short, if any
  std::vector<char> buf(256 * 1024);
  deadline until = deadline::from_option(s.timeout);
  for (;;) {
    if (!shut && input_eof && out_pos == out.size() && lost == 0) {
      shutdown(sock.get(), SHUT_WR);
      shut = true;
    }
    struct pollfd fds[2] = {{sock.get(), POLLIN, 0}, {STDIN_FILENO, 0, 0}};
    if (!shut && lost == 0 && out_pos < out.size()) fds[0].events |= POLLOUT;
    nfds_t nfds = 1;
    if (!input_eof && out_pos == out.size() && lost == 0) {
      fds[1].events = POLLIN;
      nfds = 2;
    }
    // Waiting for input is no wait for the server: the timeout counts
    // from the moment we wait for the server alone.
    if (nfds == 2) {
      wait_for(s, fds, nfds, deadline::never(), where);
      until = deadline::from_option(s.timeout);
    } else {
      wait_for(s, fds, nfds, until, where);
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t n = recv(sock.get(), buf.data(), buf.size(), MSG_DONTWAIT);
      if (n > 0) {
        printer.stream_data(buf.data(), n);
        until = deadline::from_option(s.timeout);
      } else if (n == 0) {
        break;
      } else if (errno != EAGAIN && errno != EINTR) {
        lost = errno;
        break;
      }
    }
    if (fds[0].revents & POLLOUT) {
      ssize_t n = send(sock.get(), out.data() + out_pos, out.size() - out_pos,
                       MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        out_pos += n;
        until = deadline::from_option(s.timeout);
      } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
        // Keep reading what the server did send before it went away.
        lost = errno;
      }
    }
    if (nfds == 2 &&
        (fds[1].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL))) {
      ssize_t n = read(STDIN_FILENO, buf.data(), buf.size());
      if (n > 0) {
        out.assign(buf.data(), n);
        out_pos = 0;
      } else if (n == 0) {
        input_eof = true;
        out.clear();
        out_pos = 0;
      } else if (errno != EAGAIN && errno != EINTR) {
        die(exit_failure, errno, _("read error"));
      }
    }
  }
  printer.stream_end();
  if (lost != 0) {
    warn(lost, _("connection to %s lost"), where);
    return exit_failure;
  }
  if (!input_eof || out_pos < out.size()) {
    warn(0, _("connection to %s closed before all input was sent"), where);
    return exit_failure;
  }
  return exit_ok;
}

// Datagram and seqpacket: one message per record, one printed record per
// reply.  Sends and receives at once, so many records in flight never
// deadlock; datagram replies are counted, seqpacket ones read to the end.
int message_client(const settings& s, const unix_address& addr, unique_fd sock,
                   record_source& input) {
  const std::string where_text = quote(addr.text);
  const char* where = where_text.c_str();
  reply_printer printer(s);
  bool dgram = s.type == SOCK_DGRAM;
  std::string record;
  bool have_record = false;
  bool input_done = false;
  bool shut = false;
  unsigned long sent = 0, received = 0;
  std::vector<char> buf(max_message);
  deadline until = deadline::from_option(s.timeout);
  for (;;) {
    if (!have_record && !input_done) {
      // Standard input blocks here; replies wait in the socket meanwhile,
      // and the server keeps them for us.
      have_record = input.next(record);
      input_done = !have_record;
    }
    if (input_done && !shut) {
      if (dgram && received == sent) return exit_ok;
      if (!dgram) {
        shutdown(sock.get(), SHUT_WR);
        shut = true;
      }
    }
    // Datagrams in flight stay below the receive queue's length
    // (net.unix.max_dgram_qlen is 10 by default), so the server never
    // finds our queue full.
    bool may_send = have_record && (!dgram || sent - received < dgram_window);
    struct pollfd pfd = {sock.get(), POLLIN, 0};
    if (may_send) pfd.events |= POLLOUT;
    wait_for(s, &pfd, 1, until, where);
    bool closed = false;
    while (pfd.revents & (POLLIN | POLLHUP | POLLERR)) {
      bool end = false;
      ssize_t n = recv_message(sock.get(), buf.data(), buf.size(), end);
      end = end && !dgram;  // an empty datagram is a reply like any other
      if (n >= 0 && !end) {
        if (static_cast<std::size_t>(n) > buf.size())
          die(exit_failure, EMSGSIZE, _("cannot receive from %s"), where);
        printer.message(buf.data(), n);
        ++received;
        until = deadline::from_option(s.timeout);
        if (dgram && input_done && received >= sent) return exit_ok;
      } else if (end) {
        closed = true;  // seqpacket: the server closed
        break;
      } else if (errno == EAGAIN) {
        break;
      } else if (errno != EINTR) {
        die(exit_failure, errno, _("connection to %s lost"), where);
      }
    }
    if (closed) break;
    if (!may_send) continue;
    if (pfd.revents & POLLOUT) {
      ssize_t n = send(sock.get(), record.data(), record.size(),
                       MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n >= 0) {
        ++sent;
        have_record = false;
        until = deadline::from_option(s.timeout);
      } else if (errno != EAGAIN && errno != EINTR) {
        die(exit_failure, errno, _("cannot send to %s"), where);
      }
    }
  }
  if (!input_done || have_record) {
    warn(0, _("connection to %s closed before all input was sent"), where);
    return exit_failure;
  }
  return exit_ok;
}

int run_client(const settings& s, const unix_address& addr, char** operands,
               int count) {
  record_source input(s, operands, count);
  unique_fd sock = connect_client(s, addr);
  if (s.type == SOCK_STREAM)
    return stream_client(s, addr, std::move(sock), input);
  return message_client(s, addr, std::move(sock), input);
}

}  // namespace

int main(int argc, char** argv) {
  initialize_program(argc, argv);
  settings s;

  int c;
  while ((c = getopt_long(argc, argv,
                          IPCUTIL_TIMEOUT_SHORT_OPTIONS "lt:m:p:N:vzrC",
                          long_options, nullptr)) != -1) {
    if (take_timeout_option(c, optarg, s.timeout)) continue;
    switch (c) {
      case 'l':
        s.listen = true;
        break;
      case 't':
        s.type = parse_type(optarg);
        break;
      case 'm':
        s.mode = xparse_mode(optarg, _("invalid mode"));
        s.server_only = "--mode";
        break;
      case option_allow_foreign:
        s.allow_foreign = true;
        s.server_only = "--allow-foreign";
        break;
      case 'p':
        s.pid_file = optarg;
        s.server_only = "--pid-file";
        break;
      case 'N':
        s.count = xparse_uint(optarg, 1, ULONG_MAX, _("invalid count"));
        s.server_only = "--count";
        break;
      case 'v':
        s.verbose = true;
        s.server_only = "--verbose";
        break;
      case option_allow_uid:
        s.allowed_uids = parse_uid_list(optarg);
        s.server_only = "--allow-uid";
        break;
      case option_max_clients:
        s.max_clients = static_cast<unsigned>(
            xparse_uint(optarg, 1, 1u << 20, _("invalid number of clients")));
        s.server_only = "--max-clients";
        break;
      case 'z':
        s.zero_terminated = true;
        s.client_only = "--zero-terminated";
        break;
      case 'r':
        s.raw = true;
        s.client_only = "--raw";
        break;
      case 'C':
        s.c_string = true;
        s.client_only = "--c-string";
        break;
      default:
        standard_option(c, usage);
    }
  }
  if (optind == argc) usage_error(_("missing socket operand"));
  if (s.listen && s.client_only != nullptr)
    usage_error(_("option %s is for the client, not with --listen"),
                s.client_only);
  if (!s.listen && s.server_only != nullptr)
    usage_error(_("option %s needs --listen"), s.server_only);
  if (s.listen && argc - optind > 1)
    usage_error(_("extra operand %s"), quote(argv[optind + 1]));

  unix_address addr = parse_address(argv[optind]);
  if (s.pid_file != nullptr && !check_pid_file(s.pid_file)) return exit_failure;
  if (s.listen) return run_server(s, addr);
  return run_client(s, addr, argv + optind + 1, argc - optind - 1);
}
