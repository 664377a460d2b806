// common/utf8.h
#pragma once

#include <cstddef>
#include <string_view>

namespace silkgraph::utf8 {

/// Length (1-4) of the well-formed UTF-8 sequence starting at s[i], or 0 if the bytes there are
/// not one (bad lead byte, truncated, overlong, surrogate, above U+10FFFF, or i past the end).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

/// True when every byte of `s` belongs to a well-formed UTF-8 sequence.
bool is_valid_utf8(std::string_view s);

/// The longest start of `s` of at most `max_bytes` bytes that does not cut a character in
/// two, for quoting text in messages.
std::string_view prefix(std::string_view s, std::size_t max_bytes);

}  // namespace silkgraph::utf8
