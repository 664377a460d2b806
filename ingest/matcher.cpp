#include "ingest/matcher.h"

#include <algorithm>
#include <cassert>
#include <cstring>

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
constexpr std::size_t kMaxRepeat = 16;
// A list entry this many tokens long or longer is looked up again, not read from the table.
constexpr std::uint8_t kLongEntry = 255;

struct NP {
  std::uint32_t entity = kNoEntity;
  std::uint32_t first = 0, last = 0;  // the whole phrase, determiners and titles included
  bool bare_adjective = false;
  // The words that name the entity ("Tokayev" in "Kazakh President Tokayev"): a record's
  // subject_text/object_text and so the graph's aliases. Empty for a pronoun.
  std::uint32_t name_first = 0, name_last = 0;
};

struct Binding {
  std::vector<NP> subjects, objects;
  bool pair = false;
  std::size_t end = 0;
  std::vector<std::pair<std::size_t, std::size_t>> gaps;  // token ranges skipped by gaps

  void clear() {
    subjects.clear();
    objects.clear();
    pair = false;
    end = 0;
    gaps.clear();
  }
};

// A slot's or pair's parse at one position, kept for the sentence: the items are
// scratch.items[offset, offset + count). Valid only when `stamp` is the sentence's stamp.
struct Parsed {
  std::uint32_t stamp = 0;
  std::uint32_t offset = 0, count = 0;
  bool ok = false;
  bool compound = false;
};

// Buffers of one thread's matching, reused from sentence to sentence.
struct Scratch {
  std::vector<std::uint8_t> list_len;  // per token, kRow per List: longest entry there
  std::uint32_t stamp = 0;             // counts sentences; 0 is never a sentence's stamp
  std::vector<std::uint32_t> set_seen;  // per words_id: stamp of the last sentence with the word
  std::vector<std::uint32_t> set_last;  // per words_id: the last token with the word, if seen
  std::vector<std::uint64_t> candidate_bits;  // per rule: the sentence has its trigger
  std::vector<std::uint32_t> candidates;      // the rules to try, in order
  std::vector<Parsed> lists, pairs;    // per token and np_class
  std::vector<char> np_start;          // per token: a slot or pair may start there
  std::vector<std::uint32_t> np_starts;  // the tokens where np_start is set
  std::vector<NP> items, parse, pending;
  Binding binding;
  std::vector<std::pair<std::size_t, Binding>> matches;
};

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

Matcher::Matcher(const RuleSet& rules, Vocabulary& vocab) {
  static constexpr std::pair<List, std::string_view> kListNames[] = {
      {kNegations, "negations"},
      {kProposed, "modality_proposed"},
      {kHypothetical, "modality_hypothetical"},
      {kReportedFuture, "reported_future"},
      {kReporting, "reported_speech"},
      {kTitles, "titles"},
      {kActorNouns, "actor_nouns"},
      {kDeterminers, "determiners"},
      {kConjunctions, "conjunctions"},
      {kGapBarriers, "gap_barriers"},
      {kPrepositions, "prepositions"},
      {kRelativePronouns, "relative_pronouns"},
      {kFunctionWords, "not_names"},
      {kConditionals, "conditionals"}};
  for (const auto& [id, name] : kListNames) lists_[id] = compile_words(rules.list(name), vocab);

  std::vector<std::uint32_t> np_keys;  // np_class -> key
  auto np_class = [&](const CompiledRule::Element& e) {
    const std::uint32_t key = e.types | (e.place ? 1u << 8 : 0) | (e.bare ? 1u << 9 : 0) |
                              (e.conjunction ? 1u << 10 : 0);
    auto it = std::find(np_keys.begin(), np_keys.end(), key);
    if (it != np_keys.end()) return static_cast<std::uint32_t>(it - np_keys.begin());
    np_keys.push_back(key);
    return static_cast<std::uint32_t>(np_keys.size() - 1);
  };
  std::vector<const Seqs*> word_sets;  // words_id -> its words

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
      // Words / List / Any keep their repetition ends in a fixed array ("repeat" is at most 8).
      assert(e.kind == PatternElement::Kind::Gap || e.max < kMaxRepeat);
      c.pattern.push_back(std::move(e));
    }
    rules_.push_back(std::move(c));
  }
  for (CompiledRule& r : rules_) {
    for (CompiledRule::Element& e : r.pattern) {
      if (e.kind == PatternElement::Kind::Slot || e.kind == PatternElement::Kind::Pair)
        e.np_class = np_class(e);
    }
  }
  np_classes_ = static_cast<std::uint32_t>(np_keys.size());
  for (CompiledRule& r : rules_) {
    for (CompiledRule::Element& e : r.pattern) {
      if (e.kind != PatternElement::Kind::Words && e.kind != PatternElement::Kind::List) continue;
      // Elements with the same words share an id ("to" is in many rules).
      auto same = std::find_if(word_sets.begin(), word_sets.end(), [&](const Seqs* w) {
        return w->words == e.alts.words && w->seqs == e.alts.seqs;
      });
      e.words_id = static_cast<std::uint32_t>(same - word_sets.begin());
      if (same == word_sets.end()) word_sets.push_back(&e.alts);
      if (e.min >= 1) r.required.push_back(e.words_id);
    }
  }
  index(word_sets, vocab);
}

