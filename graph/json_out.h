// graph/json_out.h
#pragma once

#include <rapidjson/stringbuffer.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/filter.h"
#include "graph/knowledge_graph.h"
#include "graph/queries.h"

namespace silkgraph::graph {

/// Writes query results as JSON with the field names that `--json` (cli/, a PrettyWriter) and
/// the HTTP API (serve/, a compact Writer) share: one place for the shape of a node and a link.
template <class Writer>
class JsonOut {
 public:
  JsonOut() : writer_(buffer_) { writer_.SetMaxDecimalPlaces(6); }
  Writer& w() { return writer_; }
  void key(const char* k) { writer_.Key(k); }
  void str(std::string_view s) {
    writer_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  }
  void str(const char* k, std::string_view s) {
    key(k);
    str(s);
  }
  // A date, or null when there is none.
  void date(const char* k, std::string_view d) {
    key(k);
    if (d.empty())
      writer_.Null();
    else
      str(d);
  }
  void uint(const char* k, std::uint64_t n) {
    key(k);
    writer_.Uint64(n);
  }
  void boolean(const char* k, bool b) {
    key(k);
    writer_.Bool(b);
  }
  // "id", "name", "type" of a node, inside an object already open.
  void node_fields(const KnowledgeGraph& graph, NodeId v) {
    const NodeData& n = graph.node(v);
    str("id", n.id);
    str("name", n.name);
    str("type", ingest::entity_type_name(n.type));
  }
  // {"id", "name", "type"}
  void node(const KnowledgeGraph& graph, NodeId v) {
    writer_.StartObject();
    node_fields(graph, v);
    writer_.EndObject();
  }
  void node(const char* k, const KnowledgeGraph& graph, NodeId v) {
    key(k);
    node(graph, v);
  }
  // The edge fields of a link: (edge_id,) relation, direction, symmetric, weight, dates,
  // evidence (the first sentence, or every one with `all`).
  void link_fields(const KnowledgeGraph& graph, const Link& link, bool all, bool with_edge_id) {
    const EdgeData& d = graph.edge(link.edge);
    if (with_edge_id) str("edge_id", edge_id(graph, link.edge));
    str("relation", d.relation);
    str("direction", direction_name(link.direction));
    boolean("symmetric", d.symmetric);
    uint("weight", d.weight);
    date("first_seen", d.first_seen);
    date("last_seen", d.last_seen);
    uint("evidence_count", link.evidence.size());
    key("evidence");
    writer_.StartArray();
    for (std::size_t i = 0; i < link.evidence.size() && (all || i == 0); ++i) {
      const Evidence& x = d.evidence[link.evidence[i]];
      writer_.StartObject();
      str("doc", x.doc);
      date("date", x.date);
      str("sentence", x.sentence);
      str("rule", x.rule);
      writer_.EndObject();
    }
    writer_.EndArray();
  }
  // The answer of neighbours() asked with `depth` and `direction`: one entry per neighbour with
  // the edges that reach it.
  void neighbourhood(const KnowledgeGraph& graph, const Neighbourhood& n, std::size_t depth,
                     Direction direction, bool all_evidence, bool with_edge_id) {
    writer_.StartObject();
    node("focus", graph, n.focus);
    uint("depth", depth);
    str("direction", direction_name(direction));
    uint("neighbor_count", n.neighbours);
    uint("neighbor_total", n.neighbours_total);
    key("neighbors");
    writer_.StartArray();
    for (std::size_t i = 0; i < n.rows.size();) {
      const NodeId v = n.rows[i].node;
      writer_.StartObject();
      node_fields(graph, v);
      uint("mentions", graph.node(v).mentions);
      uint("hops", n.rows[i].hops);
      key("edges");
      writer_.StartArray();
      for (; i < n.rows.size() && n.rows[i].node == v; ++i) {
        writer_.StartObject();
        node("via", graph, n.rows[i].via);
        link_fields(graph, n.rows[i].link, all_evidence, with_edge_id);
        writer_.EndObject();
      }
      writer_.EndArray();
      writer_.EndObject();
    }
    writer_.EndArray();
    writer_.EndObject();
  }

  // The answer of search() for `query`, with did-you-mean `suggestions` when nothing matched.
  void search(const KnowledgeGraph& graph, const std::string& query, const SearchResult& r,
              const std::vector<std::string>& suggestions) {
    writer_.StartObject();
    str("query", query);
    uint("match_count", r.hits.size());
    uint("match_total", r.total);
    key("matches");
    writer_.StartArray();
    for (const SearchHit& h : r.hits) {
      writer_.StartObject();
      node_fields(graph, h.node);
      uint("mentions", graph.node(h.node).mentions);
      str("match", match_kind_name(h.kind));
      str("matched", h.matched);
      boolean("alias", h.alias);
      writer_.EndObject();
    }
    writer_.EndArray();
    key("suggestions");
    writer_.StartArray();
    for (const std::string& s : suggestions) str(s);
    writer_.EndArray();
    writer_.EndObject();
  }

