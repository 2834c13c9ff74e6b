#include <config.h>

#include "libipcutil/framing.hh"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>

namespace ipcutil {

record_reader::record_reader(int fd, int delim, std::size_t limit)
    : fd_(fd), delim_(delim), limit_(limit), buf_(64 * 1024) {}

record_reader::result record_reader::next(char*& data, std::size_t& size) {
  for (;;) {
    if (delim_ >= 0 && scan_ < end_) {
      auto* p = static_cast<char*>(memchr(&buf_[scan_], delim_, end_ - scan_));
      if (p != nullptr) {
        data = &buf_[start_];
        size = static_cast<std::size_t>(p - data);
        start_ = scan_ = static_cast<std::size_t>(p - buf_.data()) + 1;
        if (size > limit_) return result::too_big;
        return result::record;
      }
      scan_ = end_;
    }
    // Past the limit with no end in sight: stop now.
    if (end_ - start_ > limit_) return result::too_big;
    if (eof_) {
      if (start_ == end_ && (delim_ >= 0 || whole_done_)) return result::end;
      whole_done_ = true;
      data = &buf_[start_];
      size = end_ - start_;
      start_ = scan_ = end_;
      return result::record;  // buf_[end_] is the spare byte fill() leaves
    }
    if (!fill()) return result::error;
  }
}

// Reads more input after end_, making room first; false on error.
bool record_reader::fill() {
  if (start_ > 0) {
    memmove(buf_.data(), &buf_[start_], end_ - start_);
    end_ -= start_;
    scan_ -= start_;
    start_ = 0;
  }
  if (buf_.size() - end_ < 4096) buf_.resize(buf_.size() * 2);
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
    if (errno != EINTR) return false;
  }
}

void append_record(std::string& out, const char* data, std::size_t size,
                   long type, const record_format& format) {
  if (format.show_type) {
    char num[24];
    auto [end, ec] = std::to_chars(num, num + sizeof num, type);
    out.append(num, end);
    out += '\t';
  }
  if (format.raw) {
    out.append(data, size);
    return;
  }
  out.append(data, strnlen(data, size));
  out += format.terminator;
}

void record_batch::add(const char* data, std::size_t size, long type,
                       const record_format& format) {
  append_record(text_, data, size, type, format);
  ends_.push_back(text_.size());
}

void record_batch::clear() {
  text_.clear();
  ends_.clear();
  written_records_ = 0;
  partial_bytes_ = 0;
}

std::size_t record_batch::record_size(std::size_t i) const {
  return ends_[i] - (i == 0 ? 0 : ends_[i - 1]);
}

bool record_batch::write(int fd, const volatile sig_atomic_t* stop) {
  std::size_t done = 0;
  std::size_t next = 0;  // the first record not yet written whole
  auto account = [&] {
    while (next < ends_.size() && ends_[next] <= done) ++next;
    written_records_ = next;
    partial_bytes_ = done - (next == 0 ? 0 : ends_[next - 1]);
  };
  account();
  while (done < text_.size()) {
    // Once asked to stop, write only the rest of the record begun.
    bool stopping = stop != nullptr && *stop != 0;
    if (stopping && partial_bytes_ == 0) {
      errno = EINTR;
      return false;
    }
    std::size_t upto = stopping ? ends_[next] : text_.size();
    ssize_t n = ::write(fd, text_.data() + done, upto - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        struct pollfd pfd = {fd, POLLOUT, 0};
        if (poll(&pfd, 1, -1) < 0 && errno != EINTR) return false;
        continue;
      }
      return false;
    }
    if (n == 0) {
      errno = ENOSPC;  // a write that makes no progress would loop
      return false;
    }
    done += static_cast<std::size_t>(n);
    account();
  }
  return true;
}

}  // namespace ipcutil
