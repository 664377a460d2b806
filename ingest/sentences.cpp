#include "ingest/sentences.h"

#include <cstring>

#include "common/fold.h"
#include "ingest/rule_set.h"

namespace silkgraph::ingest {
namespace {

bool ascii_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Closing quotes and brackets that may follow a sentence's final mark.
bool is_closer(std::string_view s, std::size_t i, std::size_t& next) {
  std::size_t j = i;
  const char32_t cp = fold::decode(s, j);
  if (cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
      cp == 0xBB) {
    next = j;
    return true;
  }
  return false;
}

// True when one of the eight bytes is '.', '!', '?' or not ASCII. (x - 0x01..) & ~x & 0x80..
// is non-zero exactly when x has a zero byte.
bool has_mark_or_multibyte(std::uint64_t bytes) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  auto has_zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  return ((bytes & kHighs) | has_zero(bytes ^ (kOnes * '.')) | has_zero(bytes ^ (kOnes * '!')) |
          has_zero(bytes ^ (kOnes * '?'))) != 0;
}

bool is_opener(char32_t cp) {
  return cp == '"' || cp == '\'' || cp == '(' || cp == '[' || cp == 0x201C || cp == 0x2018 ||
         cp == 0xAB;
}

bool is_bullet(char32_t cp) {
  return cp == 0x2022 || cp == '*' || cp == '-' || cp == 0xB7 || cp == 0x25AA || cp == 0x25CF ||
         cp == 0x2013 || cp == 0x2014;
}

}  // namespace

SentenceSplitter::SentenceSplitter(const RuleSet& rules) {
  for (const std::string& a : rules.list("abbreviations")) {
    std::string w = a;
    while (!w.empty() && w.back() == '.') w.pop_back();
    abbreviations_.insert(w);
  }
  for (const std::string& u : rules.list("ticker_units")) ticker_units_.insert(u);
}

bool SentenceSplitter::is_ticker(std::string_view line) const {
  // "• 3 hours Oil prices slip": a bullet, a number and a unit of time.
  std::size_t i = 0;
  if (line.empty() || !is_bullet(fold::decode(line, i))) return false;
  while (i < line.size() && ascii_space(line[i])) ++i;
  const std::size_t num = i;
  while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
  if (i == num) return false;
  while (i < line.size() && ascii_space(line[i])) ++i;
  const std::size_t w = i;
  while (i < line.size() && !ascii_space(line[i])) ++i;
  return ticker_units_.count(fold::folded(line.substr(w, i - w))) > 0;
}

void SentenceSplitter::paragraphs(std::string_view text, std::vector<Span>& out) const {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::size_t b = pos, e = eol;
    while (b < e && (ascii_space(text[b]) || static_cast<unsigned char>(text[b]) == 0xC2)) {
      // also skip a no-break space (C2 A0)
      if (static_cast<unsigned char>(text[b]) == 0xC2) {
        if (b + 1 < e && static_cast<unsigned char>(text[b + 1]) == 0xA0) {
          b += 2;
          continue;
        }
        break;
      }
      ++b;
    }
    while (e > b && ascii_space(text[e - 1])) --e;
    pos = eol + 1;
    if (b == e) continue;
    const std::string_view line = text.substr(b, e - b);
    if (is_ticker(line)) continue;
    // Count words (runs containing a letter); three are enough.
    int words = 0;
    bool in_word = false, has_letter = false;
    for (std::size_t i = 0; i < line.size() && words < 3;) {
      const auto byte = static_cast<unsigned char>(line[i]);
      if (byte < 0x80) {  // ASCII without decoding
        ++i;
        if (byte == ' ' || byte == '\t') {
          if (in_word && has_letter) ++words;
          in_word = has_letter = false;
        } else {
          in_word = true;
          if ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z') has_letter = true;
        }
        continue;
      }
      const char32_t cp = fold::decode(line, i);
      const bool space = cp == 0xA0;
      if (space) {
        if (in_word && has_letter) ++words;
        in_word = has_letter = false;
      } else {
        in_word = true;
        if (fold::is_letter(cp)) has_letter = true;
      }
    }
    if (in_word && has_letter) ++words;
    if (words < 3) continue;
    // The line must end like a sentence, possibly inside quotes or brackets.
    std::size_t end = line.size();
    bool ends = false;
    while (end > 0) {
      std::size_t k = end - 1;
      while (k > 0 && (static_cast<unsigned char>(line[k]) & 0xC0) == 0x80) --k;
      std::size_t tmp = k;
      const char32_t cp = fold::decode(line, tmp);
      if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == ':' || cp == ';') {
        ends = true;
        break;
      }
      std::size_t ignored;
      if (!is_closer(line, k, ignored)) break;
      end = k;
    }
    if (!ends) continue;
    out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
  }
}

