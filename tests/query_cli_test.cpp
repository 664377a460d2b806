// Runs `silkgraph neighbors | path | show | search | stats` as a user would, on the graph
// `silkgraph build` makes from examples/: tables, JSON, name lookup, usage errors.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace fs = std::filesystem;
using namespace silkgraph::test;

namespace {

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// The examples built into a graph file inside `dir`.
fs::path example_graph(const TempDir& dir) {
  const fs::path graph = dir.path / "graph.json";
  const Run built = run("build '" + examples() + "' -q -o " + quoted(graph));
  REQUIRE(built.status == 0);
  return graph;
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  REQUIRE_FALSE(d.HasParseError());
  REQUIRE(d.IsObject());
  return d;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::size_t width(const std::string& s) {
  std::size_t n = 0;
  for (const char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

// The display column at which `needle` starts in `line`, or npos.
std::size_t column_of(const std::string& line, const std::string& needle) {
  const std::size_t at = line.find(needle);
  return at == std::string::npos ? at : width(line.substr(0, at));
}

std::string usage(const std::string& cmd, const std::string& what) {
  return "silkgraph " + cmd + ": " + what + "; see 'silkgraph " + cmd + " --help'\n";
}

// neighbour name -> relations of its rows ("MEETS/both"), from `neighbors --json`.
std::map<std::string, std::set<std::string>> neighbour_edges(const rapidjson::Document& d) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& n : d["neighbors"].GetArray())
    for (const auto& e : n["edges"].GetArray())
      out[n["name"].GetString()].insert(std::string(e["relation"].GetString()) + "/" +
                                        e["direction"].GetString());
  return out;
}

}  // namespace

TEST_CASE("query cli: every command has --help and is listed in silkgraph --help") {
  const std::string top = run("--help").out;
  for (const char* cmd : {"neighbors", "path", "show", "search", "stats"}) {
    INFO(cmd);
    const Run help = run(std::string(cmd) + " --help");
    CHECK(help.status == 0);
    CHECK(help.out.rfind("usage: silkgraph " + std::string(cmd) + " GRAPH", 0) == 0);
    CHECK(contains(help.out, "example: silkgraph " + std::string(cmd) + " graph.json"));
    CHECK(contains(top, "  " + std::string(cmd) + " "));
  }
  for (const char* flag :
       {"  --depth N ", "  --direction D ", "  --relation LIST ", "  --type LIST ", "  --since ",
        "  --until ", "  --min-weight N ", "  --limit N ", "  --evidence ", "  --json "})
    CHECK(contains(run("neighbors --help").out, flag));
  for (const char* flag : {"  --max-depth N ", "  --relation LIST ", "  --all ", "  --json "})
    CHECK(contains(run("path --help").out, flag));
}

TEST_CASE("query cli: bad usage exits 2 naming the problem") {
  struct Case {
    const char* args;
    const char* cmd;
    const char* what;
  };
  const Case cases[] = {
      {"neighbors", "neighbors", "no graph file given"},
      {"neighbors g.json", "neighbors", "no NAME given"},
      {"neighbors g.json A B", "neighbors", "unexpected argument \"B\""},
      {"neighbors g.json A --depth 0", "neighbors",
       "--depth: expected a whole number 1-999999999, got \"0\""},
      {"neighbors g.json A --direction sideways", "neighbors",
       "--direction: expected out, in or both, got \"sideways\""},
      {"neighbors g.json A --type planet", "neighbors",
       "--type: unknown entity type \"planet\"; types: person, country, region, city, org"},
      {"neighbors g.json A --since 2024-13-01", "neighbors",
       "--since: expected YYYY-MM-DD, got \"2024-13-01\""},
      {"neighbors g.json A --since 2025-01-01 --until 2024-01-01", "neighbors",
       "--since 2025-01-01 is after --until 2024-01-01"},
      {"neighbors g.json A --relation MEETS,", "neighbors", "--relation: empty name in \"MEETS,\""},
      {"neighbors g.json A --frobnicate", "neighbors", "unknown option \"--frobnicate\""},
      {"path g.json A", "path", "no TO given"},
      {"path g.json A B --limit 3", "path", "--limit needs --all"},
      {"path g.json A B --max-depth x", "path",
       "--max-depth: expected a whole number 1-999999999, got \"x\""},
      {"show g.json", "show", "no NAME given"},
      {"search g.json ' '", "search", "empty query"},
      {"stats", "stats", "no graph file given"},
      {"stats g.json --top -1", "stats", "--top: expected a whole number 0-999999999, got \"-1\""},
  };
  for (const Case& c : cases) {
    INFO(c.args);
    const Run r = run(c.args);
    CHECK(r.status == 2);
    CHECK(r.err == usage(c.cmd, c.what));
    CHECK(r.out.empty());
  }
}

TEST_CASE("query cli: an unknown name or graph file exits 1 with the closest names") {
  TempDir dir;
  const fs::path graph = example_graph(dir);
  for (const char* cmd : {"neighbors", "show"}) {
    INFO(cmd);
    const Run r = run(std::string(cmd) + " " + quoted(graph) + " Tokaev");
    CHECK(r.status == 1);
    CHECK(r.err ==
          graph.string() + ": no entity named \"Tokaev\"; did you mean: Kassym-Jomart Tokayev\n");
    CHECK(r.out.empty());
  }
  const Run path = run("path " + quoted(graph) + " Tokayev Rahmonov");
  CHECK(path.status == 1);
  CHECK(path.err.rfind(
            graph.string() + ": no entity named \"Rahmonov\"; did you mean: Emomali Rahmon", 0) ==
        0);
  const Run missing = run("stats " + quoted(dir.path / "nope.json"));
  CHECK(missing.status == 1);
  CHECK(contains(missing.err, "nope.json"));
}

TEST_CASE("query cli: neighbors lists Tokayev's neighbours as a table, any alias or case") {
  TempDir dir;
  const fs::path graph = example_graph(dir);
  const Run r = run("neighbors " + quoted(graph) + " Tokayev");
  REQUIRE(r.status == 0);
  const std::vector<std::string> lines = lines_of(r.out);
  REQUIRE(lines.size() >= 4);
  CHECK(lines[0].rfind("Kassym-Jomart Tokayev (PERSON): ", 0) == 0);
  CHECK(lines[1].rfind(
            "neighbour   type     relation         dir   weight  first       last        evidence",
            0) == 0);
  CHECK(contains(r.out, "\nXi Jinping  PERSON   "));
  CHECK(contains(r.out, "\nKazakhstan  COUNTRY  LEADER_OF        out  "));
  // Every row's columns line up under the header.
  for (std::size_t i = 2; i < lines.size(); ++i) {
    INFO(lines[i]);
    CHECK(lines[i].find("  ") != std::string::npos);
    CHECK(width(lines[i]) <= width(lines[1]) + 80);
  }
  // Any alias, any case, with or without accents gives the same answer.
  CHECK(run("neighbors " + quoted(graph) + " 'KASSYM-JOMART TOKAYEV'").out == r.out);
  CHECK(run("neighbors " + quoted(graph) + " toqaev").out == r.out);
  CHECK(run("neighbours " + quoted(graph) + " Tokayev").out == r.out);
}

TEST_CASE("query cli: neighbors --json has Tokayev's edges with stable fields, filters apply") {
  TempDir dir;
  const fs::path graph = example_graph(dir);
  const Run r = run("neighbors " + quoted(graph) + " Tokayev --json");
  REQUIRE(r.status == 0);
  const rapidjson::Document d = parse(r.out);
  CHECK(std::string(d["focus"]["id"].GetString()) == "person:kassym-jomart-tokayev");
  CHECK(std::string(d["direction"].GetString()) == "both");
  CHECK(d["depth"].GetUint() == 1);
  const auto edges = neighbour_edges(d);
  REQUIRE(edges.count("Xi Jinping"));
  CHECK(edges.at("Xi Jinping").count("MEETS/both"));
  REQUIRE(edges.count("Kazakhstan"));
  CHECK(edges.at("Kazakhstan") == std::set<std::string>{"LEADER_OF/out"});
  CHECK(d["neighbor_count"].GetUint() == d["neighbors"].Size());
  for (const auto& n : d["neighbors"].GetArray()) {
    for (const char* key : {"id", "name", "type", "mentions", "hops", "edges"})
      CHECK(n.HasMember(key));
    for (const auto& e : n["edges"].GetArray()) {
      for (const char* key : {"via", "relation", "direction", "symmetric", "weight", "first_seen",
                              "last_seen", "evidence_count", "evidence"})
        CHECK(e.HasMember(key));
      CHECK(e["evidence"].Size() == 1);  // one sentence unless --evidence
      const auto& x = e["evidence"][0];
      for (const char* key : {"doc", "date", "sentence", "rule"}) CHECK(x.HasMember(key));
    }
  }

  const rapidjson::Document all =
      parse(run("neighbors " + quoted(graph) + " Tokayev --json --evidence").out);
  for (const auto& n : all["neighbors"].GetArray())
    for (const auto& e : n["edges"].GetArray())
      CHECK(e["evidence"].Size() == e["evidence_count"].GetUint());

  // --direction out leaves edges pointing at Tokayev; --type keeps countries; --relation any case.
  const auto out = neighbour_edges(
      parse(run("neighbors " + quoted(graph) + " Tokayev --json --direction out").out));
  for (const auto& [name, relations] : out)
    for (const std::string& rel : relations) CHECK(rel.find("/in") == std::string::npos);
  const auto countries = neighbour_edges(
      parse(run("neighbors " + quoted(graph) + " Tokayev --json --type country").out));
  CHECK(countries.count("Kazakhstan"));
  CHECK(countries.count("Xi Jinping") == 0);
  const auto leader = neighbour_edges(
      parse(run("neighbors " + quoted(graph) + " Tokayev --json --relation leader_of").out));
  CHECK(leader == std::map<std::string, std::set<std::string>>{{"Kazakhstan", {"LEADER_OF/out"}}});
  const rapidjson::Document limited =
      parse(run("neighbors " + quoted(graph) + " Tokayev --json --limit 1").out);
  CHECK(limited["neighbor_count"].GetUint() == 1);
  CHECK(limited["neighbor_total"].GetUint() > 1);
  // Nothing in the examples is dated before 2023.
  const Run none = run("neighbors " + quoted(graph) + " Tokayev --until 2022-12-31");
  CHECK(none.status == 0);
  CHECK(none.out == "Kassym-Jomart Tokayev (PERSON): no neighbours\n");
}

TEST_CASE(
    "query cli: neighbors --depth 2 reaches Putin via Xi; --evidence prints whole sentences") {
  TempDir dir;
  const fs::path graph = example_graph(dir);
  const rapidjson::Document d =
      parse(run("neighbors " + quoted(graph) + " Tokayev --depth 2 --json").out);
  bool putin_via_xi = false;
  for (const auto& n : d["neighbors"].GetArray()) {
    if (std::string(n["name"].GetString()) != "Vladimir Putin") continue;
    CHECK(n["hops"].GetUint() == 2);
    for (const auto& e : n["edges"].GetArray())
      if (std::string(e["via"]["name"].GetString()) == "Xi Jinping") putin_via_xi = true;
  }
  CHECK(putin_via_xi);
  const Run table = run("neighbors " + quoted(graph) + " Tokayev --depth 2");
  CHECK(contains(table.out, "hops  neighbour "));
  CHECK(contains(table.out, "  via  "));

  // Tables cut long sentences to 80 columns with "…"; --evidence and --json never cut.
  const Run cut = run("neighbors " + quoted(graph) + " Tokayev --relation AWARDS");
  const std::string awarded =
      "Toqaev, who awarded Xi the Order of the Golden Eagle in 2022, said Kazakhstan remained a "
      "reliable supplier of "
      "natural uranium and nuclear fuel to China.";
  const std::vector<std::string> lines = lines_of(cut.out);
  REQUIRE(lines.size() == 3);
  const std::size_t at = column_of(lines[1], "evidence");
  CHECK(width(lines[2]) == at + 80);
  CHECK(lines[2].substr(lines[2].size() - 3) == "…");
  const Run whole = run("neighbors " + quoted(graph) + " Tokayev --relation AWARDS --evidence");
  CHECK(contains(whole.out,
                 "    2025-06-18  2025-06-astana-china-central-asia-summit  " + awarded + "\n"));
  CHECK(contains(run("neighbors " + quoted(graph) + " Tokayev --relation AWARDS --json").out,
                 awarded));
}

TEST_CASE("query cli: columns line up by display width with accented names") {
  TempDir dir;
  const fs::path graph = example_graph(dir);
  const Run r = run("neighbors " + quoted(graph) + " 'united nations'");
  REQUIRE(r.status == 0);
  const std::vector<std::string> lines = lines_of(r.out);
  REQUIRE(lines.size() == 3);
  CHECK(lines[2].rfind("Ant\xC3\xB3nio Guterres  PERSON  AFFILIATED_WITH  in  ", 0) == 0);
  for (const char* column : {"type", "relation", "weight", "evidence"}) {
    INFO(column);
    const std::size_t at = column_of(lines[1], column);
    REQUIRE(at != std::string::npos);
    // The cell under each header starts at the header's column (weight is right-aligned).
    const std::string cell = std::string(column) == "type"       ? "PERSON"
                             : std::string(column) == "relation" ? "AFFILIATED_WITH"
                                                                 : "";
    if (!cell.empty()) CHECK(column_of(lines[2], cell) == at);
  }
  // Accents are optional in names too.
  CHECK(run("show " + quoted(graph) + " 'ANTONIO GUTERRES'")
            .out.rfind("Ant\xC3\xB3nio Guterres\n", 0) == 0);
}

TEST_CASE(
    "query cli: path from Tokayev to Putin goes through Xi Jinping, with evidence on each hop") {
  TempDir dir;
  const fs::path graph = example_graph(dir);
  const Run r = run("path " + quoted(graph) + " Tokayev Putin");
  REQUIRE(r.status == 0);
  CHECK(r.out.rfind("Kassym-Jomart Tokayev -> Vladimir Putin: 2 hops, ", 0) == 0);
  const std::vector<std::string> lines = lines_of(r.out);
  REQUIRE(lines.size() >= 3);
  CHECK(lines[2].rfind("path 1: Kassym-Jomart Tokayev -", 0) == 0);
  CHECK(contains(lines[2], "> Xi Jinping ") != contains(lines[2], "- Xi Jinping "));
  CHECK(lines[2].substr(lines[2].size() - 15) == " Vladimir Putin");
  CHECK(contains(r.out, "\nhop  from                   relation "));

  const rapidjson::Document d = parse(run("path " + quoted(graph) + " Tokayev Putin --json").out);
  CHECK(d["length"].GetUint() == 2);
  CHECK(std::string(d["from"]["id"].GetString()) == "person:kassym-jomart-tokayev");
  CHECK(std::string(d["to"]["id"].GetString()) == "person:vladimir-putin");
  REQUIRE(d["paths"].Size() == 1);
  const auto& hops = d["paths"][0]["hops"];
  REQUIRE(hops.Size() == 2);
  CHECK(std::string(hops[0]["to"]["name"].GetString()) == "Xi Jinping");
  CHECK(std::string(hops[1]["from"]["name"].GetString()) == "Xi Jinping");
  for (const auto& hop : hops.GetArray()) {
    REQUIRE(hop["edges"].Size() >= 1);
    std::set<std::string> relations;
    for (const auto& e : hop["edges"].GetArray()) {
      relations.insert(e["relation"].GetString());
      REQUIRE(e["evidence"].Size() == 1);
      CHECK(std::string(e["evidence"][0]["sentence"].GetString()).size() > 10);
    }
    CHECK(relations.count("MEETS"));
  }

  // Without MEETS the path must find other relations.
  const rapidjson::Document no_meets = parse(
      run("path " + quoted(graph) + " Tokayev Putin --json --relation LEADER_OF,TRADES_WITH,VISITS")
          .out);
  for (const auto& p : no_meets["paths"].GetArray())
    for (const auto& hop : p["hops"].GetArray())
      for (const auto& e : hop["edges"].GetArray())
        CHECK(std::string(e["relation"].GetString()) != "MEETS");
  const Run short_limit = run("path " + quoted(graph) + " Tokayev Putin --max-depth 1");
  CHECK(short_limit.status == 0);
  CHECK(short_limit.out == "Kassym-Jomart Tokayev -> Vladimir Putin: no path within 1 hop\n");
  const rapidjson::Document none =
      parse(run("path " + quoted(graph) + " Tokayev Putin --max-depth 1 --json").out);
  CHECK(none["length"].IsNull());
  CHECK(none["paths"].Size() == 0);

  // Rahmon reaches Russia three ways in two hops; --all lists them, strongest first.
  const rapidjson::Document all =
      parse(run("path " + quoted(graph) + " Rahmon Russia --all --json").out);
  CHECK(all["length"].GetUint() == 2);
  CHECK(all["path_total"].GetUint() >= 2);
  CHECK(all["paths"].Size() == all["path_total"].GetUint());
  for (rapidjson::SizeType i = 1; i < all["paths"].Size(); ++i)
    CHECK(all["paths"][i - 1]["weight"].GetUint() >= all["paths"][i]["weight"].GetUint());
}

TEST_CASE("query cli: show prints Rahmon's card; search finds Tokayev from \"toka\"") {
  TempDir dir;
  const fs::path graph = example_graph(dir);
  const Run card = run("show " + quoted(graph) + " rakhmon");
  REQUIRE(card.status == 0);
  CHECK(card.out.rfind("Emomali Rahmon\n  id         person:emomali-rahmon\n  type       PERSON\n",
                       0) == 0);
  CHECK(contains(card.out, "\n  aliases    "));
  CHECK(contains(card.out, "Rakhmon ("));
  CHECK(
      contains(card.out, "\nrelation         dir   edges  weight  first       last        with\n"));
  CHECK(contains(card.out, "\nLEADER_OF        out       1  "));
  CHECK(contains(card.out, "Tajikistan ("));

  const rapidjson::Document d = parse(run("show " + quoted(graph) + " Rahmon --json").out);
  CHECK(std::string(d["id"].GetString()) == "person:emomali-rahmon");
  CHECK(d["mentions"].GetUint() > 0);
  CHECK(d["aliases"].Size() > 0);
  bool leads_tajikistan = false;
  for (const auto& g : d["relations"].GetArray()) {
    for (const char* key :
         {"relation", "direction", "edges", "weight", "first_seen", "last_seen", "with"})
      CHECK(g.HasMember(key));
    if (std::string(g["relation"].GetString()) == "LEADER_OF" &&
        std::string(g["direction"].GetString()) == "out")
      for (const auto& w : g["with"].GetArray())
        if (std::string(w["id"].GetString()) == "country:tajikistan") leads_tajikistan = true;
  }
  CHECK(leads_tajikistan);

  const Run search = run("search " + quoted(graph) + " toka");
  REQUIRE(search.status == 0);
  const std::vector<std::string> found = lines_of(search.out);
  REQUIRE(found.size() == 3);
  CHECK(found[0] == "1 match for \"toka\"");
  CHECK(found[1] == "name                   type    mentions  match   matched");
  CHECK(found[2].rfind("Kassym-Jomart Tokayev  PERSON  ", 0) == 0);
  CHECK(found[2].substr(found[2].size() - 25) == "  prefix  Tokayev (alias)");
  const rapidjson::Document s = parse(run("search " + quoted(graph) + " TOKA --json").out);
  REQUIRE(s["matches"].Size() == 1);
  CHECK(std::string(s["matches"][0]["id"].GetString()) == "person:kassym-jomart-tokayev");
  CHECK(std::string(s["matches"][0]["match"].GetString()) == "prefix");
  CHECK(s["matches"][0]["alias"].GetBool());
  // Accents: "antonio" finds "António Guterres".
  CHECK(contains(run("search " + quoted(graph) + " antonio").out, "Ant\xC3\xB3nio Guterres"));
  const Run nothing = run("search " + quoted(graph) + " tokaev");
  CHECK(nothing.status == 0);
  CHECK(nothing.out ==
        "no entity name or alias contains \"tokaev\"; did you mean: Kassym-Jomart Tokayev\n");
  const rapidjson::Document limited =
      parse(run("search " + quoted(graph) + " an --limit 2 --json").out);
  CHECK(limited["matches"].Size() == 2);
  CHECK(limited["match_total"].GetUint() > 2);
}

TEST_CASE("query cli: stats counts agree with the graph file") {
  TempDir dir;
  const fs::path graph = example_graph(dir);
  rapidjson::Document file;
  const std::string text = slurp(graph);
  file.Parse(text.c_str());
  REQUIRE(file.IsObject());
  std::map<std::string, std::size_t> types, relations;
  for (const auto& n : file["nodes"].GetArray()) ++types[n["type"].GetString()];
  std::size_t evidence = 0;
  for (const auto& e : file["edges"].GetArray()) {
    ++relations[e["relation"].GetString()];
    evidence += e["evidence"].Size();
  }

  const Run r = run("stats " + quoted(graph) + " --json --top 5");
  REQUIRE(r.status == 0);
  const rapidjson::Document s = parse(r.out);
  CHECK(s["nodes"].GetUint() == file["nodes"].Size());
  CHECK(s["edges"].GetUint() == file["edges"].Size());
  CHECK(s["documents"].GetUint() == file["documents"].Size());
  CHECK(s["documents"].GetUint() == 11);
  CHECK(s["evidence"].GetUint() == evidence);
  std::map<std::string, std::size_t> stat_types, stat_relations;
  for (const auto& t : s["entity_types"].GetArray())
    stat_types[t["type"].GetString()] = t["nodes"].GetUint();
  for (const auto& t : s["relations"].GetArray())
    stat_relations[t["relation"].GetString()] = t["edges"].GetUint();
  CHECK(stat_types == types);
  CHECK(stat_relations == relations);
  CHECK(std::string(s["first_date"].GetString()) == "2023-05-19");
  CHECK(std::string(s["last_date"].GetString()) == "2025-06-26");
  REQUIRE(s["top_degree"].Size() == 5);
  REQUIRE(s["top_pagerank"].Size() == 5);
  CHECK(std::string(s["top_degree"][0]["name"].GetString()) == "China");
  CHECK(std::string(s["top_pagerank"][0]["name"].GetString()) == "China");
  std::size_t in_components = 0;
  for (const auto& c : s["component_sizes"].GetArray()) in_components += c.GetUint();
  CHECK(in_components == file["nodes"].Size());
  CHECK(s["component_count"].GetUint() == s["component_sizes"].Size());

  const Run table = run("stats " + quoted(graph));
  REQUIRE(table.status == 0);
  CHECK(contains(table.out, "\n  nodes       " + std::to_string(file["nodes"].Size()) + "\n"));
  CHECK(contains(table.out, "\n  edges       " + std::to_string(file["edges"].Size()) + "\n"));
  CHECK(contains(table.out, "\n  dates       2023-05-19 to 2025-06-26"));
  CHECK(contains(table.out, "\ntop by degree\nrank  entity "));
  CHECK(contains(table.out, "\ntop by PageRank\nrank  entity "));
  CHECK(contains(table.out, "\n   1  China "));
}
