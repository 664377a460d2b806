// ingest/sentences.h
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace silkgraph::ingest {

class RuleSet;

/// A byte range [begin, end) of the document text.
struct Span {
  std::uint32_t begin = 0, end = 0;
};

/// Finds the prose in a document and splits it into sentences. Language knowledge (which
/// words are abbreviations, which words mark a news ticker) comes from the lexicon.
class SentenceSplitter {
 public:
  explicit SentenceSplitter(const RuleSet& rules);

  /// The lines of `text` that read as prose: at least three words and ending like a sentence.
  /// Navigation, tickers ("• 3 hours ..."), tag lists, headlines and date lines are left out.
  void paragraphs(std::string_view text, std::vector<Span>& out) const;

  /// Appends the sentences of `paragraph` to `out`. A sentence ends at . ! ? or an ellipsis
  /// (with any closing quotes or brackets) before a capital, a digit or an opening quote;
  /// never after an abbreviation ("Mr.", "U.S.") or an initial ("S. Rajaratnam").
  void split(std::string_view text, Span paragraph, std::vector<Span>& out) const;

  /// Longest sentence, in bytes; longer runs without an end are cut at a space.
  static constexpr std::uint32_t kMaxSentenceBytes = 16 * 1024;

 private:
  bool is_abbreviation(std::string_view text, std::size_t word_begin, std::size_t dot) const;
  bool is_ticker(std::string_view line) const;

  std::unordered_set<std::string> abbreviations_;  // folded, without the final dot
  std::unordered_set<std::string> ticker_units_;   // "minutes", "hours", "days"
};

}  // namespace silkgraph::ingest
