// Raw bytes as one document's text: the whole extraction (mentions, rules, records).
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "ingest/extractor.h"
#include "ingest/reader.h"
#include "ingest/record.h"
#include "ingest/rule_set.h"

using namespace silkgraph;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ingest::RuleSet rules = ingest::RuleSet::builtin();
  static const ingest::Extractor extractor(rules);
  static ingest::Extractor::Workspace workspace = extractor.workspace();

  ingest::Document doc;
  doc.id = "fuzz";
  doc.text.assign(reinterpret_cast<const char*>(data), size);
  ingest::repair_utf8(doc.text);  // as the reader hands text over
  std::vector<ingest::Record> records;
  extractor.extract(doc, workspace, records);
  std::string line;
  for (const ingest::Record& r : records) {
    fuzz::require(r.begin <= r.end && r.end <= doc.text.size());
    fuzz::require(doc.text.compare(r.begin, r.end - r.begin, r.sentence) == 0);
    fuzz::require(!r.subject.empty() && !r.object.empty() && !r.relation.empty());
    ingest::append_json_line(r, line);
  }
  return 0;
}
