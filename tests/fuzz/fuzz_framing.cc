// Fuzzes libipcutil/framing.  record_reader reads the input through a
// pipe, written in pieces of varying size by a second thread, with a
// newline, a NUL (-z) or nothing (the whole input) as the delimiter; the
// records it returns must be the input cut at each delimiter, a record
// over the limit must end the run as too_big, and the spare byte after
// each record must be writable.  append_record and record_batch format
// the input's pieces as messages (C strings, raw, with their type) and
// write them to a memfd, which must then hold exactly those records.
//
// Input: byte 0 picks the delimiter and the output format, byte 1 the
// limit, byte 2 how many times the rest is repeated (from 0xc0 on: 1 to
// 64 times, so records can outgrow the reader's first buffer), byte 3 the
// sizes of the writes.
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <climits>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "fuzz.hh"
#include "libipcutil/fd.hh"
#include "libipcutil/framing.hh"

using namespace ipcutil;

namespace {

void check_reader(int delim, std::size_t limit, const std::string& stream,
                  unsigned seed) {
  int fds[2];
  FUZZ_CHECK(pipe2(fds, O_CLOEXEC) == 0);
  unique_fd rd(fds[0]);
  int wr = fds[1];
  std::thread writer([wr, &stream, seed] {
    std::size_t done = 0;
    unsigned x = seed | 1;
    while (done < stream.size()) {
      x = x * 1103515245 + 12345;
      std::size_t chunk = 1 + (x >> 16) % 9000;
      if (chunk > stream.size() - done) chunk = stream.size() - done;
      ssize_t n = write(wr, stream.data() + done, chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // EPIPE: the reader stopped at too_big
      done += static_cast<std::size_t>(n);
    }
    close(wr);
  });

  // The expected records.
  std::vector<std::string> want;
  if (delim == whole_input) {
    want.push_back(stream);
  } else {
    std::size_t start = 0;
    for (;;) {
      std::size_t at = stream.find(static_cast<char>(delim), start);
      if (at == std::string::npos) {
        if (start < stream.size()) want.push_back(stream.substr(start));
        break;
      }
      want.push_back(stream.substr(start, at - start));
      start = at + 1;
    }
  }

  record_reader reader(rd.get(), delim, limit);
  char* data;
  std::size_t size;
  bool stopped = false;
  for (const std::string& w : want) {
    record_reader::result res = reader.next(data, size);
    if (w.size() > limit) {
      FUZZ_CHECK(res == record_reader::result::too_big);
      stopped = true;
      break;
    }
    FUZZ_CHECK(res == record_reader::result::record);
    FUZZ_CHECK(size == w.size() && memcmp(data, w.data(), size) == 0);
    data[size] = '\0';  // the spare byte is ours
  }
  if (!stopped) FUZZ_CHECK(reader.next(data, size) == record_reader::result::end);
  rd.reset();  // a writer still writing gets EPIPE
  writer.join();
}

void check_writer(unsigned char how, std::string_view payload) {
  record_format format;
  format.raw = (how & 0x10) != 0;
  format.terminator = (how & 0x20) != 0 ? '\0' : '\n';
  format.show_type = (how & 0x40) != 0;
  // Messages: the payload cut at each 0xff byte; types of either sign.
  std::vector<std::string_view> messages;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = payload.find('\xff', start);
    messages.push_back(payload.substr(start, at == payload.npos
                                                 ? payload.npos
                                                 : at - start));
    if (at == payload.npos) break;
    start = at + 1;
  }
  record_batch batch;
  std::string want;
  std::vector<std::size_t> sizes;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    long type = (i % 2 == 0 ? 1 : -1) * static_cast<long>(i * 2654435761u);
    if (i == 3) type = LONG_MIN;
    std::string_view m = messages[i];
    std::string one;
    if (format.show_type) one = std::to_string(type) + '\t';
    if (format.raw)
      one.append(m);
    else
      one.append(m.substr(0, m.find('\0'))).append(1, format.terminator);
    std::string single;
    append_record(single, m.data(), m.size(), type, format);
    FUZZ_CHECK(single == one);
    batch.add(m.data(), m.size(), type, format);
    want += one;
    sizes.push_back(one.size());
  }
  FUZZ_CHECK(batch.records() == messages.size());
  FUZZ_CHECK(batch.bytes() == want.size());
  for (std::size_t i = 0; i < sizes.size(); ++i)
    FUZZ_CHECK(batch.record_size(i) == sizes[i]);
  unique_fd out(memfd_create("fuzz_framing", MFD_CLOEXEC));
  FUZZ_CHECK(out);
  FUZZ_CHECK(batch.write(out.get(), nullptr));
  FUZZ_CHECK(batch.written_records() == messages.size());
  FUZZ_CHECK(batch.partial_bytes() == 0);
  std::string got(want.size() + 1, '\0');
  ssize_t n = pread(out.get(), got.data(), got.size(), 0);
  FUZZ_CHECK(n == static_cast<ssize_t>(want.size()));
  got.resize(want.size());
  FUZZ_CHECK(got == want);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  static bool once = [] {
    signal(SIGPIPE, SIG_IGN);
    return true;
  }();
  (void)once;
  if (size < 4) return 0;
  static constexpr std::size_t limits[] = {
      0, 1, 2, 7, 100, 4095, 4096, 65535, 65536, 65537, 200000, SIZE_MAX / 2};
  int delims[] = {'\n', '\0', whole_input};
  int delim = delims[data[0] % 3];
  std::size_t limit = limits[data[1] % (sizeof limits / sizeof limits[0])];
  // Mostly once, so most runs are quick; up to 64 times for long records.
  std::size_t repeat = data[2] < 0xc0 ? 1 : 1 + (data[2] - 0xc0);
  unsigned seed = data[3];
  std::string_view payload = as_text(data + 4, size - 4);
  std::string stream;
  stream.reserve(payload.size() * repeat);
  for (std::size_t i = 0; i < repeat; ++i) stream.append(payload);
  check_reader(delim, limit, stream, seed);
  check_writer(data[0], payload);
  return 0;
}
