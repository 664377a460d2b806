// Exports written from a small graph built here from records: golden files, determinism, the
// real tools' validators, read-backs (Boost.Graph's GraphML reader, RapidJSON, a CSV reader and
// Kuzu), and the filters.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <boost/graph/graphml.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.h"
#include "export/escape.h"
#include "export/formats.h"
#include "graph/filter.h"
#include "graph/knowledge_graph.h"
#include "tests/test_util.h"
#include "tests/validate_util.h"

namespace fs = std::filesystem;
using silkgraph::InputError;
using silkgraph::graph::Filter;
using silkgraph::graph::KnowledgeGraph;
using silkgraph::graph::NodeId;
using silkgraph::graph::Selection;
using silkgraph::ingest::EntityType;
using silkgraph::ingest::Record;
namespace ex = silkgraph::exporters;
namespace t = silkgraph::test;

namespace {

constexpr EntityType P = EntityType::Person, C = EntityType::Country, O = EntityType::Org,
                     Y = EntityType::City, R = EntityType::Region;

struct Row {
  const char* doc;
  const char* date;
  const char* subject;
  EntityType subject_type;
  const char* relation;
  const char* object;
  EntityType object_type;
  std::uint32_t begin;
  const char* sentence;
  const char* subject_text;
  const char* object_text;
};

// Names and sentences carry what escaping must survive: quotes, <, &, backslash, newline, tab,
// a C0 control, a ';' inside an alias, curly quotes and accents, and one invalid UTF-8 byte.
const Row kRows[] = {
    {"a", "2024-07-03", "Xi Jinping", P, "MEETS", "Kassym-Jomart Tokayev", P, 0,
     "Xi met Tokayev in \"Astana\" & <Almaty>.", "Xi", "Tokayev"},
    {"a", "2024-07-03", "Kassym-Jomart Tokayev", P, "LEADER_OF", "Kazakhstan", C, 60, "Tokayev leads Kazakhstan.",
     "Tokayev", "Kazakhstan"},
    {"b", "2024-07-04", "Kassym-Jomart Tokayev", P, "MEETS", "Xi Jinping", P, 0,
     "Toqaev met Xi Jinping again \\ 'twice'\nin a week.", "Toqaev", "Xi Jinping"},
    {"b", "2024-07-04", "China", C, "INVESTS_IN", "Kazakhstan", C, 80,
     "Beijing invested in Kazakhstan\xE2\x80\x99s mines.", "Beijing", "Kazakhstan"},
    {"c", "", "Vladimir Putin", P, "VISITS", "Kazakhstan", C, 0, "Putin visited Kazakhstan.", "Putin", "Kazakhstan"},
    {"c", "", "Kazakhstan", C, "MEMBER_OF", "Shanghai Cooperation Organisation", O, 40,
     "Kazakhstan joined the SCO; the \"bloc\", that is.", "Kazakhstan", "SCO; the \"bloc\""},
    {"c", "", "Vladimir Putin", P, "CRITICIZES", "Center \"Analytica\", Inc.", O, 80,
     "Putin criticised Analytica \xFF.", "Putin", "Analytica"},
    {"d", "2023-05-19", "China", C, "TRADES_WITH", "Kazakhstan", C, 0,
     "China and Kazakhstan trade\tgoods \x01 worth \xE2\x82\xAC" "1bn.", "China", "Kazakhstan"},
    {"e", "2025-06-18", "Almaty", Y, "LOCATED_IN", "Kazakhstan", C, 0,
     "Almaty lies west of \xC3\x9Cr\xC3\xBCmqi \xE2\x80\x94 in Kazakhstan.", "Almaty", "Kazakhstan"},
    {"e", "2025-06-18", "Kazakhstan", C, "LOCATED_IN", "Central Asia", R, 100, "Kazakhstan lies in Central Asia.",
     "Kazakhstan", "Central Asia"},
    {"e", "2025-06-18", "Xi Jinping", P, "VISITS", "Kazakhstan", C, 200, "Xi visited Kazakhstan.", "Xi",
     "Kazakhstan"},
    // Symmetric, stated from the larger id: written from country:china.
    {"e", "2025-06-18", "Russia", C, "TRADES_WITH", "China", C, 300, "Russia trades with China.", "Russia",
     "China"},
};

Record record(const Row& r) {
  Record out;
  out.doc = r.doc;
  if (*r.date) out.date = r.date;
  out.subject = r.subject;
  out.subject_type = r.subject_type;
  out.relation = r.relation;
  out.object = r.object;
  out.object_type = r.object_type;
  out.sentence = r.sentence;
  out.begin = r.begin;
  out.end = r.begin + 30;
  out.rule = "test.rule";
  out.subject_text = r.subject_text;
  out.object_text = r.object_text;
  return out;
}

// The sample graph, documents merged in the given order.
KnowledgeGraph sample(const std::vector<std::string>& doc_order = {"a", "b", "c", "d", "e"}) {
  KnowledgeGraph g;
  for (const char* name : {"MEETS", "TRADES_WITH"}) g.declare_relation(name, true);
  for (const std::string& doc : doc_order) {
    std::vector<Record> records;
    for (const Row& r : kRows)
      if (doc == r.doc) records.push_back(record(r));
    g.merge_document(doc, records);
  }
  return g;
}

// One export as bytes: "name\n<content>" per file for directory formats.
std::string render(const ex::Format& f, const KnowledgeGraph& g, const Selection& s) {
  if (!f.directory) {
    std::ostringstream out;
    f.write(g, s, out);
    return out.str();
  }
  std::map<std::string, std::ostringstream> files;
  f.write_files(g, s, [&](const std::string& name) -> std::ostream& { return files[name]; });
  std::string out;
  for (const auto& [name, stream] : files) out += "== " + name + "\n" + stream.str();
  return out;
}

// Writes an export under `dir`; returns the path a validator takes.
fs::path write_export(const ex::Format& f, const KnowledgeGraph& g, const Selection& s, const fs::path& dir,
                      const std::string& stem) {
  if (!f.directory) {
    const fs::path p = dir / (stem + std::string(f.extension));
    std::ofstream out(p, std::ios::binary);
    f.write(g, s, out);
    return p;
  }
  const fs::path d = dir / stem;
  fs::create_directories(d);
  std::map<std::string, std::ofstream> files;
  f.write_files(g, s, [&](const std::string& name) -> std::ostream& {
    return files[name] = std::ofstream(d / name, std::ios::binary);
  });
  return d;
}

const char* checker(const ex::Format& f) {
  if (f.name == "graphml") return "check-graphml";
  if (f.name == "gexf") return "check-gexf";
  if (f.name == "cypher") return "check-cypher";
  if (f.name == "neo4j-csv") return "check-neo4j-csv";
  return "check-json";
}

std::vector<std::string> ids(const KnowledgeGraph& g, const std::vector<NodeId>& nodes) {
  std::vector<std::string> out;
  for (const NodeId v : nodes) out.push_back(g.node(v).id);
  return out;
}

// "source -RELATION-> target" for each selected edge, in selection order.
std::vector<std::string> edges_of(const KnowledgeGraph& g, const Selection& s) {
  std::vector<std::string> out;
  for (const auto e : s.edges) {
    const auto [a, b] = silkgraph::graph::ends(g, e);
    out.push_back(g.node(a).id + " -" + g.edge(e).relation + "-> " + g.node(b).id);
  }
  return out;
}

// RFC 4180 rows of a CSV text (quotes doubled inside quoted fields).
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field), field.clear();
    } else if (c == '\n') {
      rows.back().push_back(field), field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

std::string focus_error(const KnowledgeGraph& g, const char* name) {
  Filter f;
  f.focus = name;
  try {
    silkgraph::graph::select(g, f);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("escape: XML, Cypher and CSV text, and UTF-8 repair") {
  struct Case {
    const char* in;
    const char* xml_text;
    const char* xml_attribute;
    const char* cypher;
    const char* csv;
  };
  const Case cases[] = {
      {"plain", "plain", "plain", "'plain'", "\"plain\""},
      {"a<b>&\"c\"", "a&lt;b&gt;&amp;\"c\"", "a&lt;b&gt;&amp;&quot;c&quot;", "'a<b>&\\\"c\\\"'", "\"a<b>&\"\"c\"\"\""},
      {"it's \\ ok", "it's \\ ok", "it's \\ ok", "'it\\'s \\\\ ok'", "\"it's \\ ok\""},
      {"l1\nl2\r\tx", "l1&#10;l2&#13;&#9;x", "l1&#10;l2&#13;&#9;x", "'l1\\nl2\\r\\tx'", "\"l1 l2  x\""},
      {"bell\x07", "bell\xEF\xBF\xBD", "bell\xEF\xBF\xBD", "'bell\\u0007'", "\"bell \""},
      {"c1\xC2\x85 ls\xE2\x80\xA8", "c1\xC2\x85 ls\xE2\x80\xA8", "c1\xC2\x85 ls\xE2\x80\xA8", "'c1\\u0085 ls\\u2028'",
       "\"c1\xC2\x85 ls\xE2\x80\xA8\""},
      {"bad\xFF\xC3", "bad\xEF\xBF\xBD\xEF\xBF\xBD", "bad\xEF\xBF\xBD\xEF\xBF\xBD", "'bad\xEF\xBF\xBD\xEF\xBF\xBD'",
       "\"bad\xEF\xBF\xBD\xEF\xBF\xBD\""},
      {"\xC3\x9Cr\xC3\xBCmqi \xF0\x9F\x8C\x8D", "\xC3\x9Cr\xC3\xBCmqi \xF0\x9F\x8C\x8D",
       "\xC3\x9Cr\xC3\xBCmqi \xF0\x9F\x8C\x8D", "'\xC3\x9Cr\xC3\xBCmqi \xF0\x9F\x8C\x8D'",
       "\"\xC3\x9Cr\xC3\xBCmqi \xF0\x9F\x8C\x8D\""},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    std::string text, attribute, cypher, csv;
    ex::append_xml(text, c.in, false);
    ex::append_xml(attribute, c.in, true);
    ex::append_cypher_string(cypher, c.in);
    ex::append_csv_field(csv, c.in);
    CHECK(text == c.xml_text);
    CHECK(attribute == c.xml_attribute);
    CHECK(cypher == c.cypher);
    CHECK(csv == c.csv);
  }
  CHECK(ex::valid_utf8("ok \xC3\xA9") == "ok \xC3\xA9");
  CHECK(ex::valid_utf8("x\xED\xA0\x80y") == "x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDy");  // a surrogate
  std::string name;
  ex::append_cypher_name(name, "MEETS");
  ex::append_cypher_name(name, " ");
  ex::append_cypher_name(name, "LEADS TO`x");
  ex::append_cypher_name(name, "2X");
  CHECK(name == "MEETS` ``LEADS TO``x``2X`");
}

TEST_CASE("export: the format table") {
  CHECK(ex::format_names() == "graphml, gexf, cypher, neo4j-csv, json");
  CHECK(ex::format_for_path("out/g.GraphML")->name == "graphml");
  CHECK(ex::format_for_path("g.gexf")->name == "gexf");
  CHECK(ex::format_for_path("g.cypher")->name == "cypher");
  CHECK(ex::format_for_path("g.json")->name == "json");
  CHECK(ex::format_for_path("import/") == nullptr);
  CHECK(ex::format_for_path(".json") == nullptr);
  CHECK(ex::find_format("neo4j-csv")->directory);
  CHECK(ex::find_format("xml") == nullptr);
  for (const ex::Format& f : ex::formats()) {
    INFO(f.name);
    CHECK((f.write != nullptr) == !f.directory);
    CHECK((f.write_files != nullptr) == f.directory);
  }
}

TEST_CASE("export: every format matches its golden file (SILKGRAPH_UPDATE_GOLDEN=1 rewrites them)") {
  const KnowledgeGraph g = sample();
  const Selection all = silkgraph::graph::select(g, {});
  REQUIRE(all.nodes.size() == 10);
  REQUIRE(all.edges.size() == 11);
  const fs::path dir = fs::path(SILKGRAPH_SOURCE_DIR) / "tests/data/export";
  const bool update = std::getenv("SILKGRAPH_UPDATE_GOLDEN") != nullptr;
  for (const ex::Format& f : ex::formats()) {
    INFO(f.name);
    const fs::path golden = dir / ("small." + std::string(f.name) + (f.directory ? ".txt" : ""));
    const std::string text = render(f, g, all);
    if (update) std::ofstream(golden, std::ios::binary) << text;
    CHECK(text == t::slurp(golden));
  }
}

TEST_CASE("export: the same graph gives the same bytes, whatever order documents were merged in") {
  const KnowledgeGraph g1 = sample();
  const KnowledgeGraph g2 = sample({"e", "c", "a", "d", "b"});
  const Selection s1 = silkgraph::graph::select(g1, {}), s2 = silkgraph::graph::select(g2, {});
  for (const ex::Format& f : ex::formats()) {
    INFO(f.name);
    CHECK(render(f, g1, s1) == render(f, g2, s2));
    CHECK(render(f, g1, s1) == render(f, g1, s1));
  }
}

TEST_CASE("export: every format passes its validator (real tools load it) with the graph's counts") {
  const KnowledgeGraph g = sample();
  t::TempDir tmp;
  Filter none_left;
  none_left.relations = {"NO_SUCH_RELATION"};
  Filter symmetric_only;
  symmetric_only.relations = {"MEETS", "TRADES_WITH"};
  const std::pair<const char*, Filter> cases[] = {{"all", Filter{}}, {"empty", none_left}, {"undirected", symmetric_only}};
  for (const auto& [stem, filter] : cases) {
    const Selection s = silkgraph::graph::select(g, filter);
    for (const ex::Format& f : ex::formats()) {
      INFO(stem, " ", f.name);
      const t::Verdict v = t::validate(checker(f), write_export(f, g, s, tmp.path, stem));
      INFO(v.run.out, v.run.err);
      CHECK(v.ok);
      if (f.name != "cypher") {  // check-cypher counts MERGE clauses, not rows
        CHECK(v.nodes == static_cast<long long>(s.nodes.size()));
        CHECK(v.edges == static_cast<long long>(s.edges.size()));
      }
    }
  }
}

TEST_CASE("export: GraphML reads back with Boost.Graph: nodes, edges and attributes") {
  const KnowledgeGraph g = sample();
  std::ostringstream text;
  ex::write_graphml(g, silkgraph::graph::select(g, {}), text);

  struct V {
    std::string label, type, entity_id, aliases;
    long mentions = 0;
  };
  struct E {
    std::string label, relation, first_seen, last_seen, evidence, docs;
    double weight = 0;
    long evidence_count = 0;
    bool symmetric = false;
  };
  using G = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, V, E>;
  G back;
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("label", boost::get(&V::label, back));
  dp.property("type", boost::get(&V::type, back));
  dp.property("entity_id", boost::get(&V::entity_id, back));
  dp.property("aliases", boost::get(&V::aliases, back));
  dp.property("mentions", boost::get(&V::mentions, back));
  dp.property("label", boost::get(&E::label, back));
  dp.property("relation", boost::get(&E::relation, back));
  dp.property("weight", boost::get(&E::weight, back));
  dp.property("first_seen", boost::get(&E::first_seen, back));
  dp.property("last_seen", boost::get(&E::last_seen, back));
  dp.property("evidence_count", boost::get(&E::evidence_count, back));
  dp.property("evidence", boost::get(&E::evidence, back));
  dp.property("docs", boost::get(&E::docs, back));
  dp.property("symmetric", boost::get(&E::symmetric, back));
  // Boost 1.74 reads booleans with lexical_cast<bool>, which takes only 1 and 0; Gephi takes
  // only true and false (networkx and igraph both), so the file says true/false.
  std::string graphml = text.str();
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"\">true<", "\">1<"}, {"\">false<", "\">0<"}})
    for (std::size_t at = graphml.find(from); at != std::string::npos; at = graphml.find(from, at))
      graphml.replace(at, from.size(), to);
  std::istringstream in(graphml);
  boost::read_graphml(in, back, dp);

  REQUIRE(boost::num_vertices(back) == 10);
  REQUIRE(boost::num_edges(back) == 11);
  std::map<std::string, V> nodes;
  for (const auto v : boost::make_iterator_range(boost::vertices(back))) nodes[back[v].entity_id] = back[v];
  const V& tokayev = nodes.at("person:kassym-jomart-tokayev");
  CHECK(tokayev.label == "Kassym-Jomart Tokayev");
  CHECK(tokayev.type == "PERSON");
  CHECK(tokayev.aliases == "Tokayev; Toqaev");  // Toqaev and Tokayev are one node
  CHECK(tokayev.mentions == 3);
  CHECK(nodes.at("org:shanghai-cooperation-organisation").aliases == "SCO; the \"bloc\"");

  std::map<std::string, E> edges;
  for (const auto e : boost::make_iterator_range(boost::edges(back))) {
    edges[back[boost::source(e, back)].entity_id + " " + back[e].relation + " " +
          back[boost::target(e, back)].entity_id] = back[e];
  }
  const E& meets = edges.at("person:kassym-jomart-tokayev MEETS person:xi-jinping");
  CHECK(meets.label == "MEETS");
  CHECK(meets.weight == 2.0);
  CHECK(meets.first_seen == "2024-07-03");
  CHECK(meets.last_seen == "2024-07-04");
  CHECK(meets.evidence_count == 2);
  CHECK(meets.evidence == "Xi met Tokayev in \"Astana\" & <Almaty>.");
  CHECK(meets.docs == "a; b");
  CHECK(meets.symmetric);
  CHECK(edges.at("country:china TRADES_WITH country:russia").symmetric);  // stated from Russia
  const E& visits = edges.at("person:vladimir-putin VISITS country:kazakhstan");
  CHECK_FALSE(visits.symmetric);
  CHECK(visits.first_seen.empty());
  CHECK(edges.at("country:china TRADES_WITH country:kazakhstan").evidence ==
        "China and Kazakhstan trade\tgoods \xEF\xBF\xBD worth \xE2\x82\xAC" "1bn.");
}

