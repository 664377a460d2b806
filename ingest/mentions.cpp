#include "ingest/mentions.h"

#include <algorithm>

#include "common/fold.h"

namespace silkgraph::ingest {

// --- DocState ------------------------------------------------------------------------------

void DocState::reset() {
  local_.clear();
  local_ids_.clear();
  short_names_.clear();
  persons_.clear();
  leaders_.clear();
  last_person_ = kNoEntity;
  last_person_sentence_ = 0;
  sentence = 0;
}

std::uint32_t DocState::local(const std::string& name, EntityType type) {
  // A found name that the gazetteer knows after all is the gazetteer's entity.
  if (std::uint32_t known = gazetteer_->find(name, type); known != kNoEntity) return known;
  std::string key = std::string(entity_type_name(type)) + '\t' + fold::folded(name);
  if (auto it = local_ids_.find(key); it != local_ids_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(gazetteer_->entities().size() + local_.size());
  local_.push_back({name, type, kNoEntity, {}});
  local_ids_.emplace(std::move(key), id);
  return id;
}

void DocState::named_person(std::uint32_t person, std::string_view folded_name) {
  persons_.erase(std::remove(persons_.begin(), persons_.end(), person), persons_.end());
  persons_.push_back(person);
  last_person_ = person;
  last_person_sentence_ = sentence;
  // First and last word of the full name become short forms ("Umarov", "Li").
  const std::size_t space = folded_name.find(' ');
  if (space == std::string_view::npos) return;
  const std::size_t last_space = folded_name.rfind(' ');
  short_names_[std::string(folded_name.substr(0, space))] = person;
  short_names_[std::string(folded_name.substr(last_space + 1))] = person;
}

std::uint32_t DocState::short_form(std::string_view folded) const {
  if (short_names_.empty()) return kNoEntity;  // no person named yet: no key to build
  auto it = short_names_.find(std::string(folded));
  return it == short_names_.end() ? kNoEntity : it->second;
}

std::uint32_t DocState::recent_person() const {
  if (last_person_ == kNoEntity || sentence > last_person_sentence_ + 1) return kNoEntity;
  return last_person_;
}

std::uint32_t DocState::office_holder(std::uint32_t of, std::string_view title_word) const {
  for (auto it = persons_.rbegin(); it != persons_.rend(); ++it) {
    for (const auto& [person, country] : leaders_)
      if (person == *it && country == of) return person;
    for (const Role& r : entity(*it).roles) {
      if (gazetteer_->find(r.of, EntityType::Country) != of &&
          gazetteer_->find(r.of, EntityType::Org) != of)
        continue;
      if (title_word.empty() || r.title.find(title_word) != std::string::npos ||
          title_word == "leader" || title_word == "counterpart")
        return *it;
    }
  }
  return kNoEntity;
}

void DocState::add_leader(std::uint32_t person, std::uint32_t of) {
  leaders_.emplace_back(person, of);
}

// --- MentionFinder -------------------------------------------------------------------------

MentionFinder::MentionFinder(const RuleSet& rules, const Gazetteer& gazetteer, Vocabulary& vocab)
    : gazetteer_(gazetteer) {
  const std::pair<const char*, WordClass> lists[] = {
      {"determiners", kDeterminer},      {"honorifics", kHonorific}, {"not_names", kNotName},
      {"org_connectors", kOrgConnector}, {"org_heads", kOrgHead},    {"professions", kProfession},
      {"pronouns", kPronoun},            {"reporting_verbs", kReportingVerb},
      {"titles", kTitle}};
  for (const auto& [name, bit] : lists) {
    for (const std::string& w : rules.list(name)) {
      if (w.find(' ') != std::string::npos) continue;  // single words only
      const std::uint32_t id = vocab.intern(w);
      if (id >= classes_.size()) classes_.resize(id + 1, 0);
      classes_[id] |= bit;
    }
  }
}

bool MentionFinder::name_token(const TokenizedSentence& s, std::size_t i,
                               const std::vector<char>& taken) const {
  const Token& t = s.tokens[i];
  return !taken[i] && t.is(kUpper) && t.is(kWord) && !is(t.word, kNotName) &&
         !is(t.word, kDeterminer) && !is(t.word, kTitle) &&
         !is(t.word, kOrgHead) && !is(t.word, kHonorific);
}

namespace {
std::string surface(std::string_view text, const TokenizedSentence& s, std::size_t b,
                    std::size_t e) {
  return std::string(text.substr(s.tokens[b].begin, s.tokens[e - 1].end - s.tokens[b].begin));
}
bool is_hyphen_join(const TokenizedSentence& s, std::size_t i) {
  return i + 1 < s.tokens.size() && s.fold(s.tokens[i]) == "-" && !s.tokens[i].is(kSpaceBefore) &&
         !s.tokens[i + 1].is(kSpaceBefore);
}
}  // namespace

void MentionFinder::find_orgs(std::string_view text, const TokenizedSentence& s, DocState& doc,
                              std::vector<Mention>& found, std::vector<char>& taken) const {
  const std::size_t n = s.tokens.size();
  for (std::size_t h = 0; h < n; ++h) {
    const Token& head = s.tokens[h];
    if (taken[h] || !head.is(kUpper) || !is(head.word, kOrgHead)) continue;
    // Left: capitalised words, and places or adjectives the name is built on
    // ("Kazakhstan Institute for Strategic Studies", "Eurasian Research Institute").
    std::size_t b = h;
    while (b > 0) {
      const std::size_t t = b - 1;
      const Token& tk = s.tokens[t];
      if (!tk.is(kUpper) || !tk.is(kWord) || is(tk.word, kDeterminer) ||
          is(tk.word, kNotName) || is(tk.word, kTitle))
        break;
      if (taken[t]) {
        auto m = std::find_if(found.begin(), found.end(),
                              [&](const Mention& x) { return x.first <= t && t < x.last; });
        if (m == found.end() || m->form == MentionForm::Pronoun) break;
        const EntityType type = doc.entity(m->entity).type;
        if (type == EntityType::Person || type == EntityType::Org) break;
        b = m->first;
        continue;
      }
      b = t;
    }
    // Right: more capitalised words, and "of/for/on/and the" before capitalised words.
    std::size_t e = h + 1;
    while (e < n) {
      // A title or honorific starts the next name: "Home Office Minister Lord Falconer".
      if (is(s.tokens[e].word, kTitle) || is(s.tokens[e].word, kHonorific)) break;
      if (s.tokens[e].is(kUpper) && s.tokens[e].is(kWord)) {
        ++e;
        continue;
      }
      std::size_t c = e;
      while (c < n && !s.tokens[c].is(kUpper) && is(s.tokens[c].word, kOrgConnector)) ++c;
      if (c > e && c < n && s.tokens[c].is(kUpper) && s.tokens[c].is(kWord) &&
          !is(s.tokens[c].word, kDeterminer)) {
        e = c + 1;
        continue;
      }
      break;
    }
    if (e - b < 2) continue;
    // Absorb the mentions inside the name.
    found.erase(std::remove_if(found.begin(), found.end(),
                               [&](const Mention& m) { return m.first >= b && m.last <= e; }),
                found.end());
    const std::uint32_t id = doc.local(surface(text, s, b, e), EntityType::Org);
    found.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), id,
                     MentionForm::Found, kNoGroup});
    for (std::size_t k = b; k < e; ++k) taken[k] = 1;
    h = e - 1;
  }
}

