// Raw bytes as a .jsonl file: the JSON Lines reader (records, fields, dates, repairs).
#include <cstdint>

#include "common/error.h"
#include "common/utf8.h"
#include "fuzz/fuzz_util.h"
#include "ingest/reader.h"

using namespace silkgraph;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = fuzz::write_input(data, size, "input.jsonl");
  Diagnostics diagnostics([](const std::string&) {});
  ingest::DocumentReader reader({path}, diagnostics);
  ingest::Document doc;
  while (reader.next(doc)) {
    // Whatever came in, what goes out is valid UTF-8 with an id and some text.
    fuzz::require(!doc.id.empty() && !doc.text.empty());
    fuzz::require(utf8::is_valid_utf8(doc.id) && utf8::is_valid_utf8(doc.text) &&
                  utf8::is_valid_utf8(doc.title) && utf8::is_valid_utf8(doc.url));
    fuzz::require(!doc.date || doc.date->size() == 10);
  }
  return 0;
}
