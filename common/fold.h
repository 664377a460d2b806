// common/fold.h
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace silkgraph::fold {

/// Appends the case- and accent-folded form of UTF-8 `text` to `out`: ASCII and Latin letters
/// lowercased, diacritics dropped (Č→c, Ž→z, ü→u), curly quotes and apostrophes made straight,
/// dashes made '-'. Other code points are copied unchanged.
void append_folded(std::string_view text, std::string& out);

/// The folded form of `text` as a new string.
std::string folded(std::string_view text);

/// Decodes the code point at `i` (advancing `i`); invalid bytes decode as U+FFFD, one byte each.
char32_t decode(std::string_view text, std::size_t& i);

/// True for letters (ASCII, Latin-1, Latin Extended-A/B, Greek, Cyrillic).
bool is_letter(char32_t cp);
/// True for an uppercase letter in the ranges `is_letter` knows.
bool is_upper(char32_t cp);
/// True when the first code point of `text` is an uppercase letter.
bool starts_upper(std::string_view text);

}  // namespace silkgraph::fold
