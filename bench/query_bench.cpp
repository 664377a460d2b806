// Times the queries of graph/queries.h on a loaded graph:
//   query_bench GRAPH.json [SAMPLES]
// prints the load time, then the median and slowest time of each query over SAMPLES (default
// 100) nodes or node pairs drawn with a fixed seed, plus the hub (the node of highest degree).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "common/error.h"
#include "graph/graph_file.h"
#include "graph/queries.h"

namespace {

using silkgraph::graph::KnowledgeGraph;
using silkgraph::graph::NodeId;
namespace q = silkgraph::graph;

std::string average(std::size_t total, std::size_t runs) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", static_cast<double>(total) / static_cast<double>(runs));
  return text;
}

double seconds_of(const std::function<void()>& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// One line: what, runs, median and max milliseconds, and a note (result sizes).
void report(const char* what, std::vector<double> seconds, const std::string& note) {
  std::sort(seconds.begin(), seconds.end());
  std::printf("  %-38s %5zu  %10.3f  %10.3f  %s\n", what, seconds.size(),
              seconds[seconds.size() / 2] * 1e3, seconds.back() * 1e3, note.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: query_bench GRAPH.json [SAMPLES]\n");
    return 2;
  }
  const std::string path = argv[1];
  const std::size_t samples =
      argc > 2 ? static_cast<std::size_t>(std::max(1, std::atoi(argv[2]))) : 100;
  KnowledgeGraph graph;
  double load = 0;
  try {
    load = seconds_of([&] { graph = q::load_graph(path); });
  } catch (const silkgraph::InputError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  const q::Adjacency& g = graph.adjacency();
  std::vector<NodeId> live;
  NodeId hub = 0;
  std::size_t hub_degree = 0;
  for (const NodeId v : boost::make_iterator_range(boost::vertices(g))) {
    if (graph.node(v).mentions == 0) continue;
    live.push_back(v);
    const std::size_t degree = boost::out_degree(v, g) + boost::in_degree(v, g);
    if (degree > hub_degree) {
      hub = v;
      hub_degree = degree;
    }
  }
  if (live.empty()) {
    std::fprintf(stderr, "query_bench: %s has no edges\n", path.c_str());
    return 1;
  }
  std::mt19937_64 rng(1);
  std::uniform_int_distribution<std::size_t> pick(0, live.size() - 1);
  std::vector<NodeId> nodes, targets;
  for (std::size_t i = 0; i < samples; ++i) {
    nodes.push_back(live[pick(rng)]);
    targets.push_back(live[pick(rng)]);
  }

  std::printf("query_bench: %s: %zu nodes, %zu edges; load %.3f s; hub \"%s\" with %zu edges\n",
              path.c_str(), graph.node_count(), graph.edge_count(), load,
              graph.node(hub).name.c_str(), hub_degree);
  std::printf("  %-38s %5s  %10s  %10s  %s\n", "query", "runs", "median ms", "max ms", "result");

  std::size_t rows = 0, reached = 0;
  std::vector<double> t;
  for (const NodeId v : nodes)
    t.push_back(seconds_of([&] { rows += q::neighbours(graph, v, {}).rows.size(); }));
  report("neighbours, depth 1", t, average(rows, samples) + " rows on average");

  t.clear();
  rows = 0;
  q::NeighbourOptions filtered;
  filtered.edges.relations = {"MEETS", "VISITS"};
  filtered.edges.since = "2015-01-01";
  filtered.direction = q::Direction::Out;
  filtered.limit = 20;
  for (const NodeId v : nodes)
    t.push_back(seconds_of([&] { rows += q::neighbours(graph, v, filtered).rows.size(); }));
  report("neighbours, filtered, limit 20", t, average(rows, samples) + " rows on average");

  t.clear();
  t.push_back(seconds_of([&] { rows = q::neighbours(graph, hub, {}).rows.size(); }));
  report("neighbours of the hub, depth 1", t, std::to_string(rows) + " rows");

  t.clear();
  rows = 0;
  q::NeighbourOptions two;
  two.depth = 2;
  two.limit = 100;
  for (std::size_t i = 0; i < std::min<std::size_t>(samples, 20); ++i)
    t.push_back(seconds_of([&] { rows += q::neighbours(graph, nodes[i], two).neighbours_total; }));
  report("neighbours, depth 2, limit 100", t,
         average(rows, t.size()) + " nodes reached on average");

  t.clear();
  std::size_t hops = 0;
  for (std::size_t i = 0; i < samples; ++i) {
    t.push_back(seconds_of([&] {
      const q::PathResult r = q::shortest_paths(graph, nodes[i], targets[i], {});
      if (!r.paths.empty()) {
        ++reached;
        hops += r.length;
      }
    }));
  }
  report("shortest path", t,
         std::to_string(reached) + " of " + std::to_string(samples) + " connected, " +
             (reached > 0 ? average(hops, reached) : "-") + " hops on average");

  // The slowest answer: no path, so the search covers the hub's whole component. An edge whose
  // ends have no other edges is a component of its own.
  for (const q::EdgeId e : boost::make_iterator_range(boost::edges(g))) {
    const NodeId a = boost::source(e, g), b = boost::target(e, g);
    if (boost::out_degree(a, g) + boost::in_degree(a, g) != 1 ||
        boost::out_degree(b, g) + boost::in_degree(b, g) != 1)
      continue;
    t.clear();
    std::size_t found = 0;
    t.push_back(seconds_of([&] { found = q::shortest_paths(graph, hub, a, {}).paths.size(); }));
    report("shortest path, none (whole component)", t,
           found == 0 ? "no path, as expected" : "a path?");
    break;
  }

  t.clear();
  std::size_t paths = 0;
  q::PathOptions all;
  all.all = true;
  all.limit = 20;
  for (std::size_t i = 0; i < samples; ++i)
    t.push_back(seconds_of(
        [&] { paths += q::shortest_paths(graph, nodes[i], targets[i], all).paths.size(); }));
  report("shortest paths, --all, limit 20", t, std::to_string(paths) + " paths");

  t.clear();
  rows = 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(samples, 20); ++i) {
    const std::string query = graph.node(nodes[i]).name.substr(0, 9);
    t.push_back(seconds_of([&] { rows += q::search(graph, query, 20).total; }));
  }
  report("search (9-character prefix)", t, average(rows, t.size()) + " matches on average");

  t.clear();
  t.push_back(seconds_of([&] { q::entity_card(graph, hub); }));
  report("entity card of the hub", t, "");

  t.clear();
  std::size_t components = 0;
  t.push_back(seconds_of([&] { components = q::stats(graph, 10).component_sizes.size(); }));
  report("stats (PageRank, components)", t, std::to_string(components) + " components");

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("  peak RSS %.0f MB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
