#include "ingest/rule_set.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/fold.h"
#include "ingest/embedded_rules.h"

namespace silkgraph::ingest {
namespace {

constexpr std::string_view kTypeNames[] = {"PERSON", "COUNTRY", "REGION", "CITY", "ORG"};

SourcePos at(const std::string& file, const JsonNode& node) {
  return {file, node.line, node.column};
}

[[noreturn]] void fail(const std::string& file, const JsonNode& node, const std::string& what,
                       std::string_view hint = {}) {
  throw InputError(at(file, node), what, hint);
}

// Levenshtein distance, for "did you mean" hints.
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t prev = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

std::string suggest(std::string_view got, const std::vector<std::string_view>& known) {
  std::string_view best;
  std::size_t best_d = 4;
  for (std::string_view k : known) {
    const std::size_t d = distance(got, k);
    if (d < best_d) best_d = d, best = k;
  }
  return best.empty() ? std::string() : "did you mean \"" + std::string(best) + "\"?";
}

void check_keys(const JsonNode& node, const std::string& file,
                const std::vector<std::string_view>& allowed, std::string_view what) {
  if (node.kind != JsonNode::Kind::Object)
    fail(file, node, std::string(what) + " must be an object, got " + node.kind_name());
  for (const auto& [key, value] : node.members) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      fail(file, value, "unknown key \"" + key + "\" in " + std::string(what),
           suggest(key, allowed));
  }
}

const std::string& need_string(const JsonNode& node, const std::string& file,
                               std::string_view key) {
  if (node.kind != JsonNode::Kind::String || node.string.empty())
    fail(file, node, "\"" + std::string(key) + "\" must be a non-empty string, got " +
                         (node.kind == JsonNode::Kind::String ? "\"\"" : node.kind_name()));
  return node.string;
}

std::vector<std::string> string_list(const JsonNode& node, const std::string& file,
                                     std::string_view key) {
  std::vector<std::string> out;
  if (node.kind == JsonNode::Kind::String) {
    out.push_back(need_string(node, file, key));
    return out;
  }
  if (node.kind != JsonNode::Kind::Array)
    fail(file, node, "\"" + std::string(key) + "\" must be a string or an array of strings");
  for (const JsonNode& item : node.items) out.push_back(need_string(item, file, key));
  return out;
}

bool need_bool(const JsonNode& node, const std::string& file, std::string_view key) {
  if (node.kind != JsonNode::Kind::Bool)
    fail(file, node, "\"" + std::string(key) + "\" must be true or false");
  return node.boolean;
}

std::size_t need_count(const JsonNode& node, const std::string& file, std::string_view key,
                       std::size_t max) {
  if (node.kind != JsonNode::Kind::Number || node.number < 0 || node.number > double(max) ||
      node.number != static_cast<double>(static_cast<std::size_t>(node.number)))
    fail(file, node,
         "\"" + std::string(key) + "\" must be a whole number from 0 to " + std::to_string(max));
  return static_cast<std::size_t>(node.number);
}

EntityType need_type(const JsonNode& node, const std::string& file) {
  const std::string& name = need_string(node, file, "type");
  if (auto t = parse_entity_type(name)) return *t;
  fail(file, node, "unknown entity type \"" + name + "\"",
       suggest(name, std::vector<std::string_view>(std::begin(kTypeNames), std::end(kTypeNames))));
}

}  // namespace

std::string_view entity_type_name(EntityType type) {
  return kTypeNames[static_cast<int>(type)];
}

std::optional<EntityType> parse_entity_type(std::string_view name) {
  for (int i = 0; i < 5; ++i)
    if (kTypeNames[i] == name) return static_cast<EntityType>(i);
  return std::nullopt;
}

RuleSet RuleSet::builtin() {
  RuleSet set;
  for (const EmbeddedFile& f : embedded_rule_files())
    set.load(f.text(), std::string("ingest/rules/") + f.name);
  return set;
}

void RuleSet::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError({path}, "cannot open rule file", "check the --rules path");
  std::ostringstream text;
  text << in.rdbuf();
  load(text.str(), path);
}

void RuleSet::load(std::string_view text, const std::string& file) {
  const JsonNode root = parse_json_tree(text, file);
  check_keys(root, file, {"lexicon", "entities", "rules", "relations", "description"},
             "a rule file");
  // Relations first, so rules in the same file may use the types they add.
  if (const JsonNode* rel = root.find("relations")) {
    if (rel->kind != JsonNode::Kind::Array) fail(file, *rel, "\"relations\" must be an array");
    for (const JsonNode& r : rel->items) load_relation(r, file);
  }
  if (const JsonNode* lex = root.find("lexicon")) load_lexicon(*lex, file);
  if (const JsonNode* ents = root.find("entities")) {
    if (ents->kind != JsonNode::Kind::Array) fail(file, *ents, "\"entities\" must be an array");
    for (const JsonNode& e : ents->items) load_entity(e, file);
  }
  if (const JsonNode* rules = root.find("rules")) {
    if (rules->kind != JsonNode::Kind::Array) fail(file, *rules, "\"rules\" must be an array");
    for (const JsonNode& r : rules->items) load_rule(r, file);
  }
}

