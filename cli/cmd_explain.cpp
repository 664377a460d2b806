// silkgraph explain: why a sentence gives (or does not give) a relation.
#include <iostream>

#include "cli/common.h"
#include "ingest/extractor.h"

namespace silkgraph::cli {
namespace {

constexpr const char* kHelp =
    "usage: silkgraph explain [options] \"SENTENCE\"...\n"
    "\n"
    "Prints the tokens, the mentions with what they resolve to, every rule that fired or\n"
    "matched part of its pattern, and the relations found. Several arguments are read as\n"
    "consecutive sentences of one document, so pronouns and short names resolve across them.\n"
    "\n"
    "options:\n"
    "  --rules FILE   add or override rules (repeatable)\n"
    "  -h, --help     this text\n"
    "\n"
    "example: silkgraph explain \"Xi Jinping met Kazakh President Kassym-Jomart Tokayev.\"\n";

}  // namespace

int cmd_explain(int argc, char** argv) {
  std::vector<std::string> rules_files, sentences;
  Args a(argc, argv, 2);
  while (!a.done()) {
    if (a.flag("-h") || a.flag("--help")) {
      std::cout << kHelp;
      return kOk;
    }
    if (a.flag("--rules")) {
      rules_files.push_back(a.value("--rules"));
    } else if (a.peek().size() > 1 && a.peek()[0] == '-') {
      throw UsageError{"unknown option \"" + a.peek() + "\""};
    } else {
      sentences.push_back(a.next());
    }
  }
  if (sentences.empty()) throw UsageError{"no sentence given"};
  const ingest::Extractor extractor(load_rules(rules_files));
  std::string text;
  for (const std::string& s : sentences) text += s + "\n";
  std::cout << extractor.explain(text);
  return kOk;
}

}  // namespace silkgraph::cli
