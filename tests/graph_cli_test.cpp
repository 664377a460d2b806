// Runs `silkgraph build` as a user would: articles, record shards, --append, bad input.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace fs = std::filesystem;
using namespace silkgraph::test;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    out.push_back(text.substr(start, end - start + 1));
    start = end + 1;
  }
  return out;
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE("build: --help, and usage errors name the problem") {
  const Run help = run("build --help");
  CHECK(help.status == 0);
  CHECK(contains(help.out, "usage: silkgraph build"));
  CHECK(contains(run("--help").out, "  build     "));
  const Run no_output = run("build x.txt");
  CHECK(no_output.status == 2);
  CHECK(no_output.err ==
        "silkgraph build: no graph file given; use -o FILE; see 'silkgraph build --help'\n");
  const Run both = run("build --records --date 2024-01-01 x.jsonl -o g.json");
  CHECK(both.status == 2);
  CHECK(both.err ==
        "silkgraph build: --date and --records cannot be used together; see 'silkgraph build "
        "--help'\n");
}

TEST_CASE("build: articles give the same graph file as record shards in any order and split") {
  TempDir dir;
  const fs::path single = dir.path / "single.json";
  const Run built = run("build '" + examples() + "' -o " + quoted(single));
  REQUIRE(built.status == 0);
  CHECK(contains(
      built.err,
      "silkgraph build: 11 documents (11 added, 0 replaced, 0 unchanged, 0 without relations); "));
  CHECK(contains(built.err, " not asserted (left out); graph: "));
  const std::string expected = slurp(single);
  CHECK(expected.rfind("{\n\"format\": \"silkgraph-graph\",\n\"version\": 1,\n\"nodes\": [\n", 0) ==
        0);
  CHECK(contains(expected,
                 "{\"id\":\"person:kassym-jomart-tokayev\",\"name\":\"Kassym-Jomart "
                 "Tokayev\",\"type\":\"PERSON\""));

  const Run extracted = run("extract --quiet '" + examples() + "'");
  REQUIRE(extracted.status == 0);
  const std::vector<std::string> lines = lines_of(extracted.out);
  REQUIRE(lines.size() > 20);

  // One file of all records.
  const fs::path all = dir.write("all.jsonl", extracted.out);
  const fs::path from_records = dir.path / "from-records.json";
  CHECK(run("build --quiet --records=" + quoted(all) + " -o " + quoted(from_records)).status == 0);
  CHECK(slurp(from_records) == expected);

  // Three shards dealt round-robin (every document split over all of them), given in reverse.
  std::string shard[3];
  for (std::size_t i = 0; i < lines.size(); ++i) shard[i % 3] += lines[i];
  const fs::path s0 = dir.write("s0.jsonl", shard[0]), s1 = dir.write("s1.jsonl", shard[1]),
                 s2 = dir.write("s2.jsonl", shard[2]);
  const fs::path from_shards = dir.path / "from-shards.json";
  CHECK(run("build --quiet --records " + quoted(s2) + " " + quoted(s1) + " " + quoted(s0) + " -o " +
            quoted(from_shards))
            .status == 0);
  CHECK(slurp(from_shards) == expected);

  // Lines reversed, fed through stdin.
  std::string reversed;
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) reversed += *it;
  const fs::path from_stdin = dir.path / "from-stdin.json";
  CHECK(run("build --quiet --records - -o " + quoted(from_stdin), reversed).status == 0);
  CHECK(slurp(from_stdin) == expected);
}