void MentionFinder::find_people(std::string_view text, const TokenizedSentence& s, DocState& doc,
                                std::vector<Mention>& found, std::vector<char>& taken) const {
  const std::size_t n = s.tokens.size();
  // Pronouns are the tokens no name took. Whether a name takes token i is known once the loop
  // below is done with i (it marks tokens from i on only), so i is looked at for a pronoun then.
  auto pronoun = [&](std::size_t i) {
    if (!taken[i] && is(s.tokens[i].word, kPronoun)) {
      found.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 1), kNoEntity,
                       MentionForm::Pronoun, kNoGroup});
      taken[i] = 1;
    }
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (!name_token(s, i, taken)) {
      pronoun(i);
      continue;
    }
    // A run of capitalised words, possibly hyphen-joined ("Jean-Yves Le Drian").
    std::size_t e = i + 1;
    while (e < n) {
      if (name_token(s, e, taken) && e - i < 5) {
        ++e;
      } else if (is_hyphen_join(s, e) && e + 1 < n && name_token(s, e + 1, taken)) {
        e += 2;
      } else {
        break;
      }
    }
    const std::size_t words = e - i;
    const Token* before = i > 0 ? &s.tokens[i - 1] : nullptr;
    bool person = false;
    // "Temur Umarov, a fellow at ...": an apposition naming a profession.
    if (words >= 2 && e + 1 < n && s.fold(s.tokens[e]) == ",") {
      for (std::size_t k = e + 1; k < n && k < e + 10; ++k) {
        const Token& t = s.tokens[k];
        if (!t.is(kWord) && s.fold(t) != "-") break;
        if (is(t.word, kProfession)) {
          person = true;
          break;
        }
      }
    }
    // "political scientist Andrej Čebotarev", "Mr Smith", "President Sooronbay Jeenbekov".
    if (before && (is(before->word, kProfession) || is(before->word, kHonorific) ||
                   is(before->word, kTitle)) &&
        (words >= 2 || is(before->word, kHonorific)))
      person = true;
    // "Jardine said", "said Li Lifan".
    if (words >= 2 && ((e < n && is(s.tokens[e].word, kReportingVerb)) ||
                       (before && is(before->word, kReportingVerb))))
      person = true;
    if (!person) {
      // A short form of somebody named earlier in the document ("Umarov").
      if (words == 1) {
        const std::uint32_t p = doc.short_form(s.fold(s.tokens[i]));
        if (p != kNoEntity) {
          found.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 1), p,
                           MentionForm::Name, kNoGroup});
          taken[i] = 1;
        }
      }
      pronoun(i);
      continue;
    }
    const std::uint32_t id = doc.local(surface(text, s, i, e), EntityType::Person);
    found.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(e), id,
                     MentionForm::Found, kNoGroup});
    for (std::size_t k = i; k < e; ++k) taken[k] = 1;
    i = e - 1;
  }
}

