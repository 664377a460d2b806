// tests/validate_util.h: runs the export validators of ../shared/tools/validate (see
// tests/validators.sh) and reads their one-line JSON summaries.
#pragma once

#include <rapidjson/document.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "tests/test_util.h"

namespace silkgraph::test {

inline std::string validators_source() {
  return std::string(SILKGRAPH_SOURCE_DIR) + "/../shared/tools/validate";
}

// Runs a shell command line; stdout and stderr are captured.
inline Run run_shell(const std::string& command) {
  TempDir tmp;
  const std::string cmd = command + " </dev/null >'" + (tmp.path / "out").string() + "' 2>'" +
                          (tmp.path / "err").string() + "'";
  const int raw = std::system(cmd.c_str());
  Run r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(tmp.path / "out");
  r.err = slurp(tmp.path / "err");
  return r;
}

inline std::string validators_command(const std::string& mode) {
  return "bash '" + std::string(SILKGRAPH_SOURCE_DIR) + "/tests/validators.sh' '" + validators_source() + "' '" +
         std::string(SILKGRAPH_BUILD_DIR) + "/validate' " + mode;
}

/// The summary a checker printed, and how it ended.
struct Verdict {
  Run run;
  bool ok = false;  // exit 0 and "ok": true
  long long nodes = -1, edges = -1;
};

/// Runs `checker` ("check-graphml", ...) on `target`.
inline Verdict validate(const std::string& checker, const std::filesystem::path& target) {
  Verdict v;
  v.run = run_shell(validators_command("check " + checker + " '" + target.string() + "'"));
  // The summary is the last line of stdout.
  std::string last = v.run.out;
  while (!last.empty() && last.back() == '\n') last.pop_back();
  last = last.substr(last.rfind('\n') == std::string::npos ? 0 : last.rfind('\n') + 1);
  rapidjson::Document d;
  d.Parse(last.c_str());
  if (!d.HasParseError() && d.IsObject()) {
    v.ok = v.run.status == 0 && d.HasMember("ok") && d["ok"].IsBool() && d["ok"].GetBool();
    if (d.HasMember("nodes") && d["nodes"].IsInt64()) v.nodes = d["nodes"].GetInt64();
    if (d.HasMember("edges") && d["edges"].IsInt64()) v.edges = d["edges"].GetInt64();
  }
  return v;
}

/// Runs tests/kuzu_neighbours.mjs: "RELATION\tNEIGHBOUR" lines for node `id` of a neo4j-csv export.
inline Run kuzu_neighbours(const std::filesystem::path& dir, const std::string& id) {
  return run_shell(validators_command("node '" + std::string(SILKGRAPH_SOURCE_DIR) + "/tests/kuzu_neighbours.mjs' '" +
                                      dir.string() + "' '" + id + "'"));
}

}  // namespace silkgraph::test
