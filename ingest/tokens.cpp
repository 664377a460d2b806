#include "ingest/tokens.h"

#include "common/fold.h"

namespace silkgraph::ingest {

std::uint32_t Vocabulary::intern(std::string_view w) {
  if (auto it = ids_.find(w); it != ids_.end()) return it->second;
  words_.emplace_back(w);
  const auto id = static_cast<std::uint32_t>(words_.size());
  ids_.emplace(words_.back(), id);
  return id;
}

std::uint32_t Vocabulary::find(std::string_view w) const {
  auto it = ids_.find(w);
  return it == ids_.end() ? kUnknown : it->second;
}

namespace {

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000 || cp == 0xFEFF;
}
bool is_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }
bool is_combining(char32_t cp) { return cp >= 0x300 && cp <= 0x36F; }
bool is_wordish(char32_t cp) { return fold::is_letter(cp) || is_digit(cp) || is_combining(cp); }
bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }

char32_t peek(std::string_view s, std::size_t i, std::size_t end) {
  if (i >= end) return 0;
  return fold::decode(s, i);
}
std::size_t next_index(std::string_view s, std::size_t i) {
  fold::decode(s, i);
  return i;
}

}  // namespace

void tokenize(std::string_view text, std::size_t begin, std::size_t end, const Vocabulary& vocab,
              TokenizedSentence& out) {
  out.tokens.clear();
  out.folded.clear();
  bool space_before = true;
  std::size_t i = begin;
  auto emit = [&](std::size_t b, std::size_t e) {
    Token t;
    t.begin = static_cast<std::uint32_t>(b);
    t.end = static_cast<std::uint32_t>(e);
    t.fold_begin = static_cast<std::uint32_t>(out.folded.size());
    const std::string_view surface = text.substr(b, e - b);
    fold::append_folded(surface, out.folded);
    t.fold_size = static_cast<std::uint32_t>(out.folded.size() - t.fold_begin);
    t.word = vocab.find(out.fold(t));
    std::size_t k = 0;
    const char32_t first = fold::decode(surface, k);
    if (is_wordish(first)) t.flags |= kWord;
    if (is_digit(first)) t.flags |= kDigit;
    if (fold::is_upper(first)) t.flags |= kUpper;
    int letters = 0, uppers = 0;
    for (std::size_t j = 0; j < surface.size();) {
      const char32_t cp = fold::decode(surface, j);
      if (fold::is_letter(cp)) {
        ++letters;
        if (fold::is_upper(cp)) ++uppers;
      }
    }
    if (letters >= 2 && uppers == letters) t.flags |= kAllCaps;
    if (space_before) t.flags |= kSpaceBefore;
    space_before = false;
    out.tokens.push_back(t);
  };

  while (i < end) {
    std::size_t j = i;
    const char32_t cp = fold::decode(text, j);
    if (is_space(cp)) {
      space_before = true;
      i = j;
      continue;
    }
    if (!is_wordish(cp)) {
      // "..." is one token; any other mark is a token of its own.
      if (cp == '.' && i + 2 < end && text[i + 1] == '.' && text[i + 2] == '.') j = i + 3;
      // "’s" / "'s" after a word: the possessive.
      // (At the very start too, so a rule can name the token "'s" by itself.)
      if (is_apostrophe(cp) && (out.tokens.empty() || !space_before)) {
        const char32_t n = peek(text, j, end);
        if ((n == 's' || n == 'S') && !is_wordish(peek(text, j + 1, end))) j += 1;
      }
      emit(i, j);
      i = j;
      continue;
    }
    // A word: letters/digits, with inner apostrophes ("Xi'an"), inner dots in abbreviations
    // ("U.S.") and decimals ("1.5"), inner commas in numbers ("24,000").
    std::size_t k = j;
    bool dotted = false;
    while (k < end) {
      std::size_t n = k;
      const char32_t c = fold::decode(text, n);
      if (is_wordish(c)) {
        k = n;
        continue;
      }
      const char32_t after = peek(text, n, end);
      if (is_apostrophe(c) && fold::is_letter(after)) {
        // Keep the possessive 's and n't apart; keep "Xi'an", "d'Ivoire".
        const std::size_t after_end = next_index(text, n);
        const bool s_end = (after == 's' || after == 'S') && !is_wordish(peek(text, after_end, end));
        const bool nt = (after == 't' || after == 'T') && k > i &&
                        (text[k - 1] == 'n' || text[k - 1] == 'N') && !is_wordish(peek(text, after_end, end));
        if (s_end) break;
        if (nt) {
          // "didn't" is "did" + "n't"; a word that is only "n" here is "n't" itself.
          k = (k - 1 > i) ? k - 1 : after_end;
          break;
        }
        k = n;
        continue;
      }
      if ((c == '.' || c == ',') && is_digit(after) && is_digit(peek(text, k - 1, end))) {
        k = n;
        continue;
      }
      if (c == '.' && fold::is_letter(after) && k - i <= 2) {
        // "U.S", "e.g": a dotted abbreviation of single letters.
        const std::size_t after_end = next_index(text, n);
        const char32_t next2 = peek(text, after_end, end);
        if (!is_wordish(next2)) {
          dotted = true;
          k = after_end;
          continue;
        }
      }
      break;
    }
    // A trailing dot belongs to a dotted abbreviation ("U.S.") or an initial ("S. Rajaratnam").
    if (k < end && text[k] == '.') {
      std::size_t letters = 0;
      for (std::size_t p = i; p < k;) {
        if (fold::is_letter(fold::decode(text, p))) ++letters;
      }
      const std::size_t chars = k - i;
      if (dotted || (letters == 1 && chars <= 2 && fold::is_upper(cp))) k += 1;
    }
    emit(i, k);
    i = k;
  }
}

}  // namespace silkgraph::ingest
