// fuzz/fuzz_util.h: shared by the libFuzzer targets.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

namespace silkgraph::fuzz {

/// A file of this process's own (the readers under test read files), rewritten per input.
inline std::string write_input(const std::uint8_t* data, std::size_t size, const char* name) {
  static const std::string dir = [] {
    char pattern[] = "/tmp/silkgraph-fuzz-XXXXXX";
    const char* made = ::mkdtemp(pattern);
    if (!made) std::abort();
    return std::string(made);
  }();
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

/// Stops the run like a crash when an invariant does not hold, so libFuzzer keeps the input.
inline void require(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace silkgraph::fuzz
