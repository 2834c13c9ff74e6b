#include <config.h>

#include "libipcutil/msgqueue.hh"

#include <errno.h>
#include <error.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <optional>

#include "libipcutil/i18n.hh"
#include "libipcutil/parse.hh"
#include "libipcutil/program.hh"
#include "libipcutil/termination.hh"

namespace ipcutil {

namespace {

constexpr const char msgmax_path[] = "/proc/sys/kernel/msgmax";
constexpr const char mq_msg_max_path[] = "/proc/sys/fs/mqueue/msg_max";
constexpr const char mq_msgsize_max_path[] = "/proc/sys/fs/mqueue/msgsize_max";
constexpr const char mq_msg_default_path[] = "/proc/sys/fs/mqueue/msg_default";
constexpr const char mq_msgsize_default_path[] =
    "/proc/sys/fs/mqueue/msgsize_default";
constexpr const char mq_queues_max_path[] = "/proc/sys/fs/mqueue/queues_max";

// The first receive buffer is kernel.msgmax, but no more than this: a huge
// msgmax should not cost memory before a huge message arrives.
constexpr std::size_t initial_receive_limit = 1 << 20;

// A number from a /proc/sys file, or FALLBACK.
long read_proc_number(const char* path, long fallback) {
  long value = fallback;
  if (FILE* f = fopen(path, "re")) {
    long n;
    if (fscanf(f, "%ld", &n) == 1 && n >= 0) value = n;
    fclose(f);
  }
  return value;
}

// Whether GID is our effective or a supplementary group.
bool in_group(gid_t gid) {
  if (gid == getegid()) return true;
  int n = getgroups(0, nullptr);
  if (n <= 0) return false;
  std::vector<gid_t> groups(static_cast<std::size_t>(n));
  n = getgroups(n, groups.data());
  return n > 0 && std::find(groups.begin(), groups.begin() + n, gid) !=
                      groups.begin() + n;
}

std::size_t words_for(std::size_t text_bytes) {
  // The mtype, the text, and one spare byte for a terminator.
  return 1 + (text_bytes + 1 + sizeof(long) - 1) / sizeof(long);
}

}  // namespace

bool take_mq_attribute_option(mq_attributes& attr, int opt, const char* arg) {
  switch (opt) {
    case option_max_messages:
      attr.max_messages = static_cast<long>(
          xparse_uint(arg, 1, INT_MAX, _("invalid number of messages")));
      return true;
    case option_message_size:
      attr.message_size = static_cast<long>(
          xparse_size(arg, 1, INT_MAX, _("invalid message size")));
      return true;
    default:
      return false;
  }
}

void finish_mq_attributes(const mq_attributes& attr, const object_selector& sel,
                          const create_options& create) {
  if (!attr.given()) return;
  const char* option =
      attr.max_messages != 0 ? "--max-messages" : "--message-size";
  if (!sel.posix())
    usage_error(_("option %s applies only to POSIX queues (--name)"), option);
  if (!create.create) usage_error(_("option %s needs --create"), option);
}

void emit_mq_attribute_help() {
  fputs(_("      --max-messages=N   a created POSIX queue holds at most N "
          "messages\n"
          "                           (default: "
          "/proc/sys/fs/mqueue/msg_default)\n"),
        stdout);
  fputs(_("      --message-size=SIZE  a created POSIX queue takes messages of "
          "up to\n"
          "                           SIZE bytes (default: "
          ".../msgsize_default)\n"),
        stdout);
}

message_queue::~message_queue() {
  if (mqd_ >= 0) mq_close(mqd_);
}

bool message_queue::open(object_selector& sel, const create_options& create,
                         const mq_attributes& attr, access how) {
  posix_ = sel.posix();
  if (!posix_) {
    sysv_type type;
    type.kind = object_kind::sysv_msg;
    type.get = [](key_t key, int flags) { return msgget(key, flags); };
    sysv_object obj;
    // A receiver needs read permission (writing is only for putting a
    // message back), a sender write permission.
    int perm = how == access::send ? 0200 : 0400;
    if (!open_sysv(sel, create, type, perm, obj)) return false;
    id_ = obj.id;
    created_ = obj.created;
    description_ = obj.description;
    ref_ = make_ref(obj, object_kind::sysv_msg);
    msgmax_ = static_cast<std::size_t>(read_proc_number(msgmax_path, 8192));
    // Without read permission the queue's size stays unknown: then only
    // kernel.msgmax is checked before sending.
    struct msqid_ds ds;
    if (msgctl(id_, IPC_STAT, &ds) == 0) qbytes_ = ds.msg_qbytes;
    send_limit_ = msgmax_;
    send_limit_name_ = "kernel.msgmax";
    if (qbytes_ != 0 && qbytes_ < msgmax_) {
      send_limit_ = qbytes_;
      send_limit_name_ = "msg_qbytes";
    }
    if (how == access::receive) {
      recv_capacity_ = std::min(msgmax_, initial_receive_limit);
      recv_buf_.resize(words_for(recv_capacity_));
    }
    return true;
  }

  name_ = sel.name;
  description_ = describe(object_kind::posix_mq, sel);
  struct mq_attr wanted {};
  if (attr.given()) {
    wanted.mq_maxmsg = attr.max_messages;
    wanted.mq_msgsize = attr.message_size;
    if (wanted.mq_maxmsg == 0)
      wanted.mq_maxmsg = read_proc_number(mq_msg_default_path, 10);
    if (wanted.mq_msgsize == 0)
      wanted.mq_msgsize = read_proc_number(mq_msgsize_default_path, 8192);
    // The kernel answers a value over the limit with a bare EINVAL (and
    // lets privileged users exceed it); name the file to raise instead.
    long msg_max = read_proc_number(mq_msg_max_path, LONG_MAX);
    long msgsize_max = read_proc_number(mq_msgsize_max_path, LONG_MAX);
    if (wanted.mq_maxmsg > msg_max) {
      error(0, 0,
            _("cannot create %s: %ld messages exceed the limit of %ld in %s"),
            description_.c_str(), wanted.mq_maxmsg, msg_max, mq_msg_max_path);
      return false;
    }
    if (wanted.mq_msgsize > msgsize_max) {
      error(0, 0,
            _("cannot create %s: messages of %ld bytes exceed the limit of %ld "
              "in %s"),
            description_.c_str(), wanted.mq_msgsize, msgsize_max,
            mq_msgsize_max_path);
      return false;
    }
  }
  bool use_attr = attr.given();
  auto open_fn = [&](int oflag, mode_t mode) {
    struct mq_attr* a = use_attr && (oflag & O_CREAT) ? &wanted : nullptr;
    mqd_t q = mq_open(name_.c_str(), oflag | O_CLOEXEC, mode, a);
    // A receiver that may only read still receives; it just cannot put a
    // message back.
    if (q == static_cast<mqd_t>(-1) && errno == EACCES &&
        (oflag & O_ACCMODE) == O_RDWR)
      q = mq_open(name_.c_str(), (oflag & ~O_ACCMODE) | O_RDONLY | O_CLOEXEC,
                  mode, a);
    return posix_handle(object_kind::posix_mq, q);
  };
  auto explain = [&](int err) -> std::string {
    char* text = nullptr;
    int n = -1;
    if (err == ENOSPC) {
      n = asprintf(&text, _("%s (the system limit %s=%ld is reached)"),
                   strerror(err), mq_queues_max_path,
                   read_proc_number(mq_queues_max_path, 0));
    } else if (err == EMFILE) {
      struct rlimit rl;
      long maxmsg = use_attr ? wanted.mq_maxmsg
                             : read_proc_number(mq_msg_default_path, 10);
      long msgsize = use_attr ? wanted.mq_msgsize
                              : read_proc_number(mq_msgsize_default_path, 8192);
      if (getrlimit(RLIMIT_MSGQUEUE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        n = asprintf(&text,
                     _("%s, or %ld messages of %ld bytes exceed "
                       "RLIMIT_MSGQUEUE (%llu bytes; see ulimit -q)"),
                     strerror(err), maxmsg, msgsize,
                     static_cast<unsigned long long>(rl.rlim_cur));
    }
    std::string reason;
    if (n >= 0) {
      reason = text;
      free(text);
    }
    return reason;
  };
  posix_object obj;
  int oflag = how == access::send ? O_WRONLY : O_RDWR;
  if (!open_posix(sel, create, object_kind::posix_mq, oflag, open_fn, explain,
                  obj))
    return false;
  ref_ = make_ref(obj, sel);
  mqd_ = obj.handle.release_fd();
  created_ = obj.created;
  struct mq_attr actual;
  if (mq_getattr(mqd_, &actual) != 0) {
    error(0, errno, _("cannot open %s"), description_.c_str());
    return false;
  }
  send_limit_ = static_cast<std::size_t>(actual.mq_msgsize);
  send_limit_name_ = "mq_msgsize";
  if (how == access::receive) {
    recv_capacity_ = static_cast<std::size_t>(actual.mq_msgsize);
    recv_buf_.resize(words_for(recv_capacity_));
  }
  return true;
}

mq_status message_queue::send(const void* data, std::size_t size, long type,
                              const deadline& until) {
  if (size > send_limit_) return mq_status::too_big;
  if (posix_) return posix_send(data, size, static_cast<unsigned>(type), until);
  return sysv_send(data, size, type, until);
}

mq_status message_queue::classify_sysv_error(int err, std::size_t size) {
  if (err == EIDRM) return mq_status::removed;
  if (err == EAGAIN || err == ENOMSG) return mq_status::would_block;
  if (err == EINVAL) {
    // Either the id is gone (removed between two calls) or kernel.msgmax
    // was lowered since we read it.
    struct msqid_ds ds;
    if (msgctl(id_, IPC_STAT, &ds) != 0 && (errno == EINVAL || errno == EIDRM))
      return mq_status::removed;
    std::size_t msgmax =
        static_cast<std::size_t>(read_proc_number(msgmax_path, 8192));
    if (size > msgmax) {
      msgmax_ = msgmax;
      send_limit_ = msgmax;
      send_limit_name_ = "kernel.msgmax";
      return mq_status::too_big;
    }
  }
  errno = err;
  return mq_status::failed;
}

namespace {

// attempt_until's answer as a message-queue status; FAIL maps errno.
template <class Fail>
mq_status to_mq_status(attempt_status r, Fail fail) {
  switch (r) {
    case attempt_status::ok:
      return mq_status::ok;
    case attempt_status::would_block:
      return mq_status::would_block;
    case attempt_status::interrupted:
      return mq_status::interrupted;
    case attempt_status::failed:
      break;
  }
  return fail(errno);
}

}  // namespace

// msg_qbytes may have been lowered since the queue was opened: a message
// larger than it would wait forever for room.
std::optional<mq_status> message_queue::recheck_qbytes(std::size_t size) {
  struct msqid_ds ds;
  if (msgctl(id_, IPC_STAT, &ds) != 0)
    return std::nullopt;  // no read permission: nothing to learn
  qbytes_ = ds.msg_qbytes;
  if (size <= qbytes_) return std::nullopt;
  send_limit_ = std::min(msgmax_, qbytes_);
  send_limit_name_ = send_limit_ == qbytes_ ? "msg_qbytes" : "kernel.msgmax";
  return mq_status::too_big;
}

mq_status message_queue::sysv_send(const void* data, std::size_t size,
                                   long type, const deadline& until) {
  std::size_t words = words_for(size);
  if (send_buf_.size() < words) send_buf_.resize(words);
  send_buf_[0] = type;
  if (size != 0) memcpy(&send_buf_[1], data, size);
  void* msgp = send_buf_.data();
  std::optional<mq_status> refused;
  attempt_status r = attempt_until(
      until, [&] { return msgsnd(id_, msgp, size, IPC_NOWAIT); },
      [&] { return msgsnd(id_, msgp, size, 0); },
      [](int err) { return err == EAGAIN; },
      [&]() -> std::optional<attempt_status> {
        refused = recheck_qbytes(size);
        if (refused) return attempt_status::failed;
        return std::nullopt;
      });
  if (refused) return *refused;
  return to_mq_status(r,
                      [&](int err) { return classify_sysv_error(err, size); });
}

mq_status message_queue::posix_send(const void* data, std::size_t size,
                                    unsigned prio, const deadline& until) {
  auto text = static_cast<const char*>(data);
  // An absolute time long past: one attempt that never blocks, whatever
  // the wall clock says.
  const struct timespec past = {0, 0};
  attempt_status r = attempt_until(
      until, [&] { return mq_timedsend(mqd_, text, size, prio, &past); },
      [&] { return mq_send(mqd_, text, size, prio); },
      [](int err) { return err == ETIMEDOUT || err == EAGAIN; });
  return to_mq_status(r, [](int err) {
    if (err == EMSGSIZE) return mq_status::too_big;
    errno = err;
    return mq_status::failed;
  });
}

bool message_queue::grow_receive_buffer() {
  // The message that did not fit is at most the queue's msg_qbytes (it had
  // to fit in the queue) unless msg_qbytes was lowered since; doubling
  // covers that, so this never spins.
  std::size_t want = recv_capacity_ * 2;
  struct msqid_ds ds;
  if (msgctl(id_, IPC_STAT, &ds) == 0)
    want = std::max<std::size_t>(want, ds.msg_qbytes);
  want = std::max<std::size_t>(
      want, static_cast<std::size_t>(read_proc_number(msgmax_path, 0)));
  if (want <= recv_capacity_ || want > static_cast<std::size_t>(INT_MAX)) {
    errno = E2BIG;
    return false;
  }
  recv_capacity_ = want;
  recv_buf_.resize(words_for(recv_capacity_));
  return true;
}

mq_status message_queue::receive(long type, bool except,
                                 const deadline& until) {
  recv_size_ = 0;
  if (posix_) return posix_receive(until);
  return sysv_receive(type, except, until);
}

mq_status message_queue::sysv_receive(long type, bool except,
                                      const deadline& until) {
  int flags = except ? MSG_EXCEPT : 0;
  // One msgrcv, growing the buffer while the message is too big for it.
  auto attempt = [&](int extra) {
    for (;;) {
      ssize_t n =
          msgrcv(id_, recv_buf_.data(), recv_capacity_, type, flags | extra);
      if (n >= 0) {
        recv_size_ = static_cast<std::size_t>(n);
        recv_type_ = recv_buf_[0];
        recv_text_ = reinterpret_cast<char*>(&recv_buf_[1]);
        return 0;
      }
      if (errno != E2BIG || !grow_receive_buffer()) return -1;
    }
  };
  attempt_status r = attempt_until(
      until, [&] { return attempt(IPC_NOWAIT); }, [&] { return attempt(0); },
      [](int err) { return err == ENOMSG; });
  return to_mq_status(r,
                      [this](int err) { return classify_sysv_error(err, 0); });
}

mq_status message_queue::posix_receive(const deadline& until) {
  char* text = reinterpret_cast<char*>(recv_buf_.data());
  unsigned prio = 0;
  // Records what a receive got; passes a failure (-1, errno) through.
  auto keep = [&](ssize_t n) {
    if (n < 0) return -1;
    recv_size_ = static_cast<std::size_t>(n);
    recv_type_ = static_cast<long>(prio);
    recv_text_ = text;
    return 0;
  };
  const struct timespec past = {0, 0};  // never blocks, as in posix_send
  attempt_status r = attempt_until(
      until,
      [&] {
        return keep(mq_timedreceive(mqd_, text, recv_capacity_, &prio, &past));
      },
      [&] { return keep(mq_receive(mqd_, text, recv_capacity_, &prio)); },
      [](int err) { return err == ETIMEDOUT || err == EAGAIN; });
  return to_mq_status(r, [](int) { return mq_status::failed; });
}

mq_status message_queue::put_back(const deadline& until) {
  return put_back(recv_text_, recv_size_, recv_type_, until);
}

mq_status message_queue::put_back(const char* data, std::size_t size, long type,
                                  const deadline& until) {
  // Its own loop, not attempt_until: the stop flag is set while a stopping
  // receiver puts its messages back, and must not cut that short.
  void* msgp;
  if (posix_) {
    msgp = const_cast<char*>(data);
  } else {
    std::size_t words = words_for(size);
    if (send_buf_.size() < words) send_buf_.resize(words);
    send_buf_[0] = type;
    if (size != 0) memmove(&send_buf_[1], data, size);
    msgp = send_buf_.data();
  }
  auto attempt = [&](bool block) {
    if (posix_) {
      const struct timespec past = {0, 0};
      return block ? mq_send(mqd_, static_cast<const char*>(msgp), size,
                             static_cast<unsigned>(type))
                   : mq_timedsend(mqd_, static_cast<const char*>(msgp), size,
                                  static_cast<unsigned>(type), &past);
    }
    return msgsnd(id_, msgp, size, block ? 0 : IPC_NOWAIT);
  };
  for (bool block = false;; block = true) {
    std::optional<interrupt_timer> timer;
    if (block) {
      if (until.expired()) return mq_status::would_block;
      timer.emplace(until);
    }
    for (;;) {
      if (attempt(block) == 0) return mq_status::ok;
      if (errno != EINTR) break;
      if (until.expired()) return mq_status::would_block;
    }
    bool full = errno == EAGAIN || (posix_ && errno == ETIMEDOUT);
    if (!full || block) {
      if (posix_) return mq_status::failed;
      return classify_sysv_error(errno, size);
    }
  }
}

bool message_queue::can_put_back() {
  if (posix_) {
    int flags = fcntl(mqd_, F_GETFL);
    return flags >= 0 && (flags & O_ACCMODE) != O_RDONLY;
  }
  struct msqid_ds ds;
  if (msgctl(id_, IPC_STAT, &ds) != 0) return false;
  // The kernel's ipcperms(): owner or creator bits, then group, then
  // other; CAP_IPC_OWNER (root here) passes everything.
  if (geteuid() == 0) return true;
  const struct ipc_perm& p = ds.msg_perm;
  unsigned mode = p.mode;
  if (geteuid() == p.uid || geteuid() == p.cuid)
    mode >>= 6;
  else if (in_group(p.gid) || in_group(p.cgid))
    mode >>= 3;
  return (mode & 02) != 0;
}

long message_queue::count() {
  if (posix_) {
    struct mq_attr a;
    if (mq_getattr(mqd_, &a) != 0) return -1;
    return a.mq_curmsgs;
  }
  struct msqid_ds ds;
  if (msgctl(id_, IPC_STAT, &ds) != 0) return -1;
  return static_cast<long>(ds.msg_qnum);
}

remove_result message_queue::remove_if_owned(bool allow_foreign) {
  // Never discard messages nobody received: a queue that still holds
  // some stays (checked last, right before the removal).
  return ipcutil::remove_if_owned(ref_, allow_foreign, [this]() -> std::string {
    long left = count();
    if (left <= 0) return {};
    char* text = nullptr;
    if (asprintf(&text,
                 ngettext("it still holds %ld message",
                          "it still holds %ld messages",
                          static_cast<unsigned long>(left)),
                 left) < 0)
      return "?";
    std::string reason = text;
    free(text);
    return reason;
  });
}

}  // namespace ipcutil
