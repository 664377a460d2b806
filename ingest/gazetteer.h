// ingest/gazetteer.h
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/rule_set.h"
#include "ingest/tokens.h"

namespace silkgraph::ingest {

inline constexpr std::uint32_t kNoEntity = 0xFFFFFFFFu;

/// A known real-world entity.
struct Entity {
  std::string name;  // canonical
  EntityType type = EntityType::Org;
  std::uint32_t metonym = kNoEntity;  // a capital city: the country it stands for as an actor
  std::vector<Role> roles;
};

/// How a mention refers to its entity.
enum class MentionForm : std::uint8_t {
  Name,       // "Kazakhstan", "Tokayev"
  Adjective,  // "Kazakh": a modifier standing for the country
  Seat,       // "the Kremlin": a seat of government standing for the country
  Combining,  // "Sino" in "Sino-Russian"
  Found,      // an unknown person or organisation found by its context
  Pronoun     // "he", "she": resolved to a person named before
};

std::string_view mention_form_name(MentionForm form);

/// Every entity of the rule files, and one token trie over all their names, adjectives and
/// metonyms: a name is found by walking tokens' vocabulary ids, never by per-entry regex.
class Gazetteer {
 public:
  /// Interns every word of every name into `vocab`.
  Gazetteer(const RuleSet& rules, Vocabulary& vocab);

  struct Match {
    std::uint32_t length = 0;  // tokens
    std::uint32_t entity = kNoEntity;
    MentionForm form = MentionForm::Name;
  };
  /// The longest name starting at token `i` whose case fits: it must start with a capital,
  /// and all-caps or case-sensitive names must match exactly.
  bool longest(std::string_view text, const TokenizedSentence& s, std::size_t i, Match& out) const;

  const std::vector<Entity>& entities() const { return entities_; }
  const Entity& entity(std::uint32_t id) const { return entities_[id]; }
  /// The entity with this canonical name and type, or kNoEntity.
  std::uint32_t find(std::string_view name, EntityType type) const;

 private:
  struct Candidate {
    std::uint32_t entity;
    MentionForm form;
    std::vector<std::string> exact;  // surface forms of each token when case matters
  };
  void add(std::string_view surface, std::uint32_t entity, MentionForm form, bool case_sensitive,
           Vocabulary& vocab);
  // Lays the trie out flat for lookups, once every name is added.
  void freeze();
  // The child of `node` along `word`, or 0 (the root is nobody's child).
  std::uint32_t child(std::uint32_t node, std::uint32_t word) const;

  std::vector<Entity> entities_;
  std::unordered_map<std::string, std::uint32_t> by_key_;  // "TYPE\tname"
  std::unordered_map<std::uint64_t, std::uint32_t> edges_;  // (node << 32 | word) -> node
  std::vector<std::vector<Candidate>> terminals_;           // per node
  // The trie, flat: the root's children by word id, and every other node's children sorted by
  // word in child_words_/child_nodes_[child_begin_[node], child_begin_[node + 1]).
  std::vector<std::uint32_t> root_children_;
  std::vector<std::uint32_t> child_begin_, child_words_, child_nodes_;
};

}  // namespace silkgraph::ingest
