#include "export/escape.h"

#include <cstdio>

#include "common/utf8.h"

namespace silkgraph::exporters {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

char32_t decode(std::string_view s, std::size_t i, std::size_t length) {
  const auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
  switch (length) {
    case 2: return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3: return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default: return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  }
}

// Calls emit(code_point, bytes) for each code point of `text`; a byte that starts no
// well-formed sequence is passed as U+FFFD with the replacement's bytes.
template <typename Emit>
void for_each_code_point(std::string_view text, Emit&& emit) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
      emit(static_cast<char32_t>(b0), text.substr(i, 1));
      ++i;
      continue;
    }
    const std::size_t length = utf8::utf8_sequence_length(text, i);
    if (length == 0) {
      emit(char32_t{0xFFFD}, kReplacement);
      ++i;
      continue;
    }
    emit(decode(text, i, length), text.substr(i, length));
    i += length;
  }
}

void append_u_escape(std::string& out, char32_t cp) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
  out += buf;
}

}  // namespace

void append_xml(std::string& out, std::string_view text, bool attribute) {
  for_each_code_point(text, [&](char32_t cp, std::string_view bytes) {
    switch (cp) {
      case '&': out += "&amp;"; return;
      case '<': out += "&lt;"; return;
      case '>': out += "&gt;"; return;
      case '"': out += attribute ? "&quot;" : "\""; return;
      // As references, tab, LF and CR survive attribute normalisation, end-of-line handling
      // (CR) and readers that collapse whitespace in text (Boost's).
      case '\t': out += "&#9;"; return;
      case '\n': out += "&#10;"; return;
      case '\r': out += "&#13;"; return;
      default: break;
    }
    if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) {
      out += kReplacement;  // not even a character reference may name these in XML 1.0
      return;
    }
    out += bytes;
  });
}

void append_cypher_string(std::string& out, std::string_view text) {
  out += '\'';
  for_each_code_point(text, [&](char32_t cp, std::string_view bytes) {
    switch (cp) {
      case '\\': out += "\\\\"; return;
      case '\'': out += "\\'"; return;
      case '"': out += "\\\""; return;
      case '\n': out += "\\n"; return;
      case '\r': out += "\\r"; return;
      case '\t': out += "\\t"; return;
      case '\b': out += "\\b"; return;
      case '\f': out += "\\f"; return;
      default: break;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
      append_u_escape(out, cp);
      return;
    }
    out += bytes;
  });
  out += '\'';
}

void append_cypher_name(std::string& out, std::string_view name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (const char c : name) {
    const bool word = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!word) plain = false;
  }
  if (plain) {
    out += name;
    return;
  }
  out += '`';
  for_each_code_point(name, [&](char32_t cp, std::string_view bytes) {
    if (cp == '`') out += "``";
    else if (cp < 0x20 || cp == 0x7F) out += ' ';
    else out += bytes;
  });
  out += '`';
}

void append_csv_field(std::string& out, std::string_view text) {
  out += '"';
  for_each_code_point(text, [&](char32_t cp, std::string_view bytes) {
    if (cp == '"') out += "\"\"";
    else if (cp < 0x20 || cp == 0x7F) out += ' ';
    else out += bytes;
  });
  out += '"';
}

std::string valid_utf8(std::string_view text) {
  if (utf8::is_valid_utf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for_each_code_point(text, [&](char32_t, std::string_view bytes) { out += bytes; });
  return out;
}

void append_xml_attribute(std::string& out, const char* name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  append_xml(out, value, true);
  out += '"';
}

}  // namespace silkgraph::exporters