TEST_CASE("export: JSON reads back: node-link with every attribute and the evidence") {
  const KnowledgeGraph g = sample();
  std::ostringstream text;
  ex::write_json(g, silkgraph::graph::select(g, {}), text);
  rapidjson::Document d;
  d.Parse(text.str().c_str());
  REQUIRE_FALSE(d.HasParseError());
  CHECK(d["directed"].GetBool());
  CHECK(d["multigraph"].GetBool());
  REQUIRE(d["nodes"].Size() == 10);
  REQUIRE(d["links"].Size() == 11);
  const auto& n = d["nodes"][0];
  CHECK(std::string(n["id"].GetString()) == "city:almaty");
  CHECK(std::string(n["label"].GetString()) == "Almaty");
  CHECK(std::string(n["type"].GetString()) == "CITY");
  CHECK(std::string(n["color"].GetString()) == "#ff7f00");
  bool found = false;
  for (const auto& l : d["links"].GetArray()) {
    if (std::string(l["relation"].GetString()) != "MEETS") continue;
    found = true;
    CHECK(std::string(l["source"].GetString()) == "person:kassym-jomart-tokayev");
    CHECK(std::string(l["target"].GetString()) == "person:xi-jinping");
    CHECK(std::string(l["key"].GetString()) == "MEETS");
    CHECK(l["weight"].GetInt() == 2);
    CHECK(l["symmetric"].GetBool());
    REQUIRE(l["evidence_list"].Size() == 2);
    CHECK(std::string(l["evidence_list"][1]["sentence"].GetString()) ==
          "Toqaev met Xi Jinping again \\ 'twice'\nin a week.");
    CHECK(std::string(l["evidence_list"][1]["date"].GetString()) == "2024-07-04");
  }
  CHECK(found);
}

