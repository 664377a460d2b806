#include "export/formats.h"

namespace silkgraph::exporters {

const std::vector<Format>& formats() {
  static const std::vector<Format> table = {
      {"graphml", ".graphml", "GraphML for Gephi, networkx, igraph, yEd", false, write_graphml, nullptr},
      {"gexf", ".gexf", "GEXF 1.3 for Gephi, with a timeline from document dates", false, write_gexf, nullptr},
      {"cypher", ".cypher", "Cypher script for Neo4j 5 (cypher-shell -f FILE); safe to run again", false,
       write_cypher, nullptr},
      {"neo4j-csv", "", "directory with nodes.csv and relationships.csv for neo4j-admin import", true,
       nullptr, write_neo4j_csv},
      {"json", ".json", "networkx node-link JSON for web tools and Python", false, write_json, nullptr},
  };
  return table;
}

const Format* find_format(std::string_view name) {
  for (const Format& f : formats())
    if (f.name == name) return &f;
  return nullptr;
}

const Format* format_for_path(std::string_view path) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (const Format& f : formats()) {
    const std::string_view ext = f.extension;
    if (ext.empty() || path.size() <= ext.size()) continue;
    bool match = true;
    for (std::size_t i = 0; i < ext.size(); ++i)
      if (lower(path[path.size() - ext.size() + i]) != ext[i]) match = false;
    if (match) return &f;
  }
  return nullptr;
}

std::string format_names() {
  std::string out;
  for (const Format& f : formats()) {
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  return out;
}

}  // namespace silkgraph::exporters
