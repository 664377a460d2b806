// ingest/document.h
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace silkgraph::ingest {

/// One article as read from an input; every byte offset downstream refers to `text`.
struct Document {
  std::string id;                   // file name without extension, or the JSONL "id"
  std::string text;                 // exactly as in the input (invalid UTF-8 bytes become '?')
  std::optional<std::string> date;  // ISO "YYYY-MM-DD"; empty when unknown, never invented
  std::string title;
  std::string url;
  std::string source;               // path of the input file ("-" for stdin)
  std::size_t source_line = 0;      // 1-based line of a JSONL record; 0 for whole files
};

}  // namespace silkgraph::ingest
