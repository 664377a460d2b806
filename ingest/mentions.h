// ingest/mentions.h
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ingest/gazetteer.h"
#include "ingest/tokens.h"

namespace silkgraph::ingest {

inline constexpr std::uint32_t kNoGroup = 0xFFFFFFFFu;

/// A stretch of tokens that names (or points to) an entity.
struct Mention {
  std::uint32_t first = 0, last = 0;  // tokens [first, last)
  std::uint32_t entity = kNoEntity;
  MentionForm form = MentionForm::Name;
  std::uint32_t group = kNoGroup;  // hyphenated compound it belongs to ("Sino-Russian")
};

/// The mentions of one sentence, with an index from tokens to mentions.
struct SentenceMentions {
  std::vector<Mention> list;            // in token order, never overlapping
  std::vector<std::int32_t> starts_at;  // per token: index of the mention starting there, or -1
  const Mention* at(std::size_t token) const {
    return token < starts_at.size() && starts_at[token] >= 0 ? &list[starts_at[token]] : nullptr;
  }
};

/// What the resolver remembers within one document: entities found by context (people and
/// organisations not in the gazetteer), who was named last, and who holds which office.
class DocState {
 public:
  explicit DocState(const Gazetteer& gazetteer) : gazetteer_(&gazetteer) {}
  void reset();

  const Entity& entity(std::uint32_t id) const {
    return id < gazetteer_->entities().size() ? gazetteer_->entity(id)
                                              : local_[id - gazetteer_->entities().size()];
  }
  /// The id of a document-local entity, created on first use.
  std::uint32_t local(const std::string& name, EntityType type);

  /// Records that `person` was named; its first and last name become short forms for it.
  void named_person(std::uint32_t person, std::string_view folded_name);
  /// The person a short form ("Umarov") refers to in this document, or kNoEntity.
  std::uint32_t short_form(std::string_view folded) const;
  /// The person most recently named in this or the previous sentence, or kNoEntity.
  std::uint32_t recent_person() const;
  /// The most recently named person holding an office of `of` (from the gazetteer's roles or
  /// from this document's LEADER_OF statements) whose title contains `title_word`.
  std::uint32_t office_holder(std::uint32_t of, std::string_view title_word) const;
  void add_leader(std::uint32_t person, std::uint32_t of);

  std::size_t sentence = 0;

 private:
  friend class MentionFinder;
  const Gazetteer* gazetteer_;
  std::vector<Entity> local_;
  std::unordered_map<std::string, std::uint32_t> local_ids_;
  std::unordered_map<std::string, std::uint32_t> short_names_;
  std::vector<std::uint32_t> persons_;  // most recent last
  std::uint32_t last_person_ = kNoEntity;
  std::size_t last_person_sentence_ = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> leaders_;  // (person, of)
};

/// Finds the mentions of a sentence: gazetteer names (longest match), organisations by their
/// head word ("... Institute"), people by their context (title, apposition, "said"), short
/// forms of people named earlier, pronouns, and hyphenated compounds of entities.
class MentionFinder {
 public:
  MentionFinder(const RuleSet& rules, const Gazetteer& gazetteer, Vocabulary& vocab);

  void find(std::string_view text, const TokenizedSentence& s, DocState& doc,
            SentenceMentions& out) const;

  /// Word classes the finder uses, one bit each in a table indexed by vocabulary id.
  enum WordClass : std::uint32_t {
    kDeterminer = 1u << 0,
    kHonorific = 1u << 1,
    kNotName = 1u << 2,
    kOrgConnector = 1u << 3,
    kOrgHead = 1u << 4,
    kProfession = 1u << 5,
    kPronoun = 1u << 6,
    kReportingVerb = 1u << 7,
    kTitle = 1u << 8,
  };
  bool is(std::uint32_t word, WordClass c) const {
    return word < classes_.size() && (classes_[word] & c) != 0;
  }

 private:
  void find_orgs(std::string_view text, const TokenizedSentence& s, DocState& doc,
                 std::vector<Mention>& found, std::vector<char>& taken) const;
  void find_people(std::string_view text, const TokenizedSentence& s, DocState& doc,
                   std::vector<Mention>& found, std::vector<char>& taken) const;
  bool name_token(const TokenizedSentence& s, std::size_t i, const std::vector<char>& taken) const;

  const Gazetteer& gazetteer_;
  std::vector<std::uint32_t> classes_;  // vocabulary id -> WordClass bits
};

}  // namespace silkgraph::ingest