bool SentenceSplitter::is_abbreviation(std::string_view text, std::size_t word_begin,
                                       std::size_t dot) const {
  std::string_view word = text.substr(word_begin, dot - word_begin);
  // Leading quotes and brackets are not part of the word: ("Mr.
  while (!word.empty()) {
    std::size_t n = 0;
    if (fold::is_letter(fold::decode(word, n))) break;
    word.remove_prefix(n);
  }
  if (word.empty()) return false;
  // An initial: one capital letter ("S." in "S. Rajaratnam").
  std::size_t i = 0;
  const char32_t first = fold::decode(word, i);
  if (i == word.size() && fold::is_upper(first)) return true;
  return abbreviations_.count(fold::folded(word)) > 0;
}

void SentenceSplitter::split(std::string_view text, Span paragraph,
                             std::vector<Span>& out) const {
  std::size_t start = paragraph.begin;
  const std::size_t end = paragraph.end;
  auto push = [&](std::size_t b, std::size_t e) {
    while (b < e && ascii_space(text[b])) ++b;
    while (e > b && ascii_space(text[e - 1])) --e;
    // Cut overlong runs at a space so one sentence never holds unbounded text.
    while (e - b > kMaxSentenceBytes) {
      std::size_t cut = b + kMaxSentenceBytes;
      while (cut > b + kMaxSentenceBytes / 2 && text[cut] != ' ') --cut;
      if (text[cut] != ' ') {
        cut = b + kMaxSentenceBytes;
        while (cut > b && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      }
      out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(cut)});
      b = cut;
      while (b < e && ascii_space(text[b])) ++b;
    }
    if (e > b) out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
  };

  // The word a '.' ends starts after the last space before it, but not before the point where
  // the search resumed after the last sentence mark. It is found when a '.' needs it, searching
  // back only to the previous '.', so each byte is looked at once.
  std::size_t scanned = start;     // spaces before here are accounted for in word_start
  std::size_t word_start = start;
  auto word_begin = [&](std::size_t dot) {
    for (std::size_t w = dot; w > scanned; --w) {
      if (ascii_space(text[w - 1])) {
        word_start = w;
        break;
      }
    }
    scanned = dot;
    return word_start;
  };
  for (std::size_t i = start; i < end;) {
    // Most bytes are ASCII and no sentence mark: skip them eight at a time, undecoded.
    while (i + 8 <= end) {
      std::uint64_t bytes;
      std::memcpy(&bytes, text.data() + i, 8);
      if (has_mark_or_multibyte(bytes)) break;
      i += 8;
    }
    if (i >= end) break;
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80 && byte != '.' && byte != '!' && byte != '?') {
      ++i;
      continue;
    }
    std::size_t j = i;
    const char32_t cp = fold::decode(text, j);
    const bool ellipsis = cp == 0x2026 || (cp == '.' && j + 1 < end && text[j] == '.' && text[j + 1] == '.');
    if (cp != '.' && cp != '!' && cp != '?' && !ellipsis) {
      i = j;
      continue;
    }
    if (ellipsis && cp == '.') j += 2;
    if (cp == '.' && !ellipsis && is_abbreviation(text, word_begin(i), i)) {
      i = j;
      continue;
    }
    // Take further marks and closing quotes/brackets: ?!  ."  .”)
    std::size_t k = j;
    for (;;) {
      std::size_t n;
      if (k < end && (text[k] == '!' || text[k] == '?' || text[k] == '.')) {
        ++k;
      } else if (k < end && is_closer(text, k, n)) {
        k = n;
      } else {
        break;
      }
    }
    // A boundary needs whitespace, then a capital, a digit or an opening quote.
    std::size_t s = k;
    while (s < end && ascii_space(text[s])) ++s;
    if (s == k || s >= end) {
      i = k;
      continue;
    }
    std::size_t t = s;
    char32_t next = fold::decode(text, t);
    if (is_opener(next) && t < end) next = fold::decode(text, t);
    if (fold::is_upper(next) || (next >= '0' && next <= '9')) {
      push(start, k);
      start = s;
    }
    i = s;
    scanned = word_start = s;
  }
  push(start, end);
}

}  // namespace silkgraph::ingest
