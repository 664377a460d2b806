#include "graph/filter.h"

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <limits>
#include <tuple>
#include <unordered_set>

#include "common/fold.h"

namespace silkgraph::graph {
namespace {

constexpr std::size_t kUnreached = std::numeric_limits<std::size_t>::max();

// Undirected copy of the kept edges: the BFS must follow edges either way, and
// adjacency_list's bidirectional out_edges() only goes one way.
using Undirected = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

struct DepthReached {};

// Records hop counts; stops the search once it takes a node at the last hop off the queue:
// the queue is in hop order, so every node within the limit has been discovered by then.
class DepthLimited : public boost::default_bfs_visitor {
 public:
  DepthLimited(std::vector<std::size_t>& hops, std::size_t depth) : hops_(&hops), depth_(depth) {}
  template <typename Vertex, typename G>
  void examine_vertex(Vertex u, const G&) const {
    if ((*hops_)[u] >= depth_) throw DepthReached{};
  }
  template <typename Edge, typename G>
  void tree_edge(Edge e, const G& g) const {
    (*hops_)[boost::target(e, g)] = (*hops_)[boost::source(e, g)] + 1;
  }

 private:
  std::vector<std::size_t>* hops_;
  std::size_t depth_;
};

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::pair<NodeId, NodeId> ends(const KnowledgeGraph& graph, EdgeId e) {
  const Adjacency& g = graph.adjacency();
  NodeId s = boost::source(e, g), t = boost::target(e, g);
  if (g[e].symmetric && g[t].id < g[s].id) std::swap(s, t);
  return {s, t};
}

std::vector<std::string> closest_names(const KnowledgeGraph& graph, std::string_view name,
                                       std::size_t count) {
  const Adjacency& g = graph.adjacency();
  const std::string wanted = fold::folded(name);
  struct Candidate {
    std::size_t distance;
    std::uint64_t mentions;
    const std::string* name;
  };
  std::vector<Candidate> candidates;
  for (const NodeId v : boost::make_iterator_range(boost::vertices(g))) {
    const NodeData& n = g[v];
    if (n.mentions == 0) continue;
    const std::string folded_name = fold::folded(n.name);
    std::size_t best = edit_distance(wanted, folded_name);
    for (const auto& alias : n.aliases) best = std::min(best, edit_distance(wanted, fold::folded(alias.first)));
    // Words of the name, so "Tokaev" finds "Kassym-Jomart Tokayev".
    std::size_t start = 0;
    while (start < folded_name.size()) {
      std::size_t stop = folded_name.find_first_of(" -", start);
      if (stop == std::string::npos) stop = folded_name.size();
      if (stop > start)
        best = std::min(best, edit_distance(wanted, std::string_view(folded_name).substr(start, stop - start)));
      start = stop + 1;
    }
    candidates.push_back({best, n.mentions, &n.name});
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::make_tuple(a.distance, b.mentions, std::string_view(*a.name)) <
           std::make_tuple(b.distance, a.mentions, std::string_view(*b.name));
  });
  // Names this close are plausible typos; when none is, the nearest ones still help.
  const std::size_t close = std::max<std::size_t>(3, wanted.size() / 2);
  const bool any_close = !candidates.empty() && candidates.front().distance <= close;
  std::vector<std::string> out;
  for (const Candidate& c : candidates) {
    if (out.size() == count || (any_close && c.distance > close)) break;
    if (std::find(out.begin(), out.end(), *c.name) == out.end()) out.push_back(*c.name);
  }
  return out;
}

NodeId resolve_entity(const KnowledgeGraph& graph, std::string_view name, const SourcePos& where) {
  if (const std::optional<NodeId> v = graph.find(name)) return *v;
  const std::string what = "no entity named \"" + std::string(name) + "\"";
  const std::vector<std::string> near = closest_names(graph, name, 3);
  if (near.empty()) throw InputError(where, what, "the graph is empty");
  std::string hint = "did you mean: ";
  for (std::size_t i = 0; i < near.size(); ++i) hint += (i > 0 ? ", " : "") + near[i];
  throw InputError(where, what, hint);
}

Selection select(const KnowledgeGraph& graph, const Filter& filter) {
  const Adjacency& g = graph.adjacency();
  Selection out;
  if (!filter.focus.empty()) out.focus = resolve_entity(graph, filter.focus, {"--focus"});

  const std::unordered_set<std::string_view> relations(filter.relations.begin(), filter.relations.end());
  bool type_kept[5] = {true, true, true, true, true};
  if (!filter.types.empty()) {
    std::fill(std::begin(type_kept), std::end(type_kept), false);
    for (const ingest::EntityType t : filter.types) type_kept[static_cast<int>(t)] = true;
  }
  const bool dated = !filter.since.empty() || !filter.until.empty();
  auto in_range = [&](std::string_view date) {
    return !date.empty() && (filter.since.empty() || date >= filter.since) &&
           (filter.until.empty() || date <= filter.until);
  };
  auto kept = [&](EdgeId e) {
    const EdgeData& d = g[e];
    if (d.weight < filter.min_weight) return false;
    if (!relations.empty() && relations.count(d.relation) == 0) return false;
    if (!type_kept[static_cast<int>(g[boost::source(e, g)].type)] ||
        !type_kept[static_cast<int>(g[boost::target(e, g)].type)])
      return false;
    if (dated && std::none_of(d.evidence.begin(), d.evidence.end(),
                              [&](const Evidence& x) { return in_range(x.date); }))
      return false;
    return true;
  };

  std::vector<EdgeId> edges;
  for (const EdgeId e : boost::make_iterator_range(boost::edges(g)))
    if (kept(e)) edges.push_back(e);

  if (out.focus) {
    Undirected u(boost::num_vertices(g));
    for (const EdgeId e : edges) boost::add_edge(boost::source(e, g), boost::target(e, g), u);
    std::vector<std::size_t> hops(boost::num_vertices(g), kUnreached);
    hops[*out.focus] = 0;
    try {
      boost::breadth_first_search(u, *out.focus, boost::visitor(DepthLimited(hops, filter.depth)));
    } catch (const DepthReached&) {
      // every node within the depth has its hop count
    }
    auto near = [&](NodeId v) { return hops[v] <= filter.depth; };
    edges.erase(std::remove_if(edges.begin(), edges.end(),
                               [&](EdgeId e) {
                                 return !near(boost::source(e, g)) || !near(boost::target(e, g));
                               }),
                edges.end());
  }

  struct Row {
    const std::string* source;
    const std::string* relation;
    const std::string* target;
    EdgeId edge;
  };
  std::vector<Row> rows;
  rows.reserve(edges.size());
  std::vector<NodeId> nodes;
  nodes.reserve(edges.size() * 2 + 1);
  for (const EdgeId e : edges) {
    const auto [s, t] = ends(graph, e);
    rows.push_back({&g[s].id, &g[e].relation, &g[t].id, e});
    nodes.push_back(s);
    nodes.push_back(t);
  }
  if (out.focus) nodes.push_back(*out.focus);
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::tie(*a.source, *a.relation, *a.target) < std::tie(*b.source, *b.relation, *b.target);
  });
  out.edges.reserve(rows.size());
  for (const Row& r : rows) out.edges.push_back(r.edge);

  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  std::sort(nodes.begin(), nodes.end(), [&](NodeId a, NodeId b) { return g[a].id < g[b].id; });
  out.nodes = std::move(nodes);
  return out;
}

std::string edge_id(const KnowledgeGraph& graph, EdgeId e) {
  const auto [source, target] = ends(graph, e);
  const std::string& relation = graph.edge(e).relation;
  bool snake = !relation.empty() && relation[0] >= 'A' && relation[0] <= 'Z';
  for (const char c : relation)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) snake = false;
  std::string out = graph.node(source).id + '.';
  if (snake) {
    out += relation;
  } else {
    out += 'x';
    static const char* hex = "0123456789abcdef";
    for (const char c : relation) {
      const auto b = static_cast<unsigned char>(c);
      out += hex[b >> 4];
      out += hex[b & 0xF];
    }
  }
  return out + '.' + graph.node(target).id;
}

}  // namespace silkgraph::graph