TEST_CASE("build: --append counts a document once and replaces one that changed") {
  TempDir dir;
  const fs::path a =
      dir.write("in/a.txt", "Putin met Kazakh President Kassym-Jomart Tokayev in Sochi.\n");
  const fs::path b = dir.write("in/b.txt", "Xi Jinping visited Kazakhstan in September.\n");
  const fs::path both = dir.path / "both.json";
  REQUIRE(run("build --quiet " + quoted(a) + " " + quoted(b) + " -o " + quoted(both)).status == 0);

  const fs::path graph = dir.path / "graph.json";
  REQUIRE(run("build --quiet --append " + quoted(a) + " -o " + quoted(graph)).status ==
          0);  // no file yet
  const Run appended = run("build --append " + quoted(b) + " -o " + quoted(graph));
  CHECK(appended.status == 0);
  CHECK(contains(appended.err,
                 "1 documents (1 added, 0 replaced, 0 unchanged, 0 without relations)"));
  CHECK(slurp(graph) == slurp(both));

  const Run again = run("build --append " + quoted(a) + " " + quoted(b) + " -o " + quoted(graph));
  CHECK(contains(again.err, "2 documents (0 added, 0 replaced, 2 unchanged, 0 without relations)"));
  CHECK(slurp(graph) == slurp(both));

  // b.txt now says something else: its old evidence goes.
  dir.write("in/b.txt", "Xi Jinping visited Kyrgyzstan in June.\n");
  const Run changed = run("build --append " + quoted(b) + " -o " + quoted(graph));
  CHECK(
      contains(changed.err, "1 documents (0 added, 1 replaced, 0 unchanged, 0 without relations)"));
  const std::string text = slurp(graph);
  CHECK(contains(text, "\"target\":\"country:kyrgyzstan\""));
  CHECK_FALSE(contains(text,
                       "\"target\":\"country:kazakhstan\",\"symmetric\":false,\"weight\":1,\"first_"
                       "seen\":\"\",\"last_seen\":\"\",\"evidence\":[{\"doc\":\"b\""));
  const fs::path fresh = dir.path / "fresh.json";
  REQUIRE(run("build --quiet " + quoted(a) + " " + quoted(b) + " -o " + quoted(fresh)).status == 0);
  CHECK(text == slurp(fresh));
}

TEST_CASE("build: bad record lines are reported by file and line and skipped") {
  TempDir dir;
  const Run extracted = run("extract --quiet -", "Putin met Tokayev in Sochi.\n");
  REQUIRE(extracted.status == 0);
  const fs::path records =
      dir.write("r.jsonl", extracted.out + "{\"doc\": \"x\"\n\n[1, 2]\n" +
                               "{\"doc\":\"x\",\"subject\":\"A\",\"subject_type\":\"GOD\"}\n");
  const fs::path graph = dir.path / "g.json";
  const Run r = run("build --records " + quoted(records) + " " +
                    quoted(dir.path / "missing.jsonl") + " -o " + quoted(graph));
  CHECK(r.status == 3);
  const std::string f = records.string();
  CHECK(contains(r.err, f + ":2:12: malformed JSON (Missing a comma or '}' after an object "
                            "member); record skipped\n"));
  CHECK(contains(r.err, f + ":4: record is not a JSON object; record skipped\n"));
  CHECK(contains(r.err, f + ":5: record has no \"relation\" string; record skipped\n"));
  CHECK(contains(r.err, (dir.path / "missing.jsonl").string() +
                            ": cannot open (No such file or directory); skipped\n"));
  CHECK(contains(r.err, "; 4 inputs skipped, "));
  CHECK(contains(slurp(graph), "\"relation\":\"MEETS\""));
}

TEST_CASE("build: a damaged graph file stops --append and is left untouched") {
  TempDir dir;
  const fs::path graph =
      dir.write("g.json", "{\n\"format\": \"silkgraph-graph\",\n\"version\": 1,\n\"nodes\": [\n");
  const Run r = run("build --append -o " + quoted(graph) + " -", "Putin met Tokayev.\n");
  CHECK(r.status == 1);
  CHECK(r.err == graph.string() +
                     ":5:1: malformed JSON (Invalid value); "
                     "the graph file is damaged or truncated; rebuild it with 'silkgraph build'\n");
  CHECK(slurp(graph) == "{\n\"format\": \"silkgraph-graph\",\n\"version\": 1,\n\"nodes\": [\n");
  CHECK(fs::directory_iterator(dir.path) != fs::directory_iterator());
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path)) ++files;
  CHECK(files == 1);  // no temporary left behind

  const Run unwritable =
      run("build -o " + quoted(dir.path / "no" / "g.json") + " -", "Putin met Tokayev.\n");
  CHECK(unwritable.status == 1);
  CHECK(contains(unwritable.err, "cannot create file"));
}

TEST_CASE("build: --append refuses rules that store a relation the other way") {
  TempDir dir;
  const fs::path graph = dir.path / "g.json";
  REQUIRE(run("build --quiet -o " + quoted(graph) + " -", "Putin met Tokayev.\n").status == 0);
  const std::string before = slurp(graph);
  const fs::path rules = dir.write(
      "directed.json", "{\"relations\": [{\"name\": \"MEETS\", \"symmetric\": false}]}\n");
  const Run r = run("build --append --rules " + quoted(rules) + " -o " + quoted(graph) + " -",
                    "Xi met Putin.\n");
  CHECK(r.status == 1);
  CHECK(r.err == graph.string() +
                     ": \"MEETS\" edges are symmetric in the graph but directed in the "
                     "rules; build the graph anew, without --append\n");
  CHECK(slurp(graph) == before);
}