void Matcher::index(const std::vector<const Seqs*>& word_sets, Vocabulary& vocab) {
  word_sets_ = static_cast<std::uint32_t>(word_sets.size());
  // A sentence tries a rule when it has a word of the rule's trigger: its first element that
  // must match a word.
  triggered_begin_.assign(word_sets_ + 1, 0);
  trigger_.assign(rules_.size(), kNone);
  for (std::uint32_t i = 0; i < rules_.size(); ++i) {
    const CompiledRule& r = rules_[i];
    auto t = std::find_if(r.pattern.begin(), r.pattern.end(), [](const auto& e) {
      return (e.kind == PatternElement::Kind::Words || e.kind == PatternElement::Kind::List) &&
             e.min >= 1;
    });
    if (t == r.pattern.end()) {
      always_.push_back(i);
    } else {
      trigger_[i] = t->words_id;
      ++triggered_begin_[t->words_id + 1];
    }
  }
  for (std::size_t k = 0; k < word_sets_; ++k) triggered_begin_[k + 1] += triggered_begin_[k];
  triggered_.resize(triggered_begin_.back());
  std::vector<std::uint32_t> fill(triggered_begin_.begin(), triggered_begin_.end() - 1);
  for (std::uint32_t i = 0; i < rules_.size(); ++i)
    if (trigger_[i] != kNone) triggered_[fill[trigger_[i]]++] = i;

  // Punctuation compared by id; none of these is capitalised, so adding them to the vocabulary
  // changes no "unknown word" test elsewhere.
  comma_ = vocab.intern(",");
  possessive_ = vocab.intern("'s");
  hyphen_ = vocab.intern("-");
  semicolon_ = vocab.intern(";");
  colon_ = vocab.intern(":");

  const std::size_t ids = vocab.size() + 1;
  words_.assign(ids, WordInfo{});
  static_assert(kListCount <= kRow, "a row holds every list");
  for (std::size_t l = 0; l < kListCount; ++l) {
    for (std::uint32_t w : lists_[l].words) words_[w].lists[l] = 1;
    for (const auto& seq : lists_[l].seqs)
      words_[seq[0]].list_seq_starts |= static_cast<std::uint16_t>(1u << l);
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;  // (word, words_id)
  for (std::uint32_t k = 0; k < word_sets.size(); ++k) {
    for (std::uint32_t w : word_sets[k]->words) pairs.emplace_back(w, k);
    for (const auto& seq : word_sets[k]->seqs) pairs.emplace_back(seq[0], k);
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  // A sentence marks only the sets some rule requires (optional words decide no candidate).
  std::vector<char> required(word_sets_, 0);
  for (const CompiledRule& r : rules_)
    for (std::uint32_t id : r.required) required[id] = 1;
  for (const auto& [w, k] : pairs) {
    WordInfo& info = words_[w];
    if (info.sets_end == 0) info.sets_begin = static_cast<std::uint32_t>(sets_.size());
    sets_.push_back(k);
    info.sets_end = static_cast<std::uint32_t>(sets_.size());
    if (required[k]) {
      // `pairs` is sorted by word: a word's required sets are pushed one after another.
      if (info.required_count == 0)
        info.required_begin = static_cast<std::uint32_t>(required_.size());
      required_.push_back(k);
      ++info.required_count;
    }
  }
}

// One sentence's matching state.
class MatchRun {
 public:
  MatchRun(const Matcher& m, const TokenizedSentence& s, const SentenceMentions& mentions,
           const DocState& doc, Scratch& scratch)
      : m_(m), s_(s), mentions_(mentions), doc_(doc), n_(s.tokens.size()), x_(scratch) {}

  // Finds the rules to try; when there are any, fills the per-token tables of the fixed lists.
  bool prepare(bool tracing) const {
    if (x_.set_seen.size() != m_.word_sets_) {
      x_.set_seen.assign(m_.word_sets_, 0);
      x_.set_last.assign(m_.word_sets_, 0);
    }
    if (++x_.stamp == 0) {  // wrapped: forget every old stamp
      std::fill(x_.set_seen.begin(), x_.set_seen.end(), 0);
      x_.lists.assign(x_.lists.size(), Parsed{});
      x_.pairs.assign(x_.pairs.size(), Parsed{});
      x_.stamp = 1;
    }
    // One pass over the tokens: mark the required word sets present, and the rules they
    // trigger; and fill each token's row of fixed-list entry lengths (read by seq_at below and
    // by every step of the matching; a sentence gets here with two mentions, and nearly every
    // such sentence has rules to try).
    x_.candidate_bits.assign((m_.rules_.size() + 63) / 64, 0);
    auto add_rule = [&](std::uint32_t ri) {
      x_.candidate_bits[ri / 64] |= std::uint64_t{1} << (ri % 64);
    };
    constexpr std::size_t K = Matcher::kRow;
    x_.list_len.resize(n_ * K);  // every row is written below
    for (std::size_t pos = 0; pos < n_; ++pos) {
      // Unknown words (and any word the vocabulary got after the matcher was built) read the
      // entry of id 0, which is empty: no branch on them.
      const std::uint32_t w = s_.tokens[pos].word;
      const Matcher::WordInfo& info = m_.words_[w < m_.words_.size() ? w : Vocabulary::kUnknown];
      std::uint8_t* row = &x_.list_len[pos * K];
      std::memcpy(row, info.lists.data(), K);
      for (std::uint32_t bits = info.list_seq_starts; bits != 0; bits &= bits - 1) {
        const auto l = static_cast<std::size_t>(__builtin_ctz(bits));
        const std::size_t len = std::max<std::size_t>(row[l], seq_at(m_.lists_[l], pos));
        row[l] = static_cast<std::uint8_t>(std::min<std::size_t>(len, kLongEntry));
      }
      const std::uint32_t* required = m_.required_.data() + info.required_begin;
      for (std::uint32_t k = 0; k < info.required_count; ++k) {
        const std::uint32_t id = required[k];
        x_.set_last[id] = static_cast<std::uint32_t>(pos);
        if (x_.set_seen[id] == x_.stamp) continue;
        x_.set_seen[id] = x_.stamp;
        for (std::uint32_t t = m_.triggered_begin_[id]; t < m_.triggered_begin_[id + 1]; ++t)
          add_rule(m_.triggered_[t]);
      }
    }
    for (std::uint32_t ri : m_.always_) add_rule(ri);
    // Rules are tried in file order.
    x_.candidates.clear();
    for (std::size_t k = 0; k < x_.candidate_bits.size(); ++k) {
      for (std::uint64_t bits = x_.candidate_bits[k]; bits != 0; bits &= bits - 1) {
        const auto bit_index = static_cast<std::size_t>(__builtin_ctzll(bits));
        const auto ri = static_cast<std::uint32_t>(k * 64 + bit_index);
        if (tracing || can_fire(ri)) x_.candidates.push_back(ri);
      }
    }
    if (x_.candidates.empty()) return false;

    // Where a noun phrase can start: parse_np needs a mention after at most two determiners,
    // or a person's mention after titles there. Slots and pairs are tried nowhere else.
    x_.np_start.assign(n_, 0);
    x_.np_starts.clear();
    for (std::size_t pos = 0; pos < n_; ++pos) {
      // Most tokens are neither a mention nor a determiner nor a title.
      if (!mentions_.at(pos) && !seq_at(Matcher::kDeterminers, pos) &&
          !seq_at(Matcher::kTitles, pos))
        continue;
      std::size_t p = pos;
      for (int k = 0; k < 2 && p < n_; ++k) {
        const std::size_t len = seq_at(Matcher::kDeterminers, p);
        if (len == 0) break;
        p += len;
      }
      if (p >= n_) continue;
      bool start = mentions_.at(p) != nullptr;
      if (!start) {
        std::size_t q = p;
        for (int k = 0; k < 4 && q < n_; ++k) {
          const std::size_t len = seq_at(Matcher::kTitles, q);
          if (len == 0) break;
          q += len;
        }
        start = q > p && is_person(mentions_.at(q));
      }
      if (!start) continue;
      x_.np_start[pos] = 1;
      x_.np_starts.push_back(static_cast<std::uint32_t>(pos));
    }
    // Old entries are told apart by their stamp, so the caches only grow.
    if (x_.lists.size() < m_.np_classes_ * n_) {
      x_.lists.resize(m_.np_classes_ * n_);
      x_.pairs.resize(m_.np_classes_ * n_);
    }
    x_.items.clear();
    return true;
  }

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
  // The longest entry of a fixed list at `pos`, from the table.
  std::size_t seq_at(Matcher::List list, std::size_t pos) const {
    if (pos >= n_) return 0;
    const std::uint8_t len = x_.list_len[pos * Matcher::kRow + list];
    return len == kLongEntry ? seq_at(m_.lists_[list], pos) : len;
  }
  // True when the word at `pos` is in, or starts an entry of, the rule word set `id`.
  bool may_start(std::uint32_t id, std::size_t pos) const {
    const std::uint32_t w = s_.tokens[pos].word;
    if (w >= m_.words_.size()) return false;
    const Matcher::WordInfo& info = m_.words_[w];
    const auto b = m_.sets_.begin() + info.sets_begin;
    const auto e = m_.sets_.begin() + info.sets_end;
    return b != e && std::binary_search(b, e, id);
  }
  std::size_t elem_at(const CompiledRule::Element& e, std::size_t pos) const {
    if (pos >= n_ || !may_start(e.words_id, pos)) return 0;
    return seq_at(e.alts, pos);
  }
  bool word_is(std::size_t i, std::uint32_t id) const { return s_.tokens[i].word == id; }
  std::string_view fold(std::size_t i) const { return s_.fold(s_.tokens[i]); }

  // A lowercase word that is not a function word: a noun the name before it modifies.
  bool modifies_noun(std::size_t i) const {
    const Token& t = s_.tokens[i];
    return t.is(kWord) && !t.is(kUpper) && !t.is(kDigit) && !seq_at(Matcher::kPrepositions, i) &&
           !seq_at(Matcher::kConjunctions, i) && !seq_at(Matcher::kFunctionWords, i);
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
      const std::size_t len = seq_at(Matcher::kDeterminers, p);
      if (len == 0) break;
      p += len;
    }
    if (p >= n_) return false;
    const bool determined = p > pos;
    // "President Xi Jinping", "Foreign Minister Wang Yi".
    if (!mentions_.at(p) && !el.bare) {
      std::size_t q = p;
      for (int k = 0; k < 4 && q < n_; ++k) {
        const std::size_t len = seq_at(Matcher::kTitles, q);
        if (len == 0) break;
        q += len;
      }
      const Mention* m = mentions_.at(q);
      if (q > p && is_person(m) && (el.types & bit(EntityType::Person))) {
        out = {m->entity, static_cast<std::uint32_t>(pos), m->last, false, m->first, m->last};
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
        (determined || (p > 0 && word_is(p - 1, m_.possessive_))))
      return false;
    out = {m->entity, static_cast<std::uint32_t>(pos), m->last, false, m->first, m->last};
    if (m->form == MentionForm::Pronoun) out.name_first = out.name_last = m->first;
    if (!el.bare && m->form != MentionForm::Pronoun && !is_person(m)) {
      // "Kazakh President Tokayev", "Tajikistan's President Rahmon", "European Council
      // President Charles Michel", "his Uzbek counterpart, Shavkat Mirziyoyev": the person.
      std::size_t q = m->last;
      if (q < n_ && word_is(q, m_.possessive_)) {
        ++q;
        // "London's Royal United Services Institute": the organisation, not the place.
        const Mention* org = mentions_.at(q);
        if (org && org->group == kNoGroup && org->form != MentionForm::Pronoun &&
            doc_.entity(org->entity).type == EntityType::Org && (el.types & bit(EntityType::Org)) &&
            doc_.entity(m->entity).type != EntityType::Org) {
          out.entity = org->entity;
          out.last = org->last;
          out.name_first = org->first;
          out.name_last = org->last;
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
              out.name_first = other->first;
              out.name_last = other->last;
              return true;
            }
            // A slot that takes no people takes the office's country: in "Kyrgyz leader
            // Sadyr Japarov outlined ties with China" Kyrgyzstan has the ties.
            out.entity = resolve(m->entity, el);
            return out.entity != kNoEntity && type_ok(out.entity, el.types);
          }
          break;
        }
        if (const std::size_t len = seq_at(Matcher::kTitles, k)) {
          saw_title = true;
          title_word = fold(k + len - 1);
          k += len - 1;
          if (titles_only) title_end = k + 1;
          continue;
        }
        if (word_is(k, m_.comma_) && saw_title && k + 1 < n_ && is_person(mentions_.at(k + 1)))
          continue;
        // Modifiers may stand before the title ("Mandarin-speaking President"), not after it.
        if (saw_title) break;
        if (word_is(k, m_.hyphen_)) continue;
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
            out.name_last = out.last;  // "Chinese president": a title mention of the holder
            return true;
          }
        }
      }
      if (m->form == MentionForm::Adjective) {
        // "Chinese security forces": the adjective stands for the country.
        bool actor = false;
        for (std::size_t k = m->last; k < n_ && k < m->last + 4; ++k) {
          if (mentions_.at(k) || !s_.tokens[k].is(kWord)) break;
          if (const std::size_t len = seq_at(Matcher::kActorNouns, k)) {
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
      std::vector<NP>& pending = x_.pending;
      pending.clear();
      std::size_t q = np.last;
      while (q < n_) {
        const bool comma = word_is(q, m_.comma_);
        std::size_t r = q + 1;
        bool closing = seq_at(Matcher::kConjunctions, q) > 0;
        if (comma && r < n_ && seq_at(Matcher::kConjunctions, r) > 0) {
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
      const std::size_t len = seq_at(Matcher::kDeterminers, p);
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
        items.push_back({e, x.first, x.last, false, x.first, x.last});
      }
      return items.size() >= 2;
    }
    // "Xi and Tokayev".
    return parse_list(el, pos, items) && items.size() >= 2;
  }

  // parse_list / parse_pair of an element at `pos`, computed once per sentence and np_class.
  const Parsed& list_at(const CompiledRule::Element& el, std::size_t pos) const {
    Parsed& p = x_.lists[pos * m_.np_classes_ + el.np_class];
    if (p.stamp != x_.stamp) keep(p, parse_list(el, pos, x_.parse), false);
    return p;
  }
  const Parsed& pair_at(const CompiledRule::Element& el, std::size_t pos) const {
    Parsed& p = x_.pairs[pos * m_.np_classes_ + el.np_class];
    if (p.stamp != x_.stamp) {
      bool compound = false;
      const bool ok = parse_pair(el, pos, x_.parse, compound);
      keep(p, ok, compound);
    }
    return p;
  }
  void keep(Parsed& p, bool ok, bool compound) const {
    p.stamp = x_.stamp;
    p.ok = ok;
    p.compound = compound;
    if (!ok) return;
    p.offset = static_cast<std::uint32_t>(x_.items.size());
    p.count = static_cast<std::uint32_t>(x_.parse.size());
    x_.items.insert(x_.items.end(), x_.parse.begin(), x_.parse.end());
  }
  const NP* items_of(const Parsed& p) const { return x_.items.data() + p.offset; }

  // A clause's subject or object is not the object of a preposition outside the pattern
  // ("talks with China on its reliance on Russia" does not make China the one who relies),
  // unless a relative clause follows ("Tajikistan, which borders ...").
  bool governed_by_preposition(std::size_t first, std::size_t last, bool relative_ok = true) const {
    std::size_t k = first;
    while (k > 0 && seq_at(Matcher::kDeterminers, k - 1) == 1) --k;
    if (k == 0 || !seq_at(Matcher::kPrepositions, k - 1)) return false;
    std::size_t after = last;
    if (after < n_ && word_is(after, m_.comma_)) ++after;
    return !relative_ok || seq_at(Matcher::kRelativePronouns, after) == 0;
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
        if (pos >= n_ || !x_.np_start[pos]) return false;
        const Parsed& parsed = list_at(el, pos);
        if (!parsed.ok) return false;
        const std::uint32_t offset = parsed.offset, count = parsed.count;
        // Places sit in prepositional phrases all the time ("in Nukus in Uzbekistan").
        // A bare slot is a modifier inside a noun phrase ("to Tajikistan's President
        // Rahmon"), so a preposition before it says nothing.
        if (free_before && !el.place && !el.bare &&
            governed_by_preposition(pos, x_.items[offset + count - 1].last))
          return false;
        std::vector<NP>& target = el.subject ? b.subjects : b.objects;
        // The whole list first, then its first item alone. (Items are read by offset: the
        // steps below may add parses and move the buffer.)
        for (std::uint32_t c : {count, std::uint32_t{1}}) {
          const NP* items = x_.items.data() + offset;
          target.assign(items, items + c);
          if (step(rule, ei + 1, target.back().last, b, budget, reached, false)) return true;
          if (c == 1) break;
        }
        target.clear();
        return false;
      }
      case PatternElement::Kind::Pair: {
        if (pos >= n_ || !x_.np_start[pos]) return false;
        const Parsed& parsed = pair_at(el, pos);
        if (!parsed.ok) return false;
        const NP* items = items_of(parsed);
        const std::uint32_t count = parsed.count;
        // A hyphenated compound is a modifier ("on the Kyrgyz-Tajik border"), not a subject.
        // "from China and Saudi Arabia, which agreed": a relative clause does not make a
        // pair agree with each other.
        if (free_before && !parsed.compound && !el.place &&
            governed_by_preposition(pos, items[count - 1].last, false))
          return false;
        b.subjects.assign(items, items + count);
        b.pair = true;
        if (step(rule, ei + 1, b.subjects.back().last, b, budget, reached, false)) return true;
        b.subjects.clear();
        b.pair = false;
        return false;
      }
      case PatternElement::Kind::Gap: {
        for (std::size_t k = 0; k <= el.max && pos + k <= n_; ++k) {
          if (k > 0) {
            const std::size_t skipped = pos + k - 1;
            if (seq_at(Matcher::kGapBarriers, skipped) || seq_at(el.not_words, skipped)) break;
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
        std::size_t ends[kMaxRepeat + 1];
        std::size_t size = 0;
        ends[size++] = pos;
        std::size_t q = pos;
        while (size <= el.max) {
          std::size_t len = el.kind == PatternElement::Kind::Any ? (q < n_ ? 1 : 0) : elem_at(el, q);
          if (len == 0) break;
          q += len;
          ends[size++] = q;
        }
        for (std::size_t c = size; c-- > el.min;) {
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
      if (seq_at(Matcher::kReporting, k)) reported = true;
    // "If Venezuela and Mexico have concluded ...": a condition earlier in the clause.
    for (std::size_t k = start; k-- > 0;) {
      if (word_is(k, m_.comma_) || word_is(k, m_.semicolon_) || word_is(k, m_.colon_)) break;
      if (seq_at(Matcher::kConditionals, k)) hypothetical = true;
    }
    // Cues count where the pattern left words open (its gaps), not in the words it names:
    // "refused to recognise" is what an OPPOSES rule matches, not a negation of it.
    for (const auto& [gb, ge] : b.gaps) {
      for (std::size_t k = gb; k < ge; ++k) {
        if (in_slots(b, k)) continue;
        if (seq_at(Matcher::kNegations, k)) r.negated = true;
        if (seq_at(Matcher::kProposed, k)) proposed = true;
        if (seq_at(Matcher::kHypothetical, k) &&
            !(reported && seq_at(Matcher::kReportedFuture, k)))
          hypothetical = true;
      }
    }
    r.modality = !rule.modality.empty() ? std::string_view(rule.modality)
                 : proposed             ? "proposed"
                 : hypothetical         ? "hypothetical"
                                        : "asserted";
  }

  bool seen(std::uint32_t words_id) const { return x_.set_seen[words_id] == x_.stamp; }

  // Without a trace, which reports partial matches too, a rule is tried only when the sentence
  // also has a word of each of its other required elements: rules that cannot fire are not
  // tried.
  bool can_fire(std::uint32_t ri) const {
    for (std::uint32_t id : m_.rules_[ri].required)
      if (!seen(id)) return false;
    return true;
  }

  void run(std::vector<Relation>& out, std::vector<RuleTrace>* trace) const {
    // A relation binds two noun phrases (two slots, or a pair of two items), and the slots and
    // items of a match cover disjoint tokens, each holding a mention of its own: a sentence
    // with fewer than two mentions gives no relation, and (without a trace) tries no rule.
    if (!trace && mentions_.list.size() < 2) return;
    if (!prepare(trace != nullptr)) return;
    Binding& b = x_.binding;
    auto& matches = x_.matches;
    for (std::uint32_t ri : x_.candidates) {
      const CompiledRule& rule = m_.rules_[ri];
      RuleTrace tr{ri, 0, false};
      matches.clear();
      auto try_start = [&](std::size_t start) {
        b.clear();
        int budget = kStepBudget;
        std::size_t reached = 0;
        const bool ok = step(rule, 0, start, b, budget, reached);
        tr.elements_matched = std::max(tr.elements_matched, reached);
        if (!ok) return;
        tr.fired = true;
        matches.emplace_back(start, b);
      };
      // A rule led by a slot or pair fails at once (matching nothing) where no noun phrase
      // starts.
      const PatternElement::Kind lead = rule.pattern.front().kind;
      if (lead == PatternElement::Kind::Slot || lead == PatternElement::Kind::Pair) {
        // The trigger matches at or after the start, so (when no trace wants the partial
        // matches) starts after its last word are not tried.
        const std::uint32_t trigger = m_.trigger_[ri];
        const std::size_t last = trace || trigger == Matcher::kNone ? n_ : x_.set_last[trigger];
        for (std::uint32_t start : x_.np_starts) {
          if (start > last) break;
          try_start(start);
        }
      } else {
        for (std::size_t start = 0; start < n_; ++start) try_start(start);
      }
      keep_closest(rule, matches);
      for (const auto& [start, mb] : matches) emit(rule, ri, mb, start, out);
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
      r.subject_first = s.name_first;
      r.subject_last = s.name_last;
      r.object_first = o.name_first;
      r.object_last = o.name_last;
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
  Scratch& x_;
};

void Matcher::match(const TokenizedSentence& s, const SentenceMentions& mentions,
                    const DocState& doc, std::vector<Relation>& out,
                    std::vector<RuleTrace>* trace) const {
  // One scratch per thread: match() is const and may run on several threads at once.
  thread_local Scratch scratch;
  MatchRun(*this, s, mentions, doc, scratch).run(out, trace);
}

}  // namespace silkgraph::ingest
