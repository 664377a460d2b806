// graph/edge_line.h: reading one edge line of a graph file in the written layout (the
// line-by-line loader of graph_file.cpp), with no DOM.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"

namespace silkgraph::graph {

/// The keys of an edge and of one of its evidence entries, in the order write_edge() writes
/// them: read_edge_line() wants them in this order, the whole-document parse in any.
constexpr std::string_view kEdgeKeys[] = {"source",     "relation",   "target",
                                          "symmetric",  "weight",     "first_seen",
                                          "last_seen",  "evidence"};
constexpr std::string_view kEvidenceKeys[] = {"doc",  "date",        "sentence",   "offset",
                                              "rule", "source_text", "target_text"};

/// An edge's fields as the file gives them; the texts are views of the parsed text.
struct EdgeFields {
  std::string_view source, relation, target, first_seen, last_seen;
  bool symmetric = false;
  std::uint64_t weight = 0;
  std::vector<Evidence> evidence;
};

/// Readies a line of a graph file's buffer for in-place parsing: false if it holds bytes that
/// are not UTF-8 or a NUL (an in-place parse stops at the first NUL, and would not see the
/// rest); else the byte after it (',' or '\n') becomes the NUL that ends it.
bool terminate_line(char* line, std::size_t size);

/// Reads an edge line of the layout write_graph() writes into `fields`, whose texts then point
/// into the line (or, for a line whose strings have escapes, into the line decoded in place:
/// `line[size]` must be writable). False for any line laid out otherwise (keys in another
/// order, whitespace, a value of another type, ...) or not valid JSON; the file then goes to
/// the whole-document parse, which accepts any order and names what is wrong.
bool read_edge_line(char* line, std::size_t size, EdgeFields& fields);

}  // namespace silkgraph::graph
