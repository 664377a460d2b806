#include "ingest/tokens.h"

#include <cassert>
#include <cstring>

#include "common/fold.h"

namespace silkgraph::ingest {

std::uint64_t Vocabulary::hash(std::string_view w, std::uint64_t head) {
  std::uint64_t h = head + w.size();
  for (std::size_t k = 8; k < w.size(); ++k)
    h = (h ^ static_cast<unsigned char>(w[k])) * 0x100000001B3ull;
  // Fibonacci hashing: the high bits of the product, used as the index, depend on every bit.
  return h * 0x9E3779B97F4A7C15ull;
}

void Vocabulary::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(slots_.size()));
  tags_.assign(slots_.size(), 0);
  for (const Slot& s : old)
    if (s.id != kUnknown) place(s, hash(words_[s.id - 1], s.head));
}

void Vocabulary::place(const Slot& slot, std::uint64_t hash) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = index(hash);
  while (tags_[i] != 0) i = (i + 1) & mask;
  slots_[i] = slot;
  tags_[i] = tag(hash);
}

std::uint32_t Vocabulary::intern(std::string_view w) {
  if (std::uint32_t id = find(w); id != kUnknown) return id;
  if (2 * (words_.size() + 1) > slots_.size()) grow();
  words_.emplace_back(w);
  const auto id = static_cast<std::uint32_t>(words_.size());
  const std::uint64_t h = head(w);
  place({h, id, static_cast<std::uint32_t>(w.size())}, hash(w, h));
  return id;
}

std::uint32_t Vocabulary::find(std::string_view w, std::uint64_t head) const {
  if (slots_.empty()) return kUnknown;
  const std::uint64_t h = hash(w, head);
  const std::uint16_t t = tag(h);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = index(h);; i = (i + 1) & mask) {
    if (tags_[i] == 0) return kUnknown;
    if (tags_[i] != t) continue;
    const Slot& s = slots_[i];
    if (s.head == head && s.size == w.size() && (w.size() <= 8 || words_[s.id - 1] == w))
      return s.id;
  }
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

// ASCII byte classes, so the common case needs neither decoding nor range tests.
enum AsciiClass : std::uint8_t { kSpaceByte = 1, kLetterByte = 2, kUpperByte = 4, kDigitByte = 8 };

struct AsciiTable {
  std::uint8_t cls[128] = {};
  constexpr AsciiTable() {
    for (char c : {' ', '\t', '\n', '\r', '\f', '\v'})
      cls[static_cast<unsigned char>(c)] = kSpaceByte;
    for (int c = 'a'; c <= 'z'; ++c) cls[c] = kLetterByte;
    for (int c = 'A'; c <= 'Z'; ++c) cls[c] = kLetterByte | kUpperByte;
    for (int c = '0'; c <= '9'; ++c) cls[c] = kDigitByte;
  }
};
constexpr AsciiTable kAscii;

// Class of byte `b`, 0 for non-ASCII bytes and ASCII punctuation.
inline std::uint8_t ascii_class(unsigned char b) { return b < 0x80 ? kAscii.cls[b] : 0; }
inline bool ascii_wordish(unsigned char b) {
  return (ascii_class(b) & (kLetterByte | kDigitByte)) != 0;
}

