#include "common/fold.h"

namespace silkgraph::fold {
namespace {

// Base letters of U+00C0..U+017F, lowercase, '\0' where there is no plain Latin base.
// Index = code point - 0xC0.
constexpr const char* kLatinBase =
    "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"  // U+00C0
    "aaaaaaaceeeeiiiidnooooo\0ouuuuyty"  // U+00E0
    "aaaaaaccccccccddddeeeeeeeeeegggg"  // U+0100
    "gggghhhhiiiiiiiiiiiijjkkklllllll"  // U+0120
    "lllnnnnnnnnnoooooooorrrrrrssssss"  // U+0140
    "ssttttttuuuuuuuuuuuuwwyyyzzzzzzs";  // U+0160

void append_utf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

char32_t decode_multibyte(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int len = (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = b0 & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += static_cast<std::size_t>(len);
  return cp;
}

bool is_letter_multibyte(char32_t cp) {
  if (cp >= 0xC0 && cp <= 0x24F) return cp != 0xD7 && cp != 0xF7;
  if (cp >= 0x370 && cp <= 0x52F) return true;  // Greek, Cyrillic
  if (cp >= 0x1E00 && cp <= 0x1EFF) return true;  // Latin Extended Additional
  if (cp >= 0x4E00 && cp <= 0x9FFF) return true;  // CJK ideographs
  return false;
}

bool is_upper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x17F) {
    // Latin Extended-A alternates upper/lower, with a shift after U+0138 and U+0178.
    if (cp == 0x178 || cp == 0x130) return true;
    if (cp >= 0x139 && cp <= 0x148) return cp % 2 == 1;
    if (cp >= 0x179 && cp <= 0x17E) return cp % 2 == 1;
    if (cp == 0x138 || cp == 0x149 || cp == 0x17F) return false;
    return cp % 2 == 0;
  }
  if (cp >= 0x391 && cp <= 0x3AB) return true;  // Greek capitals
  if (cp >= 0x400 && cp <= 0x42F) return true;  // Cyrillic capitals
  return false;
}

bool starts_upper(std::string_view text) {
  if (text.empty()) return false;
  std::size_t i = 0;
  return is_upper(decode(text, i));
}

void append_folded(std::string_view text, std::string& out) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out += static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
      ++i;
      continue;
    }
    append_folded_code_point(decode(text, i), out);
  }
}

void append_folded_code_point(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    return;
  }
  if (cp >= 0xC0 && cp <= 0x17F && kLatinBase[cp - 0xC0] != '\0') {
    out += kLatinBase[cp - 0xC0];
    if (cp == 0xC6 || cp == 0xE6) out += 'e';  // Æ æ
    if (cp == 0x152 || cp == 0x153) out += 'e';  // Œ œ
    if (cp == 0xDF) out += 's';  // ß
  } else if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x2032 || cp == 0x60) {
    out += '\'';
  } else if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0xAB || cp == 0xBB) {
    out += '"';
  } else if (cp >= 0x2010 && cp <= 0x2015) {
    out += '-';
  } else if (cp >= 0x410 && cp <= 0x42F) {
    append_utf8(cp + 0x20, out);  // Cyrillic capitals
  } else if (cp >= 0x400 && cp <= 0x40F) {
    append_utf8(cp + 0x50, out);
  } else if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) {
    append_utf8(cp + 0x20, out);  // Greek capitals
  } else {
    append_utf8(cp, out);
  }
}

std::string folded(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_folded(text, out);
  return out;
}

}  // namespace silkgraph::fold
