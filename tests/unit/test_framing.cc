// framing: the record reader (newline, NUL, whole input; stops as soon as
// a record passes the limit), append_record (text up to NUL, -z, -r, -T),
// and record_batch (what was written whole, what was torn, stopping at a
// record boundary).

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <string>

#include "libipcutil/framing.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using ipcutil::append_record;
using ipcutil::record_batch;
using ipcutil::record_format;
using ipcutil::record_reader;
using result = ipcutil::record_reader::result;

namespace {

// A pipe holding TEXT; its write end stays open unless CLOSE.
int pipe_with(const std::string& text, bool close_write = true,
              int* write_end = nullptr) {
  int fds[2];
  ck_assert_int_eq(pipe(fds), 0);
  ck_assert_int_eq(write(fds[1], text.data(), text.size()),
                   static_cast<ssize_t>(text.size()));
  if (close_write)
    close(fds[1]);
  else if (write_end != nullptr)
    *write_end = fds[1];
  return fds[0];
}

std::string next_record(record_reader& r, result expected = result::record) {
  char* data = nullptr;
  std::size_t size = 0;
  result got = r.next(data, size);
  ck_assert_int_eq(static_cast<int>(got), static_cast<int>(expected));
  return got == result::record ? std::string(data, size) : std::string();
}

}  // namespace

START_TEST(test_reader_lines) {
  record_reader r(pipe_with("one\n\nthree\nlast"), '\n', 100);
  ck_assert(next_record(r) == "one");
  ck_assert(next_record(r) == "");
  ck_assert(next_record(r) == "three");
  ck_assert(next_record(r) == "last");  // no newline: still a record
  next_record(r, result::end);
}
END_TEST

START_TEST(test_reader_nul_and_whole) {
  record_reader z(pipe_with(std::string("a\nb\0c", 5)), '\0', 100);
  ck_assert(next_record(z) == "a\nb");
  ck_assert(next_record(z) == "c");
  next_record(z, result::end);
  record_reader w(pipe_with("x\ny\n"), ipcutil::whole_input, 100);
  ck_assert(next_record(w) == "x\ny\n");
  next_record(w, result::end);
  // Empty input is one empty record in whole-input mode, none otherwise.
  record_reader e(pipe_with(""), ipcutil::whole_input, 100);
  ck_assert(next_record(e) == "");
  next_record(e, result::end);
  record_reader n(pipe_with(""), '\n', 100);
  next_record(n, result::end);
}
END_TEST

// The byte after a record is writable (for --c-string's NUL).
START_TEST(test_reader_spare_byte) {
  record_reader r(pipe_with("abc"), ipcutil::whole_input, 100);
  char* data;
  std::size_t size;
  ck_assert(r.next(data, size) == result::record);
  data[size] = '\0';
  ck_assert_str_eq(data, "abc");
}
END_TEST

// Exactly the limit is a record; one byte more is too_big; and the reader
// says so while its input is still open (an endless record ends the run).
START_TEST(test_reader_limit) {
  record_reader r(pipe_with("12345\n123456\n"), '\n', 5);
  ck_assert(next_record(r) == "12345");
  next_record(r, result::too_big);
  int write_end = -1;
  record_reader open_ended(pipe_with(std::string(5000, 'y'), false, &write_end),
                           '\n', 1000);
  next_record(open_ended,
              result::too_big);  // would block forever if it read on
  close(write_end);
}
END_TEST

START_TEST(test_append_record) {
  std::string out;
  record_format text;
  append_record(out, "ab\0cd", 5, 1, text);
  ck_assert(out == "ab\n");
  out.clear();
  record_format z;
  z.terminator = '\0';
  z.show_type = true;
  append_record(out, "hi", 2, -7, z);
  ck_assert(out == std::string("-7\thi\0", 6));
  out.clear();
  record_format raw;
  raw.raw = true;
  append_record(out, "ab\0cd", 5, 1, raw);
  ck_assert(out == std::string("ab\0cd", 5));
}
END_TEST

START_TEST(test_batch_writes_all) {
  int fds[2];
  ck_assert_int_eq(pipe(fds), 0);
  record_batch b;
  record_format f;
  b.add("one", 3, 1, f);
  b.add("two", 3, 1, f);
  ck_assert_uint_eq(b.records(), 2);
  ck_assert(b.write(fds[1], nullptr));
  char buf[16] = {};
  ck_assert_int_eq(read(fds[0], buf, sizeof buf), 8);
  ck_assert_str_eq(buf, "one\ntwo\n");
}
END_TEST

// A file size limit cuts the write in the middle of the second record:
// one record whole, 2 bytes of the next, errno EFBIG.
START_TEST(test_batch_torn) {
  signal(SIGXFSZ, SIG_IGN);
  char path[] = "/tmp/test_framing.XXXXXX";
  int fd = mkstemp(path);
  ck_assert_int_ge(fd, 0);
  unlink(path);
  struct rlimit rl = {6, 6};
  ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
  record_batch b;
  record_format f;
  b.add("abc", 3, 1, f);
  b.add("defg", 4, 1, f);
  b.add("h", 1, 1, f);
  ck_assert(!b.write(fd, nullptr));
  ck_assert_int_eq(errno, EFBIG);
  ck_assert_uint_eq(b.written_records(), 1);
  ck_assert_uint_eq(b.partial_bytes(), 2);
  ck_assert_uint_eq(b.record_size(1), 5);
}
END_TEST

// Asked to stop before anything is written: nothing is, errno EINTR.
START_TEST(test_batch_stop_at_boundary) {
  int fds[2];
  ck_assert_int_eq(pipe(fds), 0);
  record_batch b;
  record_format f;
  b.add("one", 3, 1, f);
  volatile sig_atomic_t stop = SIGTERM;
  ck_assert(!b.write(fds[1], &stop));
  ck_assert_int_eq(errno, EINTR);
  ck_assert_uint_eq(b.written_records(), 0);
  ck_assert_uint_eq(b.partial_bytes(), 0);
  ck_assert_int_eq(fcntl(fds[0], F_SETFL, O_NONBLOCK), 0);
  char c;
  ck_assert_int_eq(read(fds[0], &c, 1), -1);  // nothing was written
}
END_TEST

Suite* framing_suite() {
  Suite* s = suite_create("framing");
  TCase* tc = tcase_create("record_reader");
  tcase_add_test(tc, test_reader_lines);
  tcase_add_test(tc, test_reader_nul_and_whole);
  tcase_add_test(tc, test_reader_spare_byte);
  tcase_add_test(tc, test_reader_limit);
  suite_add_tcase(s, tc);
  tc = tcase_create("writer");
  tcase_add_test(tc, test_append_record);
  tcase_add_test(tc, test_batch_writes_all);
  tcase_add_test(tc, test_batch_torn);
  tcase_add_test(tc, test_batch_stop_at_boundary);
  suite_add_tcase(s, tc);
  return s;
}
