// ingest/rule_set.h
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json_tree.h"

namespace silkgraph::ingest {

/// The entity types of spec/relations.md.
enum class EntityType { Person, Country, Region, City, Org };

/// "PERSON", "COUNTRY", ...
std::string_view entity_type_name(EntityType type);
std::optional<EntityType> parse_entity_type(std::string_view name);

/// A role a person holds, used to resolve title mentions ("the Kazakh president").
struct Role {
  std::string title;  // lowercase: "president", "foreign minister"
  std::string of;     // canonical entity name
  int from = 0;
  int to = 0;  // 0: still in office
};

/// One gazetteer entry of a rule file.
struct EntityEntry {
  std::string name;
  EntityType type = EntityType::Org;
  std::vector<std::string> aliases;
  std::vector<std::string> adjectives;  // "Kazakh": modifier forms that stand for the entity
  std::string capital;                  // a CITY created with this name, a metonym of the country
  std::vector<std::string> capital_aliases;
  std::vector<std::string> seats;      // "the Kremlin": stands for the country
  std::vector<std::string> combining;  // "Sino" in "Sino-Russian"
  std::string in;                      // containing country or region
  bool case_sensitive = false;
  std::vector<Role> roles;
  SourcePos pos;
};

/// One element of a relation rule's token pattern, as written in the rule file.
struct PatternElement {
  enum class Kind { Slot, Pair, Words, List, Gap, Any };
  Kind kind = Kind::Words;
  // Slot: "SUBJ" or "OBJ". Pair: a hyphenated compound of entities ("Sino-Russian").
  std::string role;
  std::vector<EntityType> types;  // allowed entity types of a slot (empty: actors)
  bool place = false;             // capitals stay cities ("arrived in Astana")
  bool bare = false;              // no title extension: "Kazakh" in "Kazakh President Tokayev"
  bool conjunction = true;        // "Xi and Tokayev" binds both
  // Words: folded surface forms ("lower") and lemmas expanded through the lexicon when the
  // rules are compiled, so a later file's lexicon applies to earlier rules too.
  std::vector<std::string> words;
  std::vector<std::string> lemmas;
  std::string list;      // List: name of a lexicon word list
  std::string not_list;  // Gap: a word list the gap may not skip
  std::size_t min = 1, max = 1;  // repetition; optional = {0,1}; Gap = {0,N}
  SourcePos pos;
};

struct RuleExample {
  std::string text;
  std::string expect;  // "subject -TYPE-> object", "" when nothing must be asserted
};

/// A relation rule: when `pattern` matches a sentence, SUBJ -relation-> OBJ.
struct RuleEntry {
  std::string id;
  std::string relation;
  std::vector<PatternElement> pattern;
  std::vector<RuleExample> examples;
  std::string modality;  // forced modality ("proposed" for "proposal to ..."), or empty
  SourcePos pos;
};

struct RelationType {
  std::string name;
  bool symmetric = false;
};

/// Everything the extractor knows about language, merged from rule files in load order:
/// entries with the same key (entity name+type, rule id, relation name, lexicon list) in a later
/// file replace earlier ones, so `--rules FILE` can override the built-in files.
class RuleSet {
 public:
  /// The rule files compiled into the binary.
  static RuleSet builtin();

  /// Parses one rule file; throws InputError "file:line:col: what is wrong" on any problem.
  void load(std::string_view text, const std::string& file_name);
  /// Reads and loads a file from disk.
  void load_file(const std::string& path);

  const std::vector<EntityEntry>& entities() const { return entities_; }
  const std::vector<RuleEntry>& rules() const { return rules_; }
  const std::vector<RelationType>& relations() const { return relations_; }
  /// A lexicon word list (folded), empty if the list is unknown.
  const std::vector<std::string>& list(std::string_view name) const;
  const std::map<std::string, std::vector<std::string>, std::less<>>& lists() const {
    return lists_;
  }
  /// The forms of a lemma (folded), including the lemma itself; nullptr if unknown.
  const std::vector<std::string>* forms(std::string_view lemma) const;
  const RelationType* relation(std::string_view name) const;

 private:
  void load_lexicon(const JsonNode& node, const std::string& file);
  void load_entity(const JsonNode& node, const std::string& file);
  void load_rule(const JsonNode& node, const std::string& file);
  void load_relation(const JsonNode& node, const std::string& file);
  PatternElement parse_element(const JsonNode& node, const std::string& file) const;
  std::vector<std::string> words_of(const JsonNode& node, const std::string& file) const;

  std::vector<EntityEntry> entities_;
  std::vector<RuleEntry> rules_;
  std::vector<RelationType> relations_;
  std::map<std::string, std::vector<std::string>, std::less<>> lists_;
  std::map<std::string, std::vector<std::string>, std::less<>> forms_;
};

}  // namespace silkgraph::ingest
