// Every built-in rule is checked against its own examples, so no rule lands without a
// sentence it works on; rule-file errors name the file, line and column.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/error.h"
#include "ingest/extractor.h"
#include "ingest/rule_set.h"

using namespace silkgraph;
using namespace silkgraph::ingest;

namespace {

const RuleSet& builtin_rules() {
  static const RuleSet rules = RuleSet::builtin();
  return rules;
}

const Extractor& builtin_extractor() {
  static const Extractor extractor(builtin_rules());
  return extractor;
}

// Asserted relations of `text` whose relation is `relation`, rendered.
std::vector<std::string> asserted(const Extractor& ex, const std::string& text,
                                  const std::string& relation) {
  std::vector<std::string> out;
  for (const Record& r : ex.extract_text(text))
    if (!r.negated && r.modality == "asserted" && r.relation == relation) out.push_back(render(r));
  return out;
}

std::string load_error(const std::string& text) {
  RuleSet rules = RuleSet::builtin();
  try {
    rules.load(text, "custom.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("rules: every built-in rule passes its own examples") {
  const Extractor& ex = builtin_extractor();
  std::size_t checked = 0;
  for (const RuleEntry& rule : builtin_rules().rules()) {
    REQUIRE_MESSAGE(!rule.examples.empty(), "rule " << rule.id << " has no example");
    for (const RuleExample& example : rule.examples) {
      INFO("rule " << rule.id << " (" << rule.pos.str() << "): " << example.text);
      const std::vector<std::string> found = asserted(ex, example.text, rule.relation);
      if (example.expect.empty()) {
        CHECK(found.empty());
      } else {
        const bool present =
            std::find(found.begin(), found.end(), example.expect) != found.end();
        // Symmetric relations may come out in either order.
        bool mirrored = false;
        if (builtin_rules().relation(rule.relation)->symmetric) {
          const auto a = example.expect.find(" -");
          const auto b = example.expect.find("-> ");
          const std::string mirror = example.expect.substr(b + 3) + " -" + rule.relation +
                                     "-> " + example.expect.substr(0, a);
          mirrored = std::find(found.begin(), found.end(), mirror) != found.end();
        }
        const bool ok = present || mirrored;
        std::string seen;
        for (const std::string& f : found) seen += f + "; ";
        CHECK_MESSAGE(ok, "found: " << seen);
      }
      ++checked;
    }
  }
  CHECK(checked > 80);
}

TEST_CASE("rules: the built-in set covers every relation type of the spec") {
  const RuleSet& rules = builtin_rules();
  for (const RelationType& type : rules.relations()) {
    INFO(type.name);
    const bool covered = std::any_of(rules.rules().begin(), rules.rules().end(),
                                     [&](const RuleEntry& r) { return r.relation == type.name; });
    CHECK(covered);
  }
  CHECK(rules.relations().size() == 23);
}

TEST_CASE("rules: malformed rule files are errors naming file, line and column") {
  CHECK(load_error("{\"rules\": [\n  {\"id\": \"x\",, }\n]}") ==
        "custom.json:2:14: malformed JSON (Missing a name for object member.); fix the rule file");
  CHECK(load_error("{\"rules\": [\n  {\"id\": \"x\", \"relation\": \"LEND_TO\", \"pattern\": [\"$SUBJ\", \"$OBJ\"]}\n]}") ==
        "custom.json:2:27: unknown relation \"LEND_TO\"; did you mean \"LENDS_TO\"?");
  CHECK(load_error("{\"entities\": [{\"name\": \"X\", \"type\": \"COUNTY\"}]}") ==
        "custom.json:1:37: unknown entity type \"COUNTY\"; did you mean \"COUNTRY\"?");
  CHECK(load_error("{\"rules\": [{\"id\": \"x\", \"relation\": \"MEETS\", \"pattern\": [\"$SUBJ\"]}]}") ==
        "custom.json:1:56: rule \"x\" must have exactly one $SUBJ and one $OBJ (or one $PAIR)");
  CHECK(load_error("{\"rule\": []}") ==
        "custom.json:1:10: unknown key \"rule\" in a rule file; did you mean \"rules\"?");
  CHECK(load_error("{\"rules\": [{\"id\": \"x\", \"relation\": \"MEETS\", \"pattern\": [\"$SUBJ\", {\"gap\": 99}, \"$OBJ\"]}]}") ==
        "custom.json:1:74: \"gap\" must be a whole number from 0 to 12");
}

TEST_CASE("rules: an unknown lemma is reported when the rules are compiled") {
  RuleSet rules = RuleSet::builtin();
  rules.load("{\"rules\": [{\"id\": \"x.y\", \"relation\": \"MEETS\",\n"
             "  \"pattern\": [\"$SUBJ\", {\"lemma\": \"parley\"}, \"$OBJ\"]}]}",
             "mine.json");
  try {
    Extractor ex(rules);
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) ==
          "mine.json:2:24: unknown lemma \"parley\" in rule \"x.y\"; add its forms to a "
          "lexicon's \"forms\", or use \"lower\"");
  }
}

TEST_CASE("rules: a user file adds entities, lexicon forms and rules without recompiling") {
  RuleSet rules = RuleSet::builtin();
  rules.load(R"({
    "lexicon": {"forms": {"parley": ["parleys", "parleyed"]}},
    "entities": [{"name": "Republic of Zembla", "type": "COUNTRY", "aliases": ["Zembla"],
                  "adjectives": ["Zemblan"], "capital": {"name": "Onhava"}}],
    "rules": [{"id": "meets.parley", "relation": "MEETS",
               "pattern": ["$SUBJ", {"lemma": "parley"}, {"lower": "with"}, "$OBJ"]}]
  })", "zembla.json");
  const Extractor ex(rules);
  CHECK(asserted(ex, "Onhava parleyed with Kazakhstan.", "MEETS") ==
        std::vector<std::string>{"Republic of Zembla -MEETS-> Kazakhstan"});
  CHECK(asserted(ex, "Zemblan troops held joint drills with Russia.", "MILITARY_COOPERATION") ==
        std::vector<std::string>{"Republic of Zembla -MILITARY_COOPERATION-> Russia"});
}

TEST_CASE("rules: a later file overrides an entry with the same key") {
  RuleSet rules = RuleSet::builtin();
  const std::size_t before = rules.rules().size();
  rules.load(R"({"rules": [{"id": "meets.verb", "relation": "CALLS",
                 "pattern": ["$SUBJ", {"lower": "met"}, "$OBJ"]}]})",
             "override.json");
  CHECK(rules.rules().size() == before);
  const Extractor ex(rules);
  CHECK(asserted(ex, "Putin met Tokayev.", "CALLS") ==
        std::vector<std::string>{"Vladimir Putin -CALLS-> Kassym-Jomart Tokayev"});
}
