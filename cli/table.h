// cli/table.h
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace silkgraph::cli {

/// Display width of UTF-8 text: one column per code point (continuation bytes take none).
std::size_t display_width(std::string_view text);

/// `text` on one line: control characters (line breaks, tabs) made spaces.
std::string one_line(std::string_view text);

/// `text` on one line (control characters made spaces) and cut to at most `width` columns,
/// ending in "…" when cut.
std::string fit(std::string_view text, std::size_t width);

/// A text table: columns as wide as their widest cell, two spaces apart, numbers on the right.
class Table {
 public:
  explicit Table(std::vector<std::string> header, std::vector<bool> right_aligned = {});
  /// Adds a row; `notes` are printed verbatim on the lines after it.
  void add(std::vector<std::string> row, std::vector<std::string> notes = {});
  bool empty() const { return rows_.empty(); }
  /// Prints the header (unless `with_header` is false) and the rows, `indent` spaces in; no
  /// trailing spaces.
  void print(std::ostream& out, std::size_t indent = 0, bool with_header = true) const;

 private:
  std::vector<std::string> header_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::vector<std::string>> notes_;
};

}  // namespace silkgraph::cli
