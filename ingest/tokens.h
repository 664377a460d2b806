// ingest/tokens.h
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace silkgraph::ingest {

/// Interns folded words; every word a rule or gazetteer entry names gets an id, so tokens are
/// matched by integer compare. Id 0 means "not a known word".
class Vocabulary {
 public:
  static constexpr std::uint32_t kUnknown = 0;

  std::uint32_t intern(std::string_view folded_word);
  std::uint32_t find(std::string_view folded_word) const {
    return find(folded_word, head(folded_word));
  }
  /// The same, given `head(folded_word)` (the tokenizer builds it while folding).
  std::uint32_t find(std::string_view folded_word, std::uint64_t head) const;
  std::string_view word(std::uint32_t id) const { return words_[id - 1]; }
  std::size_t size() const { return words_.size(); }

  /// The first eight bytes of a word, little-endian, zero-padded: byte k is `c << (8 * k)`.
  static std::uint64_t head(std::string_view w) {
    std::uint64_t h = 0;
    for (std::size_t k = 0; k < w.size() && k < 8; ++k)
      h |= std::uint64_t{static_cast<unsigned char>(w[k])} << (8 * k);
    return h;
  }

 private:
  // Open addressing: every token of every sentence is looked up, most of them in vain. A slot
  // holds the word's first bytes, so a word of up to eight bytes is compared in the slot.
  struct Slot {
    std::uint64_t head = 0;
    std::uint32_t id = kUnknown;  // kUnknown: empty
    std::uint32_t size = 0;
  };
  static std::uint64_t hash(std::string_view w, std::uint64_t head);
  // The slot of a hash: its high bits; and its tag, never 0: the sixteen bits below those.
  // Most failed lookups end in the small array of tags.
  std::size_t index(std::uint64_t hash) const { return static_cast<std::size_t>(hash >> shift_); }
  std::uint16_t tag(std::uint64_t hash) const {
    return static_cast<std::uint16_t>((hash >> (shift_ - 16)) | 1);
  }
  void grow();
  void place(const Slot& slot, std::uint64_t hash);

  std::deque<std::string> words_;   // deque: views into it stay valid as it grows
  std::vector<Slot> slots_;         // size a power of two, at most half full
  std::vector<std::uint16_t> tags_;  // per slot: tag of its word's hash, 0 when empty
  unsigned shift_ = 64;             // 64 - log2(slots_.size())
};

enum TokenFlag : std::uint8_t {
  kUpper = 1,        // first letter is uppercase ("Tokayev", "U.S.")
  kAllCaps = 2,      // two or more letters, all uppercase ("SCO")
  kWord = 4,         // starts with a letter or digit
  kDigit = 8,        // starts with a digit
  kSpaceBefore = 16  // whitespace (or the sentence start) precedes it
};

/// A token: a view into the document by byte offsets, plus its folded form's vocabulary id.
struct Token {
  std::uint32_t begin = 0, end = 0;  // byte offsets in the document text
  std::uint32_t fold_begin = 0;      // folded text in TokenizedSentence::folded
  std::uint32_t fold_size = 0;
  std::uint32_t word = Vocabulary::kUnknown;
  std::uint8_t flags = 0;

  bool is(TokenFlag f) const { return (flags & f) != 0; }
};

/// The tokens of one sentence; buffers are reused from sentence to sentence.
struct TokenizedSentence {
  std::vector<Token> tokens;
  std::string folded;  // folded text of all tokens, back to back

  std::string_view fold(const Token& t) const { return {folded.data() + t.fold_begin, t.fold_size}; }
};

/// Splits `text[begin, end)` into tokens: words (letters and digits, with inner apostrophes,
/// dotted abbreviations "U.S." and initials "S."), the possessive "'s"/"’s" and "n't" as tokens
/// of their own, hyphens inside compounds ("Sino-Russian") as "-" tokens with no space before,
/// and every other punctuation mark as one token.
void tokenize(std::string_view text, std::size_t begin, std::size_t end, const Vocabulary& vocab,
              TokenizedSentence& out);

}  // namespace silkgraph::ingest
