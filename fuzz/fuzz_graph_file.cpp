// Raw bytes as a graph file: the loader must load it or throw InputError naming the file;
// whatever loads must save and load again to the same bytes.
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
  std::ostringstream once, twice;
  graph::write_graph(g, once);
  graph::write_graph(graph::parse_graph(once.str(), "again.json"), twice);
  fuzz::require(once.str() == twice.str());
  return 0;
}
