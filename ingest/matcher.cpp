#include "ingest/matcher.h"

#include <algorithm>

#include "common/fold.h"

namespace silkgraph::ingest {
namespace {

constexpr std::uint8_t bit(EntityType t) { return static_cast<std::uint8_t>(1u << static_cast<int>(t)); }
constexpr std::uint8_t kActors = bit(EntityType::Person) | bit(EntityType::Country) |
                                 bit(EntityType::Org) | bit(EntityType::Region);
constexpr std::uint8_t kPlaces = bit(EntityType::Country) | bit(EntityType::Region) |
                                 bit(EntityType::City);
// Steps one rule may take from one start: keeps matching linear in the sentence length.
constexpr int kStepBudget = 512;

}  // namespace

Matcher::Seqs Matcher::compile_words(const std::vector<std::string>& entries,
                                     Vocabulary& vocab) const {
  Seqs out;
  for (const std::string& entry : entries) {
    TokenizedSentence s;
    tokenize(entry, 0, entry.size(), vocab, s);
    std::vector<std::uint32_t> seq;
    for (const Token& t : s.tokens) seq.push_back(vocab.intern(s.fold(t)));
    if (seq.size() == 1)
      out.words.push_back(seq[0]);
    else if (!seq.empty())
      out.seqs.push_back(std::move(seq));
  }
  std::sort(out.words.begin(), out.words.end());
  out.words.erase(std::unique(out.words.begin(), out.words.end()), out.words.end());
  return out;
}

Matcher::Matcher(const RuleSet& rules, const MentionFinder& finder, Vocabulary& vocab)
    : finder_(finder) {
  auto list = [&](std::string_view name) { return compile_words(rules.list(name), vocab); };
  negations_ = list("negations");
  proposed_ = list("modality_proposed");
  hypothetical_ = list("modality_hypothetical");
  reported_future_ = list("reported_future");
  reporting_ = list("reported_speech");
  titles_ = list("titles");
  actor_nouns_ = list("actor_nouns");
  determiners_ = list("determiners");
  conjunctions_ = list("conjunctions");
  gap_barriers_ = list("gap_barriers");
  prepositions_ = list("prepositions");
  relative_pronouns_ = list("relative_pronouns");
  function_words_ = list("not_names");
  conditionals_ = list("conditionals");

  for (const RuleEntry& r : rules.rules()) {
    CompiledRule c;
    c.id = r.id;
    c.relation = r.relation;
    c.symmetric = rules.relation(r.relation)->symmetric;
    c.modality = r.modality;
    c.pos = r.pos;
    for (const PatternElement& p : r.pattern) {
      CompiledRule::Element e;
      e.kind = p.kind;
      e.min = p.min;
      e.max = p.max;
      e.place = p.place;
      e.bare = p.bare;
      e.conjunction = p.conjunction;
      e.subject = p.role == "SUBJ";
      for (EntityType t : p.types) e.types |= bit(t);
      if (e.types == 0) e.types = p.place ? kPlaces : kActors;
      std::vector<std::string> entries = p.words;
      for (const std::string& lemma : p.lemmas) {
        const std::vector<std::string>* forms = rules.forms(lemma);
        if (!forms)
          throw InputError(p.pos, "unknown lemma \"" + lemma + "\" in rule \"" + r.id + "\"",
                           "add its forms to a lexicon's \"forms\", or use \"lower\"");
        entries.insert(entries.end(), forms->begin(), forms->end());
      }
      if (!p.not_list.empty()) {
        if (rules.lists().find(p.not_list) == rules.lists().end())
          throw InputError(p.pos, "unknown word list \"" + p.not_list + "\" in rule \"" + r.id + "\"",
                           "define it in a lexicon");
        e.not_words = compile_words(rules.list(p.not_list), vocab);
      }
      if (p.kind == PatternElement::Kind::List) {
        if (rules.lists().find(p.list) == rules.lists().end())
          throw InputError(p.pos, "unknown word list \"" + p.list + "\" in rule \"" + r.id + "\"",
                           "define it in a lexicon");
        entries = rules.list(p.list);
      }
      e.alts = compile_words(entries, vocab);
      c.pattern.push_back(std::move(e));
    }
    rules_.push_back(std::move(c));
  }
  for (std::uint32_t i = 0; i < rules_.size(); ++i) {
    const CompiledRule& r = rules_[i];
    auto trigger = std::find_if(r.pattern.begin(), r.pattern.end(), [](const auto& e) {
      return (e.kind == PatternElement::Kind::Words || e.kind == PatternElement::Kind::List) &&
             e.min >= 1;
    });
    if (trigger == r.pattern.end()) {
      always_.push_back(i);
      continue;
    }
    auto add = [&](std::uint32_t w) {
      if (w >= by_trigger_.size()) by_trigger_.resize(w + 1);
      if (by_trigger_[w].empty() || by_trigger_[w].back() != i) by_trigger_[w].push_back(i);
    };
    for (std::uint32_t w : trigger->alts.words) add(w);
    for (const auto& seq : trigger->alts.seqs) add(seq[0]);
  }
}

// One sentence's matching state.
class MatchRun {
 public:
  MatchRun(const Matcher& m, const TokenizedSentence& s, const SentenceMentions& mentions,
           const DocState& doc)
      : m_(m), s_(s), mentions_(mentions), doc_(doc), n_(s.tokens.size()) {}

