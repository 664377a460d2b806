// GraphML 1.0 (graphml.graphdrawing.org), shaped for Gephi: node key "label" and edge keys
// "label" and "weight" (double) are what its importer looks for.
#include "export/common.h"
#include "export/escape.h"
#include "export/formats.h"

namespace silkgraph::exporters {
namespace {

struct Key {
  const char* id;
  const char* domain;  // for=
  const char* name;    // attr.name
  const char* type;    // attr.type
};

// Key ids double as short names in <data key=...>; the node id is also stored as "entity_id",
// since igraph keeps GraphML node ids in a vertex attribute called "id" and a key of that name
// would clash with it.
constexpr Key kKeys[] = {
    {"label", "node", "label", "string"},
    {"type", "node", "type", "string"},
    {"entity_id", "node", "entity_id", "string"},
    {"aliases", "node", "aliases", "string"},
    {"mentions", "node", "mentions", "long"},
    {"edge_label", "edge", "label", "string"},
    {"relation", "edge", "relation", "string"},
    {"weight", "edge", "weight", "double"},
    {"first_seen", "edge", "first_seen", "string"},
    {"last_seen", "edge", "last_seen", "string"},
    {"evidence_count", "edge", "evidence_count", "long"},
    {"evidence", "edge", "evidence", "string"},
    {"docs", "edge", "docs", "string"},
    {"symmetric", "edge", "symmetric", "boolean"},
};

void data(std::string& out, const char* key, std::string_view value) {
  if (value.empty()) return;  // a missing <data> reads as "no value" everywhere
  out += "      <data key=\"";
  out += key;
  out += "\">";
  append_xml(out, value, false);
  out += "</data>\n";
}

}  // namespace

void write_graphml(const graph::KnowledgeGraph& graph, const graph::Selection& selection, std::ostream& stream) {
  Buffer buffer(stream);
  std::string& out = buffer.text();
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
      "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  for (const Key& k : kKeys) {
    out += "  <key";
    append_xml_attribute(out, "id", k.id);
    append_xml_attribute(out, "for", k.domain);
    append_xml_attribute(out, "attr.name", k.name);
    append_xml_attribute(out, "attr.type", k.type);
    out += "/>\n";
  }
  out += "  <graph id=\"silkgraph\" edgedefault=\"";
  out += all_symmetric(graph, selection) ? "undirected" : "directed";
  out += "\">\n";

  for (const graph::NodeId v : selection.nodes) {
    const graph::NodeData& n = graph.node(v);
    out += "    <node";
    append_xml_attribute(out, "id", n.id);  // "type:slug", an NMTOKEN as the schema wants
    out += ">\n";
    data(out, "label", n.name);
    data(out, "type", ingest::entity_type_name(n.type));
    data(out, "entity_id", n.id);
    data(out, "aliases", join(aliases(n), "; "));
    data(out, "mentions", std::to_string(n.mentions));
    out += "    </node>\n";
    buffer.maybe_flush();
  }
  for (const graph::EdgeId e : selection.edges) {
    const graph::EdgeData& d = graph.edge(e);
    const auto [s, t] = graph::ends(graph, e);
    const std::string& source = graph.node(s).id;
    const std::string& target = graph.node(t).id;
    out += "    <edge";
    append_xml_attribute(out, "id", graph::edge_id(graph, e));
    append_xml_attribute(out, "source", source);
    append_xml_attribute(out, "target", target);
    out += ">\n";
    data(out, "edge_label", d.relation);
    data(out, "relation", d.relation);
    data(out, "weight", std::to_string(d.weight));
    data(out, "first_seen", d.first_seen);
    data(out, "last_seen", d.last_seen);
    data(out, "evidence_count", std::to_string(d.evidence.size()));
    data(out, "evidence", first_sentence(d));
    data(out, "docs", join(documents(d), "; "));
    data(out, "symmetric", d.symmetric ? "true" : "false");
    out += "    </edge>\n";
    buffer.maybe_flush();
  }
  out += "  </graph>\n</graphml>\n";
}

}  // namespace silkgraph::exporters