// Per byte of eight, the high bit set when the byte is an ASCII letter or digit, a letter, an
// uppercase letter. "Determine if a word has a byte between m and n" of Sean Eron Anderson's
// Bit Twiddling Hacks; exact per byte, and never set for bytes of 0x80 and above.
constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
struct AsciiClasses {
  std::uint64_t alnum, letter, upper;
};
inline std::uint64_t bytes_between(std::uint64_t x, std::uint64_t m, std::uint64_t n) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  const std::uint64_t low7 = x & (kOnes * 127);
  return ((kOnes * (127 + n) - low7) & ~x & (low7 + kOnes * (127 - m))) & kHighBits;
}
inline AsciiClasses classify(std::uint64_t x) {
  const std::uint64_t upper = bytes_between(x, 'A' - 1, 'Z' + 1);
  const std::uint64_t letter = upper | bytes_between(x, 'a' - 1, 'z' + 1);
  return {letter | bytes_between(x, '0' - 1, '9' + 1), letter, upper};
}

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
  // Folding never more than triples a token's bytes (an invalid byte becomes U+FFFD), so the
  // folded text is written into a buffer sized once per sentence. (The last token may run up
  // to three bytes past `end` when `end` splits a character.)
  out.folded.resize(3 * ((end > begin ? end - begin : 0) + 4));
  char* const folded = out.folded.data();
  std::size_t folded_size = 0;
  std::string multibyte;  // the folded form of one non-ASCII code point
  // Folds the token, sets its flags and looks it up, in one pass over its bytes.
  auto emit = [&](std::size_t b, std::size_t e) {
    Token& t = out.tokens.emplace_back();
    t.begin = static_cast<std::uint32_t>(b);
    t.end = static_cast<std::uint32_t>(e);
    t.fold_begin = static_cast<std::uint32_t>(folded_size);
    // Decoding stays within the token, as for a separate string.
    const std::string_view surface = text.substr(b, e - b);
    std::uint64_t head = 0;  // Vocabulary::head of the folded form
    int letters = 0, uppers = 0;
    char32_t first = 0;
    bool at_first = true;
    auto put = [&](char c) {
      const std::size_t k = folded_size - t.fold_begin;
      if (k < 8) head |= std::uint64_t{static_cast<unsigned char>(c)} << (8 * k);
      assert(folded_size < out.folded.size());
      folded[folded_size++] = c;
    };
    for (std::size_t j = 0; j < surface.size();) {
      const auto byte = static_cast<unsigned char>(surface[j]);
      char32_t cp;
      if (byte < 0x80) {
        const std::uint8_t cls = kAscii.cls[byte];
        put(static_cast<char>((cls & kUpperByte) ? byte + 32 : byte));
        if (cls & kLetterByte) {
          ++letters;
          if (cls & kUpperByte) ++uppers;
        }
        cp = byte;
        ++j;
      } else {
        cp = fold::decode_multibyte(surface, j);
        multibyte.clear();
        fold::append_folded_code_point(cp, multibyte);
        for (char c : multibyte) put(c);
        if (fold::is_letter(cp)) {
          ++letters;
          if (fold::is_upper(cp)) ++uppers;
        }
      }
      if (at_first) {
        first = cp;
        at_first = false;
      }
    }
    t.fold_size = static_cast<std::uint32_t>(folded_size - t.fold_begin);
    t.word = vocab.find({folded + t.fold_begin, t.fold_size}, head);
    unsigned flags = 0;
    if (is_wordish(first)) flags |= kWord;
    if (is_digit(first)) flags |= kDigit;
    if (fold::is_upper(first)) flags |= kUpper;
    if (letters >= 2 && uppers == letters) flags |= kAllCaps;
    if (space_before) flags |= kSpaceBefore;
    t.flags = static_cast<std::uint8_t>(flags);
    space_before = false;
  };
  // emit() for a token of ASCII letters and digits only, the common case, in two steps:
  // scan_ascii folds the run of such bytes from `b` (up to `limit`) into the buffer, then
  // emit_ascii makes [b, e) of it a token. OR-ing 0x20 lowercases a letter and leaves a digit.
  struct AsciiRun {
    std::size_t end = 0;
    std::uint64_t head = 0;  // Vocabulary::head of the folded run
    int letters = 0;         // counted up to at least 2: all that kAllCaps needs
    bool lowercase = false;  // a lowercase letter
  };
  auto scan_ascii = [&](std::size_t b, std::size_t limit) {
    // Locals, not the captured variables: stores through char* may alias anything.
    const char* const src = text.data();
    char* const dst = folded + folded_size;
    AsciiRun run;
    std::size_t k = b;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    // Eight bytes at a time while they lie inside the text; the buffer has room for eight more
    // (see its size above).
    while (k < limit && k + 8 <= text.size()) {
      std::uint64_t bytes;
      std::memcpy(&bytes, src + k, 8);
      const AsciiClasses c = classify(bytes);
      // The word's bytes in this eight: up to the first that is not a letter or digit.
      std::size_t n = 8;
      if (c.alnum != kHighBits)
        n = static_cast<std::size_t>(__builtin_ctzll(~c.alnum & kHighBits)) / 8;
      if (n > limit - k) n = limit - k;
      const std::uint64_t lower = bytes | 0x2020202020202020ull;
      assert(folded_size + (k - b) + 8 <= out.folded.size());
      std::memcpy(dst + (k - b), &lower, 8);
      const std::uint64_t in_word = n == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * n)) - 1;
      if (k == b) run.head = lower & in_word;
      const std::uint64_t letters = c.letter & in_word;
      run.letters += letters == 0 ? 0 : (letters & (letters - 1)) == 0 ? 1 : 2;
      run.lowercase |= (letters & ~c.upper) != 0;
      k += n;
      if (n < 8) {
        run.end = k;
        return run;
      }
    }
