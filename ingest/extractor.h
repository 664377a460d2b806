// ingest/extractor.h
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/document.h"
#include "ingest/gazetteer.h"
#include "ingest/matcher.h"
#include "ingest/mentions.h"
#include "ingest/record.h"
#include "ingest/rule_set.h"
#include "ingest/sentences.h"
#include "ingest/tokens.h"

namespace silkgraph::ingest {

/// The whole extraction pipeline, built once from a RuleSet and then read-only: documents ->
/// prose lines -> sentences -> tokens -> mentions -> relations. `extract` may be called from
/// several threads at once, each with its own Workspace.
class Extractor {
 public:
  explicit Extractor(const RuleSet& rules);

  /// Per-thread buffers, reused from document to document.
  struct Workspace {
    explicit Workspace(const Gazetteer& g) : doc(g) {}
    std::vector<Span> paragraphs, sentences;
    TokenizedSentence tokens;
    SentenceMentions mentions;
    std::vector<Relation> relations;
    DocState doc;
  };
  Workspace workspace() const { return Workspace(*gazetteer_); }

  struct Counts {
    std::size_t sentences = 0;
    std::size_t relations = 0;
  };
  /// Appends the records of `doc` to `out`.
  Counts extract(const Document& doc, Workspace& ws, std::vector<Record>& out) const;
  /// The same, treating all of `doc.text` as prose (no boilerplate filter): for `explain`.
  Counts extract_all(const Document& doc, Workspace& ws, std::vector<Record>& out,
                     std::string* report = nullptr) const;
  /// Convenience for tests: one document made of `text`.
  std::vector<Record> extract_text(std::string_view text) const;

  /// A report on one sentence: tokens, mentions and their resolution, and every rule that
  /// fired or got part of the way.
  std::string explain(std::string_view sentence) const;


 private:
  Counts extract_paragraphs(const Document& doc, Workspace& ws, std::vector<Record>& out,
                            std::string* report) const;

  Vocabulary vocab_;
  std::unique_ptr<Gazetteer> gazetteer_;
  std::unique_ptr<MentionFinder> finder_;
  std::unique_ptr<Matcher> matcher_;
  std::unique_ptr<SentenceSplitter> splitter_;
  std::vector<std::string> office_relations_;
};

}  // namespace silkgraph::ingest
