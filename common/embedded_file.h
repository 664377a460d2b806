// common/embedded_file.h
#pragma once

#include <cstddef>
#include <string_view>

namespace silkgraph {

/// A file compiled into the binary at build time (common/embed_files.cmake).
struct EmbeddedFile {
  const char* name;
  const char* data;
  std::size_t size;
  std::string_view text() const { return {data, size}; }
};

}  // namespace silkgraph