#endif
    for (; k < limit; ++k) {
      const auto c = static_cast<unsigned char>(src[k]);
      if (!ascii_wordish(c)) break;
      const auto lower = static_cast<unsigned char>(c | 0x20);
      dst[k - b] = static_cast<char>(lower);
      if (k - b < 8) run.head |= std::uint64_t{lower} << (8 * (k - b));
      run.letters += c >= 'A';
      run.lowercase |= c >= 'a';
    }
    run.end = k;
    return run;
  };
  auto emit_ascii = [&](std::size_t b, const AsciiRun& run) {
    Token& t = out.tokens.emplace_back();
    const std::size_t size = run.end - b;
    t.begin = static_cast<std::uint32_t>(b);
    t.end = static_cast<std::uint32_t>(run.end);
    t.fold_begin = static_cast<std::uint32_t>(folded_size);
    t.fold_size = static_cast<std::uint32_t>(size);
    t.word = vocab.find({folded + folded_size, size}, run.head);
    folded_size += size;
    const auto first = static_cast<unsigned char>(text[b]);
    // The token is written in place, its flags at once: storing one byte of a token on the
    // stack and then copying all of it stalls store forwarding.
    unsigned flags = kWord;
    if (first <= '9') flags |= kDigit;
    if (first >= 'A' && first <= 'Z') flags |= kUpper;
    if (run.letters >= 2 && !run.lowercase) flags |= kAllCaps;
    if (space_before) flags |= kSpaceBefore;
    t.flags = static_cast<std::uint8_t>(flags);
    space_before = false;
  };

  while (i < end) {
    std::size_t j = i;
    const auto b0 = static_cast<unsigned char>(text[i]);
    char32_t cp;
    if (b0 < 0x80) {
      const std::uint8_t cls = kAscii.cls[b0];
      if (cls & kSpaceByte) {
        space_before = true;
        ++i;
        continue;
      }
      cp = b0;
      ++j;
      if (cls == 0) {
        // ASCII punctuation. "..." is one token; any other mark is a token of its own.
        if (cp == '.' && i + 2 < end && text[i + 1] == '.' && text[i + 2] == '.') j = i + 3;
        // "'s" after a word: the possessive.
        // (At the very start too, so a rule can name the token "'s" by itself.)
        if (cp == '\'' && (out.tokens.empty() || !space_before)) {
          const char32_t n = peek(text, j, end);
          if ((n == 's' || n == 'S') && !is_wordish(peek(text, j + 1, end))) j += 1;
        }
        if (j == i + 1) {
          // One ASCII mark: folds to itself and has no letters.
          Token& t = out.tokens.emplace_back();
          t.begin = static_cast<std::uint32_t>(i);
          t.end = static_cast<std::uint32_t>(j);
          t.fold_begin = static_cast<std::uint32_t>(folded_size);
          t.fold_size = 1;
          folded[folded_size] = static_cast<char>(b0);
          t.word = vocab.find({folded + folded_size, 1}, b0);
          ++folded_size;
          t.flags = space_before ? kSpaceBefore : 0;
          space_before = false;
        } else {
          emit(i, j);
        }
        i = j;
        continue;
      }
    } else {
      cp = fold::decode_multibyte(text, j);
      if (is_space(cp)) {
        space_before = true;
        i = j;
        continue;
      }
      if (!is_wordish(cp)) {
        // "’s" after a word: the possessive.
        if (is_apostrophe(cp) && (out.tokens.empty() || !space_before)) {
          const char32_t n = peek(text, j, end);
          if ((n == 's' || n == 'S') && !is_wordish(peek(text, j + 1, end))) j += 1;
        }
        emit(i, j);
        i = j;
        continue;
      }
    }
    // A word: letters/digits, with inner apostrophes ("Xi'an"), inner dots in abbreviations
    // ("U.S.") and decimals ("1.5"), inner commas in numbers ("24,000").
    std::size_t k = j;
    bool dotted = false;
    bool ascii = b0 < 0x80;  // so far only ASCII letters and digits
    AsciiRun run;
    if (ascii) {
      // Fold the ASCII run while finding its end; used when the word is that run.
      run = scan_ascii(i, end);
      k = run.end;
    }
    while (k < end) {
      const auto byte = static_cast<unsigned char>(text[k]);
      if (ascii_wordish(byte)) {
        ++k;
        continue;
      }
      // Of the ASCII bytes, only an apostrophe, a dot or a comma may continue a word (below);
      // any other, a space most often, ends it.
      if (byte < 0x80 && byte != '\'' && byte != '.' && byte != ',') break;
      // Any byte taken into the word below makes it more than ASCII letters and digits.
      std::size_t n = k;
      const char32_t c = fold::decode(text, n);
      if (is_wordish(c)) {
        ascii = false;
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
          if (k - 1 > i) {
            k = k - 1;
          } else {
            ascii = false;
            k = after_end;
          }
          break;
        }
        ascii = false;
        k = n;
        continue;
      }
      if ((c == '.' || c == ',') && is_digit(after) && is_digit(peek(text, k - 1, end))) {
        ascii = false;
        k = n;
        continue;
      }
      if (c == '.' && fold::is_letter(after) && k - i <= 2) {
        // "U.S", "e.g": a dotted abbreviation of single letters.
        const std::size_t after_end = next_index(text, n);
        const char32_t next2 = peek(text, after_end, end);
        if (!is_wordish(next2)) {
          dotted = true;
          ascii = false;
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
      if (dotted || (letters == 1 && chars <= 2 && fold::is_upper(cp))) {
        ascii = false;
        k += 1;
      }
    }
    if (ascii) {
      emit_ascii(i, k == run.end ? run : scan_ascii(i, k));  // shorter: "did" of "didn't"
    } else {
      emit(i, k);
    }
    i = k;
  }
  out.folded.resize(folded_size);
}

}  // namespace silkgraph::ingest
