// export/common.h: what every export writes the same way.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "graph/filter.h"
#include "graph/knowledge_graph.h"

namespace silkgraph::exporters {

/// Collects output in memory and hands it to the stream in large blocks.
class Buffer {
 public:
  explicit Buffer(std::ostream& out) : out_(out) {}
  ~Buffer() { flush(); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  std::string& text() { return text_; }
  /// Writes the text when it has grown past a block; call between records.
  void maybe_flush() {
    if (text_.size() >= (1u << 20)) flush();
  }
  void flush() {
    out_.write(text_.data(), static_cast<std::streamsize>(text_.size()));
    text_.clear();
  }

 private:
  std::ostream& out_;
  std::string text_;
};

/// "Person", "Country", "Region", "City", "Org": the Neo4j label of a type.
std::string_view type_label(ingest::EntityType type);

struct Rgb {
  int r, g, b;
};
/// Fixed colour of each entity type (ColorBrewer Set1), so every export colours alike.
Rgb type_color(ingest::EntityType type);
/// "#e41a1c".
std::string hex_color(Rgb color);

/// Aliases in their stored (sorted) order.
std::vector<std::string_view> aliases(const graph::NodeData& node);
/// Distinct documents of an edge's evidence, sorted.
std::vector<std::string_view> documents(const graph::EdgeData& edge);
/// True for a real calendar date written "YYYY-MM-DD": the only dates typed exports (xs:date,
/// Neo4j date) receive; the graph file does not check evidence dates.
bool is_iso_date(std::string_view s);
/// Distinct evidence dates of an edge that pass is_iso_date, sorted.
std::vector<std::string_view> dates(const graph::EdgeData& edge);
/// The first evidence sentence: the one every export shows as the edge's example.
std::string_view first_sentence(const graph::EdgeData& edge);

/// True when the selection has edges and every one is symmetric: GraphML, GEXF and JSON are
/// then written as undirected graphs. Otherwise they are directed, and symmetric edges carry
/// symmetric=true: networkx rejects a directed graph with undirected edges in it.
bool all_symmetric(const graph::KnowledgeGraph& graph, const graph::Selection& selection);

/// `items` joined by `separator`.
std::string join(const std::vector<std::string_view>& items, std::string_view separator);


}  // namespace silkgraph::exporters
