// Faults through the real binary: damaged graph files and outputs that cannot be written.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "tests/test_util.h"

using silkgraph::test::contains;
using silkgraph::test::examples;
using silkgraph::test::run;
using silkgraph::test::slurp;
using silkgraph::test::TempDir;

namespace {

std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// Records for a graph large enough that writing it takes a while (edges between 5,000 names).
std::string many_records(int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    const std::string a = "Person " + std::to_string(i % 5000);
    const std::string b = "Country " + std::to_string((i * 7919) % 5000);
    const std::string sentence = a + " visited " + b + " on the " + std::to_string(i) +
                                 "th day, and talks went on for a long while after that.";
    out += "{\"doc\":\"d" + std::to_string(i / 20) +
           "\",\"subject\":\"" + a + "\",\"subject_type\":\"PERSON\",\"relation\":\"VISITS\","
           "\"object\":\"" + b + "\",\"object_type\":\"COUNTRY\",\"sentence\":\"" + sentence +
           "\",\"offset\":[" + std::to_string(i % 20 * 200) + "," +
           std::to_string(i % 20 * 200 + sentence.size()) +
           "],\"rule\":\"visits.direct\",\"negated\":false,\"modality\":\"asserted\","
           "\"date\":\"2024-05-0" + std::to_string(1 + i % 9) + "\",\"subject_text\":\"" + a +
           "\",\"object_text\":\"" + b + "\"}\n";
  }
  return out;
}

// Runs the binary with `args` and kills it with SIGKILL as soon as it has written into an open
// file in `dir` other than the input (its output, half written); true if it was killed so.
bool kill_while_writing(const std::vector<std::string>& args, const std::filesystem::path& dir) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(SILKGRAPH_BINARY)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::freopen("/dev/null", "w", stderr);
    ::execv(SILKGRAPH_BINARY, argv.data());
    ::_exit(127);
  }
  const std::string fds = "/proc/" + std::to_string(pid) + "/fd";
  bool writing = false;
  for (int i = 0; i < 20000 && !writing; ++i) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(fds, ec)) {
      const std::string target = std::filesystem::read_symlink(entry.path(), ec).string();
      if (ec || target.rfind(dir.string() + "/", 0) != 0 || target.find("/in.") != std::string::npos)
        continue;
      // The output, once something has been written to it (the link follows to the file).
      const auto size = std::filesystem::file_size(entry.path(), ec);
      if (!ec && size > 0) writing = true;
    }
    if (!writing) ::usleep(500);
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return writing && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

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
      // The message starts with the file, line and column.
      REQUIRE(r.err.rfind(bad.string() + ":", 0) == 0);
      CHECK(std::regex_search(r.err.substr(bad.string().size()), std::regex("^:[0-9]+:[0-9]+: ")));
      // The server refuses the same file the same way, at once (a hang would meet `timeout`).
      const std::string err = (dir.path / "serve.err").string();
      const int raw = std::system(("timeout 30 '" SILKGRAPH_BINARY "' serve " + quoted(bad) +
                                   " --port 0 >/dev/null 2>'" + err + "'")
                                      .c_str());
      CHECK(WIFEXITED(raw));
      CHECK(WEXITSTATUS(raw) == 1);
      CHECK(slurp(err) == r.err);
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
  // Each under `timeout`: a server that loaded the graph would keep running.
  for (const std::string& args : {"stats " + quoted(graph), "neighbors " + quoted(graph) + " China",
                                  "export " + quoted(graph) + " --format gexf",
                                  "serve " + quoted(graph) + " --port 0"}) {
    INFO(args);
    const std::string err = (dir.path / "err").string();
    const int raw = std::system(("timeout 30 '" SILKGRAPH_BINARY "' " + args + " >/dev/null 2>'" +
                                 err + "'")
                                    .c_str());
    CHECK(WIFEXITED(raw));
    CHECK(WEXITSTATUS(raw) == 1);
    CHECK(contains(slurp(err), graph.string() + ":1:1: graph file version 7 is not supported (this "
                                                "silkgraph reads version 1)"));
  }
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