TEST_CASE("export: neo4j CSV reads back, and Kuzu answers a neighbours query as the graph does") {
  const KnowledgeGraph g = sample();
  const Selection all = silkgraph::graph::select(g, {});
  std::map<std::string, std::ostringstream> files;
  ex::write_neo4j_csv(g, all, [&](const std::string& name) -> std::ostream& { return files[name]; });
  REQUIRE(files.size() == 2);
  const auto nodes = read_csv(files["nodes.csv"].str());
  const auto rels = read_csv(files["relationships.csv"].str());
  REQUIRE(nodes.size() == 11);
  REQUIRE(rels.size() == 12);
  CHECK(nodes[0] == std::vector<std::string>{"id:ID", "name", ":LABEL", "type", "aliases:string[]", "mentions:long"});
  for (const auto& row : nodes) CHECK(row.size() == 6);
  for (const auto& row : rels) CHECK(row.size() == 11);
  const auto sco = std::find_if(nodes.begin(), nodes.end(), [](const auto& row) { return row[0] == "org:shanghai-cooperation-organisation"; });
  REQUIRE(sco != nodes.end());
  CHECK((*sco)[2] == "Entity;Org");
  CHECK((*sco)[4] == "SCO, the \"bloc\"");  // ';' is the array delimiter

  // Each node's neighbours as (relation, other id), from the CSV and from the graph.
  const std::string focus = "country:kazakhstan";
  std::set<std::string> from_csv;
  for (std::size_t i = 1; i < rels.size(); ++i) {
    if (rels[i][0] == focus) from_csv.insert(rels[i][2] + "\t" + rels[i][1]);
    if (rels[i][1] == focus) from_csv.insert(rels[i][2] + "\t" + rels[i][0]);
  }
  std::set<std::string> from_graph;
  const auto& adj = g.adjacency();
  const NodeId v = *g.find_id(focus);
  for (const auto e : boost::make_iterator_range(boost::out_edges(v, adj)))
    from_graph.insert(adj[e].relation + "\t" + adj[boost::target(e, adj)].id);
  for (const auto e : boost::make_iterator_range(boost::in_edges(v, adj)))
    from_graph.insert(adj[e].relation + "\t" + adj[boost::source(e, adj)].id);
  CHECK(from_graph.size() == 8);
  CHECK(from_csv == from_graph);

  t::TempDir tmp;
  const fs::path dir = write_export(*ex::find_format("neo4j-csv"), g, all, tmp.path, "import");
  const t::Run kuzu = t::kuzu_neighbours(dir, focus);
  INFO(kuzu.err);
  REQUIRE(kuzu.status == 0);
  std::set<std::string> from_kuzu;
  std::istringstream lines(kuzu.out);
  for (std::string line; std::getline(lines, line);) from_kuzu.insert(line);
  CHECK(from_kuzu == from_graph);
}

