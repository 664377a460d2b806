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

/// Appends the folded form of one code point, as `append_folded` does for it.
void append_folded_code_point(char32_t cp, std::string& out);

/// The folded form of `text` as a new string.
std::string folded(std::string_view text);

/// decode() of a code point that does not start with an ASCII byte.
char32_t decode_multibyte(std::string_view text, std::size_t& i);

/// Decodes the code point at `i` (advancing `i`); invalid bytes decode as U+FFFD, one byte each.
inline char32_t decode(std::string_view text, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  return decode_multibyte(text, i);
}

/// is_letter() of a code point outside ASCII.
bool is_letter_multibyte(char32_t cp);

/// True for letters (ASCII, Latin-1, Latin Extended-A/B, Greek, Cyrillic).
inline bool is_letter(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  return is_letter_multibyte(cp);
}
/// True for an uppercase letter in the ranges `is_letter` knows.
bool is_upper(char32_t cp);
/// True when the first code point of `text` is an uppercase letter.
bool starts_upper(std::string_view text);

}  // namespace silkgraph::fold
