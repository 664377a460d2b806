// ingest/matcher.h
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/mentions.h"
#include "ingest/rule_set.h"
#include "ingest/tokens.h"

namespace silkgraph::ingest {

/// One relation found in one sentence, before it is written out.
struct Relation {
  std::uint32_t subject = kNoEntity, object = kNoEntity;
  std::uint32_t rule = 0;  // index into Matcher::rules()
  std::uint32_t subject_first = 0, subject_last = 0;  // tokens naming the subject
  std::uint32_t object_first = 0, object_last = 0;
  bool negated = false;
  std::string_view modality = "asserted";
};

/// How far each rule got on a sentence, for `silkgraph explain`.
struct RuleTrace {
  std::uint32_t rule = 0;
  std::size_t elements_matched = 0;  // most pattern elements matched from any start
  bool fired = false;
};

/// Alternatives for one pattern position: single words (sorted ids) and word sequences.
struct WordSeqs {
  std::vector<std::uint32_t> words;
  std::vector<std::vector<std::uint32_t>> seqs;
};

/// A rule compiled against the vocabulary.
struct CompiledRule {
  struct Element {
    PatternElement::Kind kind;
    WordSeqs alts;                                  // Words / List alternatives
    WordSeqs not_words;                             // Gap: words it may not skip
    std::uint8_t types = 0;                         // slot: bit per EntityType
    bool place = false, bare = false, conjunction = true;
    bool subject = false;                           // slot role
    std::size_t min = 1, max = 1;
    std::uint32_t words_id = 0;  // Words / List: index of `alts` among all rules' word sets
    std::uint32_t np_class = 0;  // Slot / Pair: index of (types, place, bare, conjunction)
  };
  std::string id;
  std::string relation;
  bool symmetric = false;
  std::string modality;  // forced, or empty
  std::vector<Element> pattern;
  SourcePos pos;
  std::vector<std::uint32_t> required;  // words_id of every Words / List element with min >= 1
};

/// Runs the relation rules over a sentence's tokens and mentions. A sentence only tries the
/// rules whose trigger word it contains (without a trace, only those with all their required
/// words); each rule tries each start once with a bounded number of steps, so matching is
/// linear in the sentence. List lookups and noun-phrase parses are made once per sentence
/// position and shared by all rules.
class Matcher {
 public:
  /// Compiles every rule; throws InputError at the rule's position for an unknown lemma/list.
  Matcher(const RuleSet& rules, Vocabulary& vocab);

  void match(const TokenizedSentence& s, const SentenceMentions& mentions, const DocState& doc,
             std::vector<Relation>& out, std::vector<RuleTrace>* trace = nullptr) const;

  const std::vector<CompiledRule>& rules() const { return rules_; }

 private:
  using Seqs = WordSeqs;
  Seqs compile_words(const std::vector<std::string>& entries, Vocabulary& vocab) const;
  // Builds the lookup tables below; `word_sets` holds the words of each words_id.
  void index(const std::vector<const Seqs*>& word_sets, Vocabulary& vocab);

  friend class MatchRun;
  // The lexicon lists the matcher reads itself.
  enum List : std::uint8_t {
    kNegations, kProposed, kHypothetical, kReportedFuture, kReporting, kTitles, kActorNouns,
    kDeterminers, kConjunctions, kGapBarriers, kPrepositions, kRelativePronouns, kFunctionWords,
    kConditionals, kListCount
  };
  static constexpr std::size_t kRow = 16;  // >= kListCount: a token's row of list lengths
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  // What the matcher knows of a vocabulary id: the Lists that hold it as a one-word entry, the
  // Lists with an entry of several words starting with it (a bit each), the rule word sets
  // (words_id) it is in or starts, sorted, in sets_[sets_begin, sets_end), and those of them
  // that some rule requires, in required_[required_begin, required_begin + required_count).
  struct WordInfo {
    std::array<std::uint8_t, kRow> lists{};  // per List: 1 for a one-word entry
    std::uint16_t list_seq_starts = 0;
    std::uint32_t required_begin = 0, required_count = 0;
    std::uint32_t sets_begin = 0, sets_end = 0;
  };

  std::vector<CompiledRule> rules_;
  std::array<Seqs, kListCount> lists_;
  std::vector<WordInfo> words_;  // per vocabulary id
  std::vector<std::uint32_t> sets_;
  std::uint32_t word_sets_ = 0;   // number of words_id values
  std::uint32_t np_classes_ = 0;  // number of np_class values
  std::vector<std::uint32_t> required_;  // see WordInfo
  // A rule's trigger is its first Words / List element with min >= 1; a sentence tries the
  // rules whose trigger it has a word of, and the rules without one.
  std::vector<std::uint32_t> trigger_;  // per rule: words_id of its trigger, or kNone
  std::vector<std::uint32_t> triggered_begin_, triggered_;  // per words_id: rules it triggers
  std::vector<std::uint32_t> always_;                       // rules with no trigger
  // Ids of punctuation the matcher compares tokens with.
  std::uint32_t comma_ = 0, possessive_ = 0, hyphen_ = 0, semicolon_ = 0, colon_ = 0;
};

}  // namespace silkgraph::ingest
