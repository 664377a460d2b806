// graph/records_reader.h
#pragma once

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "ingest/record.h"

namespace silkgraph::graph {

/// Why a line is not a record: "malformed JSON (...)", "record has no \"subject\" string", ...
struct RecordProblem {
  std::size_t column = 0;  // 1-based byte column for malformed JSON, 0 otherwise
  std::string what;
};

/// Parses one JSON Lines record of spec/relations.md, as `extract` writes it: the eleven
/// required fields with their types, "date" (YYYY-MM-DD or null), "subject_text" and
/// "object_text" optional, other fields ignored. Returns the problem, or nothing and fills `out`.
std::optional<RecordProblem> parse_record_line(std::string_view line, ingest::Record& out);

/// Streams records from JSON Lines files, "-" for stdin. A bad line or an unreadable file is
/// reported to Diagnostics ("file:line: what; record skipped") and the rest is still read.
class RecordReader {
 public:
  RecordReader(std::vector<std::string> paths, Diagnostics& diagnostics);

  /// Fills `out` with the next valid record; false when every file is exhausted.
  bool next(ingest::Record& out);

  /// Sum of the sizes of all files (stdin counts 0), and bytes consumed so far, for progress.
  std::uint64_t bytes_total() const { return bytes_total_; }
  std::uint64_t bytes_read() const { return bytes_read_; }

 private:
  bool open_next();

  std::vector<std::string> paths_;
  Diagnostics& diagnostics_;
  std::size_t next_path_ = 0;
  std::string path_;  // the file being read
  std::ifstream file_;
  std::istream* in_ = nullptr;
  std::size_t line_1based_ = 0;
  std::string line_;
  std::uint64_t bytes_total_ = 0, bytes_read_ = 0;
};

}  // namespace silkgraph::graph
