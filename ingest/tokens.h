// ingest/tokens.h
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace silkgraph::ingest {

/// Interns folded words; every word a rule or gazetteer entry names gets an id, so tokens are
/// matched by integer compare. Id 0 means "not a known word".
class Vocabulary {
 public:
  static constexpr std::uint32_t kUnknown = 0;

  std::uint32_t intern(std::string_view folded_word);
  std::uint32_t find(std::string_view folded_word) const;
  std::string_view word(std::uint32_t id) const { return words_[id - 1]; }
  std::size_t size() const { return words_.size(); }

 private:
  std::deque<std::string> words_;  // deque: views into it stay valid as it grows
  std::unordered_map<std::string_view, std::uint32_t> ids_;
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
