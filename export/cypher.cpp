// A Cypher script for Neo4j 5. Uniqueness constraints come first (they also index the ids the
// MERGEs look up); then nodes, one UNWIND ... MERGE statement per label and batch, then
// relationships, one statement per type and batch, since a type cannot be a parameter.
// Only MERGE and SET: running the script twice leaves the same database.
#include <algorithm>
#include <map>

#include "export/common.h"
#include "export/escape.h"
#include "export/formats.h"

namespace silkgraph::exporters {
namespace {

// Rows per statement: big enough to be fast, small enough for one transaction's memory.
constexpr std::size_t kBatch = 500;

constexpr ingest::EntityType kTypes[] = {ingest::EntityType::City, ingest::EntityType::Country,
                                         ingest::EntityType::Org, ingest::EntityType::Person,
                                         ingest::EntityType::Region};  // by label

void constraint(std::string& out, std::string_view label) {
  std::string name(label);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  out += "CREATE CONSTRAINT " + name + "_id IF NOT EXISTS FOR (n:";
  out += label;
  out += ") REQUIRE n.id IS UNIQUE;\n";
}

// "1 node", "2 nodes".
std::string count(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

void string_list(std::string& out, const std::vector<std::string_view>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    append_cypher_string(out, items[i]);
  }
  out += ']';
}

void date_value(std::string& out, std::string_view date) {
  if (!is_iso_date(date)) {
    out += "null";  // SET += null removes the property
    return;
  }
  out += "date(";
  append_cypher_string(out, date);
  out += ')';
}

void node_row(std::string& out, const graph::NodeData& n) {
  out += "  {id: ";
  append_cypher_string(out, n.id);
  out += ", props: {name: ";
  append_cypher_string(out, n.name);
  out += ", type: ";
  append_cypher_string(out, ingest::entity_type_name(n.type));
  out += ", aliases: ";
  if (n.aliases.empty()) out += "null";  // as neo4j-admin leaves an empty array field: no property
  else string_list(out, aliases(n));
  out += ", mentions: " + std::to_string(n.mentions) + "}}";
}

void edge_row(std::string& out, const std::string& source, const std::string& target, const graph::EdgeData& d) {
  out += "  {source: ";
  append_cypher_string(out, source);
  out += ", target: ";
  append_cypher_string(out, target);
  out += ", props: {relation: ";
  append_cypher_string(out, d.relation);
  out += ", weight: " + std::to_string(d.weight);
  out += ", first_seen: ";
  date_value(out, d.first_seen);
  out += ", last_seen: ";
  date_value(out, d.last_seen);
  out += ", evidence_count: " + std::to_string(d.evidence.size());
  out += ", evidence: ";
  append_cypher_string(out, first_sentence(d));
  out += ", docs: ";
  string_list(out, documents(d));
  out += ", symmetric: ";
  out += d.symmetric ? "true" : "false";
  out += "}}";
}

// Writes `rows` in batches: UNWIND [rows] AS row, then `tail`.
template <typename Row>
void batches(Buffer& buffer, const std::vector<Row>& rows, const std::string& tail,
             void (*write_row)(std::string&, const Row&)) {
  std::string& out = buffer.text();
  for (std::size_t first = 0; first < rows.size(); first += kBatch) {
    const std::size_t last = std::min(rows.size(), first + kBatch);
    out += "UNWIND [\n";
    for (std::size_t i = first; i < last; ++i) {
      write_row(out, rows[i]);
      out += i + 1 < last ? ",\n" : "\n";
    }
    out += "] AS row\n";
    out += tail;
    buffer.maybe_flush();
  }
}

struct EdgeRow {
  const std::string* source;
  const std::string* target;
  const graph::EdgeData* data;
};

void write_node_row(std::string& out, const graph::NodeData* const& n) { node_row(out, *n); }
void write_edge_row(std::string& out, const EdgeRow& r) { edge_row(out, *r.source, *r.target, *r.data); }

}  // namespace

void write_cypher(const graph::KnowledgeGraph& graph, const graph::Selection& selection, std::ostream& stream) {
  Buffer buffer(stream);
  std::string& out = buffer.text();

  std::map<ingest::EntityType, std::vector<const graph::NodeData*>> by_type;
  for (const graph::NodeId v : selection.nodes) by_type[graph.node(v).type].push_back(&graph.node(v));
  std::map<std::string_view, std::vector<EdgeRow>> by_relation;
  for (const graph::EdgeId e : selection.edges) {
    const auto [s, t] = graph::ends(graph, e);
    const graph::EdgeData& d = graph.edge(e);
    by_relation[d.relation].push_back({&graph.node(s).id, &graph.node(t).id, &d});
  }

  out += "// silkgraph export for Neo4j 5: " + count(selection.nodes.size(), "node") + ", " +
         count(selection.edges.size(), "relationship") + ".\n";
  out +=
      "// Run it with 'cypher-shell -f FILE' or paste it into Neo4j Browser. It only MERGEs, so\n"
      "// running it again leaves the same database. Nodes carry :Entity and a label for their type;\n"
      "// symmetric relations are stored in one direction and matched in both.\n";
  constraint(out, "Entity");
  for (const ingest::EntityType t : kTypes) constraint(out, type_label(t));

  for (const ingest::EntityType t : kTypes) {
    const auto it = by_type.find(t);
    if (it == by_type.end()) continue;
    std::string tail = "MERGE (n:Entity:";
    append_cypher_name(tail, type_label(t));
    tail += " {id: row.id})\nSET n += row.props;\n";
    out += "\n// " + std::string(type_label(t)) + ": " + count(it->second.size(), "node") + "\n";
    batches<const graph::NodeData*>(buffer, it->second, tail, write_node_row);
  }

  for (const auto& [relation, rows] : by_relation) {
    const bool symmetric = rows.front().data->symmetric;
    std::string tail = "MATCH (a:Entity {id: row.source})\nMATCH (b:Entity {id: row.target})\nMERGE (a)-[r:";
    append_cypher_name(tail, relation);
    tail += symmetric ? "]-(b)\n" : "]->(b)\n";
    tail += "SET r += row.props;\n";
    out += "\n// ";
    for (const char c : valid_utf8(relation)) out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    out += ": " + count(rows.size(), symmetric ? "symmetric relationship" : "relationship") + "\n";
    batches<EdgeRow>(buffer, rows, tail, write_edge_row);
  }
}

}  // namespace silkgraph::exporters
