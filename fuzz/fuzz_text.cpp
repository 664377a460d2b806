// Raw bytes as a text file: document reader, prose lines, sentence splitter, tokenizer.
#include <cstdint>
#include <vector>

#include "common/error.h"
#include "fuzz/fuzz_util.h"
#include "ingest/gazetteer.h"
#include "ingest/reader.h"
#include "ingest/rule_set.h"
#include "ingest/sentences.h"
#include "ingest/tokens.h"

using namespace silkgraph;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ingest::RuleSet rules = ingest::RuleSet::builtin();
  static const ingest::SentenceSplitter splitter(rules);
  static ingest::Vocabulary vocab;
  static const ingest::Gazetteer gazetteer(rules, vocab);  // fills the vocabulary

  const std::string path = fuzz::write_input(data, size, "input.txt");
  Diagnostics diagnostics([](const std::string&) {});
  ingest::DocumentReader reader({path}, diagnostics);
  ingest::Document doc;
  std::vector<ingest::Span> paragraphs, sentences;
  ingest::TokenizedSentence tokens;
  while (reader.next(doc)) {
    fuzz::require(doc.text.size() == size || size == 0 || doc.text.size() <= size);
    paragraphs.clear();
    sentences.clear();
    splitter.paragraphs(doc.text, paragraphs);
    for (const ingest::Span& p : paragraphs) {
      fuzz::require(p.begin <= p.end && p.end <= doc.text.size());
      splitter.split(doc.text, p, sentences);
    }
    std::uint32_t last_end = 0;
    for (const ingest::Span& s : sentences) {
      fuzz::require(s.begin <= s.end && s.end <= doc.text.size() && s.begin >= last_end);
      fuzz::require(s.end - s.begin <= ingest::SentenceSplitter::kMaxSentenceBytes);
      last_end = s.end;
      ingest::tokenize(doc.text, s.begin, s.end, vocab, tokens);
      std::uint32_t previous = s.begin;
      for (const ingest::Token& t : tokens.tokens) {
        fuzz::require(t.begin >= previous && t.begin < t.end && t.begin < s.end + 4);
        previous = t.end;
      }
    }
  }
  return 0;
}