TEST_CASE("export: symmetric edges are written once, from the smaller id") {
  const KnowledgeGraph g = sample();
  const Selection all = silkgraph::graph::select(g, {});
  const std::vector<std::string> edges = edges_of(g, all);
  CHECK(std::count(edges.begin(), edges.end(), "country:china -TRADES_WITH-> country:russia") == 1);
  CHECK(std::count(edges.begin(), edges.end(), "person:kassym-jomart-tokayev -MEETS-> person:xi-jinping") == 1);
  CHECK(std::is_sorted(edges.begin(), edges.end()));  // source id, then relation, then target id

  // Mixed: directed graphs, symmetric edges flagged; only symmetric ones: undirected graphs.
  const std::string graphml = render(*ex::find_format("graphml"), g, all);
  CHECK(t::contains(graphml, "edgedefault=\"directed\""));
  CHECK_FALSE(t::contains(graphml, "directed=\"false\""));  // networkx rejects mixed graphs
  CHECK(t::contains(render(*ex::find_format("cypher"), g, all), "MERGE (a)-[r:MEETS]-(b)"));
  CHECK(t::contains(render(*ex::find_format("cypher"), g, all), "MERGE (a)-[r:LEADER_OF]->(b)"));
  Filter f;
  f.relations = {"MEETS", "TRADES_WITH"};
  const Selection sym = silkgraph::graph::select(g, f);
  CHECK(t::contains(render(*ex::find_format("graphml"), g, sym), "edgedefault=\"undirected\""));
  CHECK(t::contains(render(*ex::find_format("gexf"), g, sym), "defaultedgetype=\"undirected\""));
  CHECK(t::contains(render(*ex::find_format("json"), g, sym), "\"directed\": false"));
}