  struct NP {
    std::uint32_t entity = kNoEntity;
    std::uint32_t first = 0, last = 0;
    bool bare_adjective = false;
  };
  struct Binding {
    std::vector<NP> subjects, objects;
    bool pair = false;
    std::size_t end = 0;
    std::vector<std::pair<std::size_t, std::size_t>> gaps;  // token ranges skipped by gaps
  };

  std::size_t seq_at(const Matcher::Seqs& seqs, std::size_t pos) const {
    if (pos >= n_) return 0;
    std::size_t best = 0;
    const std::uint32_t w = s_.tokens[pos].word;
    if (w == Vocabulary::kUnknown) return 0;
    if (std::binary_search(seqs.words.begin(), seqs.words.end(), w)) best = 1;
    for (const auto& seq : seqs.seqs) {
      if (seq[0] != w || pos + seq.size() > n_ || seq.size() <= best) continue;
      bool ok = true;
      for (std::size_t k = 1; k < seq.size() && ok; ++k) ok = s_.tokens[pos + k].word == seq[k];
      if (ok) best = seq.size();
    }
    return best;
  }
  std::size_t elem_at(const CompiledRule::Element& e, std::size_t pos) const {
    return seq_at(e.alts, pos);
  }
  std::string_view fold(std::size_t i) const { return s_.fold(s_.tokens[i]); }

  // A lowercase word that is not a function word: a noun the name before it modifies.
  bool modifies_noun(std::size_t i) const {
    const Token& t = s_.tokens[i];
    return t.is(kWord) && !t.is(kUpper) && !t.is(kDigit) && !seq_at(m_.prepositions_, i) &&
           !seq_at(m_.conjunctions_, i) && !seq_at(m_.function_words_, i);
  }

  bool type_ok(std::uint32_t entity, std::uint8_t types) const {
    return (bit(doc_.entity(entity).type) & types) != 0;
  }

  // Capitals stand for their country as actors, and stay cities as places.
  std::uint32_t resolve(std::uint32_t entity, const CompiledRule::Element& el) const {
    const Entity& e = doc_.entity(entity);
    if (e.metonym != kNoEntity && !el.place && (el.types & bit(EntityType::Country)))
      return e.metonym;
    return entity;
  }

  bool is_person(const Mention* m) const {
    return m && m->entity != kNoEntity && doc_.entity(m->entity).type == EntityType::Person;
  }

