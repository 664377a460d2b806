// ingest/reader.h
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "ingest/document.h"

namespace silkgraph::ingest {

struct ReaderOptions {
  std::optional<std::string> default_date;  // --date: used when a document has none
};

/// Streams documents from files, directories (recursive, sorted by path), `.jsonl` files and
/// "-" (stdin). Bad inputs are reported to Diagnostics and skipped; the rest is still read.
class DocumentReader {
 public:
  DocumentReader(std::vector<std::string> inputs, Diagnostics& diagnostics,
                 ReaderOptions options = {});
  ~DocumentReader();

  /// Fills `out` with the next document; false when every input is exhausted.
  bool next(Document& out);

  /// Sum of the sizes of all input files found (stdin counts 0), for progress display.
  std::uint64_t bytes_total() const;
  /// Bytes consumed so far.
  std::uint64_t bytes_read() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Recognises a date line ("2025-06-26", "06/26/2025, 09.56", "June 26, 2025", "26 June 2025")
/// and returns it as ISO "YYYY-MM-DD".
std::optional<std::string> parse_date_line(std::string_view line);

/// Replaces each byte that is not part of valid UTF-8 with '?', keeping every offset.
/// Returns the number of bytes replaced and the offset of the first one.
struct Utf8Repair {
  std::size_t replaced = 0;
  std::size_t first_offset = 0;
};
Utf8Repair repair_utf8(std::string& text);

/// True when the bytes look like a binary file (NUL bytes, or mostly control bytes).
bool looks_binary(std::string_view head);

}  // namespace silkgraph::ingest
