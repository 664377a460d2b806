// Runs `silkgraph export` as a user would: formats, filters, validators on the files it
// writes, and the bad-input bars (corrupt graph, unknown format, unwritable path, empty result).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/test_util.h"
#include "tests/validate_util.h"

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

// Every name in `dir`: what a failed run must not have added.
std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> out;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string usage(const std::string& what) {
  return "silkgraph export: " + what + "; see 'silkgraph export --help'\n";
}

}  // namespace

TEST_CASE("export cli: --help lists the formats and the filters") {
  const Run help = run("export --help");
  CHECK(help.status == 0);
  CHECK(contains(help.out, "usage: silkgraph export GRAPH [options] [-o PATH]"));
  for (const char* row : {"  graphml     .graphml  ", "  gexf        .gexf     ", "  cypher      .cypher   ",
                          "  neo4j-csv   DIR       ", "  json        .json     ", "  --focus NAME "})
    CHECK(contains(help.out, row));
  CHECK(contains(run("--help").out, "  export    "));
}

TEST_CASE("export cli: the format comes from --format or the extension of -o; stdout without -o") {
  TempDir dir;
  const fs::path graph = example_graph(dir);
  const Run to_stdout = run("export " + quoted(graph) + " --format gexf");
  REQUIRE(to_stdout.status == 0);
  CHECK(to_stdout.out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf ", 0) == 0);
  CHECK(contains(to_stdout.err, "silkgraph export: wrote "));
  CHECK(contains(to_stdout.err, " as gexf to stdout\n"));

  const fs::path file = dir.path / "Graph.GEXF";
  const Run to_file = run("export " + quoted(graph) + " -q -o " + quoted(file));
  REQUIRE(to_file.status == 0);
  CHECK(to_file.err.empty());  // --quiet
  CHECK(slurp(file) == to_stdout.out);  // same bytes, whichever way it is written
  CHECK(run("export " + quoted(graph) + " --format=gexf -q -o -").out == to_stdout.out);
  // The format flag wins over the extension.
  CHECK(run("export " + quoted(graph) + " -f json -q -o " + quoted(dir.path / "x.graphml")).status == 0);
  CHECK(slurp(dir.path / "x.graphml").rfind("{\n\"directed\": true,", 0) == 0);
}

TEST_CASE("export cli: the examples in every format pass the validators, twice byte-identical") {
  TempDir dir;
  const fs::path graph = example_graph(dir);
  const struct {
    const char* output;
    const char* flags;
    const char* checker;
  } cases[] = {
      {"g.graphml", "", "check-graphml"}, {"g.gexf", "", "check-gexf"},
      {"g.cypher", "", "check-cypher"},   {"import", "--format neo4j-csv", "check-neo4j-csv"},
      {"g.json", "", "check-json"},
  };
  for (const auto& c : cases) {
    INFO(c.output);
    const fs::path out = dir.path / c.output;
    const Run first = run("export " + quoted(graph) + " " + c.flags + " -o " + quoted(out));
    REQUIRE(first.status == 0);
    const Verdict v = validate(c.checker, out);
    INFO(v.run.out, v.run.err);
    CHECK(v.ok);
    if (fs::is_directory(out)) {
      const std::string nodes = slurp(out / "nodes.csv"), relationships = slurp(out / "relationships.csv");
      CHECK(run("export " + quoted(graph) + " " + c.flags + " -o " + quoted(out)).status == 0);
      CHECK(slurp(out / "nodes.csv") == nodes);
      CHECK(slurp(out / "relationships.csv") == relationships);
      CHECK(listing(out) == std::vector<std::string>{"nodes.csv", "relationships.csv"});
    } else {
      const std::string bytes = slurp(out);
      CHECK(run("export " + quoted(graph) + " " + c.flags + " -o " + quoted(out)).status == 0);
      CHECK(slurp(out) == bytes);
    }
  }
  // No temporary file or directory is left beside the outputs.
  CHECK(listing(dir.path) ==
        std::vector<std::string>{"g.cypher", "g.gexf", "g.graphml", "g.json", "graph.json", "import"});
}

TEST_CASE("export cli: usage errors name the problem, exit 2 and write nothing") {
  TempDir dir;
  const fs::path graph = example_graph(dir);
  const std::string g = quoted(graph) + " ";
  const struct {
    std::string args;
    std::string err;
  } cases[] = {
      {"export " + g + "--format xml -o out.xml",
       usage("--format: unknown format \"xml\"; formats: graphml, gexf, cypher, neo4j-csv, json")},
      {"export " + g + "-o out.xml",
       usage("cannot tell the format from \"out.xml\"; use --format (graphml, gexf, cypher, neo4j-csv, json)")},
      {"export " + g, usage("no format given; use --format (graphml, gexf, cypher, neo4j-csv, json) or -o with a "
                            "known extension")},
      {"export " + g + "--format neo4j-csv", usage("--format neo4j-csv writes a directory; use -o DIR")},
      {"export --format json", usage("no graph file given")},
      {"export " + g + "other.json --format json", usage("more than one graph file given (\"" + graph.string() +
                                                         "\", \"other.json\")")},
      {"export " + g + "--format json --depth 2", usage("--depth needs --focus")},
      {"export " + g + "--format json --focus Xi --depth two",
       usage("--depth: expected a whole number 0-999999999, got \"two\"")},
      {"export " + g + "--format json --min-weight -1",
       usage("--min-weight: expected a whole number 0-999999999, got \"-1\"")},
      {"export " + g + "--format json --since 2024-13-01", usage("--since: expected YYYY-MM-DD, got \"2024-13-01\"")},
      {"export " + g + "--format json --since 2025-01-01 --until 2024-12-31",
       usage("--since 2025-01-01 is after --until 2024-12-31")},
      {"export " + g + "--format json --type person,planet",
       usage("--type: unknown entity type \"planet\"; types: person, country, region, city, org")},
      {"export " + g + "--format json --relation MEETS,", usage("--relation: empty name in \"MEETS,\"")},
      {"export " + g + "--format json --colour red", usage("unknown option \"--colour\"")},
  };
  for (const auto& c : cases) {
    INFO(c.args);
    const Run r = run(c.args);
    CHECK(r.status == 2);
    CHECK(r.err == c.err);
    CHECK(r.out.empty());
  }
  CHECK(listing(dir.path) == std::vector<std::string>{"graph.json"});
}

TEST_CASE("export cli: a corrupt or missing graph file is an error; nothing is written") {
  TempDir dir;
  const fs::path bad = dir.write("bad.json", "{\"format\": \"silkgraph-graph\", \"version\": 1, \"nodes\": [");
  const fs::path kept = dir.write("kept.graphml", "an earlier export\n");
  for (const char* output : {"kept.graphml", "new.gexf"}) {
    INFO(output);
    const Run r = run("export " + quoted(bad) + " -o " + quoted(dir.path / output));
    CHECK(r.status == 1);
    CHECK(r.err == bad.string() +
                       ":1:55: malformed JSON (Invalid value); the graph file is damaged or truncated; rebuild "
                       "it with 'silkgraph build'\n");
  }
  const Run csv = run("export " + quoted(bad) + " --format neo4j-csv -o " + quoted(dir.path / "import"));
  CHECK(csv.status == 1);
  const Run missing = run("export " + quoted(dir.path / "nope.json") + " --format json");
  CHECK(missing.status == 1);
  CHECK(missing.err == (dir.path / "nope.json").string() + ": cannot open (No such file or directory)\n");
  CHECK(missing.out.empty());
  CHECK(slurp(kept) == "an earlier export\n");
  CHECK(listing(dir.path) == std::vector<std::string>{"bad.json", "kept.graphml"});
}

TEST_CASE("export cli: an unwritable output path fails at once with exit 1 and leaves nothing") {
  TempDir dir;
  const fs::path graph = example_graph(dir);
  const fs::path missing_dir = dir.path / "no-such-dir";
  const struct {
    std::string flags;
    std::string err;
  } cases[] = {
      {"-o " + quoted(missing_dir / "g.graphml"),
       (missing_dir / "g.graphml").string() + ": cannot create file (No such file or directory)\n"},
      {"--format neo4j-csv -o " + quoted(missing_dir / "import"),
       (missing_dir / "import").string() + ": cannot create directory (No such file or directory)\n"},
      {"--format json -o " + quoted(dir.path), dir.path.string() + ": cannot create file (Is a directory)\n"},
      {"--format neo4j-csv -o " + quoted(dir.path / "notes.txt"),
       (dir.path / "notes.txt").string() + ": cannot create directory (Not a directory)\n"},
      {"--format json -o /dev/full", "/dev/full: cannot write (No space left on device); previous file left untouched\n"},
      {"--format json -o " + quoted(graph),
       graph.string() + ": is the graph file being exported; choose another output path\n"},
  };
  const std::string before = slurp(graph);
  dir.write("notes.txt", "not a directory\n");
  for (const auto& c : cases) {
    INFO(c.flags);
    const Run r = run("export " + quoted(graph) + " " + c.flags);
    CHECK(r.status == 1);
    CHECK(r.err == c.err);
  }
  CHECK(slurp(graph) == before);
  CHECK(listing(dir.path) == std::vector<std::string>{"graph.json", "notes.txt"});
}

TEST_CASE("export cli: neo4j-csv replaces an earlier export but never a folder holding other files") {
  TempDir dir;
  const fs::path graph = example_graph(dir);
  const fs::path out = dir.path / "import";
  REQUIRE(run("export " + quoted(graph) + " --format neo4j-csv -q -o " + quoted(out)).status == 0);
  // An earlier, larger export is replaced as a whole.
  const std::string all_nodes = slurp(out / "nodes.csv");
  REQUIRE(run("export " + quoted(graph) + " --format neo4j-csv --relation MEETS -q -o " + quoted(out) + "/").status == 0);
  CHECK(slurp(out / "nodes.csv").size() < all_nodes.size());
  CHECK(listing(out) == std::vector<std::string>{"nodes.csv", "relationships.csv"});

  const fs::path mine = dir.path / "mine";
  fs::create_directories(mine);
  dir.write("mine/notes.txt", "keep me\n");
  const Run r = run("export " + quoted(graph) + " --format neo4j-csv -o " + quoted(mine));
  CHECK(r.status == 1);
  CHECK(r.err == mine.string() +
                     ": directory holds other files (\"notes.txt\"); give a new or empty directory, or one an "
                     "earlier neo4j-csv export wrote\n");
  CHECK(listing(mine) == std::vector<std::string>{"notes.txt"});
  // An empty directory is fine.
  fs::create_directories(dir.path / "empty");
  CHECK(run("export " + quoted(graph) + " --format neo4j-csv -q -o " + quoted(dir.path / "empty")).status == 0);
  CHECK(listing(dir.path / "empty") == std::vector<std::string>{"nodes.csv", "relationships.csv"});
  CHECK(listing(dir.path) == std::vector<std::string>{"empty", "graph.json", "import", "mine"});
}

TEST_CASE("export cli: a filter that leaves nothing writes a valid empty graph and says so") {
  TempDir dir;
  const fs::path graph = example_graph(dir);
  const fs::path out = dir.path / "empty.graphml";
  const Run r = run("export " + quoted(graph) + " --type org --relation MEETS -o " + quoted(out));
  CHECK(r.status == 0);
  CHECK(contains(r.err, "silkgraph export: nothing passes the filters; wrote an empty graph (0 nodes, 0 edges) to " +
                            out.string() + "\n"));
  const Verdict graphml = validate("check-graphml", out);
  CHECK(graphml.ok);
  CHECK(graphml.nodes == 0);
  // Every format has a valid empty form; the Cypher script still declares the constraints.
  const struct {
    const char* output;
    const char* flags;
    const char* checker;
  } cases[] = {{"e.gexf", "", "check-gexf"},
               {"e.cypher", "", "check-cypher"},
               {"e.json", "", "check-json"},
               {"e-import", "--format neo4j-csv", "check-neo4j-csv"}};
  for (const auto& c : cases) {
    INFO(c.output);
    const fs::path p = dir.path / c.output;
    REQUIRE(run("export " + quoted(graph) + " --since 1990-01-01 --until 1990-12-31 -q " + c.flags + " -o " + quoted(p))
                .status == 0);
    const Verdict v = validate(c.checker, p);
    INFO(v.run.out, v.run.err);
    CHECK(v.ok);
  }
  // A relation the graph lacks may be a typo: say which relations it has.
  const Run typo = run("export " + quoted(graph) + " --relation MEET --format json");
  CHECK(typo.status == 0);
  CHECK(contains(typo.err, "silkgraph export: warning: " + graph.string() +
                               " has no \"MEET\" edges; relations in it: AFFILIATED_WITH, "));
  CHECK(contains(typo.out, "\"links\": []"));
}

TEST_CASE("export cli: filters from the command line, and an unknown --focus") {
  TempDir dir;
  const fs::path graph = example_graph(dir);
  const std::string g = quoted(graph);

  const Run ego = run("export " + g + " --focus Toqaev --relation meets --format json -q");
  REQUIRE(ego.status == 0);
  CHECK(contains(ego.out, "{\"id\":\"person:kassym-jomart-tokayev\","));
  CHECK(contains(ego.out, "\"source\":\"person:kassym-jomart-tokayev\",\"target\":\"person:xi-jinping\",\"key\":\"MEETS\""));
  CHECK_FALSE(contains(ego.out, "\"relation\":\"LEADER_OF\""));

  const Run people = run("export " + g + " --type PERSON --format json -q");
  REQUIRE(people.status == 0);
  CHECK_FALSE(contains(people.out, "\"type\":\"COUNTRY\""));
  CHECK(contains(people.out, "\"type\":\"PERSON\""));

  const Run heavy = run("export " + g + " --min-weight 1000 --format json");
  CHECK(heavy.status == 0);
  CHECK(contains(heavy.out, "\"nodes\": [],\n\"links\": []"));

  const Run dated = run("export " + g + " --since 2025-06-26 --until 2025-06-26 --format gexf -q");
  REQUIRE(dated.status == 0);
  // Every edge kept has evidence of that day (and keeps its other dates).
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = dated.out.find(needle); at != std::string::npos; at = dated.out.find(needle, at + 1)) ++n;
    return n;
  };
  CHECK(count("<edge ") > 0);
  CHECK(count("<edge ") == count("<spell start=\"2025-06-26\" end=\"2025-06-26\"/>"));

  const Run alone = run("export " + g + " --focus Toqaev --relation BORDERS --format json -q");
  CHECK(alone.status == 0);
  CHECK(alone.err ==
        "silkgraph export: nothing passes the filters; wrote a graph without edges (1 node) to stdout\n");
  CHECK(contains(alone.out, "\"nodes\": [\n{\"id\":\"person:kassym-jomart-tokayev\","));

  const Run unknown = run("export " + g + " --focus Tokaevv --format json");
  CHECK(unknown.status == 1);
  CHECK(unknown.err == "--focus: no entity named \"Tokaevv\"; did you mean: Kassym-Jomart Tokayev\n");
  CHECK(unknown.out.empty());
}