  bool parse_np(const CompiledRule::Element& el, std::size_t pos, NP& out) const {
    std::size_t p = pos;
    for (int k = 0; k < 2 && p < n_; ++k) {
      const std::size_t len = seq_at(m_.determiners_, p);
      if (len == 0) break;
      p += len;
    }
    if (p >= n_) return false;
    const bool determined = p > pos;
    // "President Xi Jinping", "Foreign Minister Wang Yi".
    if (!mentions_.at(p) && !el.bare) {
      std::size_t q = p;
      for (int k = 0; k < 4 && q < n_; ++k) {
        const std::size_t len = seq_at(m_.titles_, q);
        if (len == 0) break;
        q += len;
      }
      const Mention* m = mentions_.at(q);
      if (q > p && is_person(m) && (el.types & bit(EntityType::Person))) {
        out = {m->entity, static_cast<std::uint32_t>(pos), m->last, false};
        return true;
      }
      return false;
    }
    const Mention* m = mentions_.at(p);
    if (!m || m->group != kNoGroup) return false;  // compounds bind through $PAIR
    if (m->form == MentionForm::Combining) return false;
    // "the Astana summit", "Chad's Paris embassy": a city between a determiner (or a
    // possessive) and a common noun names the noun. (Not for countries: in "talks with the
    // United States ended" the word after the name is a verb, and without part-of-speech
    // tags the two cannot be told apart; a city is rarely the subject of such a verb.)
    if (m->form == MentionForm::Name && m->last < n_ && modifies_noun(m->last) &&
        doc_.entity(m->entity).type == EntityType::City &&
        (determined || (p > 0 && fold(p - 1) == "'s")))
      return false;
    out = {m->entity, static_cast<std::uint32_t>(pos), m->last, false};
    if (!el.bare && m->form != MentionForm::Pronoun && !is_person(m)) {
      // "Kazakh President Tokayev", "Tajikistan's President Rahmon", "European Council
      // President Charles Michel", "his Uzbek counterpart, Shavkat Mirziyoyev": the person.
      std::size_t q = m->last;
      if (q < n_ && fold(q) == "'s") {
        ++q;
        // "London's Royal United Services Institute": the organisation, not the place.
        const Mention* org = mentions_.at(q);
        if (org && org->group == kNoGroup && org->form != MentionForm::Pronoun &&
            doc_.entity(org->entity).type == EntityType::Org && (el.types & bit(EntityType::Org)) &&
            doc_.entity(m->entity).type != EntityType::Org) {
          out.entity = org->entity;
          out.last = org->last;
          return true;
        }
      }
      bool saw_title = false;
      bool titles_only = true;
      std::size_t title_end = q;
      std::string_view title_word;
      for (std::size_t k = q; k < n_ && k < q + 8; ++k) {
        const Mention* other = mentions_.at(k);
        if (other) {
          if (saw_title && is_person(other) && other->form != MentionForm::Pronoun) {
            out.last = other->last;
            if (el.types & bit(EntityType::Person)) {
              out.entity = other->entity;
              return true;
            }
            // A slot that takes no people takes the office's country: in "Kyrgyz leader
            // Sadyr Japarov outlined ties with China" Kyrgyzstan has the ties.
            out.entity = resolve(m->entity, el);
            return out.entity != kNoEntity && type_ok(out.entity, el.types);
          }
          break;
        }
        if (const std::size_t len = seq_at(m_.titles_, k)) {
          saw_title = true;
          title_word = fold(k + len - 1);
          k += len - 1;
          if (titles_only) title_end = k + 1;
          continue;
        }
        const std::string_view f = fold(k);
        if (f == "," && saw_title && k + 1 < n_ && is_person(mentions_.at(k + 1))) continue;
        // Modifiers may stand before the title ("Mandarin-speaking President"), not after it.
        if (saw_title) break;
        if (f == "-") continue;
        if (!s_.tokens[k].is(kWord)) break;
        titles_only = false;
      }
      if (m->form == MentionForm::Adjective || (q > m->last)) {
        // "the Chinese president" after Xi was named: the office holder named before.
        if (saw_title && title_end > q && (el.types & bit(EntityType::Person))) {
          const std::uint32_t holder =
              doc_.office_holder(resolve(m->entity, el), title_word);
          if (holder != kNoEntity) {
            out.entity = holder;
            out.last = static_cast<std::uint32_t>(title_end);
            return true;
          }
        }
      }
      if (m->form == MentionForm::Adjective) {
        // "Chinese security forces": the adjective stands for the country.
        bool actor = false;
        for (std::size_t k = m->last; k < n_ && k < m->last + 4; ++k) {
          if (mentions_.at(k) || !s_.tokens[k].is(kWord)) break;
          if (const std::size_t len = seq_at(m_.actor_nouns_, k)) {
            out.last = static_cast<std::uint32_t>(k + len);
            actor = true;
            break;
          }
        }
        if (!actor) out.bare_adjective = true;
      }
    }
    out.entity = resolve(m->entity, el);
    return out.entity != kNoEntity && type_ok(out.entity, el.types);
  }