TEST_CASE("export: GEXF spells are the distinct evidence dates; undated edges have none") {
  const KnowledgeGraph g = sample();
  const std::string gexf = render(*ex::find_format("gexf"), g, silkgraph::graph::select(g, {}));
  CHECK(t::contains(gexf, "<graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\">"));
  CHECK(t::contains(gexf,
                    "        <spells>\n"
                    "          <spell start=\"2024-07-03\" end=\"2024-07-03\"/>\n"
                    "          <spell start=\"2024-07-04\" end=\"2024-07-04\"/>\n"
                    "        </spells>\n"));
  const std::size_t visits = gexf.find("<edge id=\"person:vladimir-putin.VISITS.country:kazakhstan\"");
  REQUIRE(visits != std::string::npos);
  CHECK(gexf.substr(visits, gexf.find("</edge>", visits) - visits).find("<spells>") == std::string::npos);
  CHECK(t::contains(gexf, "<viz:color r=\"228\" g=\"26\" b=\"28\"/>"));  // persons are red
}

TEST_CASE("filter: weight, relation, type and date conditions choose edges; nodes follow") {
  const KnowledgeGraph g = sample();
  Filter f;
  f.min_weight = 2;
  Selection s = silkgraph::graph::select(g, f);
  CHECK(edges_of(g, s) == std::vector<std::string>{"person:kassym-jomart-tokayev -MEETS-> person:xi-jinping"});
  CHECK(ids(g, s.nodes) == std::vector<std::string>{"person:kassym-jomart-tokayev", "person:xi-jinping"});

  f = {};
  f.relations = {"TRADES_WITH", "VISITS"};
  CHECK(silkgraph::graph::select(g, f).edges.size() == 4);

  f = {};
  f.types = {C};
  CHECK(edges_of(g, silkgraph::graph::select(g, f)) ==
        std::vector<std::string>{"country:china -INVESTS_IN-> country:kazakhstan",
                                 "country:china -TRADES_WITH-> country:kazakhstan",
                                 "country:china -TRADES_WITH-> country:russia"});
  f.types = {C, O};
  CHECK(silkgraph::graph::select(g, f).edges.size() == 4);  // + MEMBER_OF

  f = {};
  f.since = "2024-07-04";
  CHECK(silkgraph::graph::select(g, f).edges.size() == 6);
  f = {};
  f.until = "2024-07-03";
  CHECK(edges_of(g, silkgraph::graph::select(g, f)) ==
        std::vector<std::string>{"country:china -TRADES_WITH-> country:kazakhstan",
                                 "person:kassym-jomart-tokayev -LEADER_OF-> country:kazakhstan",
                                 "person:kassym-jomart-tokayev -MEETS-> person:xi-jinping"});
  f.since = "2024-07-03";  // one day; undated edges never match a date range
  CHECK(silkgraph::graph::select(g, f).edges.size() == 2);

  f = {};
  f.relations = {"NO_SUCH_RELATION"};
  s = silkgraph::graph::select(g, f);
  CHECK(s.nodes.empty());
  CHECK(s.edges.empty());
}

