// Raw bytes as a --rules file added to the built-in ones: the JSON reader with positions and
// the rule-file loader. Bad files must be an InputError naming the file, nothing else.
#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"
#include "fuzz/fuzz_util.h"
#include "ingest/extractor.h"
#include "ingest/rule_set.h"

using namespace silkgraph;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ingest::RuleSet builtin = ingest::RuleSet::builtin();
  ingest::RuleSet rules = builtin;  // a copy: loading adds to it
  try {
    rules.load(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
  } catch (const InputError& e) {
    fuzz::require(std::string(e.what()).rfind("fuzz.json", 0) == 0);
    return 0;
  }
  // A file that loads must give a working extractor.
  try {
    const ingest::Extractor extractor(rules);
    extractor.extract_text("Xi Jinping met Kassym-Jomart Tokayev in Astana on Tuesday.");
  } catch (const InputError& e) {
    // Compiling the rules may still refuse them (e.g. a pattern that can never match).
    fuzz::require(std::string(e.what()).find("fuzz.json") != std::string::npos);
  }
  return 0;
}
