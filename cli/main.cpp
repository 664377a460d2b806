// silkgraph: news articles in, an evidenced knowledge graph out.
#include <cstring>
#include <iostream>

#include "cli/common.h"
#include "common/error.h"

namespace {

constexpr const char* kHelp =
    "silkgraph - turns news articles into typed, evidenced relations\n"
    "\n"
    "usage: silkgraph <command> [options]\n"
    "\n"
    "commands:\n"
    "  extract   read articles and write one JSON line per relation found\n"
    "  explain   show tokens, mentions and rules for one sentence\n"
    "  build     extract and merge articles or records into one graph file\n"
    "  export    write a graph file as GraphML, GEXF, Cypher, neo4j-admin CSV or JSON\n"
    "  neighbors list an entity's neighbours, or its ego network with --depth\n"
    "  path      shortest connection between two entities, with evidence on every hop\n"
    "  show      an entity card: names, aliases, mentions, relations by type\n"
    "  search    find entities by name or alias, ignoring case and accents\n"
    "  stats     counts, date range, top entities by degree and PageRank, components\n"
    "  serve     answer queries as a read-only JSON API over HTTP (127.0.0.1 by default)\n"
    "\n"
    "Run 'silkgraph <command> --help' for a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace silkgraph::cli;
  if (argc < 2) {
    std::cerr << kHelp;
    return kUsage;
  }
  const std::string cmd = argv[1];
  try {
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::cout << kHelp;
      return kOk;
    }
    if (cmd == "--version") {
      std::cout << "silkgraph 0.1.0\n";
      return kOk;
    }
    if (cmd == "extract") return cmd_extract(argc, argv);
    if (cmd == "explain") return cmd_explain(argc, argv);
    if (cmd == "build") return cmd_build(argc, argv);
    if (cmd == "export") return cmd_export(argc, argv);
    if (cmd == "neighbors" || cmd == "neighbours") return cmd_neighbors(argc, argv);
    if (cmd == "path") return cmd_path(argc, argv);
    if (cmd == "show") return cmd_show(argc, argv);
    if (cmd == "search") return cmd_search(argc, argv);
    if (cmd == "stats") return cmd_stats(argc, argv);
    if (cmd == "serve") return cmd_serve(argc, argv);
    std::cerr << "silkgraph: unknown command \"" << cmd << "\"; see 'silkgraph --help'\n";
    return kUsage;
  } catch (const UsageError& e) {
    std::cerr << "silkgraph " << cmd << ": " << e.what << "; see 'silkgraph " << cmd
              << " --help'\n";
    return kUsage;
  } catch (const silkgraph::InputError& e) {
    std::cerr << e.what() << '\n';
    return kFailed;
  } catch (const std::exception& e) {
    std::cerr << "silkgraph " << cmd << ": " << e.what() << '\n';
    return kFailed;
  }
}
