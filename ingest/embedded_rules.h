// ingest/embedded_rules.h
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace silkgraph::ingest {

/// One rule file compiled into the binary, named by its path under ingest/rules/.
struct EmbeddedFile {
  const char* name;
  const char* data;
  std::size_t size;
  std::string_view text() const { return {data, size}; }
};

/// The built-in rule files, sorted by name (generated at build time).
const std::vector<EmbeddedFile>& embedded_rule_files();

}  // namespace silkgraph::ingest
