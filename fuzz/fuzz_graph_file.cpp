// Raw bytes as a graph file: the loader must load it or throw InputError naming the file;
// whatever loads must save and load again to the same bytes, and must load to the same graph
// through the whole-document parse (the same text with every newline a space, which the
// line-by-line path does not take).
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "common/error.h"
#include "fuzz/fuzz_util.h"
#include "graph/graph_file.h"

using namespace silkgraph;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  graph::KnowledgeGraph g;
  try {
    g = graph::parse_graph(text, "fuzz.json");
  } catch (const InputError& e) {
    fuzz::require(std::string(e.what()).rfind("fuzz.json", 0) == 0);
    return 0;
  }
  std::ostringstream once, twice, spaced_out;
  graph::write_graph(g, once);
  graph::write_graph(graph::parse_graph(once.str(), "again.json"), twice);
  fuzz::require(once.str() == twice.str());
  // It loaded, so no string holds a raw newline: as spaces they are whitespace, as before.
  std::string spaced(text);
  for (char& c : spaced)
    if (c == '\n') c = ' ';
  graph::write_graph(graph::parse_graph(spaced, "spaced.json"), spaced_out);
  fuzz::require(once.str() == spaced_out.str());
  return 0;
}
