// Times loading a graph file: `graph_load_bench GRAPH.json [RUNS]` prints nodes, edges and the
// median seconds of load_graph() over the runs, the CPU seconds the loads took in all (user and
// system: page faults count there), plus peak RSS.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/error.h"
#include "graph/graph_file.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: graph_load_bench GRAPH.json [RUNS]\n");
    return 2;
  }
  const std::string path = argv[1];
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  std::vector<double> seconds;
  double user = 0, system = 0;
  auto cpu = [](double& u, double& s) {
    rusage now{};
    getrusage(RUSAGE_SELF, &now);
    u = static_cast<double>(now.ru_utime.tv_sec) + static_cast<double>(now.ru_utime.tv_usec) / 1e6;
    s = static_cast<double>(now.ru_stime.tv_sec) + static_cast<double>(now.ru_stime.tv_usec) / 1e6;
  };
  std::size_t nodes = 0, edges = 0;
  try {
    for (int i = 0; i < runs; ++i) {
      double u0, s0, u1, s1;
      cpu(u0, s0);
      const auto t0 = std::chrono::steady_clock::now();
      const silkgraph::graph::KnowledgeGraph g = silkgraph::graph::load_graph(path);
      const auto t1 = std::chrono::steady_clock::now();
      cpu(u1, s1);
      user += u1 - u0;
      system += s1 - s0;
      seconds.push_back(std::chrono::duration<double>(t1 - t0).count());
      nodes = g.node_count();
      edges = g.edge_count();
    }
  } catch (const silkgraph::InputError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  std::sort(seconds.begin(), seconds.end());
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("graph_load_bench: %s: %zu nodes, %zu edges; load median %.3f s (min %.3f, max %.3f, "
              "%d runs); CPU of the loads: user %.2f s, system %.2f s; peak RSS %.0f MB\n",
              path.c_str(), nodes, edges, seconds[seconds.size() / 2], seconds.front(),
              seconds.back(), runs, user, system, static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
