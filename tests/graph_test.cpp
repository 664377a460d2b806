#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "common/error.h"
#include "graph/edge_line.h"
#include "graph/graph_file.h"
#include "graph/knowledge_graph.h"
#include "graph/records_reader.h"

using silkgraph::InputError;
using silkgraph::graph::EdgeData;
using silkgraph::graph::KnowledgeGraph;
using silkgraph::graph::MergeResult;
using silkgraph::graph::NodeData;
using silkgraph::ingest::EntityType;
using silkgraph::ingest::Record;
using Outcome = MergeResult::Outcome;

namespace {

struct R {
  const char* doc;
  const char* subject;
  EntityType subject_type;
  const char* relation;
  const char* object;
  EntityType object_type;
  std::uint32_t begin;
  const char* subject_text = "";
  const char* object_text = "";
  const char* rule = "test.rule";
  const char* date = "2024-07-03";
};

Record record(const R& r) {
  Record out;
  out.doc = r.doc;
  out.subject = r.subject;
  out.subject_type = r.subject_type;
  out.relation = r.relation;
  out.object = r.object;
  out.object_type = r.object_type;
  out.begin = r.begin;
  out.end = r.begin + 10;
  out.sentence = "Sentence at " + std::to_string(r.begin) + ".";
  out.rule = r.rule;
  if (*r.date) out.date = r.date;
  out.subject_text = r.subject_text;
  out.object_text = r.object_text;
  return out;
}

constexpr EntityType P = EntityType::Person, C = EntityType::Country, O = EntityType::Org;

std::vector<Record> sample() {
  const R rows[] = {
      {"a", "Xi Jinping", P, "MEETS", "Kassym-Jomart Tokayev", P, 0, "Xi", "Tokayev"},
      {"a", "Kassym-Jomart Tokayev", P, "LEADER_OF", "Kazakhstan", C, 0, "Tokayev", "Kazakh"},
      {"a", "China", C, "TRADES_WITH", "Kazakhstan", C, 20, "Chinese", "Kazakh"},
      {"b", "Kassym-Jomart Tokayev", P, "MEETS", "Xi Jinping", P, 5, "Toqaev", "Xi Jinping",
       "test.rule", "2024-07-04"},
      {"b", "China", C, "INVESTS_IN", "Kazakhstan", C, 40, "Beijing", "Kazakhstan", "test.rule",
       "2024-07-04"},
      {"c", "Vladimir Putin", P, "VISITS", "Kazakhstan", C, 0, "Putin", "Kazakhstan", "test.rule",
       ""},
      {"c", "Kazakhstan", C, "MEMBER_OF", "Shanghai Cooperation Organisation", O, 30, "Kazakhstan",
       "SCO", "test.rule", ""},
  };
  std::vector<Record> out;
  for (const R& r : rows) out.push_back(record(r));
  return out;
}

KnowledgeGraph new_graph() {
  KnowledgeGraph g;
  for (const char* name : {"MEETS", "TRADES_WITH", "COOPERATES_WITH"})
    g.declare_relation(name, true);
  return g;
}

// Merges records document by document, in the order the documents first appear.
KnowledgeGraph build(const std::vector<Record>& records) {
  KnowledgeGraph g = new_graph();
  std::vector<std::string> order;
  for (const Record& r : records)
    if (std::find(order.begin(), order.end(), r.doc) == order.end()) order.push_back(r.doc);
  for (const std::string& doc : order) {
    std::vector<Record> mine;
    for (const Record& r : records)
      if (r.doc == doc) mine.push_back(r);
    g.merge_document(doc, mine);
  }
  return g;
}

std::string text_of(const KnowledgeGraph& g) {
  std::ostringstream out;
  silkgraph::graph::write_graph(g, out);
  return out.str();
}

const NodeData& node(const KnowledgeGraph& g, const char* name) {
  const auto v = g.find(name);
  REQUIRE(v);
  return g.node(*v);
}

const EdgeData& edge(const KnowledgeGraph& g, const char* s, const char* relation, const char* t) {
  const auto e = g.find_edge(*g.find(s), relation, *g.find(t));
  REQUIRE(e);
  return g.edge(*e);
}

std::vector<std::string> aliases(const NodeData& n) {
  std::vector<std::string> out;
  for (const auto& a : n.aliases) out.push_back(a.first);
  return out;
}

// The message parse_graph throws for `text`, or "" if it loads.
std::string load_error(const std::string& text) {
  try {
    silkgraph::graph::parse_graph(text, "g.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("graph: node ids are type and slug of the canonical name") {
  using silkgraph::graph::node_id;
  CHECK(node_id(C, "Kazakhstan", false) == "country:kazakhstan");
  CHECK(node_id(P, "Kassym-Jomart Tokayev", false) == "person:kassym-jomart-tokayev");
  CHECK(node_id(P, "Sadyr Žaparov", false) == "person:sadyr-zaparov");
  CHECK(node_id(EntityType::City, "Xi'an", false) == "city:xi-an");
  CHECK(node_id(O, "  Carnegie Endowment (for) Peace ", false) ==
        "org:carnegie-endowment-for-peace");
  CHECK(node_id(O, "Foo Bar", true).rfind("org:foo-bar--", 0) == 0);
  CHECK(node_id(O, "Foo Bar", true).size() == std::string("org:foo-bar--").size() + 8);
  // Nothing left of the name in ASCII: the hash is the id.
  CHECK(node_id(P, "Си Цзиньпин", false).rfind("person:--", 0) == 0);
}

TEST_CASE("graph: alias merging, mentions, weight and dates") {
  const KnowledgeGraph g = build(sample());
  const NodeData& tokayev = node(g, "Toqaev");
  CHECK(tokayev.id == "person:kassym-jomart-tokayev");
  CHECK(tokayev.name == "Kassym-Jomart Tokayev");
  CHECK(aliases(tokayev) == std::vector<std::string>{"Tokayev", "Toqaev"});
  CHECK(tokayev.mentions == 3);  // two MEETS, one LEADER_OF
  CHECK(g.find("tokayev") == g.find("Kassym-Jomart Tokayev"));
  CHECK(g.find("TOQAEV") == g.find("kassym-jomart tokayev"));
  CHECK_FALSE(g.find("Nazarbayev"));
  CHECK(g.find_id("person:kassym-jomart-tokayev") == g.find("Toqaev"));
  // "Xi Jinping" as a surface form is the canonical name, not an alias.
  CHECK(aliases(node(g, "Xi")) == std::vector<std::string>{"Xi"});

  const EdgeData& meets = edge(g, "Xi", "MEETS", "Tokayev");
  CHECK(meets.symmetric);
  CHECK(meets.weight == 2);
  CHECK(meets.first_seen == "2024-07-03");
  CHECK(meets.last_seen == "2024-07-04");
  CHECK(edge(g, "Putin", "VISITS", "Kazakhstan").first_seen.empty());
  CHECK(g.node_count() == 6);
  CHECK(g.edge_count() == 6);
  CHECK(g.documents().size() == 3);
}

TEST_CASE("graph: a symmetric edge is stored once, a directed one per direction") {
  std::vector<Record> records = {
      record({"a", "China", C, "MEETS", "Russia", C, 0}),
      record({"b", "Russia", C, "MEETS", "China", C, 0}),
      record({"a", "China", C, "SUPPORTS", "Russia", C, 20}),
      record({"b", "Russia", C, "SUPPORTS", "China", C, 20}),
  };
  const KnowledgeGraph g = build(records);
  CHECK(g.edge_count() == 3);
  CHECK(edge(g, "China", "MEETS", "Russia").weight == 2);
  CHECK(g.find_edge(*g.find("Russia"), "MEETS", *g.find("China")) ==
        g.find_edge(*g.find("China"), "MEETS", *g.find("Russia")));
  CHECK(edge(g, "Russia", "SUPPORTS", "China").weight == 1);
  // In the file the symmetric edge points from the smaller id, whichever came first.
  std::reverse(records.begin(), records.end());
  const std::string text = text_of(g);
  CHECK(text == text_of(build(records)));
  CHECK(text.find(
            "{\"source\":\"country:china\",\"relation\":\"MEETS\",\"target\":\"country:russia\","
            "\"symmetric\":true,\"weight\":2,") != std::string::npos);
  CHECK(text.find("\"target\":\"country:china\",\"symmetric\":true") == std::string::npos);
}

TEST_CASE("graph: evidence is deduplicated by document, offset and rule") {
  const KnowledgeGraph g = build({
      record({"a", "China", C, "MEETS", "Russia", C, 0, "Beijing", "Moscow"}),
      record({"a", "Russia", C, "MEETS", "China", C, 0, "Moscow", "Chinese"}),  // same, reversed
      record({"a", "China", C, "MEETS", "Russia", C, 0, "", "", "other.rule"}),
  });
  const EdgeData& e = edge(g, "China", "MEETS", "Russia");
  REQUIRE(e.evidence.size() == 2);
  CHECK(e.weight == 1);  // one sentence, two rules
  CHECK(e.evidence[1].rule == "test.rule");
  // Of two texts for one side, the smaller is kept, whatever the order of the records.
  CHECK(aliases(node(g, "China")) == std::vector<std::string>{"Beijing"});
  CHECK(node(g, "China").mentions == 2);
}

TEST_CASE("graph: negated and proposed records stay out of the graph") {
  std::vector<Record> records = sample();
  records[0].negated = true;
  records[3].modality = "proposed";
  KnowledgeGraph g = new_graph();
  const MergeResult a = g.merge_document("a", {records[0], records[1], records[2]});
  CHECK(a.asserted == 2);
  CHECK(a.unasserted == 1);
  const MergeResult b = g.merge_document("b", {records[3], records[4]});
  CHECK(b.unasserted == 1);
  // Xi's only relation was negated: no node to find, so no MEETS edge either.
  CHECK_FALSE(g.find("Xi Jinping"));
  // A document with only unasserted records is still remembered for --append.
  Record negated = records[0];
  negated.doc = "x";
  CHECK(g.merge_document("x", {negated}).outcome == Outcome::Added);
  CHECK(g.documents().count("x") == 1);
}

TEST_CASE("graph: records in any order and any grouping give the same file") {
  std::vector<Record> records = sample();
  const std::string expected = text_of(build(records));
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(records.begin(), records.end(), rng);
    CHECK(text_of(build(records)) == expected);
  }
  // A record given twice (an overlapping shard) changes nothing.
  records.push_back(records.front());
  CHECK(text_of(build(records)) == expected);
}

TEST_CASE("graph: save, load and save again gives the same bytes") {
  const KnowledgeGraph g = build(sample());
  const std::string text = text_of(g);
  const KnowledgeGraph loaded = silkgraph::graph::parse_graph(text, "g.json");
  CHECK(text_of(loaded) == text);
  CHECK(loaded.node_count() == g.node_count());
  CHECK(loaded.edge_count() == g.edge_count());
  CHECK(aliases(node(loaded, "Toqaev")) == std::vector<std::string>{"Tokayev", "Toqaev"});
  CHECK(loaded.is_symmetric("MEETS"));
  CHECK_FALSE(loaded.is_symmetric("VISITS"));
  CHECK(loaded.documents().at("b").hash == g.documents().at("b").hash);
  CHECK(text.rfind("{\n\"format\": \"silkgraph-graph\",\n\"version\": 1,\n\"nodes\": [\n"
                   "{\"id\":\"country:china\",\"name\":\"China\",\"type\":\"COUNTRY\","
                   "\"aliases\":[\"Beijing\",\"Chinese\"],\"mentions\":2},\n",
                   0) == 0);
  // An empty graph round-trips too.
  const std::string empty = text_of(KnowledgeGraph());
  CHECK(empty ==
        "{\n\"format\": \"silkgraph-graph\",\n\"version\": 1,\n\"nodes\": [\n],\n"
        "\"edges\": [\n],\n\"documents\": [\n]\n}\n");
  CHECK(text_of(silkgraph::graph::parse_graph(empty, "g.json")) == empty);
}

TEST_CASE("graph file: any JSON layout loads, the written one and a reformatted one alike") {
  const KnowledgeGraph g = build(sample());
  const std::string text = text_of(g);
  // The same JSON with other whitespace: one line, and spaces around every comma.
  std::string one_line, spaced;
  for (const char c : text) {
    if (c != '\n') one_line += c;
    spaced += c == ',' ? std::string(" ,\n  ") : std::string(1, c);
  }
  CHECK(text_of(silkgraph::graph::parse_graph(one_line, "g.json")) == text);
  CHECK(text_of(silkgraph::graph::parse_graph(spaced, "g.json")) == text);
  // A file in the written layout with a bad element is reported at that element's line.
  std::string bad = text;
  const std::size_t at = bad.find("\"mentions\":2");
  REQUIRE(at != std::string::npos);
  bad.replace(at, 12, "\"mentions\":9");
  CHECK(load_error(bad).rfind("g.json:5:1: node: \"mentions\" is 9 but the evidence gives 2", 0) == 0);
}

TEST_CASE("graph file: an element that is not an object, in the written layout, is an error (fuzz finding)") {
  // fuzz_graph_file: the line-by-line loader reported it with an empty position, which the
  // message code turned into a vector of negative size ("cannot create std::vector ...").
  const std::string text = text_of(build(sample()));
  for (const auto& [section, replacement, expected] :
       {std::tuple{"\"edges\": [\n", "[1]", "edge 0 is an array, expected an object"},
        std::tuple{"\"nodes\": [\n", "\"x\"", "node 0 is a string, expected an object"}}) {
    INFO(expected);
    std::string bad = text;
    const std::size_t first = bad.find(section) + std::strlen(section);
    bad.replace(first, bad.find('\n', first) - first - 1, replacement);  // keeps the ','
    const std::string message = load_error(bad);
    CHECK(message.rfind("g.json:", 0) == 0);
    CHECK(message.find(expected) != std::string::npos);
  }
}

// The lines of `text` (the written layout) that hold elements of `section` ("nodes", ...).
std::vector<std::string> element_lines(const std::string& text, const std::string& section) {
  std::vector<std::string> out;
  std::istringstream in(text);
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line == "\"" + section + "\": [") {
      inside = true;
    } else if (inside && (line == "]," || line == "]")) {
      break;
    } else if (inside) {
      if (line.back() == ',') line.pop_back();
      out.push_back(line);
    }
  }
  return out;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

TEST_CASE("graph file: elements out of the written order load the same graph (full parse)") {
  const std::string text = text_of(build(sample()));
  // Loading line by line relies on written order; anything else takes the whole-file parse,
  // which must give the same graph, so saving it again gives the written bytes.
  const std::vector<std::string> nodes = element_lines(text, "nodes"),
                                  edges = element_lines(text, "edges");
  REQUIRE(nodes.size() >= 2);
  REQUIRE(edges.size() >= 2);
  const std::string nodes_swapped =
      replaced(text, nodes[0] + ",\n" + nodes[1], nodes[1] + ",\n" + nodes[0]);
  const std::string edges_swapped =
      replaced(text, edges[0] + ",\n" + edges[1], edges[1] + ",\n" + edges[0]);
  // The MEETS edge has evidence from documents "a" and "b": list "b" first.
  std::string meets;
  for (const std::string& line : edges)
    if (line.find("\"MEETS\"") != std::string::npos) meets = line;
  REQUIRE(!meets.empty());
  const std::size_t a = meets.find("{\"doc\":\"a\""), b = meets.find(",{\"doc\":\"b\"");
  REQUIRE(a != std::string::npos);
  REQUIRE(b != std::string::npos);
  const std::size_t b_end = meets.find("]}", b);
  std::string reordered = meets.substr(0, a) + meets.substr(b + 1, b_end - b - 1) + "," +
                          meets.substr(a, b - a) + meets.substr(b_end);
  const std::string evidence_swapped = replaced(text, meets, reordered);
  // A symmetric edge written from the larger id, its texts swapped to match.
  const std::string from_larger = replaced(
      replaced(replaced(meets, "\"source_text\":\"Tokayev\",\"target_text\":\"Xi\"",
                        "\"source_text\":\"Xi\",\"target_text\":\"Tokayev\""),
               "\"source_text\":\"Toqaev\",\"target_text\":\"Xi Jinping\"",
               "\"source_text\":\"Xi Jinping\",\"target_text\":\"Toqaev\""),
      "\"source\":\"person:kassym-jomart-tokayev\",\"relation\":\"MEETS\",\"target\":\"person:xi-jinping\"",
      "\"source\":\"person:xi-jinping\",\"relation\":\"MEETS\",\"target\":\"person:kassym-jomart-tokayev\"");
  const std::string reversed = replaced(text, meets, from_larger);
  for (const std::string& variant : {nodes_swapped, edges_swapped, evidence_swapped, reversed}) {
    CAPTURE(variant);
    CHECK(variant != text);
    CHECK(text_of(silkgraph::graph::parse_graph(variant, "g.json")) == text);
  }
  // Two lines for one edge are still refused, whatever their order.
  CHECK(load_error(replaced(text, edges[0] + ",\n", edges[0] + ",\n" + edges[0] + ",\n"))
            .find("is listed twice") != std::string::npos);
}

TEST_CASE("graph: edges of a loaded graph are found before and after it changes") {
  const KnowledgeGraph built = build(sample());
  KnowledgeGraph loaded = silkgraph::graph::parse_graph(text_of(built), "g.json");
  // Symmetric: either way round; directed: only the way it points.
  CHECK(edge(loaded, "Xi Jinping", "MEETS", "Tokayev").weight == 2);
  CHECK(edge(loaded, "Tokayev", "MEETS", "Xi Jinping").weight == 2);
  CHECK(loaded.find_edge(*loaded.find("Putin"), "VISITS", *loaded.find("Kazakhstan")));
  CHECK_FALSE(loaded.find_edge(*loaded.find("Kazakhstan"), "VISITS", *loaded.find("Putin")));
  CHECK_FALSE(loaded.find_edge(*loaded.find("Putin"), "MEETS", *loaded.find("Kazakhstan")));
  // A change builds the edge index; a merged record joins the loaded edge, not a new one.
  const std::size_t edges = loaded.edge_count();
  loaded.merge_document("d", {record({"d", "Xi Jinping", P, "MEETS", "Kassym-Jomart Tokayev", P, 3,
                                      "Xi", "Tokayev"})});
  CHECK(loaded.edge_count() == edges);
  CHECK(edge(loaded, "Tokayev", "MEETS", "Xi").weight == 3);
}

TEST_CASE("graph: a loaded graph links every node to its out- and in-edges as a built one does") {
  // The line-by-line loader adds Boost's edge records itself (add_loaded_edges); in-edges are
  // what neighbour queries and removals walk, and write_graph() does not show them.
  const KnowledgeGraph built = build(sample());
  const KnowledgeGraph loaded = silkgraph::graph::parse_graph(text_of(built), "g.json");
  auto incidence = [](const KnowledgeGraph& g) {
    const auto& a = g.adjacency();
    std::vector<std::string> out;
    for (const auto v : boost::make_iterator_range(boost::vertices(a))) {
      for (const auto e : boost::make_iterator_range(boost::out_edges(v, a)))
        out.push_back(a[v].id + " out " + a[e].relation + " " + a[boost::target(e, a)].id);
      for (const auto e : boost::make_iterator_range(boost::in_edges(v, a)))
        out.push_back(a[v].id + " in " + a[e].relation + " " + a[boost::source(e, a)].id + " " +
                      std::to_string(a[e].weight));
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(loaded.edge_count() == built.edge_count());
  CHECK(boost::num_edges(loaded.adjacency()) == boost::num_edges(built.adjacency()));
  CHECK(incidence(loaded).size() == 2 * built.edge_count());
  CHECK(incidence(loaded) == incidence(built));
}

TEST_CASE("graph: a loaded graph replaces and removes documents like the one it was saved from") {
  KnowledgeGraph built = build(sample());
  KnowledgeGraph loaded = silkgraph::graph::parse_graph(text_of(built), "g.json");
  const std::vector<Record> replacement{record({"b", "China", C, "SANCTIONS", "Russia", C, 7})};
  CHECK(built.merge_document("b", replacement).outcome == Outcome::Replaced);
  CHECK(loaded.merge_document("b", replacement).outcome == Outcome::Replaced);
  CHECK(text_of(loaded) == text_of(built));
  CHECK(built.remove_document("c"));
  CHECK(loaded.remove_document("c"));
  CHECK(text_of(loaded) == text_of(built));
}

TEST_CASE("graph: merging a document again is not counted twice, new content replaces it") {
  KnowledgeGraph g = build(sample());
  const std::string before = text_of(g);
  std::vector<Record> b;
  for (const Record& r : sample())
    if (r.doc == "b") b.push_back(r);
  std::reverse(b.begin(), b.end());
  CHECK(g.merge_document("b", b).outcome == Outcome::Unchanged);
  CHECK(text_of(g) == before);

  // "b" now says something else: its MEETS and INVESTS_IN evidence goes, the new edge comes.
  const MergeResult r =
      g.merge_document("b", {record({"b", "China", C, "SANCTIONS", "Russia", C, 7})});
  CHECK(r.outcome == Outcome::Replaced);
  CHECK(edge(g, "Xi", "MEETS", "Tokayev").weight == 1);
  CHECK_FALSE(g.find_edge(*g.find("China"), "INVESTS_IN", *g.find("Kazakhstan")));
  CHECK(aliases(node(g, "Tokayev")) == std::vector<std::string>{"Tokayev"});
  CHECK_FALSE(g.find("Toqaev"));
  CHECK(edge(g, "Xi", "MEETS", "Tokayev").last_seen == "2024-07-03");

  // The result equals a fresh build of the same final documents.
  std::vector<Record> final_records;
  for (const Record& x : sample())
    if (x.doc != "b") final_records.push_back(x);
  final_records.push_back(record({"b", "China", C, "SANCTIONS", "Russia", C, 7}));
  CHECK(text_of(g) == text_of(build(final_records)));

  // Removing a document drops the edges and nodes only it supported.
  CHECK(g.remove_document("c"));
  CHECK_FALSE(g.remove_document("c"));
  CHECK_FALSE(g.find("Putin"));
  CHECK(text_of(g).find("vladimir-putin") == std::string::npos);
  CHECK(text_of(silkgraph::graph::parse_graph(text_of(g), "g.json")) == text_of(g));
}

TEST_CASE("graph: names sharing a slug get hashed ids, whatever came first") {
  const Record foo1 = record({"a", "Foo Bar", O, "MEMBER_OF", "SCO", O, 0});
  const Record foo2 = record({"b", "Foo-Bar", O, "MEMBER_OF", "SCO", O, 0});
  KnowledgeGraph g = new_graph();
  g.merge_document("a", {foo1});
  CHECK(node(g, "Foo Bar").id == "org:foo-bar");
  g.merge_document("b", {foo2});
  CHECK(node(g, "Foo Bar").id != node(g, "Foo-Bar").id);
  CHECK(node(g, "Foo Bar").id.rfind("org:foo-bar--", 0) == 0);
  CHECK(text_of(g) == text_of(build({foo2, foo1})));
  CHECK(text_of(silkgraph::graph::parse_graph(text_of(g), "g.json")) == text_of(g));
  // Once one of them is gone, the other gets its plain id back.
  g.remove_document("a");
  CHECK(node(g, "Foo-Bar").id == "org:foo-bar");
  CHECK(text_of(g) == text_of(build({foo2})));
}

TEST_CASE("graph: record_hash ignores order and duplicates, sees any change") {
  using silkgraph::graph::record_hash;
  std::vector<Record> records = sample();
  const auto h = record_hash(records);
  std::reverse(records.begin(), records.end());
  CHECK(record_hash(records) == h);
  records.push_back(records[2]);
  CHECK(record_hash(records) == h);
  records.back().object_text = "changed";
  CHECK(record_hash(records) != h);
  CHECK(record_hash({}) == 0xcbf29ce484222325ull);
}

TEST_CASE("graph file: corrupt, truncated and wrong files are clear errors") {
  const std::string good = text_of(build(sample()));
  struct Case {
    std::string text;
    const char* error;
  };
  // `good` with the first (or every) `from` made `to`.
  auto replace = [&](const std::string& from, const std::string& to, bool every = false) {
    std::string s = good;
    std::size_t at = s.find(from);
    REQUIRE(at != std::string::npos);
    do {
      s.replace(at, from.size(), to);
      at = s.find(from, at + to.size());
    } while (every && at != std::string::npos);
    return s;
  };
  const Case cases[] = {
      {"",
       "g.json:1:1: malformed JSON (The document is empty); the graph file is damaged or "
       "truncated; rebuild it with 'silkgraph build'"},
      {good.substr(0, good.size() / 2), nullptr},  // truncated: checked below for the prefix only
      {"[1, 2]",
       "g.json:1:1: not a silkgraph graph file (expected a JSON object with \"format\": "
       "\"silkgraph-graph\")"},
      {"{\"nodes\": []}",
       "g.json:1:1: not a silkgraph graph file (no \"format\": \"silkgraph-graph\")"},
      {"{\"format\": \"gexf\"}",
       "g.json:1:1: not a silkgraph graph file (\"format\" is \"gexf\", expected "
       "\"silkgraph-graph\")"},
      {replace("\"version\": 1", "\"version\": 2"),
       "g.json:1:1: graph file version 2 is not supported (this silkgraph reads version 1); "
       "rebuild the graph with this silkgraph, or use the silkgraph that wrote it"},
      {replace("\"version\": 1", "\"version\": \"1\""),
       "g.json:1:1: missing or non-integer \"version\"; the graph file is damaged; rebuild it with "
       "'silkgraph build'"},
      {replace("\"mentions\":2}", "\"mentions\":-2}"),
       "g.json:5:1: node: \"mentions\" is a number, expected a non-negative integer; the graph "
       "file "
       "is damaged; rebuild it with 'silkgraph build'"},
      {replace("\"mentions\":2}", "\"mentions\":3}"),
       "g.json:5:1: node: \"mentions\" is 3 but the evidence gives 2; the graph file is damaged; "
       "rebuild it with 'silkgraph build'"},
      {replace("\"type\":\"COUNTRY\"", "\"type\":\"NATION\""),
       "g.json:5:1: node: unknown entity type \"NATION\"; the graph file is damaged; rebuild it "
       "with 'silkgraph build'"},
      {replace("\"source\":\"country:china\"", "\"source\":\"country:cathay\""),
       "g.json:13:1: edge: source \"country:cathay\" is not a node; the graph file is damaged; "
       "rebuild it with 'silkgraph build'"},
      {replace("\"weight\":1", "\"weight\":4"),
       "g.json:13:1: edge: \"weight\" is 4 but the evidence gives 1; the graph file is damaged; "
       "rebuild it with 'silkgraph build'"},
      {replace("\"offset\":[40,50]", "\"offset\":[50,40]"),
       "g.json:13:173: evidence: \"offset\" must be [begin, end] with 0 <= begin <= end < 2^32; "
       "the graph file is damaged; rebuild it with 'silkgraph build'"},
      {replace("\"doc\":\"b\"", "\"doc\":\"z\""),
       "g.json:13:173: evidence: document \"z\" is not in \"documents\"; the graph file is "
       "damaged; rebuild it with 'silkgraph build'"},
      {replace("\"country:china\"", "\"country:prc\"", true),
       "g.json:5:1: node: id \"country:prc\" does not match the type and name (expected "
       "\"country:china\"); the graph file is damaged; rebuild it with 'silkgraph build'"},
      {replace("\"format\": \"silkgraph-graph\",",
               "\"format\": \"silkgraph-graph\", \"extra\": 1,"),
       "g.json:1:1: unknown key \"extra\"; the graph file is damaged; rebuild it with 'silkgraph "
       "build'"},
      {good + "{}", nullptr},
  };
  for (const Case& c : cases) {
    INFO(c.text.substr(0, 200));
    const std::string error = load_error(c.text);
    if (c.error) {
      CHECK(error == c.error);
    } else {
      CHECK(error.rfind("g.json:", 0) == 0);
      CHECK(error.find("malformed JSON (") != std::string::npos);
    }
  }
  // A truncated file names the line and column where it ends.
  const std::string truncated = good.substr(0, good.find("\"edges\"") + 12);
  CHECK(load_error(truncated) ==
        "g.json:13:2: malformed JSON (Missing a name for object member); the graph file is "
        "damaged or truncated; rebuild it with 'silkgraph build'");
}

TEST_CASE("records: parse_record_line checks every field of the record contract") {
  const std::string good =
      "{\"doc\":\"d\",\"subject\":\"Xi "
      "Jinping\",\"subject_type\":\"PERSON\",\"relation\":\"MEETS\","
      "\"object\":\"Vladimir Putin\",\"object_type\":\"PERSON\",\"sentence\":\"Xi met Putin.\","
      "\"offset\":[3,16],\"rule\":\"meets.met\",\"negated\":false,\"modality\":\"asserted\","
      "\"date\":\"2024-07-03\",\"subject_text\":\"Xi\",\"object_text\":\"Putin\",\"extra\":1}";
  Record r;
  CHECK_FALSE(silkgraph::graph::parse_record_line(good, r));
  CHECK(silkgraph::ingest::render(r) == "Xi Jinping -MEETS-> Vladimir Putin");
  CHECK(r.begin == 3);
  CHECK(r.end == 16);
  CHECK(*r.date == "2024-07-03");
  CHECK(r.object_text == "Putin");

  auto problem = [&](const std::string& from, const std::string& to) {
    std::string line = good;
    line.replace(line.find(from), from.size(), to);
    const auto p = silkgraph::graph::parse_record_line(line, r);
    return p ? (p->column ? std::to_string(p->column) + ": " : "") + p->what : std::string("ok");
  };
  CHECK(problem("\"date\":\"2024-07-03\"", "\"date\":null") == "ok");
  CHECK(problem(",\"subject_text\":\"Xi\"", "") == "ok");
  CHECK(problem("{\"doc\"", "{\"doc\" \"d\", \"x\"") ==
        "8: malformed JSON (Missing a colon after a name of object member)");
  CHECK(problem("\"subject\":\"Xi Jinping\",", "") == "record has no \"subject\" string");
  CHECK(problem("\"doc\":\"d\"", "\"doc\":\"\"") == "record has an empty \"doc\"");
  CHECK(problem("\"subject_type\":\"PERSON\"", "\"subject_type\":\"PERSN\"") ==
        "unknown \"subject_type\" \"PERSN\" (expected PERSON, COUNTRY, REGION, CITY or ORG)");
  CHECK(problem("[3,16]", "[16,3]") == "\"offset\" must be [begin, end] with 0 <= begin <= end");
  CHECK(problem("[3,16]", "[3]") == "\"offset\" must be [begin, end] with 0 <= begin <= end");
  CHECK(problem("\"negated\":false", "\"negated\":\"no\"") == "record has no \"negated\" boolean");
  CHECK(problem("\"2024-07-03\"", "\"July 3\"") ==
        "\"date\" is \"July 3\", expected YYYY-MM-DD or null");
  CHECK(problem("\"sentence\":\"Xi met Putin.\"", "\"sentence\":7") ==
        "\"sentence\" is not a string");
  CHECK(problem("\"Xi met Putin.\"", "\"Xi met \\udc00.\"") == "invalid UTF-8 in \"sentence\"");
  CHECK(!silkgraph::graph::parse_record_line("[1]", r).value().what.empty());
}

TEST_CASE("graph file: deeply nested JSON is an error, not a stack overflow (fuzz finding)") {
  // fuzz_graph_file: RapidJSON's recursive parser ran out of stack on nested arrays.
  const std::string nested = "{\"format\": " + std::string(1000000, '[');
  CHECK(load_error(nested).rfind("g.json:1:", 0) == 0);
}

TEST_CASE("records: a record line with deeply nested values is an error, not a stack overflow") {
  Record r;
  const std::string line = "{\"doc\": " + std::string(1000000, '[') + std::string(1000000, ']') + "}";
  const auto problem = silkgraph::graph::parse_record_line(line, r);
  CHECK(problem);
}

TEST_CASE("graph file: an escape that decodes to invalid UTF-8 is an error (fuzz finding)") {
  // fuzz_graph_file: "\udc00" (a lone low surrogate) passed RapidJSON, which checks the bytes of
  // the file, not what escapes decode to; the graph then saved a file that did not load.
  std::string text = text_of(build(sample()));
  const std::size_t at = text.find("\"sentence\":\"") + 12;
  text.insert(at, "\\udc00");
  const std::string message = load_error(text);
  CHECK(message.rfind("g.json:", 0) == 0);
  CHECK(message.find("evidence: \"sentence\" is not valid UTF-8") != std::string::npos);
}

TEST_CASE("graph file: a NUL byte inside an element line is an error (fuzz finding)") {
  // fuzz_graph_file: lines of the written layout are parsed in place, and an in-place parse
  // ends at the first NUL, so "{...}\0 junk" loaded though the file is not JSON.
  const std::string text = text_of(build(sample()));
  for (const char* section : {"nodes", "edges", "documents"}) {
    const std::string line = element_lines(text, section).front();
    std::string bad = text;
    bad.insert(bad.find(line) + line.size(), std::string("\0", 1));
    CAPTURE(section);
    CHECK(load_error(bad).rfind("g.json:", 0) == 0);
  }
}

namespace {

// read_edge_line() on a copy of `line` with the byte to spare it may write.
bool read_line(const std::string& line, silkgraph::graph::EdgeFields& f, std::string& buffer) {
  buffer = line + '\n';
  f = {};
  return silkgraph::graph::read_edge_line(buffer.data(), line.size(), f);
}

const std::string kPlainEdge =
    R"({"source":"city:almaty","relation":"MEETS","target":"person:xi-jinping","symmetric":true,)"
    R"("weight":2,"first_seen":"2024-05-01","last_seen":"2024-06-30","evidence":[)"
    R"({"doc":"d1","date":"2024-05-01","sentence":"Xi met officials in Almaty.","offset":[0,27],)"
    R"("rule":"meet.v","source_text":"Almaty","target_text":"Xi"},)"
    R"({"doc":"d2","date":"2024-06-30","sentence":"Ялта","offset":[4294967295,4294967295],)"
    R"("rule":"meet.v","source_text":"","target_text":"Xi"}]})";

}  // namespace

TEST_CASE("graph file: an edge line without escapes is read where it stands") {
  silkgraph::graph::EdgeFields f;
  std::string buffer;
  REQUIRE(read_line(kPlainEdge, f, buffer));
  CHECK(f.source == "city:almaty");
  CHECK(f.relation == "MEETS");
  CHECK(f.target == "person:xi-jinping");
  CHECK(f.symmetric);
  CHECK(f.weight == 2);
  CHECK(f.first_seen == "2024-05-01");
  CHECK(f.last_seen == "2024-06-30");
  REQUIRE(f.evidence.size() == 2);
  CHECK(f.evidence[0].doc == "d1");
  CHECK(f.evidence[0].sentence == "Xi met officials in Almaty.");
  CHECK(f.evidence[0].begin == 0);
  CHECK(f.evidence[0].end == 27);
  CHECK(f.evidence[0].rule == "meet.v");
  CHECK(f.evidence[0].source_text == "Almaty");
  CHECK(f.evidence[1].sentence == "Ялта");
  CHECK(f.evidence[1].begin == 4294967295u);
  CHECK(f.evidence[1].source_text.empty());
  // The texts are the line's own bytes, not copies, and the line is left as it was.
  CHECK(f.evidence[0].sentence.data() >= buffer.data());
  CHECK(f.evidence[0].sentence.data() < buffer.data() + buffer.size());
  CHECK(buffer == kPlainEdge + '\n');

  SUBCASE("escapes are decoded") {
    std::string line = kPlainEdge;
    line.replace(line.find("Xi met"), 2, R"(\"Xi\" \u00e9)");
    REQUIRE(read_line(line, f, buffer));
    CHECK(f.evidence[0].sentence == "\"Xi\" \xc3\xa9 met officials in Almaty.");
  }
  SUBCASE("whitespace between tokens is valid JSON, read the same") {
    std::string line = kPlainEdge;
    line.replace(line.find(",\"relation\""), 1, " ,\t");
    REQUIRE(read_line(line, f, buffer));
    CHECK(f.relation == "MEETS");
    CHECK(f.evidence.size() == 2);
  }
  SUBCASE("what is not JSON, or not the written layout, is refused") {
    auto replaced = [](std::string_view from, std::string_view to) {
      std::string line = kPlainEdge;
      line.replace(line.find(from), from.size(), to);
      return line;
    };
    for (const std::string& bad :
         {replaced("\"weight\":2", "\"weight\":02"), replaced("\"weight\":2", "\"weight\":-2"),
          replaced("\"weight\":2", "\"weight\":2.0"), replaced("\"weight\":2", "\"weight\":2e0"),
          replaced("\"weight\":2", "\"weight\":18446744073709551616"),
          replaced("[0,27]", "[0,4294967296]"), replaced("[0,27]", "[0]"),
          replaced("Almaty.", "Alma\tty."), replaced("Almaty.", "Alma\x01ty."),
          replaced("Almaty.", "Alma\xffty."), replaced("\"symmetric\":true", "\"symmetric\":tru"),
          replaced("\"relation\":\"MEETS\",", ""), replaced("\"weight\":2,", "") + "x",
          replaced("\"source\"", "\"target\""), kPlainEdge + "}", kPlainEdge + " x",
          kPlainEdge.substr(0, kPlainEdge.size() - 1), replaced("Almaty.\"", "Almaty.")}) {
      CAPTURE(bad);
      CHECK_FALSE(read_line(bad, f, buffer));
    }
  }
}

TEST_CASE("graph file: whatever edge line is read, a JSON parser reads the same values") {
  // Every one-byte insertion and deletion of a written line: any line read_edge_line() takes
  // must be JSON whose values are the fields it gave.
  const std::string inserts[] = {"\"", "\\", ",", " ", "0", "9", "}", "]", "[", "x", "\t", "\x01",
                                 "\xc3", "\\\"", "\\u0041", "-", "."};
  std::size_t read = 0, tried = 0;
  auto check = [&](const std::string& line) {
    ++tried;
    silkgraph::graph::EdgeFields f;
    std::string buffer;
    if (!read_line(line, f, buffer)) return;
    ++read;
    rapidjson::Document d;
    d.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
    INFO(line);
    REQUIRE_FALSE(d.HasParseError());
    auto text = [](const rapidjson::Value& v) {
      return std::string(v.GetString(), v.GetStringLength());
    };
    CHECK(text(d["source"]) == f.source);
    CHECK(text(d["relation"]) == f.relation);
    CHECK(text(d["target"]) == f.target);
    CHECK(d["symmetric"].GetBool() == f.symmetric);
    CHECK(d["weight"].GetUint64() == f.weight);
    CHECK(text(d["first_seen"]) == f.first_seen);
    CHECK(text(d["last_seen"]) == f.last_seen);
    REQUIRE(d["evidence"].Size() == f.evidence.size());
    for (rapidjson::SizeType i = 0; i < d["evidence"].Size(); ++i) {
      const rapidjson::Value& x = d["evidence"][i];
      const silkgraph::graph::Evidence& e = f.evidence[i];
      CHECK(text(x["doc"]) == e.doc);
      CHECK(text(x["date"]) == e.date);
      CHECK(text(x["sentence"]) == e.sentence);
      CHECK(x["offset"][0].GetUint() == e.begin);
      CHECK(x["offset"][1].GetUint() == e.end);
      CHECK(text(x["rule"]) == e.rule);
      CHECK(text(x["source_text"]) == e.source_text);
      CHECK(text(x["target_text"]) == e.target_text);
    }
  };
  for (std::size_t at = 0; at <= kPlainEdge.size(); ++at) {
    for (const std::string& insert : inserts)
      check(kPlainEdge.substr(0, at) + insert + kPlainEdge.substr(at));
    if (at < kPlainEdge.size()) check(kPlainEdge.substr(0, at) + kPlainEdge.substr(at + 1));
  }
  CHECK(tried > 5000);
  CHECK(read > 500);  // the unchanged texts, escapes and whitespace among them
}
