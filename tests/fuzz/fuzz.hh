// Shared by the fuzz harnesses: an invariant that does not hold aborts,
// which libFuzzer reports as a crash (saving the input) and which fails
// the replay test under make check.
#pragma once
#include <stdio.h>
#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#define FUZZ_CHECK(cond)                                                   \
  do {                                                                     \
    if (!(cond)) {                                                         \
      fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, \
              #cond);                                                      \
      abort();                                                             \
    }                                                                      \
  } while (0)

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size);

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}
