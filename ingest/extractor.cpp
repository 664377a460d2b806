#include "ingest/extractor.h"

#include <algorithm>
#include <sstream>

#include "common/fold.h"

namespace silkgraph::ingest {

Extractor::Extractor(const RuleSet& rules) {
  gazetteer_ = std::make_unique<Gazetteer>(rules, vocab_);
  finder_ = std::make_unique<MentionFinder>(rules, *gazetteer_, vocab_);
  matcher_ = std::make_unique<Matcher>(rules, vocab_);
  splitter_ = std::make_unique<SentenceSplitter>(rules);
  for (const std::string& r : rules.list("office_relations")) {
    // Lexicon words are folded; relation names are upper case.
    std::string name = r;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    office_relations_.push_back(name);
  }
}

namespace {

std::string token_text(std::string_view text, const TokenizedSentence& s, std::uint32_t b,
                       std::uint32_t e) {
  if (b >= e) return {};
  return std::string(text.substr(s.tokens[b].begin, s.tokens[e - 1].end - s.tokens[b].begin));
}

}  // namespace

Extractor::Counts Extractor::extract(const Document& doc, Workspace& ws,
                                     std::vector<Record>& out) const {
  ws.paragraphs.clear();
  splitter_->paragraphs(doc.text, ws.paragraphs);
  return extract_paragraphs(doc, ws, out, nullptr);
}

Extractor::Counts Extractor::extract_all(const Document& doc, Workspace& ws,
                                         std::vector<Record>& out, std::string* report) const {
  ws.paragraphs.clear();
  std::size_t pos = 0;
  while (pos < doc.text.size()) {
    std::size_t eol = doc.text.find('\n', pos);
    if (eol == std::string::npos) eol = doc.text.size();
    if (eol > pos)
      ws.paragraphs.push_back({static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(eol)});
    pos = eol + 1;
  }
  return extract_paragraphs(doc, ws, out, report);
}

Extractor::Counts Extractor::extract_paragraphs(const Document& doc, Workspace& ws,
                                                std::vector<Record>& out,
                                                std::string* report) const {
  Counts counts;
  ws.doc.reset();
  ws.sentences.clear();
  for (const Span& p : ws.paragraphs) splitter_->split(doc.text, p, ws.sentences);
  const std::string_view text = doc.text;
  std::vector<RuleTrace> trace;
  for (std::size_t si = 0; si < ws.sentences.size(); ++si) {
    const Span span = ws.sentences[si];
    ++counts.sentences;
    ws.doc.sentence = si;
    tokenize(text, span.begin, span.end, vocab_, ws.tokens);
    finder_->find(text, ws.tokens, ws.doc, ws.mentions);
    ws.relations.clear();
    trace.clear();
    matcher_->match(ws.tokens, ws.mentions, ws.doc, ws.relations, report ? &trace : nullptr);
    for (const Relation& r : ws.relations) {
      const CompiledRule& rule = matcher_->rules()[r.rule];
      const Entity& s = ws.doc.entity(r.subject);
      const Entity& o = ws.doc.entity(r.object);
      Record rec;
      rec.doc = doc.id;
      rec.date = doc.date;
      rec.subject = s.name;
      rec.subject_type = s.type;
      rec.relation = rule.relation;
      rec.object = o.name;
      rec.object_type = o.type;
      rec.sentence = std::string(text.substr(span.begin, span.end - span.begin));
      rec.begin = span.begin;
      rec.end = span.end;
      rec.rule = rule.id;
      rec.negated = r.negated;
      rec.modality = std::string(r.modality);
      rec.subject_text = token_text(text, ws.tokens, r.subject_first, r.subject_last);
      rec.object_text = token_text(text, ws.tokens, r.object_first, r.object_last);
      if (!r.negated && r.modality == "asserted" &&
          std::find(office_relations_.begin(), office_relations_.end(), rule.relation) !=
              office_relations_.end())
        ws.doc.add_leader(r.subject, r.object);
      out.push_back(std::move(rec));
      ++counts.relations;
    }
    if (report) {
      std::ostringstream os;
      os << "sentence " << si + 1 << " [" << span.begin << ", " << span.end << "): "
         << text.substr(span.begin, span.end - span.begin) << "\n  tokens:";
      for (std::size_t k = 0; k < ws.tokens.tokens.size(); ++k) {
        const Token& t = ws.tokens.tokens[k];
        os << ' ' << k << ':' << text.substr(t.begin, t.end - t.begin);
      }
      os << "\n  mentions:\n";
      if (ws.mentions.list.empty()) os << "    (none)\n";
      for (const Mention& m : ws.mentions.list) {
        const Entity& e = ws.doc.entity(m.entity);
        os << "    \"" << token_text(text, ws.tokens, m.first, m.last) << "\" tokens " << m.first
           << '-' << m.last - 1 << " -> " << e.name << " (" << entity_type_name(e.type) << ", "
           << mention_form_name(m.form);
        if (e.metonym != kNoEntity)
          os << "; as an actor: " << ws.doc.entity(e.metonym).name;
        if (m.group != kNoGroup) os << "; in a hyphenated compound";
        os << ")\n";
      }
      os << "  rules:\n";
      bool any = false;
      for (const RuleTrace& t : trace) {
        const CompiledRule& rule = matcher_->rules()[t.rule];
        if (!t.fired && t.elements_matched == 0) continue;
        any = true;
        os << "    " << (t.fired ? "fired   " : "partial ") << rule.id << " (" << rule.relation
           << "): " << (t.fired ? rule.pattern.size() : t.elements_matched) << '/'
           << rule.pattern.size() << " elements, " << rule.pos.str() << '\n';
      }
      if (!any) os << "    (no rule got past its first element)\n";
      os << "  relations:\n";
      if (ws.relations.empty()) os << "    (none)\n";
      for (std::size_t k = out.size() - ws.relations.size(); k < out.size(); ++k) {
        const Record& rec = out[k];
        os << "    " << render(rec) << "  [rule " << rec.rule << ", negated "
           << (rec.negated ? "true" : "false") << ", modality " << rec.modality << "; \""
           << rec.subject_text << "\" / \"" << rec.object_text << "\"]\n";
      }
      *report += os.str();
    }
  }
  return counts;
}

std::vector<Record> Extractor::extract_text(std::string_view text) const {
  Document doc;
  doc.id = "text";
  doc.text = std::string(text);
  Workspace ws = workspace();
  std::vector<Record> out;
  extract_all(doc, ws, out);
  return out;
}

std::string Extractor::explain(std::string_view sentence) const {
  Document doc;
  doc.id = "explain";
  doc.text = std::string(sentence);
  Workspace ws = workspace();
  std::vector<Record> out;
  std::string report;
  extract_all(doc, ws, out, &report);
  return report;
}

}  // namespace silkgraph::ingest