TEST_CASE("filter: --focus keeps the ego network, edges followed either way, induced on the nodes") {
  const KnowledgeGraph g = sample();
  Filter f;
  f.focus = "Toqaev";  // an alias
  f.depth = 0;
  Selection s = silkgraph::graph::select(g, f);
  CHECK(ids(g, s.nodes) == std::vector<std::string>{"person:kassym-jomart-tokayev"});
  CHECK(s.edges.empty());
  REQUIRE(s.focus);
  CHECK(g.node(*s.focus).name == "Kassym-Jomart Tokayev");

  f.depth = 1;
  s = silkgraph::graph::select(g, f);
  CHECK(ids(g, s.nodes) ==
        std::vector<std::string>{"country:kazakhstan", "person:kassym-jomart-tokayev", "person:xi-jinping"});
  // Xi -VISITS-> Kazakhstan joins two neighbours: the ego network is induced on its nodes.
  CHECK(edges_of(g, s) == std::vector<std::string>{"person:kassym-jomart-tokayev -LEADER_OF-> country:kazakhstan",
                                                   "person:kassym-jomart-tokayev -MEETS-> person:xi-jinping",
                                                   "person:xi-jinping -VISITS-> country:kazakhstan"});
  f.depth = 2;
  CHECK(silkgraph::graph::select(g, f).nodes.size() == 8);  // all but Russia and Analytica
  f.depth = 3;
  CHECK(silkgraph::graph::select(g, f).nodes.size() == 10);

  f = {};
  f.focus = "central asia";  // reached only by an edge pointing at it
  CHECK(edges_of(g, silkgraph::graph::select(g, f)) ==
        std::vector<std::string>{"country:kazakhstan -LOCATED_IN-> region:central-asia"});

  f = {};
  f.focus = "Xi Jinping";
  f.depth = 5;
  f.relations = {"MEETS"};  // the search only follows kept edges
  CHECK(ids(g, silkgraph::graph::select(g, f).nodes) ==
        std::vector<std::string>{"person:kassym-jomart-tokayev", "person:xi-jinping"});
}

