// graph/graph_file.h
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "graph/knowledge_graph.h"

namespace silkgraph::graph {

/// Value of the "format" field of a graph file, and the version this code reads and writes.
inline constexpr std::string_view kGraphFormat = "silkgraph-graph";
inline constexpr int kGraphVersion = 1;

/// Writes the graph file: nodes sorted by id, edges by (source id, relation, target id) with
/// symmetric edges pointing from the smaller id, documents by id, one per line. The same graph
/// always gives the same bytes. Nodes without edges are left out.
void write_graph(const KnowledgeGraph& graph, std::ostream& out);

/// Writes the graph file atomically (AtomicFile); throws InputError naming `path` on failure.
void save_graph(const KnowledgeGraph& graph, const std::string& path);

/// Parses graph-file text, `file` naming it in messages. Throws InputError
/// "file:line:column: what; hint" for malformed JSON, a wrong format or version, a missing or
/// mistyped field, or derived fields (ids, aliases, mentions, weight, dates) that do not
/// match the evidence; the position is that of the offending node, edge, evidence or document.
KnowledgeGraph parse_graph(std::string_view text, const std::string& file);

/// Reads and parses a graph file; throws InputError if it cannot be read or is not valid.
KnowledgeGraph load_graph(const std::string& path);

}  // namespace silkgraph::graph