void MentionFinder::find(std::string_view text, const TokenizedSentence& s, DocState& doc,
                         SentenceMentions& out) const {
  const std::size_t n = s.tokens.size();
  std::vector<Mention>& found = out.list;
  found.clear();
  // Buffers of this thread, reused from sentence to sentence (find() is const and may run on
  // several threads at once).
  thread_local std::vector<char> taken;
  thread_local std::vector<Mention> kept;
  taken.assign(n, 0);
  for (std::size_t i = 0; i < n;) {
    Gazetteer::Match m;
    // A name starts with a capital or a digit (as longest() checks first).
    const bool may_start = s.tokens[i].is(kUpper) || s.tokens[i].is(kDigit);
    if (!may_start || !gazetteer_.longest(text, s, i, m)) {
      ++i;
      continue;
    }
    const std::size_t end = i + m.length;
    if (m.form == MentionForm::Combining && (end >= n || !is_hyphen_join(s, end))) {
      ++i;
      continue;
    }
    std::uint32_t entity = m.entity;
    // A one-word name of a person followed by another unknown capitalised word is somebody
    // else's first name: "Michel" in "Michel Camdessus" is not Charles Michel.
    if (m.length == 1 && gazetteer_.entity(entity).type == EntityType::Person && end < n &&
        s.tokens[end].is(kUpper) && s.tokens[end].is(kWord) &&
        s.tokens[end].word == Vocabulary::kUnknown) {
      ++i;
      continue;
    }
    // Within a document, a bare surname means the person of that name named before.
    if (m.length == 1 && gazetteer_.entity(entity).type == EntityType::Person) {
      const std::uint32_t p = doc.short_form(s.fold(s.tokens[i]));
      if (p != kNoEntity) entity = p;
    }
    found.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end), entity, m.form,
                     kNoGroup});
    for (std::size_t k = i; k < end; ++k) taken[k] = 1;
    i = end;
  }
  find_orgs(text, s, doc, found, taken);
  find_people(text, s, doc, found, taken);
  std::sort(found.begin(), found.end(),
            [](const Mention& a, const Mention& b) { return a.first < b.first; });

  // Pronouns point to the person named last; people named here are remembered.
  kept.clear();
  for (Mention m : found) {
    if (m.form == MentionForm::Pronoun) {
      m.entity = doc.recent_person();
      if (m.entity == kNoEntity) continue;
    } else if (doc.entity(m.entity).type == EntityType::Person) {
      doc.named_person(m.entity, fold::folded(doc.entity(m.entity).name));
    }
    kept.push_back(m);
  }
  found.swap(kept);

  // Hyphenated compounds of entities: "Sino-Russian", "Tajik-Afghan", "China-Central Asia".
  for (std::size_t k = 1; k < found.size(); ++k) {
    Mention& a = found[k - 1];
    Mention& b = found[k];
    if (b.first == a.last + 1 && is_hyphen_join(s, a.last) && a.form != MentionForm::Pronoun &&
        b.form != MentionForm::Pronoun) {
      if (a.group == kNoGroup) a.group = static_cast<std::uint32_t>(k - 1);
      b.group = a.group;
    }
  }
  out.starts_at.assign(n, -1);
  for (std::size_t k = 0; k < found.size(); ++k)
    out.starts_at[found[k].first] = static_cast<std::int32_t>(k);
}

}  // namespace silkgraph::ingest