  // "A", "A and B", "A, B and C" (a list with commas must close with "and").
  bool parse_list(const CompiledRule::Element& el, std::size_t pos, std::vector<NP>& items) const {
    items.clear();
    NP np;
    if (!parse_np(el, pos, np)) return false;
    items.push_back(np);
    if (el.conjunction) {
      std::vector<NP> pending;
      std::size_t q = np.last;
      while (q < n_) {
        const bool comma = fold(q) == ",";
        std::size_t r = q + 1;
        bool closing = seq_at(m_.conjunctions_, q) > 0;
        if (comma && r < n_ && seq_at(m_.conjunctions_, r) > 0) {
          ++r;
          closing = true;
        }
        if (!comma && !closing) break;
        NP next;
        if (!parse_np(el, r, next)) break;
        pending.push_back(next);
        q = next.last;
        if (closing) {
          items.insert(items.end(), pending.begin(), pending.end());
          break;
        }
      }
    }
    // A bare adjective is an actor only when the list ends in an actor noun:
    // "Chinese and Tajik forces".
    const bool any_bare = std::any_of(items.begin(), items.end(),
                                      [](const NP& x) { return x.bare_adjective; });
    if (any_bare && !el.bare && items.back().bare_adjective) return false;
    return true;
  }

  bool parse_pair(const CompiledRule::Element& el, std::size_t pos, std::vector<NP>& items,
                  bool& compound) const {
    items.clear();
    compound = false;
    std::size_t p = pos;
    for (int k = 0; k < 2 && p < n_; ++k) {
      const std::size_t len = seq_at(m_.determiners_, p);
      if (len == 0) break;
      p += len;
    }
    const Mention* m = mentions_.at(p);
    if (m && m->group != kNoGroup) {
      // "Sino-Russian", "the Tajik-China agreement".
      compound = true;
      const auto first = static_cast<std::size_t>(mentions_.starts_at[p]);
      for (std::size_t k = first; k < mentions_.list.size() && mentions_.list[k].group == m->group;
           ++k) {
        const Mention& x = mentions_.list[k];
        const std::uint32_t e = resolve(x.entity, el);
        if (!type_ok(e, el.types)) return false;
        items.push_back({e, x.first, x.last, false});
      }
      return items.size() >= 2;
    }
    // "Xi and Tokayev".
    return parse_list(el, pos, items) && items.size() >= 2;
  }

  // A clause's subject or object is not the object of a preposition outside the pattern
  // ("talks with China on its reliance on Russia" does not make China the one who relies),
  // unless a relative clause follows ("Tajikistan, which borders ...").
  bool governed_by_preposition(std::size_t first, std::size_t last, bool relative_ok = true) const {
    std::size_t k = first;
    while (k > 0 && seq_at(m_.determiners_, k - 1) == 1) --k;
    if (k == 0 || !seq_at(m_.prepositions_, k - 1)) return false;
    std::size_t after = last;
    if (after < n_ && fold(after) == ",") ++after;
    return !relative_ok || seq_at(m_.relative_pronouns_, after) == 0;
  }

  bool step(const CompiledRule& rule, std::size_t ei, std::size_t pos, Binding& b, int& budget,
            std::size_t& reached, bool free_before = true) const {
    if (--budget < 0) return false;
    reached = std::max(reached, ei);
    if (ei == rule.pattern.size()) {
      b.end = pos;
      return true;
    }
    const CompiledRule::Element& el = rule.pattern[ei];
    switch (el.kind) {
      case PatternElement::Kind::Slot: {
        std::vector<NP> items;
        if (!parse_list(el, pos, items)) return false;
        // Places sit in prepositional phrases all the time ("in Nukus in Uzbekistan").
        // A bare slot is a modifier inside a noun phrase ("to Tajikistan's President
        // Rahmon"), so a preposition before it says nothing.
        if (free_before && !el.place && !el.bare &&
            governed_by_preposition(pos, items.back().last))
          return false;
        std::vector<NP>& target = el.subject ? b.subjects : b.objects;
        // The whole list first, then its first item alone.
        for (std::size_t count : {items.size(), std::size_t{1}}) {
          target.assign(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(count));
          if (step(rule, ei + 1, target.back().last, b, budget, reached, false)) return true;
          if (count == 1) break;
        }
        target.clear();
        return false;
      }
      case PatternElement::Kind::Pair: {
        std::vector<NP> items;
        bool compound = false;
        if (!parse_pair(el, pos, items, compound)) return false;
        // A hyphenated compound is a modifier ("on the Kyrgyz-Tajik border"), not a subject.
        // "from China and Saudi Arabia, which agreed": a relative clause does not make a
        // pair agree with each other.
        if (free_before && !compound && !el.place &&
            governed_by_preposition(pos, items.back().last, false))
          return false;
        b.subjects = items;
        b.pair = true;
        if (step(rule, ei + 1, items.back().last, b, budget, reached, false)) return true;
        b.subjects.clear();
        b.pair = false;
        return false;
      }
      case PatternElement::Kind::Gap: {
        for (std::size_t k = 0; k <= el.max && pos + k <= n_; ++k) {
          if (k > 0) {
            const std::size_t skipped = pos + k - 1;
            if (seq_at(m_.gap_barriers_, skipped) || seq_at(el.not_words, skipped)) break;
          }
          b.gaps.emplace_back(pos, pos + k);
          if (step(rule, ei + 1, pos + k, b, budget, reached, k > 0)) return true;
          b.gaps.pop_back();
        }
        return false;
      }
      case PatternElement::Kind::Any:
      case PatternElement::Kind::Words:
      case PatternElement::Kind::List: {
        // Greedy: as many repetitions as fit, then fewer.
        std::vector<std::size_t> ends{pos};
        std::size_t q = pos;
        while (ends.size() <= el.max) {
          std::size_t len = el.kind == PatternElement::Kind::Any ? (q < n_ ? 1 : 0) : elem_at(el, q);
          if (len == 0) break;
          q += len;
          ends.push_back(q);
        }
        for (std::size_t c = ends.size(); c-- > el.min;) {
          if (step(rule, ei + 1, ends[c], b, budget, reached, false)) return true;
        }
        return false;
      }
    }
    return false;
  }

