// One interface over System V and POSIX message queues, for mqsend and
// mqrecv: open or create (with the object selector), send, receive into a
// buffer sized from the queue's real limit, put a message back, remove.
//
// Waiting follows a deadline on the monotonic clock for both kinds: an
// expired deadline makes one attempt that never blocks (IPC_NOWAIT, or a
// POSIX timed call whose absolute time is long past); a running one blocks
// in the plain call, interrupted by an interrupt_timer (deadline.hh) when
// it expires, so a jump of the wall clock changes nothing.
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "libipcutil/deadline.hh"
#include "libipcutil/object.hh"

namespace ipcutil {

// POSIX creation attributes: --max-messages=N, --message-size=SIZE.
struct mq_attributes {
  long max_messages = 0;  // 0: /proc/sys/fs/mqueue/msg_default
  long message_size = 0;  // 0: /proc/sys/fs/mqueue/msgsize_default
  bool given() const { return max_messages != 0 || message_size != 0; }
};

#define IPCUTIL_MQ_ATTRIBUTE_LONG_OPTIONS                                      \
  {"max-messages", required_argument, nullptr,                                 \
   ::ipcutil::option_max_messages},                                            \
  {                                                                            \
    "message-size", required_argument, nullptr, ::ipcutil::option_message_size \
  }

// True if OPT was --max-messages or --message-size (a bad value exits 2).
bool take_mq_attribute_option(mq_attributes& attr, int opt, const char* arg);
// Usage errors: the attributes with a System V selector or without --create.
void finish_mq_attributes(const mq_attributes& attr, const object_selector& sel,
                          const create_options& create);
void emit_mq_attribute_help();

enum class mq_status {
  ok,
  would_block,  // the deadline expired (or was 0) with the queue full/empty
  removed,      // the System V queue was removed (EIDRM, or its id vanished)
  too_big,      // the message exceeds send_limit(); nothing was sent
  interrupted,  // a signal arrived and the stop flag was set
  failed,       // errno says why
};

class message_queue {
 public:
  enum class access { send, receive };

  message_queue() = default;
  ~message_queue();
  message_queue(const message_queue&) = delete;
  message_queue& operator=(const message_queue&) = delete;

  // Opens (or creates) the queue SEL names.  A receiver opens a POSIX queue
  // for reading and writing when it may, so it can put a message back.
  // Prints a diagnostic and returns false on failure.
  bool open(object_selector& sel, const create_options& create,
            const mq_attributes& attr, access how);

  bool posix() const { return posix_; }
  bool created() const { return created_; }
  // For diagnostics, the queue's whole description (kinds.hh): "message
  // queue key 0x00001234", "message queue id 5", "POSIX message queue '/q'".
  const std::string& description() const { return description_; }

  // The largest message send() accepts, and the name of the limit for
  // diagnostics ("kernel.msgmax", "msg_qbytes", "mq_msgsize").  System V:
  // the smaller of kernel.msgmax and the queue's msg_qbytes (a message
  // larger than msg_qbytes would block forever).
  std::size_t send_limit() const { return send_limit_; }
  const char* send_limit_name() const { return send_limit_name_; }

  // A termination signal (termination.hh) that interrupts a blocking
  // send or receive makes it return mq_status::interrupted.

  // Sends SIZE bytes with TYPE (System V mtype >= 1) or priority (POSIX).
  // System V: a send that would block first re-reads msg_qbytes, so a
  // message that can never fit (the limit was lowered since the queue was
  // opened) is too_big rather than a wait forever.
  mq_status send(const void* data, std::size_t size, long type,
                 const deadline& until);

  // Receives one message into the queue's buffer.  System V: TYPE is
  // msgtyp (0, N, -N), EXCEPT adds MSG_EXCEPT; POSIX ignores both.  The
  // buffer starts at kernel.msgmax (at most 1 MiB) and grows on E2BIG up
  // to the queue's msg_qbytes and beyond, never truncating (no
  // MSG_NOERROR); POSIX uses mq_msgsize.
  mq_status receive(long type, bool except, const deadline& until);
  // The message receive() got: its bytes, with one more writable byte
  // after them (room for a terminator), its size and its type or priority.
  char* message_data() { return recv_text_; }
  std::size_t message_size() const { return recv_size_; }
  long message_type() const { return recv_type_; }

  // Sends the received message back with its type or priority: it goes to
  // the end of the queue (System V) or of its priority (POSIX).  Waits
  // for room until UNTIL.
  mq_status put_back(const deadline& until);
  // The same for a message kept elsewhere (a batch of received messages).
  // Not interrupted by a termination signal: it is the undoing.
  mq_status put_back(const char* data, std::size_t size, long type,
                     const deadline& until);

  // Whether a message taken off the queue could be put back: the queue
  // was opened for writing too (POSIX) or we have write permission on it
  // (System V).  Tells a receiver before it takes anything.
  bool can_put_back();

  // The number of messages on the queue now; -1 (errno set) if unknown.
  long count();

  // --remove: removes the queue through ipcutil::remove_if_owned
  // (kinds.hh: ours by uid == cuid == euid unless ALLOW_FOREIGN; a POSIX
  // name must still be the queue we opened), but never one that still
  // holds messages: that is refused, saying how many.  Every outcome but
  // removed is diagnosed.
  remove_result remove_if_owned(bool allow_foreign);

 private:
  mq_status sysv_send(const void* data, std::size_t size, long type,
                      const deadline& until);
  mq_status posix_send(const void* data, std::size_t size, unsigned prio,
                       const deadline& until);
  mq_status sysv_receive(long type, bool except, const deadline& until);
  mq_status posix_receive(const deadline& until);
  std::optional<mq_status> recheck_qbytes(std::size_t size);
  bool grow_receive_buffer();
  mq_status classify_sysv_error(int err, std::size_t size);

  bool posix_ = false;
  bool created_ = false;
  int id_ = -1;   // System V
  int mqd_ = -1;  // POSIX (an mqd_t is a descriptor on Linux)
  std::string name_;
  std::string description_;
  object_ref ref_;
  std::size_t msgmax_ = 0;
  std::size_t qbytes_ = 0;  // 0 when unknown (no read permission)
  std::size_t send_limit_ = 0;
  const char* send_limit_name_ = "";

  // Buffers as arrays of long, so the System V mtype is aligned.
  std::vector<long> send_buf_;
  std::vector<long> recv_buf_;
  std::size_t recv_capacity_ = 0;  // bytes of text the buffer can take
  char* recv_text_ = nullptr;
  std::size_t recv_size_ = 0;
  long recv_type_ = 0;
};

}  // namespace ipcutil
