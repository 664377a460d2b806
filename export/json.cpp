// networkx node-link JSON (networkx.readwrite.json_graph): loads with node_link_graph() and in
// web tools (d3-force and the like read "nodes" and "links"). One node or link per line.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "export/common.h"
#include "export/escape.h"
#include "export/formats.h"

namespace silkgraph::exporters {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void put(JsonWriter& w, std::string_view s) {
  const std::string clean = valid_utf8(s);
  w.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
}

void put(JsonWriter& w, const char* key, std::string_view s) {
  w.Key(key);
  put(w, s);
}

void put_list(JsonWriter& w, const char* key, const std::vector<std::string_view>& items) {
  w.Key(key);
  w.StartArray();
  for (const std::string_view item : items) put(w, item);
  w.EndArray();
}

// A date, or null when there is none.
void put_date(JsonWriter& w, const char* key, std::string_view date) {
  w.Key(key);
  if (date.empty()) w.Null();
  else put(w, date);
}

void write_node(JsonWriter& w, const graph::NodeData& n) {
  w.StartObject();
  put(w, "id", n.id);
  put(w, "label", n.name);
  put(w, "type", ingest::entity_type_name(n.type));
  put_list(w, "aliases", aliases(n));
  w.Key("mentions");
  w.Uint64(n.mentions);
  put(w, "color", hex_color(type_color(n.type)));
  w.EndObject();
}

void write_link(JsonWriter& w, const std::string& source, const std::string& target, const graph::EdgeData& d) {
  w.StartObject();
  put(w, "source", source);
  put(w, "target", target);
  // networkx's multigraph key: one edge per (source, relation, target).
  put(w, "key", d.relation);
  put(w, "label", d.relation);
  put(w, "relation", d.relation);
  w.Key("weight");
  w.Uint64(d.weight);
  put_date(w, "first_seen", d.first_seen);
  put_date(w, "last_seen", d.last_seen);
  w.Key("evidence_count");
  w.Uint64(d.evidence.size());
  put(w, "evidence", first_sentence(d));
  put_list(w, "docs", documents(d));
  w.Key("symmetric");
  w.Bool(d.symmetric);
  // Every stating sentence, for viewers that show the evidence.
  w.Key("evidence_list");
  w.StartArray();
  for (const graph::Evidence& x : d.evidence) {
    w.StartObject();
    put(w, "doc", x.doc);
    put_date(w, "date", x.date);
    put(w, "sentence", x.sentence);
    put(w, "rule", x.rule);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace

void write_json(const graph::KnowledgeGraph& graph, const graph::Selection& selection, std::ostream& stream) {
  Buffer buffer(stream);
  std::string& out = buffer.text();
  rapidjson::StringBuffer line;
  JsonWriter w(line);
  auto element = [&](std::size_t i, auto&& write) {
    line.Clear();
    w.Reset(line);
    write();
    out += i == 0 ? "\n" : ",\n";
    out.append(line.GetString(), line.GetSize());
    buffer.maybe_flush();
  };

  out += "{\n\"directed\": ";
  out += all_symmetric(graph, selection) ? "false" : "true";
  out += ",\n\"multigraph\": true,\n";
  out += "\"graph\": {\"generator\": \"silkgraph\", \"node_count\": " + std::to_string(selection.nodes.size()) +
         ", \"edge_count\": " + std::to_string(selection.edges.size()) + "},\n";
  out += "\"nodes\": [";
  for (std::size_t i = 0; i < selection.nodes.size(); ++i)
    element(i, [&] { write_node(w, graph.node(selection.nodes[i])); });
  out += selection.nodes.empty() ? "],\n" : "\n],\n";
  out += "\"links\": [";
  for (std::size_t i = 0; i < selection.edges.size(); ++i) {
    element(i, [&] {
      const graph::EdgeId e = selection.edges[i];
      const auto [s, t] = graph::ends(graph, e);
      write_link(w, graph.node(s).id, graph.node(t).id, graph.edge(e));
    });
  }
  out += selection.edges.empty() ? "]\n}\n" : "\n]\n}\n";
}

}  // namespace silkgraph::exporters