TEST_CASE("faults: a write that fails on a regular file keeps the previous file, for every writer") {
  // A file size limit makes writes past 16 KB fail with EFBIG on an ordinary file system
  // (SIGXFSZ ignored, as a full disk would make them fail with ENOSPC): the output is a real
  // file in a real directory, so the previous file and the absence of temporaries can be seen.
  TempDir dir;
  const auto graph = dir.path / "g.json";
  REQUIRE(run("build --quiet '" + examples() + "' -o " + quoted(graph)).status == 0);
  const std::string graph_before = slurp(graph);
  REQUIRE(graph_before.size() > 32 * 1024);
  const auto out = dir.path / "out";
  std::filesystem::create_directory(out);
  struct Case {
    std::string args, target;
  };
  const auto in_out = [&](const char* name) { return out / name; };
  const Case cases[] = {
      {"extract --quiet '" + examples() + "' -o " + quoted(in_out("r.jsonl")), in_out("r.jsonl").string()},
      {"build --quiet '" + examples() + "' -o " + quoted(graph), graph.string()},
      {"export " + quoted(graph) + " --format graphml -o " + quoted(in_out("g.graphml")), in_out("g.graphml").string()},
      {"export " + quoted(graph) + " --format gexf -o " + quoted(in_out("g.gexf")), in_out("g.gexf").string()},
      {"export " + quoted(graph) + " --format cypher -o " + quoted(in_out("g.cypher")), in_out("g.cypher").string()},
      {"export " + quoted(graph) + " --format json -o " + quoted(in_out("g.json")), in_out("g.json").string()},
      {"export " + quoted(graph) + " --format neo4j-csv -o " + quoted(in_out("csv")), in_out("csv").string()},
  };
  std::filesystem::create_directory(out / "csv");
  std::ofstream(out / "csv" / "nodes.csv") << "previous nodes\n";
  for (const char* name : {"r.jsonl", "g.graphml", "g.gexf", "g.cypher", "g.json"})
    std::ofstream(out / name) << "previous " << name << "\n";
  for (const Case& c : cases) {
    INFO(c.args);
    const std::string err = (dir.path / "err").string();
    const std::string shell = "trap '' XFSZ; ulimit -f 16; exec '" SILKGRAPH_BINARY "' " + c.args +
                              " 2>'" + err + "'";
    const int raw = std::system(("bash -c \"" + shell + "\"").c_str());
    CHECK(WIFEXITED(raw));
    CHECK(WEXITSTATUS(raw) == 1);
    const std::string message = slurp(err);
    CHECK(message.rfind(c.target + ": cannot write", 0) == 0);
    CHECK(contains(message, "(File too large)"));
    CHECK(contains(message, "left untouched"));
  }
  CHECK(slurp(graph) == graph_before);
  for (const char* name : {"r.jsonl", "g.graphml", "g.gexf", "g.cypher", "g.json"})
    CHECK(slurp(out / name) == "previous " + std::string(name) + "\n");
  CHECK(slurp(out / "csv" / "nodes.csv") == "previous nodes\n");
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path))
    names.push_back(std::filesystem::relative(entry.path(), dir.path).string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"err", "g.json", "out", "out/csv", "out/csv/nodes.csv",
                                          "out/g.cypher", "out/g.gexf", "out/g.graphml",
                                          "out/g.json", "out/r.jsonl"});
}

TEST_CASE("faults: killed with SIGKILL while writing, the previous file stays and nothing else") {
  TempDir dir;
  const auto records = dir.write("in.records.jsonl", many_records(150000));
  const auto graph = dir.path / "graph.json";
  const auto out = dir.path / "out.graphml";
  REQUIRE(run("build --quiet --records " + quoted(records) + " -o " + quoted(graph)).status == 0);
  const std::string graph_before = slurp(graph);
  std::ofstream(out) << "the previous export\n";

  // The graph file, while `build --append`-free rebuilds it from the same records, and an export.
  CHECK(kill_while_writing({"build", "--quiet", "--records", records.string(), "-o", graph.string()},
                           dir.path));
  CHECK(kill_while_writing({"export", graph.string(), "--format", "graphml", "-o", out.string()},
                           dir.path));
  CHECK(slurp(graph) == graph_before);
  CHECK(slurp(out) == "the previous export\n");
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"graph.json", "in.records.jsonl", "out.graphml"});
}

