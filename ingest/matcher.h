// ingest/matcher.h
#pragma once

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
  };
  std::string id;
  std::string relation;
  bool symmetric = false;
  std::string modality;  // forced, or empty
  std::vector<Element> pattern;
  SourcePos pos;
};

/// Runs the relation rules over a sentence's tokens and mentions. Rules are indexed by a word
/// they require, so a sentence only tries the rules whose trigger word it contains; each rule
/// tries each start once with a bounded number of steps, so matching is linear in the sentence.
class Matcher {
 public:
  /// Compiles every rule; throws InputError at the rule's position for an unknown lemma/list.
  Matcher(const RuleSet& rules, const MentionFinder& finder, Vocabulary& vocab);

  void match(const TokenizedSentence& s, const SentenceMentions& mentions, const DocState& doc,
             std::vector<Relation>& out, std::vector<RuleTrace>* trace = nullptr) const;

  const std::vector<CompiledRule>& rules() const { return rules_; }

 private:
  using Seqs = WordSeqs;
  Seqs compile_words(const std::vector<std::string>& entries, Vocabulary& vocab) const;

  friend class MatchRun;
  const MentionFinder& finder_;
  std::vector<CompiledRule> rules_;
  std::vector<std::vector<std::uint32_t>> by_trigger_;  // word id -> rules
  std::vector<std::uint32_t> always_;                   // rules with no trigger word
  Seqs negations_, proposed_, hypothetical_, reported_future_, reporting_, titles_,
      actor_nouns_, determiners_, conjunctions_, gap_barriers_, prepositions_,
      relative_pronouns_, function_words_, conditionals_;
};

}  // namespace silkgraph::ingest
