#include "cli/table.h"

#include <algorithm>

namespace silkgraph::cli {

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  return width;
}

std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  return out;
}

std::string fit(std::string_view text, std::size_t width) {
  std::string out;
  out.reserve(std::min(text.size(), width * 4));
  std::size_t columns = 0;
  const std::size_t total = display_width(text);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool starts = (c & 0xC0) != 0x80;
    if (starts) {
      // Keep one column for the ellipsis when the text does not fit.
      if (total > width && columns + 1 == width) return out + "…";
      if (columns == width) break;
      ++columns;
    }
    out += c < 0x20 || c == 0x7F ? ' ' : static_cast<char>(c);
  }
  return out;
}

Table::Table(std::vector<std::string> header, std::vector<bool> right_aligned)
    : header_(std::move(header)), right_(std::move(right_aligned)) {
  right_.resize(header_.size(), false);
}

void Table::add(std::vector<std::string> row, std::vector<std::string> notes) {
  row.resize(header_.size());
  rows_.push_back(std::move(row));
  notes_.push_back(std::move(notes));
}

void Table::print(std::ostream& out, std::size_t indent, bool with_header) const {
  std::vector<std::size_t> widths(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size(); ++i)
      widths[i] = std::max(widths[i], display_width(row[i]));
  };
  if (with_header) measure(header_);
  for (const auto& row : rows_) measure(row);
  auto line = [&](const std::vector<std::string>& row) {
    std::string text(indent, ' ');
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string pad(widths[i] - display_width(row[i]), ' ');
      if (i > 0) text += "  ";
      text += right_[i] ? pad + row[i] : row[i] + pad;
    }
    text.erase(text.find_last_not_of(' ') + 1);
    out << text << '\n';
  };
  if (with_header) line(header_);
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    line(rows_[r]);
    for (const std::string& note : notes_[r]) out << note << '\n';
  }
}

}  // namespace silkgraph::cli