  bool in_slots(const Binding& b, std::size_t k) const {
    for (const NP& np : b.subjects)
      if (k >= np.first && k < np.last) return true;
    for (const NP& np : b.objects)
      if (k >= np.first && k < np.last) return true;
    return false;
  }

  void qualify(const CompiledRule& rule, const Binding& b, std::size_t start, Relation& r) const {
    r.negated = false;
    bool proposed = false, hypothetical = false, reported = false;
    for (std::size_t k = 0; k < start; ++k)
      if (seq_at(m_.reporting_, k)) reported = true;
    // "If Venezuela and Mexico have concluded ...": a condition earlier in the clause.
    for (std::size_t k = start; k-- > 0;) {
      const std::string_view f = fold(k);
      if (f == "," || f == ";" || f == ":") break;
      if (seq_at(m_.conditionals_, k)) hypothetical = true;
    }
    // Cues count where the pattern left words open (its gaps), not in the words it names:
    // "refused to recognise" is what an OPPOSES rule matches, not a negation of it.
    for (const auto& [gb, ge] : b.gaps) {
      for (std::size_t k = gb; k < ge; ++k) {
        if (in_slots(b, k)) continue;
        if (seq_at(m_.negations_, k)) r.negated = true;
        if (seq_at(m_.proposed_, k)) proposed = true;
        if (seq_at(m_.hypothetical_, k) && !(reported && seq_at(m_.reported_future_, k)))
          hypothetical = true;
      }
    }
    r.modality = !rule.modality.empty() ? std::string_view(rule.modality)
                 : proposed             ? "proposed"
                 : hypothetical         ? "hypothetical"
                                        : "asserted";
  }

  void run(std::vector<Relation>& out, std::vector<RuleTrace>* trace) const {
    std::vector<std::uint32_t> candidates = m_.always_;
    for (const Token& t : s_.tokens)
      if (t.word < m_.by_trigger_.size())
        candidates.insert(candidates.end(), m_.by_trigger_[t.word].begin(),
                          m_.by_trigger_[t.word].end());
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

    std::vector<std::pair<std::size_t, Binding>> matches;
    for (std::uint32_t ri : candidates) {
      const CompiledRule& rule = m_.rules_[ri];
      RuleTrace tr{ri, 0, false};
      matches.clear();
      for (std::size_t start = 0; start < n_; ++start) {
        Binding b;
        int budget = kStepBudget;
        std::size_t reached = 0;
        const bool ok = step(rule, 0, start, b, budget, reached);
        tr.elements_matched = std::max(tr.elements_matched, reached);
        if (!ok) continue;
        tr.fired = true;
        matches.emplace_back(start, std::move(b));
      }
      keep_closest(rule, matches);
      for (const auto& [start, b] : matches) emit(rule, ri, b, start, out);
      if (trace) trace->push_back(tr);
    }
  }

