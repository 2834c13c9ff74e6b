// Record framing: how a stream of bytes is cut into messages and how
// messages are written back as a stream.  A record ends with a newline
// (the default), a NUL (-z), or is the whole stream (-r).
#pragma once
#include <signal.h>
#include <sys/types.h>

#include <cstddef>
#include <string>
#include <vector>

namespace ipcutil {

// The record delimiter for reading, or -1 for "the whole input is one
// record" (--raw).
constexpr int whole_input = -1;

// Records of a descriptor, in a buffer that is reused: each record is
// handed out in place, with one writable byte after it (its delimiter, or
// a spare byte), so a caller can add a NUL without a copy.
class record_reader {
 public:
  enum class result { record, end, too_big, error };

  // DELIM is '\n', '\0' or whole_input.  LIMIT is the largest record the
  // caller can use.
  record_reader(int fd, int delim, std::size_t limit);

  // record: DATA and SIZE are set.  end: no more input.  error: a read
  // failed (errno).  too_big: the record grew past the limit; reading
  // stopped there, at once, so an endless record ends the run instead of
  // being read to its end (the caller reports "more than LIMIT bytes").
  result next(char*& data, std::size_t& size);

 private:
  bool fill();

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

// How messages are written as records.
struct record_format {
  bool raw = false;        // the exact bytes, no terminator
  char terminator = '\n';  // without raw: '\n' or '\0' (-z)
  bool show_type = false;  // "TYPE\t" first (-T)
};

// Appends one message to OUT as FORMAT says: the type and a tab with
// show_type; the bytes up to the first NUL (a C string sent in a larger
// buffer prints as text) and the terminator, or with raw all SIZE bytes.
void append_record(std::string& out, const char* data, std::size_t size,
                   long type, const record_format& format);

// A batch of formatted records written with as few write() calls as the
// descriptor allows, and what became of each record when a write fails.
class record_batch {
 public:
  void add(const char* data, std::size_t size, long type,
           const record_format& format);
  std::size_t records() const { return ends_.size(); }
  std::size_t bytes() const { return text_.size(); }
  bool empty() const { return ends_.empty(); }
  void clear();

  // Writes the batch to FD.  True when all of it was written.  False with
  // errno set otherwise; then written_records() records were written
  // whole and partial_bytes() bytes of the next one.  A signal that
  // interrupts a write while *STOP is set (non-zero) stops the batch at
  // the next record boundary (errno EINTR): a record that was begun is
  // finished first, so a record is never torn by a stop.  EAGAIN (a
  // non-blocking descriptor) waits for room with poll().
  bool write(int fd, const volatile sig_atomic_t* stop);
  std::size_t written_records() const { return written_records_; }
  std::size_t partial_bytes() const { return partial_bytes_; }
  // The size of record I as written.
  std::size_t record_size(std::size_t i) const;

 private:
  std::string text_;
  std::vector<std::size_t> ends_;  // where each record ends in text_
  std::size_t written_records_ = 0;
  std::size_t partial_bytes_ = 0;
};

}  // namespace ipcutil
