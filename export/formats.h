// export/formats.h
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "graph/filter.h"
#include "graph/knowledge_graph.h"

namespace silkgraph::exporters {

/// Opens the file `name` inside the output directory of a directory format.
using OpenFile = std::function<std::ostream&(const std::string& name)>;

/// One export format: a row of the table in formats.cpp.
struct Format {
  std::string_view name;       // value of --format
  std::string_view extension;  // ".gexf": picks the format when --format is absent; "" for none
  std::string_view summary;    // one line for --help
  bool directory;              // -o names a directory of files (neo4j-csv)
  // Exactly one of these is set: `write` for one-file formats, `write_files` for directories.
  void (*write)(const graph::KnowledgeGraph&, const graph::Selection&, std::ostream&);
  void (*write_files)(const graph::KnowledgeGraph&, const graph::Selection&, const OpenFile&);
};

/// Every format, in the order --help lists them.
const std::vector<Format>& formats();
/// The format called `name`, or nullptr.
const Format* find_format(std::string_view name);
/// The format whose extension `path` ends with (case-insensitively), or nullptr.
const Format* format_for_path(std::string_view path);
/// "graphml, gexf, cypher, neo4j-csv, json".
std::string format_names();

// The writers. Each writes the selected part of the graph, the same bytes for the same graph
// and selection; symmetric edges are written once, from the smaller node id.

/// GraphML 1.0 with Gephi's keys (node label, edge label and weight).
void write_graphml(const graph::KnowledgeGraph& graph, const graph::Selection& selection, std::ostream& out);
/// GEXF 1.3, mode="dynamic", timeformat="date": edge spells from evidence dates, node colours by type.
void write_gexf(const graph::KnowledgeGraph& graph, const graph::Selection& selection, std::ostream& out);
/// A Cypher script for Neo4j 5: constraints, then UNWIND ... MERGE batches; safe to run again.
void write_cypher(const graph::KnowledgeGraph& graph, const graph::Selection& selection, std::ostream& out);
/// neo4j-admin import files: nodes.csv and relationships.csv.
void write_neo4j_csv(const graph::KnowledgeGraph& graph, const graph::Selection& selection, const OpenFile& open);
/// networkx node-link JSON (json_graph.node_link_data / node_link_graph).
void write_json(const graph::KnowledgeGraph& graph, const graph::Selection& selection, std::ostream& out);

}  // namespace silkgraph::exporters