  // The answer of shortest_paths() from `from` to `to`: every path, hop by hop, with its edges.
  void paths(const KnowledgeGraph& graph, NodeId from, NodeId to, const PathResult& r,
             bool all_evidence, bool with_edge_id) {
    writer_.StartObject();
    node("from", graph, from);
    node("to", graph, to);
    key("length");
    if (r.paths.empty())
      writer_.Null();
    else
      writer_.Uint64(r.length);
    uint("path_count", r.paths.size());
    uint("path_total", r.count);
    key("paths");
    writer_.StartArray();
    for (const Path& p : r.paths) {
      writer_.StartObject();
      uint("weight", p.weight);
      key("hops");
      writer_.StartArray();
      for (const PathHop& h : p.hops) {
        writer_.StartObject();
        node("from", graph, h.from);
        node("to", graph, h.to);
        key("edges");
        writer_.StartArray();
        for (const Link& link : h.links) {
          writer_.StartObject();
          link_fields(graph, link, all_evidence, with_edge_id);
          writer_.EndObject();
        }
        writer_.EndArray();
        writer_.EndObject();
      }
      writer_.EndArray();
      writer_.EndObject();
    }
    writer_.EndArray();
    writer_.EndObject();
  }

  // An entity card (entity_card()): the node, its aliases and counts, its edges grouped by
  // relation and direction; `with_edge_id` adds each edge's id.
  void card(const KnowledgeGraph& graph, const EntityCard& c, bool with_edge_id) {
    const NodeData& n = graph.node(c.node);
    writer_.StartObject();
    node_fields(graph, c.node);
    key("aliases");
    writer_.StartArray();
    for (const auto& [alias, count] : n.aliases) {
      writer_.StartObject();
      str("name", alias);
      uint("count", count);
      writer_.EndObject();
    }
    writer_.EndArray();
    uint("mentions", n.mentions);
    uint("documents", c.documents);
    uint("edges", c.edges);
    date("first_seen", c.first_seen);
    date("last_seen", c.last_seen);
    key("relations");
    writer_.StartArray();
    for (const RelationGroup& g : c.relations) {
      writer_.StartObject();
      str("relation", g.relation);
      str("direction", direction_name(g.direction));
      uint("edges", g.links.size());
      uint("weight", g.weight);
      date("first_seen", g.first_seen);
      date("last_seen", g.last_seen);
      key("with");
      writer_.StartArray();
      for (const Link& link : g.links) {
        const EdgeData& d = graph.edge(link.edge);
        writer_.StartObject();
        node_fields(graph, other_end(graph, c.node, link));
        if (with_edge_id) str("edge_id", edge_id(graph, link.edge));
        uint("weight", d.weight);
        date("first_seen", d.first_seen);
        date("last_seen", d.last_seen);
        writer_.EndObject();
      }
      writer_.EndArray();
      writer_.EndObject();
    }
    writer_.EndArray();
    writer_.EndObject();
  }

  // The whole answer of stats(): counts, types, relations, the first `top` of each ranking,
  // components.
  void stats(const KnowledgeGraph& graph, const GraphStats& s, std::size_t top) {
    writer_.StartObject();
    uint("nodes", s.nodes);
    uint("edges", s.edges);
    uint("documents", s.documents);
    uint("evidence", s.evidence);
    uint("undated_evidence", s.undated);
    date("first_date", s.first_date);
    date("last_date", s.last_date);
    key("entity_types");
    writer_.StartArray();
    for (const TypeCount& t : s.types) {
      writer_.StartObject();
      str("type", ingest::entity_type_name(t.type));
      uint("nodes", t.nodes);
      writer_.EndObject();
    }
    writer_.EndArray();
    key("relations");
    writer_.StartArray();
    for (const RelationCount& r : s.relations) {
      writer_.StartObject();
      str("relation", r.relation);
      boolean("symmetric", r.symmetric);
      uint("edges", r.edges);
      uint("weight", r.weight);
      writer_.EndObject();
    }
    writer_.EndArray();
    auto ranked = [&](const char* k, const std::vector<RankedNode>& nodes) {
      key(k);
      writer_.StartArray();
      for (std::size_t i = 0; i < nodes.size() && i < top; ++i) {
        writer_.StartObject();
        node_fields(graph, nodes[i].node);
        uint("degree", nodes[i].degree);
        key("pagerank");
        writer_.Double(nodes[i].pagerank);
        writer_.EndObject();
      }
      writer_.EndArray();
    };
    ranked("top_degree", s.top_degree);
    ranked("top_pagerank", s.top_pagerank);
    uint("component_count", s.component_sizes.size());
    key("component_sizes");
    writer_.StartArray();
    for (const std::size_t c : s.component_sizes) writer_.Uint64(c);
    writer_.EndArray();
    writer_.EndObject();
  }

  std::string_view view() const { return {buffer_.GetString(), buffer_.GetSize()}; }

 private:
  rapidjson::StringBuffer buffer_;
  Writer writer_;
};

}  // namespace silkgraph::graph