  // The items bound by a rule's first element, and by the rest.
  static const std::vector<NP>& leading(const CompiledRule& rule, const Binding& b) {
    const auto& first = rule.pattern.front();
    const bool subject_first = first.kind == PatternElement::Kind::Pair || first.subject;
    return subject_first ? b.subjects : b.objects;
  }
  static const std::vector<NP>& trailing(const CompiledRule& rule, const Binding& b) {
    return &leading(rule, b) == &b.subjects ? b.objects : b.subjects;
  }
  static bool contains(const std::vector<NP>& list, const NP& np) {
    // Parses of one noun phrase from different starts end at the same token.
    return std::any_of(list.begin(), list.end(),
                       [&](const NP& x) { return x.last == np.last && x.entity == np.entity; });
  }

  // True when the binding's first gap ends in "and": a verb coordinated with an earlier one.
  bool coordinated(const Binding& b) const {
    if (b.gaps.empty() || b.gaps.front().second == b.gaps.front().first) return false;
    return fold(b.gaps.front().second - 1) == "and";
  }

  // When several starts reach the same end with the same other side, they compete for one
  // role: "Central Asian states, particularly Kazakhstan, which shares a border with ..." -
  // the nearest candidate wins, unless it is only part of an earlier list ("Kyrgyzstan,
  // Tajikistan and Uzbekistan owe ...").
  void keep_closest(const CompiledRule& rule,
                    std::vector<std::pair<std::size_t, Binding>>& matches) const {
    if (matches.size() < 2 || rule.pattern.front().kind == PatternElement::Kind::Words) return;
    std::vector<char> keep(matches.size(), 1);
    for (std::size_t i = 0; i < matches.size(); ++i) {
      if (!keep[i]) continue;
      for (std::size_t j = i + 1; j < matches.size(); ++j) {
        if (!keep[j] || matches[j].second.end != matches[i].second.end) continue;
        const auto& oi = trailing(rule, matches[i].second);
        const auto& oj = trailing(rule, matches[j].second);
        const bool same_other = oi.size() == oj.size() &&
                                std::equal(oi.begin(), oi.end(), oj.begin(), [](const NP& a, const NP& b) {
                                  return a.first == b.first && a.entity == b.entity;
                                });
        if (!same_other) continue;
        const auto& li = leading(rule, matches[i].second);
        const auto& lj = leading(rule, matches[j].second);
        const bool part = std::all_of(lj.begin(), lj.end(), [&](const NP& x) { return contains(li, x); });
        // "Wang Yi visited Astana and met Nurtleu": when the words before the verb end in
        // "and", the verb shares the subject of the clause, and the nearer name is the object
        // of the first verb.
        if (part || coordinated(matches[j].second)) {
          keep[j] = 0;
        } else {
          keep[i] = 0;
          break;
        }
      }
    }
    std::size_t w = 0;
    for (std::size_t i = 0; i < matches.size(); ++i) {
      if (!keep[i]) continue;
      if (w != i) matches[w] = std::move(matches[i]);
      ++w;
    }
    matches.resize(w);
  }

  void emit(const CompiledRule& rule, std::uint32_t ri, const Binding& b, std::size_t start,
            std::vector<Relation>& out) const {
    auto add = [&](const NP& s, const NP& o) {
      if (s.entity == o.entity) return;
      Relation r;
      r.subject = s.entity;
      r.object = o.entity;
      r.rule = ri;
      r.subject_first = s.first;
      r.subject_last = s.last;
      r.object_first = o.first;
      r.object_last = o.last;
      qualify(rule, b, start, r);
      for (const Relation& x : out) {
        const bool same = x.subject == r.subject && x.object == r.object;
        const bool mirrored = rule.symmetric && x.subject == r.object && x.object == r.subject;
        if ((same || mirrored) && m_.rules_[x.rule].relation == rule.relation) return;
      }
      out.push_back(r);
    };
    if (b.pair) {
      for (std::size_t i = 0; i < b.subjects.size(); ++i)
        for (std::size_t j = i + 1; j < b.subjects.size(); ++j) add(b.subjects[i], b.subjects[j]);
      return;
    }
    for (const NP& s : b.subjects)
      for (const NP& o : b.objects) add(s, o);
  }

 private:
  const Matcher& m_;
  const TokenizedSentence& s_;
  const SentenceMentions& mentions_;
  const DocState& doc_;
  std::size_t n_;
};

void Matcher::match(const TokenizedSentence& s, const SentenceMentions& mentions,
                    const DocState& doc, std::vector<Relation>& out,
                    std::vector<RuleTrace>* trace) const {
  MatchRun(*this, s, mentions, doc).run(out, trace);
}

}  // namespace silkgraph::ingest
