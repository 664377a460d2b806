#include "ingest/gazetteer.h"

#include <algorithm>

#include "common/fold.h"

namespace silkgraph::ingest {

std::string_view mention_form_name(MentionForm form) {
  switch (form) {
    case MentionForm::Name: return "name";
    case MentionForm::Adjective: return "adjective";
    case MentionForm::Seat: return "seat";
    case MentionForm::Combining: return "combining";
    case MentionForm::Found: return "found";
    case MentionForm::Pronoun: return "pronoun";
  }
  return "name";
}

namespace {
std::string key_of(std::string_view name, EntityType type) {
  return std::string(entity_type_name(type)) + '\t' + std::string(name);
}
}  // namespace

Gazetteer::Gazetteer(const RuleSet& rules, Vocabulary& vocab) {
  terminals_.emplace_back();  // root
  auto intern_entity = [&](const std::string& name, EntityType type) {
    const std::string key = key_of(name, type);
    if (auto it = by_key_.find(key); it != by_key_.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(entities_.size());
    entities_.push_back({name, type, kNoEntity, {}});
    by_key_.emplace(key, id);
    return id;
  };
  for (const EntityEntry& e : rules.entities()) {
    const std::uint32_t id = intern_entity(e.name, e.type);
    entities_[id].roles = e.roles;
    add(e.name, id, MentionForm::Name, e.case_sensitive, vocab);
    for (const std::string& a : e.aliases) add(a, id, MentionForm::Name, e.case_sensitive, vocab);
    for (const std::string& a : e.adjectives)
      add(a, id, MentionForm::Adjective, e.case_sensitive, vocab);
    for (const std::string& a : e.seats) add(a, id, MentionForm::Seat, e.case_sensitive, vocab);
    for (const std::string& a : e.combining)
      add(a, id, MentionForm::Combining, e.case_sensitive, vocab);
    if (!e.capital.empty()) {
      const std::uint32_t city = intern_entity(e.capital, EntityType::City);
      entities_[city].metonym = id;
      add(e.capital, city, MentionForm::Name, e.case_sensitive, vocab);
      for (const std::string& a : e.capital_aliases)
        add(a, city, MentionForm::Name, e.case_sensitive, vocab);
    }
  }
  freeze();
}

void Gazetteer::freeze() {
  std::vector<std::pair<std::uint64_t, std::uint32_t>> edges(edges_.begin(), edges_.end());
  std::sort(edges.begin(), edges.end());  // by node, then word
  root_children_.clear();
  child_begin_.assign(terminals_.size() + 1, 0);
  child_words_.clear();
  child_nodes_.clear();
  for (const auto& [key, node] : edges) {
    const auto parent = static_cast<std::uint32_t>(key >> 32);
    const auto word = static_cast<std::uint32_t>(key);
    if (parent == 0) {
      if (word >= root_children_.size()) root_children_.resize(word + 1, 0);
      root_children_[word] = node;
    } else {
      ++child_begin_[parent + 1];
      child_words_.push_back(word);
      child_nodes_.push_back(node);
    }
  }
  for (std::size_t n = 0; n < terminals_.size(); ++n) child_begin_[n + 1] += child_begin_[n];
}

std::uint32_t Gazetteer::child(std::uint32_t node, std::uint32_t word) const {
  if (node == 0) return word < root_children_.size() ? root_children_[word] : 0;
  const auto b = child_words_.begin() + child_begin_[node];
  const auto e = child_words_.begin() + child_begin_[node + 1];
  const auto it = std::lower_bound(b, e, word);
  if (it == e || *it != word) return 0;
  return child_nodes_[static_cast<std::size_t>(it - child_words_.begin())];
}

void Gazetteer::add(std::string_view surface, std::uint32_t entity, MentionForm form,
                    bool case_sensitive, Vocabulary& vocab) {
  // Names are tokenized exactly like text, so "Kassym-Jomart" and "U.S." line up.
  TokenizedSentence s;
  const std::string text(surface);
  tokenize(text, 0, text.size(), vocab, s);
  std::size_t first = 0;
  // A leading "the" is not part of the name: "the Kremlin" is found as "Kremlin".
  if (s.tokens.size() > 1 && s.fold(s.tokens[0]) == "the") first = 1;
  if (first >= s.tokens.size()) return;
  std::uint32_t node = 0;
  int letters = 0, uppers = 0;
  for (std::size_t i = first; i < s.tokens.size(); ++i) {
    const std::uint32_t word = vocab.intern(s.fold(s.tokens[i]));
    const std::uint64_t key = (std::uint64_t{node} << 32) | word;
    auto it = edges_.find(key);
    if (it == edges_.end()) {
      const auto child = static_cast<std::uint32_t>(terminals_.size());
      terminals_.emplace_back();
      it = edges_.emplace(key, child).first;
    }
    node = it->second;
    const std::string_view tok = std::string_view(text).substr(s.tokens[i].begin,
                                                               s.tokens[i].end - s.tokens[i].begin);
    for (std::size_t k = 0; k < tok.size();) {
      const char32_t cp = fold::decode(tok, k);
      if (fold::is_letter(cp)) {
        ++letters;
        if (fold::is_upper(cp)) ++uppers;
      }
    }
  }
  Candidate c{entity, form, {}};
  // All-caps acronyms ("US", "EU", "WHO") must be written the same way in the text.
  if (case_sensitive || (letters >= 2 && uppers == letters)) {
    for (std::size_t i = first; i < s.tokens.size(); ++i)
      c.exact.emplace_back(text.substr(s.tokens[i].begin, s.tokens[i].end - s.tokens[i].begin));
  }
  auto& list = terminals_[node];
  for (const Candidate& existing : list)
    if (existing.entity == entity && existing.form == form && existing.exact == c.exact) return;
  list.push_back(std::move(c));
}

bool Gazetteer::longest(std::string_view text, const TokenizedSentence& s, std::size_t i,
                        Match& out) const {
  const Token& first = s.tokens[i];
  if (!first.is(kUpper) && !first.is(kDigit)) return false;
  std::uint32_t node = 0;
  bool found = false;
  for (std::size_t j = i; j < s.tokens.size(); ++j) {
    const Token& t = s.tokens[j];
    if (t.word == Vocabulary::kUnknown) break;
    // A name does not run across a space before a hyphen etc. differently from the entry;
    // tokens suffice since entries were tokenized the same way.
    node = child(node, t.word);
    if (node == 0) break;
    for (const Candidate& c : terminals_[node]) {
      if (!c.exact.empty()) {
        bool same = c.exact.size() == j - i + 1;
        for (std::size_t k = 0; same && k < c.exact.size(); ++k) {
          const Token& tk = s.tokens[i + k];
          same = text.substr(tk.begin, tk.end - tk.begin) == c.exact[k];
        }
        if (!same) continue;
      }
      out = {static_cast<std::uint32_t>(j - i + 1), c.entity, c.form};
      found = true;
      break;
    }
  }
  return found;
}

std::uint32_t Gazetteer::find(std::string_view name, EntityType type) const {
  auto it = by_key_.find(key_of(name, type));
  return it == by_key_.end() ? kNoEntity : it->second;
}

}  // namespace silkgraph::ingest
