// Faults through the real binary: damaged graph files and outputs that cannot be written.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "tests/test_util.h"

using silkgraph::test::contains;
using silkgraph::test::examples;
using silkgraph::test::run;
using silkgraph::test::slurp;
using silkgraph::test::TempDir;

namespace {

std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE("faults: truncated and corrupted graph files are clear errors, never crashes") {
  TempDir dir;
  const auto good = dir.path / "good.json";
  REQUIRE(run("build --quiet '" + examples() + "' -o " + quoted(good)).status == 0);
  const std::string text = slurp(good);
  REQUIRE(text.size() > 1000);
  const auto bad = dir.path / "bad.json";
  std::mt19937 random(20261124);  // fixed: the same damage every run
  int rejected = 0;
  for (int trial = 0; trial < 120; ++trial) {
    std::string damaged = text;
    if (trial % 3 == 0) {
      damaged.resize(std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(random));
    } else {
      const int flips = 1 + trial % 8;
      for (int i = 0; i < flips; ++i) {
        const std::size_t at = std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(random);
        damaged[at] = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(random));
      }
    }
    std::ofstream(bad, std::ios::binary | std::ios::trunc) << damaged;
    const char* commands[] = {"stats", "neighbors", "export --format graphml"};
    const std::string command = commands[trial % 3];
    const std::string args = command == "neighbors" ? command + " " + quoted(bad) + " China"
                                                    : command + " " + quoted(bad);
    INFO("trial " << trial << ": silkgraph " << args);
    const auto r = run(args);
    // 0: the damage hit nothing that matters (a flipped letter in a sentence); 1: refused.
    // Anything else (a signal makes the shell exit 128 + n) is a crash.
    CHECK((r.status == 0 || r.status == 1));
    if (r.status == 1) {
      ++rejected;
      CHECK(r.err.rfind(bad.string() + ":", 0) == 0);  // the message starts with the file
    }
  }
  CHECK(rejected > 60);  // most damage is caught, not silently loaded
}

TEST_CASE("faults: a graph file of another version names the version and the file") {
  TempDir dir;
  const auto graph = dir.path / "g.json";
  REQUIRE(run("build --quiet '" + examples() + "' -o " + quoted(graph)).status == 0);
  std::string text = slurp(graph);
  const std::size_t at = text.find("\"version\": 1,");
  REQUIRE(at != std::string::npos);
  text.replace(at, 13, "\"version\": 7,");
  std::ofstream(graph, std::ios::binary | std::ios::trunc) << text;
  const auto r = run("stats " + quoted(graph));
  CHECK(r.status == 1);
  CHECK(contains(r.err, graph.string() + ":1:1: graph file version 7 is not supported (this "
                                         "silkgraph reads version 1)"));
}

TEST_CASE("faults: writing to a full device fails with the reason, for every writer") {
  if (!std::filesystem::exists("/dev/full")) return;
  TempDir dir;
  const auto graph = dir.path / "g.json";
  REQUIRE(run("build --quiet '" + examples() + "' -o " + quoted(graph)).status == 0);
  const std::string full = "/dev/full: cannot write (No space left on device)";
  for (const std::string& args :
       {"extract --quiet '" + examples() + "' -o /dev/full",
        "build --quiet '" + examples() + "' -o /dev/full",
        "export " + quoted(graph) + " --format graphml -o /dev/full",
        "export " + quoted(graph) + " --format gexf -o /dev/full",
        "export " + quoted(graph) + " --format cypher -o /dev/full",
        "export " + quoted(graph) + " --format json -o /dev/full"}) {
    INFO(args);
    const auto r = run(args);
    CHECK(r.status == 1);
    CHECK(contains(r.err, full));
  }
  // Standard output on a full device is a failure too, not a silent loss.
  for (const char* command : {"extract --quiet", "export --format json"}) {
    INFO(command);
    const std::string input = std::string(command).rfind("extract", 0) == 0 ? "'" + examples() + "'" : quoted(graph);
    const int raw = std::system(("'" SILKGRAPH_BINARY "' " + std::string(command) + " " + input +
                                 " >/dev/full 2>/dev/null")
                                    .c_str());
    CHECK(WIFEXITED(raw));
    CHECK(WEXITSTATUS(raw) == 1);
  }
}