TEST_CASE("filter: an unknown focus is an error naming the closest entities") {
  const KnowledgeGraph g = sample();
  CHECK(focus_error(g, "Tokaevv") == "--focus: no entity named \"Tokaevv\"; did you mean: Kassym-Jomart Tokayev");
  CHECK(focus_error(g, "Russian") == "--focus: no entity named \"Russian\"; did you mean: Russia");
  // Nothing close: the nearest names all the same.
  CHECK(focus_error(g, "Qqqqqqqqqqqqqq") ==
        "--focus: no entity named \"Qqqqqqqqqqqqqq\"; did you mean: Kassym-Jomart Tokayev, Kazakhstan, China");
  CHECK(silkgraph::graph::closest_names(g, "Xi Jinpin", 1) == std::vector<std::string>{"Xi Jinping"});
  CHECK(focus_error(KnowledgeGraph(), "X") == "--focus: no entity named \"X\"; the graph is empty");
}

TEST_CASE("validators: a missing validator fails the test, it is never skipped") {
  const t::Run r = t::run_shell("bash '" + std::string(SILKGRAPH_SOURCE_DIR) +
                                "/tests/validators.sh' /nonexistent/validate '" + std::string(SILKGRAPH_BUILD_DIR) +
                                "/validate-missing' check check-graphml x.graphml");
  CHECK(r.status == 1);
  CHECK(r.err ==
        "validators.sh: validators not found: /nonexistent/validate (the shared tools, ../shared/tools/validate "
        "beside the source tree)\n");
  const t::Verdict unknown = t::validate("check-nothing", "x");
  CHECK_FALSE(unknown.ok);
  CHECK(t::contains(unknown.run.err, "no validator named check-nothing"));
}