void RuleSet::load_relation(const JsonNode& node, const std::string& file) {
  check_keys(node, file, {"name", "symmetric", "description"}, "a relation type");
  const JsonNode* name = node.find("name");
  if (!name) fail(file, node, "relation type has no \"name\"");
  RelationType type{need_string(*name, file, "name"), false};
  for (char c : type.name)
    if (!((c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9')))
      fail(file, *name, "relation name \"" + type.name + "\" must be UPPER_SNAKE_CASE");
  if (const JsonNode* s = node.find("symmetric")) type.symmetric = need_bool(*s, file, "symmetric");
  auto it = std::find_if(relations_.begin(), relations_.end(),
                         [&](const RelationType& r) { return r.name == type.name; });
  if (it != relations_.end())
    *it = type;
  else
    relations_.push_back(type);
}

void RuleSet::load_lexicon(const JsonNode& node, const std::string& file) {
  if (node.kind != JsonNode::Kind::Object) fail(file, node, "\"lexicon\" must be an object");
  for (const auto& [key, value] : node.members) {
    if (key == "forms") {
      if (value.kind != JsonNode::Kind::Object)
        fail(file, value, "\"forms\" must map each lemma to its forms");
      for (const auto& [lemma, forms] : value.members) {
        std::vector<std::string> all{fold::folded(lemma)};
        for (const std::string& f : string_list(forms, file, lemma)) all.push_back(fold::folded(f));
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        forms_[fold::folded(lemma)] = std::move(all);
      }
      continue;
    }
    std::vector<std::string> words;
    for (const std::string& w : string_list(value, file, key)) words.push_back(fold::folded(w));
    lists_[key] = std::move(words);
  }
}

void RuleSet::load_entity(const JsonNode& node, const std::string& file) {
  check_keys(node, file,
             {"name", "type", "aliases", "adjectives", "capital", "seats", "combining", "in",
              "case_sensitive", "roles", "description"},
             "an entity");
  EntityEntry e;
  e.pos = at(file, node);
  const JsonNode* name = node.find("name");
  const JsonNode* type = node.find("type");
  if (!name) fail(file, node, "entity has no \"name\"");
  if (!type) fail(file, node, "entity \"" + name->string + "\" has no \"type\"");
  e.name = need_string(*name, file, "name");
  e.type = need_type(*type, file);
  if (const JsonNode* v = node.find("aliases")) e.aliases = string_list(*v, file, "aliases");
  if (const JsonNode* v = node.find("adjectives"))
    e.adjectives = string_list(*v, file, "adjectives");
  if (const JsonNode* v = node.find("seats")) e.seats = string_list(*v, file, "seats");
  if (const JsonNode* v = node.find("combining")) e.combining = string_list(*v, file, "combining");
  if (const JsonNode* v = node.find("in")) e.in = need_string(*v, file, "in");
  if (const JsonNode* v = node.find("case_sensitive"))
    e.case_sensitive = need_bool(*v, file, "case_sensitive");
  if (const JsonNode* v = node.find("capital")) {
    if (e.type != EntityType::Country) fail(file, *v, "only a COUNTRY can have a \"capital\"");
    if (v->kind == JsonNode::Kind::String) {
      e.capital = need_string(*v, file, "capital");
    } else {
      check_keys(*v, file, {"name", "aliases"}, "a capital");
      const JsonNode* cn = v->find("name");
      if (!cn) fail(file, *v, "capital has no \"name\"");
      e.capital = need_string(*cn, file, "name");
      if (const JsonNode* ca = v->find("aliases"))
        e.capital_aliases = string_list(*ca, file, "aliases");
    }
  }
  if (const JsonNode* v = node.find("roles")) {
    if (v->kind != JsonNode::Kind::Array) fail(file, *v, "\"roles\" must be an array");
    for (const JsonNode& r : v->items) {
      check_keys(r, file, {"title", "of", "from", "to"}, "a role");
      Role role;
      const JsonNode* t = r.find("title");
      const JsonNode* o = r.find("of");
      if (!t || !o) fail(file, r, "a role needs \"title\" and \"of\"");
      role.title = fold::folded(need_string(*t, file, "title"));
      role.of = need_string(*o, file, "of");
      if (const JsonNode* f = r.find("from"); f && f->kind != JsonNode::Kind::Null)
        role.from = static_cast<int>(need_count(*f, file, "from", 3000));
      if (const JsonNode* f = r.find("to"); f && f->kind != JsonNode::Kind::Null)
        role.to = static_cast<int>(need_count(*f, file, "to", 3000));
      e.roles.push_back(std::move(role));
    }
  }
  auto it = std::find_if(entities_.begin(), entities_.end(), [&](const EntityEntry& x) {
    return x.name == e.name && x.type == e.type;
  });
  if (it != entities_.end())
    *it = std::move(e);
  else
    entities_.push_back(std::move(e));
}

std::vector<std::string> RuleSet::words_of(const JsonNode& node, const std::string& file) const {
  std::vector<std::string> out;
  for (const std::string& w : string_list(node, file, "words")) out.push_back(fold::folded(w));
  return out;
}

PatternElement RuleSet::parse_element(const JsonNode& node, const std::string& file) const {
  PatternElement el;
  el.pos = at(file, node);
  if (node.kind == JsonNode::Kind::String) {
    if (node.string == "$SUBJ" || node.string == "$OBJ") {
      el.kind = PatternElement::Kind::Slot;
      el.role = node.string.substr(1);
    } else if (node.string == "$PAIR") {
      el.kind = PatternElement::Kind::Pair;
    } else {
      el.kind = PatternElement::Kind::Words;
      el.words.push_back(fold::folded(node.string));
    }
    return el;
  }
  check_keys(node, file,
             {"slot", "types", "place", "bare", "conjunction", "pair", "lower", "lemma", "list",
              "gap", "not", "any", "optional", "repeat"},
             "a pattern element");
  int kinds = 0;
  if (const JsonNode* v = node.find("slot")) {
    ++kinds;
    el.kind = PatternElement::Kind::Slot;
    el.role = need_string(*v, file, "slot");
    if (el.role != "SUBJ" && el.role != "OBJ")
      fail(file, *v, "\"slot\" must be \"SUBJ\" or \"OBJ\", got \"" + el.role + "\"");
  }
  if (const JsonNode* v = node.find("pair")) {
    ++kinds;
    el.kind = PatternElement::Kind::Pair;
    need_bool(*v, file, "pair");
  }
  if (const JsonNode* v = node.find("lower")) {
    ++kinds;
    el.kind = PatternElement::Kind::Words;
    el.words = words_of(*v, file);
  }
  if (const JsonNode* v = node.find("lemma")) {
    if (el.kind != PatternElement::Kind::Words || kinds == 0) ++kinds;
    el.kind = PatternElement::Kind::Words;
    for (const std::string& l : string_list(*v, file, "lemma")) el.lemmas.push_back(fold::folded(l));
  }
  if (const JsonNode* v = node.find("list")) {
    ++kinds;
    el.kind = PatternElement::Kind::List;
    el.list = need_string(*v, file, "list");
  }
  if (const JsonNode* v = node.find("gap")) {
    ++kinds;
    el.kind = PatternElement::Kind::Gap;
    el.min = 0;
    el.max = need_count(*v, file, "gap", 12);
  }
  if (const JsonNode* v = node.find("any")) {
    ++kinds;
    el.kind = PatternElement::Kind::Any;
    need_bool(*v, file, "any");
  }
  if (kinds != 1)
    fail(file, node,
         "a pattern element needs exactly one of \"slot\", \"pair\", \"lower\"/\"lemma\", "
         "\"list\", \"gap\", \"any\"");
  if (const JsonNode* v = node.find("types")) {
    if (el.kind != PatternElement::Kind::Slot && el.kind != PatternElement::Kind::Pair)
      fail(file, *v, "\"types\" applies to slots and pairs only");
    if (v->kind != JsonNode::Kind::Array) fail(file, *v, "\"types\" must be an array");
    for (const JsonNode& t : v->items) el.types.push_back(need_type(t, file));
  }
  if (const JsonNode* v = node.find("not")) {
    if (el.kind != PatternElement::Kind::Gap) fail(file, *v, "\"not\" applies to gaps only");
    el.not_list = need_string(*v, file, "not");
  }
  if (const JsonNode* v = node.find("place")) el.place = need_bool(*v, file, "place");
  if (const JsonNode* v = node.find("bare")) el.bare = need_bool(*v, file, "bare");
  if (const JsonNode* v = node.find("conjunction"))
    el.conjunction = need_bool(*v, file, "conjunction");
  if (const JsonNode* v = node.find("optional"); v && need_bool(*v, file, "optional")) {
    if (el.kind == PatternElement::Kind::Slot || el.kind == PatternElement::Kind::Pair)
      fail(file, *v, "a slot cannot be optional");
    el.min = 0;
  }
  if (const JsonNode* v = node.find("repeat")) {
    if (v->kind != JsonNode::Kind::Array || v->items.size() != 2)
      fail(file, *v, "\"repeat\" must be [min, max]");
    el.min = need_count(v->items[0], file, "repeat", 8);
    el.max = need_count(v->items[1], file, "repeat", 8);
    if (el.max < el.min || el.max == 0) fail(file, *v, "\"repeat\" needs 0 <= min <= max, max >= 1");
    if (el.kind == PatternElement::Kind::Slot || el.kind == PatternElement::Kind::Pair)
      fail(file, *v, "a slot cannot repeat");
  }
  return el;
}

void RuleSet::load_rule(const JsonNode& node, const std::string& file) {
  check_keys(node, file, {"id", "relation", "pattern", "examples", "modality", "description"},
             "a rule");
  RuleEntry rule;
  rule.pos = at(file, node);
  const JsonNode* id = node.find("id");
  if (!id) fail(file, node, "rule has no \"id\"");
  rule.id = need_string(*id, file, "id");
  const JsonNode* rel = node.find("relation");
  if (!rel) fail(file, node, "rule \"" + rule.id + "\" has no \"relation\"");
  rule.relation = need_string(*rel, file, "relation");
  if (!relation(rule.relation)) {
    std::vector<std::string_view> known;
    for (const RelationType& r : relations_) known.push_back(r.name);
    fail(file, *rel, "unknown relation \"" + rule.relation + "\"", suggest(rule.relation, known));
  }
  if (const JsonNode* m = node.find("modality")) {
    rule.modality = need_string(*m, file, "modality");
    if (rule.modality != "asserted" && rule.modality != "proposed" &&
        rule.modality != "hypothetical")
      fail(file, *m, "\"modality\" must be \"asserted\", \"proposed\" or \"hypothetical\"");
  }
  const JsonNode* pattern = node.find("pattern");
  if (!pattern || pattern->kind != JsonNode::Kind::Array || pattern->items.empty())
    fail(file, pattern ? *pattern : node, "rule \"" + rule.id + "\" needs a non-empty \"pattern\"");
  int subj = 0, obj = 0;
  for (const JsonNode& el : pattern->items) {
    rule.pattern.push_back(parse_element(el, file));
    const PatternElement& p = rule.pattern.back();
    if (p.kind == PatternElement::Kind::Slot) (p.role == "SUBJ" ? subj : obj)++;
    if (p.kind == PatternElement::Kind::Pair) ++subj, ++obj;
  }
  if (subj != 1 || obj != 1)
    fail(file, *pattern,
         "rule \"" + rule.id + "\" must have exactly one $SUBJ and one $OBJ (or one $PAIR)");
  if (rule.pattern.front().kind == PatternElement::Kind::Gap ||
      rule.pattern.back().kind == PatternElement::Kind::Gap)
    fail(file, *pattern, "a pattern cannot start or end with a gap");
  if (const JsonNode* ex = node.find("examples")) {
    if (ex->kind != JsonNode::Kind::Array) fail(file, *ex, "\"examples\" must be an array");
    for (const JsonNode& e : ex->items) {
      check_keys(e, file, {"text", "expect"}, "an example");
      const JsonNode* t = e.find("text");
      const JsonNode* x = e.find("expect");
      if (!t || !x) fail(file, e, "an example needs \"text\" and \"expect\"");
      rule.examples.push_back({need_string(*t, file, "text"),
                               x->kind == JsonNode::Kind::String ? x->string : ""});
    }
  }
  auto it = std::find_if(rules_.begin(), rules_.end(),
                         [&](const RuleEntry& r) { return r.id == rule.id; });
  if (it != rules_.end())
    *it = std::move(rule);
  else
    rules_.push_back(std::move(rule));
}

const std::vector<std::string>& RuleSet::list(std::string_view name) const {
  static const std::vector<std::string> empty;
  auto it = lists_.find(name);
  return it == lists_.end() ? empty : it->second;
}

const std::vector<std::string>* RuleSet::forms(std::string_view lemma) const {
  auto it = forms_.find(lemma);
  return it == forms_.end() ? nullptr : &it->second;
}

const RelationType* RuleSet::relation(std::string_view name) const {
  for (const RelationType& r : relations_)
    if (r.name == name) return &r;
  return nullptr;
}

}  // namespace silkgraph::ingest