TEST_CASE("faults: inputs that vanish or become unreadable during a run are skipped, by name") {
  // The run reads a FIFO first and so waits for this test, which meanwhile deletes one file
  // and makes another unreadable; as root (who reads anything) the binary runs as nobody.
  const bool root = ::geteuid() == 0;
  for (const std::string command : {"extract", "build"}) {
    INFO(command);
    TempDir dir;
    const auto fifo = dir.path / "first.txt";
    REQUIRE(::mkfifo(fifo.c_str(), 0666) == 0);
    ::chmod(fifo.c_str(), 0666);
    const auto later = dir.path / "later";
    dir.write("later/a.txt", "Vladimir Putin visited Dushanbe on Monday.\n");
    const auto gone = dir.write("later/b.txt", "Xi Jinping met Kassym-Jomart Tokayev on Friday.\n");
    const auto locked = dir.write("later/c.txt", "Russia signed a gas deal with Uzbekistan.\n");
    dir.write("later/d.txt", "Shavkat Mirziyoyev visited Astana on Tuesday.\n");
    const auto out = dir.path / "out";
    const std::string as_nobody = root ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
    const std::string output = command == "build" ? " -o " + quoted(dir.path / "g.json") : "";
    if (command == "build") ::chmod(dir.path.c_str(), 0777);  // nobody writes the graph there
    const std::string shell = as_nobody + "'" SILKGRAPH_BINARY "' " + command + " " + quoted(fifo) +
                              " " + quoted(later) + output + " >" + quoted(out) + " 2>" +
                              quoted(dir.path / "err");
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::execl("/bin/sh", "sh", "-c", shell.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    {
      std::ofstream writer(fifo);  // opens once the run has opened the FIFO to read it
      std::filesystem::remove(gone);
      ::chmod(locked.c_str(), 0);
      writer << "Ilham Aliyev met Recep Tayyip Erdogan in Baku on Sunday.\n";
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    const std::string err = slurp(dir.path / "err");
    INFO(err);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 3);  // done, but inputs were skipped
    CHECK(contains(err, gone.string() + ": cannot open (No such file or directory); skipped"));
    CHECK(contains(err, locked.string() + ": cannot open (Permission denied); skipped"));
    CHECK(contains(err, "2 inputs skipped"));
    if (command == "extract") {
      const std::string records = slurp(out);
      CHECK(contains(records, "\"doc\":\"first\""));
      CHECK(contains(records, "\"doc\":\"a\""));
      CHECK(contains(records, "\"doc\":\"d\""));
    } else {
      const std::string graph = slurp(dir.path / "g.json");
      CHECK(contains(graph, "\"id\":\"a\""));
      CHECK(contains(graph, "\"id\":\"d\""));
      CHECK(contains(graph, "\"id\":\"first\""));
    }
  }
}

TEST_CASE("faults: output into a read-only directory fails at once and leaves it as it was") {
  // Root writes anywhere, so as root the binary runs as nobody.
  const std::string as_nobody =
      ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  TempDir dir;
  const auto graph = dir.path / "g.json";
  REQUIRE(run("build --quiet '" + examples() + "' -o " + quoted(graph)).status == 0);
  const auto locked = dir.path / "locked";
  std::filesystem::create_directory(locked);
  std::ofstream(locked / "old.graphml") << "previous\n";
  ::chmod(locked.c_str(), 0555);
  for (const std::string& args :
       {"export " + quoted(graph) + " -o " + quoted(locked / "old.graphml"),
        "export " + quoted(graph) + " --format neo4j-csv -o " + quoted(locked / "csv"),
        "build --quiet '" + examples() + "' -o " + quoted(locked / "g.json"),
        "extract --quiet '" + examples() + "' -o " + quoted(locked / "r.jsonl")}) {
    INFO(args);
    const std::string err = (dir.path / "err").string();
    const int raw = std::system((as_nobody + "'" SILKGRAPH_BINARY "' " + args + " 2>'" + err + "'").c_str());
    CHECK(WIFEXITED(raw));
    CHECK(WEXITSTATUS(raw) == 1);
    CHECK(contains(slurp(err), "Permission denied"));
  }
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(locked))
    names.push_back(entry.path().filename().string());
  CHECK(names == std::vector<std::string>{"old.graphml"});
  CHECK(slurp(locked / "old.graphml") == "previous\n");
  ::chmod(locked.c_str(), 0755);
}