TEST_CASE("export: Cypher writes 500 rows per statement, one statement per label and type") {
  KnowledgeGraph g;
  g.declare_relation("MEETS", true);
  std::vector<Record> records;
  for (std::uint32_t i = 0; i < 1200; ++i) {
    Row r{"doc", "2024-01-01", "", P, "MEETS", "", P, i * 40, "They met.", "", ""};
    const std::string a = "Person " + std::to_string(i), b = "Person " + std::to_string(i + 1);
    r.subject = a.c_str();
    r.object = b.c_str();
    records.push_back(record(r));
  }
  g.merge_document("doc", records);
  const Selection all = silkgraph::graph::select(g, {});
  REQUIRE(all.nodes.size() == 1201);
  std::ostringstream out;
  ex::write_cypher(g, all, out);
  const std::string text = out.str();
  std::size_t unwinds = 0, merges = 0;
  for (std::size_t at = text.find("UNWIND ["); at != std::string::npos; at = text.find("UNWIND [", at + 1)) ++unwinds;
  for (std::size_t at = text.find("MERGE (a)-[r:MEETS]-(b)"); at != std::string::npos;
       at = text.find("MERGE (a)-[r:MEETS]-(b)", at + 1))
    ++merges;
  CHECK(unwinds == 6);  // 1201 nodes: 500 + 500 + 201; 1200 edges: 500 + 500 + 200
  CHECK(merges == 3);
  t::TempDir tmp;
  std::ofstream(tmp.path / "big.cypher", std::ios::binary) << text;
  const t::Verdict v = t::validate("check-cypher", tmp.path / "big.cypher");
  INFO(v.run.out, v.run.err);
  CHECK(v.ok);
}
