// graph/queries.h on a small graph built here from records: neighbours with every option,
// shortest paths, entity cards, search and stats (PageRank checked against a plain power
// iteration).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "graph/queries.h"

namespace q = silkgraph::graph;
using q::Direction;
using q::KnowledgeGraph;
using q::NodeId;
using silkgraph::ingest::EntityType;
using silkgraph::ingest::Record;

namespace {

constexpr EntityType P = EntityType::Person, C = EntityType::Country, O = EntityType::Org;

struct Row {
  const char* doc;
  const char* date;
  const char* subject;
  EntityType subject_type;
  const char* relation;
  const char* object;
  EntityType object_type;
  std::uint32_t begin;
  const char* subject_text;
};

// Two components: ten nodes around Kazakhstan, and Lukashenko -LEADER_OF-> Belarus.
// Tokayev reaches Putin in two hops twice: via Xi (MEETS weight 2, MEETS 1) and via Kazakhstan
// (LEADER_OF 1, VISITS 1).
const Row kRows[] = {
    {"d1", "2024-07-03", "Xi Jinping", P, "MEETS", "Kassym-Jomart Tokayev", P, 0, "Xi"},
    {"d1", "2024-07-03", "Kassym-Jomart Tokayev", P, "LEADER_OF", "Kazakhstan", C, 40, "Tokayev"},
    {"d1", "2024-07-03", "Xi Jinping", P, "AWARDS", "Kassym-Jomart Tokayev", P, 80, "Xi"},
    {"d2", "2024-07-04", "Kassym-Jomart Tokayev", P, "MEETS", "Xi Jinping", P, 0, "Toqaev"},
    {"d3", "2025-01-10", "Vladimir Putin", P, "MEETS", "Xi Jinping", P, 0, "Putin"},
    {"d3", "2025-01-10", "Vladimir Putin", P, "LEADER_OF", "Russia", C, 40, "Putin"},
    {"d3", "2025-01-10", "Vladimir Putin", P, "VISITS", "Kazakhstan", C, 80, "Putin"},
    {"d4", "2023-05-19", "China", C, "TRADES_WITH", "Kazakhstan", C, 0, "China"},
    {"d4", "2023-05-19", "Russia", C, "TRADES_WITH", "Kazakhstan", C, 40, "Russia"},
    {"d5", "", "Emomali Rahmon", P, "LEADER_OF", "Tajikistan", C, 0, "Rahmon"},
    {"d5", "", "Emomali Rahmon", P, "VISITS", "China", C, 40, "Rahmon"},
    {"d5", "", "Kazakhstan", C, "MEMBER_OF", "Shanghai Cooperation Organisation", O, 80,
     "Kazakhstan"},
    {"d6", "2024-09-01",
     "Recep Tayyip Erdo\xC4\x9F"
     "an",
     P, "VISITS", "Kazakhstan", C, 0, "Erdogan"},
    {"d7", "2022-02-02", "Alexander Lukashenko", P, "LEADER_OF", "Belarus", C, 0, "Lukashenko"},
};

KnowledgeGraph sample() {
  KnowledgeGraph g;
  for (const char* name : {"MEETS", "TRADES_WITH"}) g.declare_relation(name, true);
  std::map<std::string, std::vector<Record>> by_doc;
  for (const Row& r : kRows) {
    Record x;
    x.doc = r.doc;
    if (*r.date) x.date = r.date;
    x.subject = r.subject;
    x.subject_type = r.subject_type;
    x.relation = r.relation;
    x.object = r.object;
    x.object_type = r.object_type;
    x.begin = r.begin;
    x.end = r.begin + 30;
    x.sentence = std::string(r.subject) + " " + r.relation + " " + r.object + ".";
    x.rule = "test.rule";
    x.subject_text = r.subject_text;
    x.object_text = r.object;
    by_doc[r.doc].push_back(x);
  }
  for (auto& [doc, records] : by_doc) g.merge_document(doc, records);
  return g;
}

NodeId id(const KnowledgeGraph& g, const char* name) {
  const auto v = g.find(name);
  REQUIRE(v);
  return *v;
}

// Rows rendered "hops via -RELATION/dir-> neighbour", in result order.
std::vector<std::string> render(const KnowledgeGraph& g, const q::Neighbourhood& n) {
  std::vector<std::string> out;
  for (const q::NeighbourRow& r : n.rows)
    out.push_back(std::to_string(r.hops) + " " + g.node(r.via).name + " -" +
                  g.edge(r.link.edge).relation + "/" +
                  std::string(q::direction_name(r.link.direction)) + "-> " + g.node(r.node).name);
  return out;
}

std::vector<std::string> render(const KnowledgeGraph& g, const q::Path& p) {
  std::vector<std::string> out;
  for (const q::PathHop& h : p.hops) {
    std::string hop = g.node(h.from).name + " ->";
    for (const q::Link& l : h.links)
      hop += " " + g.edge(l.edge).relation + "/" + std::string(q::direction_name(l.direction));
    out.push_back(hop + " -> " + g.node(h.to).name);
  }
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("query: neighbours: depth 1 in every direction; symmetric edges count as both") {
  const KnowledgeGraph g = sample();
  const NodeId tokayev = id(g, "Tokayev");
  q::NeighbourOptions o;
  const q::Neighbourhood both = q::neighbours(g, tokayev, o);
  CHECK(both.focus == tokayev);
  // Xi first: his edges weigh 3 together, Kazakhstan's 1.
  CHECK(render(g, both) == Strings{"1 Kassym-Jomart Tokayev -MEETS/both-> Xi Jinping",
                                   "1 Kassym-Jomart Tokayev -AWARDS/in-> Xi Jinping",
                                   "1 Kassym-Jomart Tokayev -LEADER_OF/out-> Kazakhstan"});
  CHECK(both.neighbours == 2);
  CHECK(both.neighbours_total == 2);

  o.direction = Direction::Out;
  CHECK(render(g, q::neighbours(g, tokayev, o)) ==
        Strings{"1 Kassym-Jomart Tokayev -MEETS/both-> Xi Jinping",
                "1 Kassym-Jomart Tokayev -LEADER_OF/out-> Kazakhstan"});
  o.direction = Direction::In;
  CHECK(render(g, q::neighbours(g, tokayev, o)) ==
        Strings{"1 Kassym-Jomart Tokayev -MEETS/both-> Xi Jinping",
                "1 Kassym-Jomart Tokayev -AWARDS/in-> Xi Jinping"});
  // Out of Kazakhstan: MEMBER_OF, and TRADES_WITH as it is symmetric. China and Russia tie on
  // weight and mentions: by name.
  o.direction = Direction::Out;
  CHECK(render(g, q::neighbours(g, id(g, "Kazakhstan"), o)) ==
        Strings{"1 Kazakhstan -TRADES_WITH/both-> China", "1 Kazakhstan -TRADES_WITH/both-> Russia",
                "1 Kazakhstan -MEMBER_OF/out-> Shanghai Cooperation Organisation"});
}

TEST_CASE("query: neighbours: relation, type, date, weight filters and the limit") {
  const KnowledgeGraph g = sample();
  const NodeId tokayev = id(g, "Kassym-Jomart Tokayev");
  q::NeighbourOptions o;
  o.edges.relations = {"LEADER_OF", "AWARDS"};
  // Equal weights: Kazakhstan has more mentions.
  CHECK(render(g, q::neighbours(g, tokayev, o)) ==
        Strings{"1 Kassym-Jomart Tokayev -LEADER_OF/out-> Kazakhstan",
                "1 Kassym-Jomart Tokayev -AWARDS/in-> Xi Jinping"});
  o = {};
  o.types = {C};
  CHECK(render(g, q::neighbours(g, tokayev, o)) ==
        Strings{"1 Kassym-Jomart Tokayev -LEADER_OF/out-> Kazakhstan"});
  o = {};
  o.edges.min_weight = 2;
  CHECK(render(g, q::neighbours(g, tokayev, o)) ==
        Strings{"1 Kassym-Jomart Tokayev -MEETS/both-> Xi Jinping"});
  o = {};
  o.limit = 1;
  const q::Neighbourhood limited = q::neighbours(g, tokayev, o);
  CHECK(limited.neighbours == 1);
  CHECK(limited.neighbours_total == 2);
  CHECK(limited.rows.size() == 2);  // both of Xi's edges

  // Only MEETS has evidence on or after 2024-07-04, and only that sentence is reported.
  o = {};
  o.edges.since = "2024-07-04";
  const q::Neighbourhood recent = q::neighbours(g, tokayev, o);
  REQUIRE(render(g, recent) == Strings{"1 Kassym-Jomart Tokayev -MEETS/both-> Xi Jinping"});
  const q::EdgeData& meets = g.edge(recent.rows[0].link.edge);
  REQUIRE(recent.rows[0].link.evidence.size() == 1);
  CHECK(meets.evidence[recent.rows[0].link.evidence[0]].doc == "d2");
  // Without a bound: every sentence, newest first.
  const q::Neighbourhood all = q::neighbours(g, tokayev, {});
  REQUIRE(all.rows[0].link.evidence.size() == 2);
  CHECK(meets.evidence[all.rows[0].link.evidence[0]].date == "2024-07-04");
  CHECK(meets.evidence[all.rows[0].link.evidence[1]].date == "2024-07-03");

  // Undated evidence never matches a date bound.
  o = {};
  o.edges.until = "2030-01-01";
  CHECK(q::neighbours(g, id(g, "Rahmon"), o).rows.empty());
  CHECK(q::neighbours(g, id(g, "Rahmon"), {}).rows.size() == 2);
}

TEST_CASE(
    "query: neighbours: --depth gives the ego network, each row an edge from one hop nearer") {
  const KnowledgeGraph g = sample();
  q::NeighbourOptions o;
  o.depth = 2;
  const q::Neighbourhood n = q::neighbours(g, id(g, "Tokayev"), o);
  // Putin -LEADER_OF-> Russia joins two nodes at hop 2: not a row. Rahmon is 3 hops away.
  CHECK(render(g, n) == Strings{
                            "1 Kassym-Jomart Tokayev -MEETS/both-> Xi Jinping",
                            "1 Kassym-Jomart Tokayev -AWARDS/in-> Xi Jinping",
                            "1 Kassym-Jomart Tokayev -LEADER_OF/out-> Kazakhstan",
                            "2 Xi Jinping -MEETS/both-> Vladimir Putin",
                            "2 Kazakhstan -VISITS/in-> Vladimir Putin",
                            "2 Kazakhstan -TRADES_WITH/both-> China",
                            "2 Kazakhstan -TRADES_WITH/both-> Russia",
                            "2 Kazakhstan -VISITS/in-> Recep Tayyip Erdo\xC4\x9F"
                            "an",
                            "2 Kazakhstan -MEMBER_OF/out-> Shanghai Cooperation Organisation",
                        });
  CHECK(n.neighbours == 7);
  o.depth = 3;
  const q::Neighbourhood three = q::neighbours(g, id(g, "Tokayev"), o);
  CHECK(render(g, three).back() == "3 China -VISITS/in-> Emomali Rahmon");
  CHECK(three.neighbours == 8);  // never Lukashenko or Belarus, nor Tajikistan (4 hops)

  // Out only, two hops: Tokayev -> Kazakhstan -> SCO, and MEETS both ways.
  o.depth = 2;
  o.direction = Direction::Out;
  CHECK(render(g, q::neighbours(g, id(g, "Tokayev"), o)) ==
        Strings{"1 Kassym-Jomart Tokayev -MEETS/both-> Xi Jinping",
                "1 Kassym-Jomart Tokayev -LEADER_OF/out-> Kazakhstan",
                "2 Xi Jinping -MEETS/both-> Vladimir Putin",
                "2 Kazakhstan -TRADES_WITH/both-> China", "2 Kazakhstan -TRADES_WITH/both-> Russia",
                "2 Kazakhstan -MEMBER_OF/out-> Shanghai Cooperation Organisation"});
  // With a type filter the walk passes only through those types.
  o = {};
  o.depth = 3;
  o.types = {P};
  CHECK(render(g, q::neighbours(g, id(g, "Tokayev"), o)) ==
        Strings{"1 Kassym-Jomart Tokayev -MEETS/both-> Xi Jinping",
                "1 Kassym-Jomart Tokayev -AWARDS/in-> Xi Jinping",
                "2 Xi Jinping -MEETS/both-> Vladimir Putin"});
}

TEST_CASE(
    "query: shortest_paths: the strongest path, all paths, filters, unreachable and trivial") {
  const KnowledgeGraph g = sample();
  const NodeId tokayev = id(g, "Tokayev"), putin = id(g, "Putin");
  q::PathOptions o;
  const q::PathResult one = q::shortest_paths(g, tokayev, putin, o);
  CHECK(one.length == 2);
  CHECK(one.count == 2);
  REQUIRE(one.paths.size() == 1);
  // Via Xi: MEETS (weight 2) + MEETS (1) beats LEADER_OF (1) + VISITS (1). Parallel edges are
  // links of one hop, strongest first.
  CHECK(render(g, one.paths[0]) ==
        Strings{"Kassym-Jomart Tokayev -> MEETS/both AWARDS/in -> Xi Jinping",
                "Xi Jinping -> MEETS/both -> Vladimir Putin"});
  CHECK(one.paths[0].weight == 3);
  const q::Link& first = one.paths[0].hops[0].links[0];
  CHECK(first.evidence.size() == 2);

  o.all = true;
  const q::PathResult all = q::shortest_paths(g, tokayev, putin, o);
  REQUIRE(all.paths.size() == 2);
  CHECK(render(g, all.paths[1]) == Strings{"Kassym-Jomart Tokayev -> LEADER_OF/out -> Kazakhstan",
                                           "Kazakhstan -> VISITS/in -> Vladimir Putin"});
  o.limit = 1;
  CHECK(q::shortest_paths(g, tokayev, putin, o).paths.size() == 1);
  CHECK(q::shortest_paths(g, tokayev, putin, o).count == 2);

  // Following only some relations can make the path longer or remove it.
  o = {};
  o.edges.relations = {"LEADER_OF", "VISITS"};
  const q::PathResult filtered = q::shortest_paths(g, tokayev, putin, o);
  CHECK(filtered.count == 1);
  REQUIRE(filtered.paths.size() == 1);
  CHECK(render(g, filtered.paths[0])[0] == "Kassym-Jomart Tokayev -> LEADER_OF/out -> Kazakhstan");
  o.edges.relations = {"LEADER_OF", "TRADES_WITH"};
  const q::PathResult longer = q::shortest_paths(g, tokayev, putin, o);
  CHECK(longer.length == 3);  // Tokayev -> Kazakhstan -> Russia <- Putin
  o.max_depth = 2;
  CHECK(q::shortest_paths(g, tokayev, putin, o).paths.empty());

  // Rahmon -> China -> Kazakhstan -> Tokayev: direction does not matter.
  const q::PathResult rahmon = q::shortest_paths(g, id(g, "Rahmon"), tokayev, {});
  CHECK(rahmon.length == 3);
  CHECK(q::shortest_paths(g, tokayev, id(g, "Lukashenko"), {}).paths.empty());
  CHECK(q::shortest_paths(g, tokayev, id(g, "Lukashenko"), {}).count == 0);
  const q::PathResult self = q::shortest_paths(g, tokayev, tokayev, {});
  CHECK(self.count == 1);
  REQUIRE(self.paths.size() == 1);
  CHECK(self.paths[0].hops.empty());
}

TEST_CASE("query: shortest_paths: counts paths over a lattice without listing them all") {
  KnowledgeGraph g;
  g.declare_relation("BORDERS", true);
  std::vector<Record> records;
  auto name = [](int layer, int k) {
    return "Node " + std::to_string(layer) + "-" + std::to_string(k);
  };
  std::uint32_t begin = 0;
  auto add = [&](const std::string& a, const std::string& b) {
    Record x;
    x.doc = "lattice";
    x.subject = a;
    x.subject_type = C;
    x.relation = "BORDERS";
    x.object = b;
    x.object_type = C;
    x.begin = begin;
    x.end = begin + 5;
    begin += 10;
    x.sentence = a + " borders " + b + ".";
    x.rule = "test.rule";
    records.push_back(x);
  };
  // Start, 12 layers of two nodes each joined to both nodes of the next, End: 2^12 paths.
  add("Start", name(0, 0));
  add("Start", name(0, 1));
  for (int layer = 0; layer < 11; ++layer)
    for (int a = 0; a < 2; ++a)
      for (int b = 0; b < 2; ++b) add(name(layer, a), name(layer + 1, b));
  add(name(11, 0), "End");
  add(name(11, 1), "End");
  g.merge_document("lattice", records);
  q::PathOptions o;
  o.all = true;
  o.limit = 5;
  const q::PathResult r = q::shortest_paths(g, id(g, "Start"), id(g, "End"), o);
  CHECK(r.length == 13);
  CHECK(r.count == 4096);
  CHECK(r.paths.size() == 5);
}

TEST_CASE("query: entity_card: relations grouped by type and direction") {
  const KnowledgeGraph g = sample();
  const q::EntityCard card = q::entity_card(g, id(g, "Kazakhstan"));
  CHECK(card.edges == 6);
  CHECK(card.documents == 5);  // d1 d3 d4 d5 d6
  CHECK(card.first_seen == "2023-05-19");
  CHECK(card.last_seen == "2025-01-10");
  Strings groups;
  for (const q::RelationGroup& r : card.relations) {
    std::string line = r.relation + "/" + std::string(q::direction_name(r.direction)) + ":";
    for (const q::Link& l : r.links) line += " " + g.node(q::other_end(g, card.node, l)).name;
    groups.push_back(line + " w" + std::to_string(r.weight));
  }
  CHECK(groups == Strings{"LEADER_OF/in: Kassym-Jomart Tokayev w1",
                          "MEMBER_OF/out: Shanghai Cooperation Organisation w1",
                          "TRADES_WITH/both: China Russia w2",
                          "VISITS/in: Recep Tayyip Erdo\xC4\x9F"
                          "an Vladimir Putin w2"});
  CHECK(card.relations[1].first_seen.empty());  // MEMBER_OF is undated
}

TEST_CASE("query: search: names and aliases, case- and accent-insensitive, ranked by match kind") {
  const KnowledgeGraph g = sample();
  auto names = [&](const q::SearchResult& r) {
    Strings out;
    for (const q::SearchHit& h : r.hits)
      out.push_back(g.node(h.node).name + " " + std::string(q::match_kind_name(h.kind)) + " " +
                    h.matched + (h.alias ? " (alias)" : ""));
    return out;
  };
  CHECK(names(q::search(g, "toka", 10)) == Strings{"Kassym-Jomart Tokayev prefix Tokayev (alias)"});
  CHECK(names(q::search(g, "  TOQAEV ", 10)) ==
        Strings{"Kassym-Jomart Tokayev exact Toqaev (alias)"});
  // The accent of "Erdoğan" is ignored both ways.
  CHECK(names(q::search(g, "erdogan", 10)) == Strings{"Recep Tayyip Erdo\xC4\x9F"
                                                      "an exact Erdogan (alias)"});
  CHECK(names(q::search(g,
                        "ERDO\xC4\x9E"
                        "AN",
                        10)) == Strings{"Recep Tayyip Erdo\xC4\x9F"
                                        "an exact Erdogan (alias)"});
  CHECK(names(q::search(g, "ta", 10)) == Strings{"Tajikistan prefix Tajikistan",
                                                 "Recep Tayyip Erdo\xC4\x9F"
                                                 "an word-prefix Recep Tayyip Erdo\xC4\x9F"
                                                 "an",
                                                 "Kazakhstan substring Kazakhstan"});
  // Among matches of one kind, more mentions first.
  const q::SearchResult a = q::search(g, "a", 3);
  CHECK(a.total > 3);
  REQUIRE(a.hits.size() == 3);
  CHECK(g.node(a.hits[0].node).name == "Alexander Lukashenko");  // the only prefix match
  CHECK(g.node(a.hits[1].node).mentions >= g.node(a.hits[2].node).mentions);
  CHECK(q::search(g, "", 10).hits.empty());
  CHECK(q::search(g, "zzz", 10).total == 0);
}

TEST_CASE(
    "query: stats: counts, dates, degree, PageRank as a plain power iteration gives it, "
    "components") {
  const KnowledgeGraph g = sample();
  const q::GraphStats s = q::stats(g, 3);
  CHECK(s.nodes == 12);
  CHECK(s.edges == 13);
  CHECK(s.documents == 7);
  CHECK(s.evidence == 14);
  CHECK(s.undated == 3);
  CHECK(s.first_date == "2022-02-02");
  CHECK(s.last_date == "2025-01-10");
  REQUIRE(s.types.size() == 3);
  CHECK(s.types[0].type == P);
  CHECK(s.types[0].nodes == 6);
  CHECK(s.types[1].nodes == 5);
  CHECK(s.types[2].nodes == 1);
  REQUIRE(s.relations.size() == 6);
  CHECK(s.relations[0].relation == "LEADER_OF");
  CHECK(s.relations[0].edges == 4);
  CHECK(s.relations[1].relation == "VISITS");
  CHECK(s.relations[2].relation == "MEETS");
  CHECK(s.relations[2].symmetric);
  CHECK(s.relations[2].weight == 3);
  CHECK(s.component_sizes == std::vector<std::size_t>{10, 2});
  REQUIRE(s.top_degree.size() == 3);
  CHECK(g.node(s.top_degree[0].node).name == "Kazakhstan");
  CHECK(s.top_degree[0].degree == 6);
  // Tokayev, Putin and Xi have 3 edges each: by name.
  CHECK(g.node(s.top_degree[1].node).name == "Kassym-Jomart Tokayev");
  CHECK(g.node(s.top_degree[2].node).name == "Vladimir Putin");
  CHECK(s.top_degree[2].degree == 3);

  // Reference: PageRank with damping 0.85, the rank of nodes without out-edges spread evenly.
  const q::Adjacency& a = g.adjacency();
  std::vector<NodeId> live;
  for (const NodeId v : boost::make_iterator_range(boost::vertices(a)))
    if (g.node(v).mentions > 0) live.push_back(v);
  const double n = static_cast<double>(live.size());
  std::map<NodeId, std::vector<NodeId>> out;
  for (const q::EdgeId e : boost::make_iterator_range(boost::edges(a))) {
    out[boost::source(e, a)].push_back(boost::target(e, a));
    if (a[e].symmetric) out[boost::target(e, a)].push_back(boost::source(e, a));
  }
  std::map<NodeId, double> rank;
  for (const NodeId v : live) rank[v] = 1 / n;
  for (int i = 0; i < 300; ++i) {
    double dangling = 0;
    for (const NodeId v : live)
      if (out[v].empty()) dangling += rank[v];
    std::map<NodeId, double> next;
    for (const NodeId v : live) next[v] = 0.15 / n + 0.85 * dangling / n;
    for (const NodeId v : live)
      for (const NodeId t : out[v]) next[t] += 0.85 * rank[v] / static_cast<double>(out[v].size());
    rank = next;
  }
  const q::GraphStats every = q::stats(g, 100);
  REQUIRE(every.top_pagerank.size() == live.size());
  double total = 0;
  for (const q::RankedNode& r : every.top_pagerank) {
    INFO(g.node(r.node).name);
    CHECK(r.pagerank == doctest::Approx(rank[r.node]).epsilon(1e-9));
    total += r.pagerank;
  }
  CHECK(total == doctest::Approx(1.0));
  CHECK(std::is_sorted(
      every.top_pagerank.begin(), every.top_pagerank.end(),
      [](const q::RankedNode& x, const q::RankedNode& y) { return x.pagerank > y.pagerank; }));

  const q::GraphStats empty = q::stats(KnowledgeGraph(), 10);
  CHECK(empty.nodes == 0);
  CHECK(empty.top_degree.empty());
  CHECK(empty.component_sizes.empty());
}
