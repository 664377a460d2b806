// neo4j-admin import files (Neo4j 5 "neo4j-admin database import full"): nodes.csv and
// relationships.csv with typed headers, giving the same database as the Cypher script.
#include "export/common.h"
#include "export/escape.h"
#include "export/formats.h"

namespace silkgraph::exporters {
namespace {

constexpr const char* kNodesHeader = "id:ID,name,:LABEL,type,aliases:string[],mentions:long\n";
constexpr const char* kRelationshipsHeader =
    ":START_ID,:END_ID,:TYPE,relation,weight:long,first_seen:date,last_seen:date,"
    "evidence_count:long,evidence,docs:string[],symmetric:boolean\n";

// An array field: items joined by neo4j-admin's default array delimiter ';'. It cannot be
// escaped, so a ';' inside an item becomes ','. No items: an empty field, no property.
void array_field(std::string& out, const std::vector<std::string_view>& items) {
  if (items.empty()) return;
  std::string joined;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) joined += ';';
    for (const char c : items[i]) joined += c == ';' ? ',' : c;
  }
  append_csv_field(out, joined);
}

// A date field; empty (so the property is left out) when there is no valid date.
void date_field(std::string& out, std::string_view date) {
  if (is_iso_date(date)) out += date;
}

}  // namespace

void write_neo4j_csv(const graph::KnowledgeGraph& graph, const graph::Selection& selection, const OpenFile& open) {
  {
    Buffer buffer(open("nodes.csv"));
    std::string& out = buffer.text();
    out += kNodesHeader;
    for (const graph::NodeId v : selection.nodes) {
      const graph::NodeData& n = graph.node(v);
      append_csv_field(out, n.id);
      out += ',';
      append_csv_field(out, n.name);
      out += ',';
      append_csv_field(out, "Entity;" + std::string(type_label(n.type)));
      out += ',';
      append_csv_field(out, ingest::entity_type_name(n.type));
      out += ',';
      array_field(out, aliases(n));
      out += ',';
      out += std::to_string(n.mentions);
      out += '\n';
      buffer.maybe_flush();
    }
  }
  Buffer buffer(open("relationships.csv"));
  std::string& out = buffer.text();
  out += kRelationshipsHeader;
  for (const graph::EdgeId e : selection.edges) {
    const graph::EdgeData& d = graph.edge(e);
    const auto [s, t] = graph::ends(graph, e);
    append_csv_field(out, graph.node(s).id);
    out += ',';
    append_csv_field(out, graph.node(t).id);
    out += ',';
    append_csv_field(out, d.relation);
    out += ',';
    append_csv_field(out, d.relation);
    out += ',';
    out += std::to_string(d.weight);
    out += ',';
    date_field(out, d.first_seen);
    out += ',';
    date_field(out, d.last_seen);
    out += ',';
    out += std::to_string(d.evidence.size());
    out += ',';
    append_csv_field(out, first_sentence(d));
    out += ',';
    array_field(out, documents(d));
    out += ',';
    out += d.symmetric ? "true" : "false";
    out += '\n';
    buffer.maybe_flush();
  }
}

}  // namespace silkgraph::exporters
