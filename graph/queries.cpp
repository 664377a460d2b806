#include "graph/queries.h"

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/page_rank.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/pending/queue.hpp>
#include <cctype>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "common/fold.h"

namespace silkgraph::graph {
namespace {

constexpr std::size_t kUnreached = std::numeric_limits<std::size_t>::max();

// --------------------------------------------------------------------------- edge filter

bool has_bound(const EdgeFilter& f) { return !f.since.empty() || !f.until.empty(); }

bool in_range(const EdgeFilter& f, std::string_view date) {
  return !date.empty() && (f.since.empty() || date >= f.since) &&
         (f.until.empty() || date <= f.until);
}

bool passes(const EdgeFilter& f, const EdgeData& d) {
  if (d.weight < f.min_weight) return false;
  if (!f.relations.empty() &&
      std::find(f.relations.begin(), f.relations.end(), d.relation) == f.relations.end())
    return false;
  if (has_bound(f) && std::none_of(d.evidence.begin(), d.evidence.end(),
                                   [&](const Evidence& x) { return in_range(f, x.date); }))
    return false;
  return true;
}

// Evidence the filter lets through, newest first; undated last.
std::vector<std::uint32_t> evidence_of(const EdgeFilter& f, const EdgeData& d) {
  std::vector<std::uint32_t> out;
  const bool bounded = has_bound(f);
  for (std::uint32_t i = 0; i < d.evidence.size(); ++i)
    if (!bounded || in_range(f, d.evidence[i].date)) out.push_back(i);
  // `evidence` is already sorted by (doc, begin, end, rule), so a stable sort by date keeps that
  // order among sentences of one date.
  std::stable_sort(out.begin(), out.end(), [&](std::uint32_t a, std::uint32_t b) {
    const std::string_view da = d.evidence[a].date;
    const std::string_view db = d.evidence[b].date;
    if (da.empty() != db.empty()) return db.empty();
    return da > db;
  });
  return out;
}

Direction direction_from(const Adjacency& g, EdgeId e, NodeId from) {
  if (g[e].symmetric) return Direction::Both;
  return boost::source(e, g) == from ? Direction::Out : Direction::In;
}

Link make_link(const KnowledgeGraph& graph, const EdgeFilter& f, EdgeId e, NodeId from) {
  return Link{e, direction_from(graph.adjacency(), e, from), evidence_of(f, graph.edge(e))};
}

// ----------------------------------------------------------------------- the walk view

// The graph as the queries walk it: from a node along the edges that pass a filter, in the
// allowed direction, a symmetric edge either way, to nodes of the allowed types. It models
// Boost.Graph's IncidenceGraph, so breadth_first_visit runs on it directly: no copy of the
// graph is made, and a search touches only the nodes it reaches (a copy of a 1M-edge graph
// would cost more than the answer).
class Walk {
 public:
  struct Step {
    EdgeId edge;
    NodeId from = 0, to = 0;
    bool operator==(const Step& o) const { return edge == o.edge && from == o.from && to == o.to; }
    bool operator!=(const Step& o) const { return !(*this == o); }
  };

  class StepIterator
      : public boost::iterator_facade<StepIterator, Step, std::forward_iterator_tag, Step> {
   public:
    StepIterator() = default;
    StepIterator(const Walk* walk, NodeId u, bool at_end) : walk_(walk), u_(u) {
      const Adjacency& g = *walk->g_;
      std::tie(out_, out_end_) = boost::out_edges(u, g);
      std::tie(in_, in_end_) = boost::in_edges(u, g);
      if (at_end) {
        out_ = out_end_;
        in_ = in_end_;
      } else {
        settle();
      }
    }

   private:
    friend class boost::iterator_core_access;

    Step dereference() const { return current_; }
    bool equal(const StepIterator& o) const { return out_ == o.out_ && in_ == o.in_; }
    void increment() {
      if (out_ != out_end_)
        ++out_;
      else
        ++in_;
      settle();
    }
    // Moves to the first step at or after the current position that the walk allows.
    void settle() {
      const Adjacency& g = *walk_->g_;
      for (; out_ != out_end_; ++out_) {
        const NodeId t = boost::target(*out_, g);
        if (t != u_ && (walk_->direction_ != Direction::In || g[*out_].symmetric) &&
            walk_->allows(*out_, t)) {
          current_ = {*out_, u_, t};
          return;
        }
      }
      for (; in_ != in_end_; ++in_) {
        const NodeId s = boost::source(*in_, g);
        if (s != u_ && (walk_->direction_ != Direction::Out || g[*in_].symmetric) &&
            walk_->allows(*in_, s)) {
          current_ = {*in_, u_, s};
          return;
        }
      }
    }

    const Walk* walk_ = nullptr;
    NodeId u_ = 0;
    Adjacency::out_edge_iterator out_, out_end_;
    Adjacency::in_edge_iterator in_, in_end_;
    Step current_;
  };

  // What boost::graph_traits reads.
  using vertex_descriptor = NodeId;
  using edge_descriptor = Step;
  using out_edge_iterator = StepIterator;
  using directed_category = boost::directed_tag;
  using edge_parallel_category = boost::allow_parallel_edge_tag;
  using traversal_category = boost::incidence_graph_tag;
  using degree_size_type = std::size_t;
  using vertices_size_type = std::size_t;
  static NodeId null_vertex() { return Adjacency::null_vertex(); }

  Walk(const KnowledgeGraph& graph, const EdgeFilter& filter, Direction direction,
       const std::vector<ingest::EntityType>& types)
      : g_(&graph.adjacency()),
        filter_(&filter),
        direction_(direction),
        // Without conditions no node or edge data need be read: on a large graph that is most
        // of the time a search takes (cache misses).
        check_types_(!types.empty()),
        check_edges_(filter.min_weight > 0 || !filter.relations.empty() || has_bound(filter)) {
    std::fill(std::begin(type_kept_), std::end(type_kept_), types.empty());
    for (const ingest::EntityType t : types) type_kept_[static_cast<int>(t)] = true;
  }

  bool allows(EdgeId e, NodeId to) const {
    return (!check_types_ || type_kept_[static_cast<int>((*g_)[to].type)]) &&
           (!check_edges_ || passes(*filter_, (*g_)[e]));
  }
  const Adjacency& adjacency() const { return *g_; }

 private:
  const Adjacency* g_;
  const EdgeFilter* filter_;
  Direction direction_;
  bool check_types_, check_edges_;
  bool type_kept_[5];
};

// The IncidenceGraph functions, found by argument-dependent lookup.
std::pair<Walk::StepIterator, Walk::StepIterator> out_edges(NodeId u, const Walk& w) {
  return {Walk::StepIterator(&w, u, false), Walk::StepIterator(&w, u, true)};
}
NodeId source(const Walk::Step& s, const Walk&) { return s.from; }
NodeId target(const Walk::Step& s, const Walk&) { return s.to; }
std::size_t out_degree(NodeId u, const Walk& w) {
  const auto [begin, end] = out_edges(u, w);
  return static_cast<std::size_t>(std::distance(begin, end));
}

struct StopSearch {};

// Records each node's hop count and the steps that reach each node from one hop nearer;
// stops once it takes a node `stop_at` hops away off the queue. The queue is in hop order, so
// by then every step into nodes nearer than that was examined.
class Layers : public boost::default_bfs_visitor {
 public:
  Layers(std::vector<std::size_t>& hops, std::vector<Walk::Step>& steps, std::size_t stop_at)
      : hops_(&hops), steps_(&steps), stop_at_(stop_at) {}

  void examine_vertex(NodeId u, const Walk&) const {
    if ((*hops_)[u] >= stop_at_) throw StopSearch{};
  }
  void tree_edge(const Walk::Step& s, const Walk&) const {
    (*hops_)[s.to] = (*hops_)[s.from] + 1;
    steps_->push_back(s);
  }
  void gray_target(const Walk::Step& s, const Walk&) const {
    if ((*hops_)[s.to] == (*hops_)[s.from] + 1) steps_->push_back(s);
  }

 private:
  std::vector<std::size_t>* hops_;
  std::vector<Walk::Step>* steps_;
  std::size_t stop_at_;
};

struct Search {
  std::vector<std::size_t> hops;  // by NodeId; kUnreached when not reached
  std::vector<Walk::Step> steps;  // steps from hop h to hop h + 1, h + 1 <= the limit
};

// Breadth-first search from `start` up to `max_hops` hops.
Search layered_search(const Walk& walk, NodeId start, std::size_t max_hops) {
  const std::size_t n = boost::num_vertices(walk.adjacency());
  Search s;
  s.hops.assign(n, kUnreached);
  s.hops[start] = 0;
  std::vector<boost::default_color_type> colors(n, boost::white_color);
  boost::queue<NodeId> queue;
  try {
    boost::breadth_first_visit(
        walk, start, queue, Layers(s.hops, s.steps, max_hops),
        boost::make_iterator_property_map(colors.begin(), boost::identity_property_map()));
  } catch (const StopSearch&) {
    // every node within the limit has its hop count, every step into them is recorded
  }
  return s;
}

// Hop counts from `start` until the search discovers `goal`: by then every node nearer than
// `goal` has its final count, which is all a shortest path needs. Nodes not reached within
// `max_hops` stay kUnreached.
class Distances : public boost::default_bfs_visitor {
 public:
  Distances(std::vector<std::size_t>& hops, std::size_t max_hops, NodeId goal)
      : hops_(&hops), max_hops_(max_hops), goal_(goal) {}
  void examine_vertex(NodeId u, const Walk&) const {
    if ((*hops_)[u] >= max_hops_) throw StopSearch{};
  }
  void tree_edge(const Walk::Step& s, const Walk&) const {
    (*hops_)[s.to] = (*hops_)[s.from] + 1;
    if (s.to == goal_) throw StopSearch{};
  }

 private:
  std::vector<std::size_t>* hops_;
  std::size_t max_hops_;
  NodeId goal_;
};

std::vector<std::size_t> distances(const Walk& walk, NodeId start, std::size_t max_hops,
                                   NodeId goal) {
  const std::size_t n = boost::num_vertices(walk.adjacency());
  std::vector<std::size_t> hops(n, kUnreached);
  hops[start] = 0;
  std::vector<boost::default_color_type> colors(n, boost::white_color);
  boost::queue<NodeId> queue;
  try {
    boost::breadth_first_visit(
        walk, start, queue, Distances(hops, max_hops, goal),
        boost::make_iterator_property_map(colors.begin(), boost::identity_property_map()));
  } catch (const StopSearch&) {
    // found `goal`, or nothing nearer than max_hops is left
  }
  return hops;
}

bool name_less(const Adjacency& g, NodeId a, NodeId b) {
  return std::tie(g[a].name, g[a].id) < std::tie(g[b].name, g[b].id);
}

// Links by weight (higher first), then relation, then the other end's name.
void sort_links(const KnowledgeGraph& graph, NodeId from, std::vector<Link>& links) {
  const Adjacency& g = graph.adjacency();
  std::sort(links.begin(), links.end(), [&](const Link& a, const Link& b) {
    const EdgeData& x = g[a.edge];
    const EdgeData& y = g[b.edge];
    if (x.weight != y.weight) return x.weight > y.weight;
    if (x.relation != y.relation) return x.relation < y.relation;
    const NodeId xo = other_end(graph, from, a), yo = other_end(graph, from, b);
    if (xo != yo) return name_less(g, xo, yo);
    return static_cast<int>(a.direction) < static_cast<int>(b.direction);
  });
}

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  return a > std::numeric_limits<std::uint64_t>::max() - b
             ? std::numeric_limits<std::uint64_t>::max()
             : a + b;
}

void widen(std::string& first, std::string& last, std::string_view first_seen,
           std::string_view last_seen) {
  if (!first_seen.empty() && (first.empty() || first_seen < first)) first = first_seen;
  if (!last_seen.empty() && (last.empty() || last_seen > last)) last = last_seen;
}

}  // namespace

std::string_view direction_name(Direction direction) {
  switch (direction) {
    case Direction::Out: return "out";
    case Direction::In: return "in";
    case Direction::Both: break;
  }
  return "both";
}

NodeId other_end(const KnowledgeGraph& graph, NodeId node, const Link& link) {
  const Adjacency& g = graph.adjacency();
  const NodeId s = boost::source(link.edge, g);
  return s == node ? boost::target(link.edge, g) : s;
}

// ------------------------------------------------------------------------- neighbours

Neighbourhood neighbours(const KnowledgeGraph& graph, NodeId focus,
                         const NeighbourOptions& options) {
  const Adjacency& g = graph.adjacency();
  Neighbourhood out;
  out.focus = focus;
  if (options.depth == 0) return out;

  const Walk walk(graph, options.edges, options.direction, options.types);
  const Search s = layered_search(walk, focus, options.depth);

  struct Neighbour {
    NodeId node;
    std::uint64_t strength = 0;
    std::vector<NeighbourRow> rows;
  };
  std::vector<Neighbour> found;
  std::unordered_map<NodeId, std::size_t> index;
  for (const Walk::Step& step : s.steps) {
    const auto [it, added] = index.emplace(step.to, found.size());
    if (added) found.push_back({step.to, 0, {}});
    Neighbour& n = found[it->second];
    n.strength += g[step.edge].weight;
    n.rows.push_back({step.to, step.from, s.hops[step.to],
                      make_link(graph, options.edges, step.edge, step.from)});
  }
  std::sort(found.begin(), found.end(), [&](const Neighbour& a, const Neighbour& b) {
    if (s.hops[a.node] != s.hops[b.node]) return s.hops[a.node] < s.hops[b.node];
    if (a.strength != b.strength) return a.strength > b.strength;
    if (g[a.node].mentions != g[b.node].mentions) return g[a.node].mentions > g[b.node].mentions;
    return name_less(g, a.node, b.node);
  });
  out.neighbours_total = found.size();
  if (options.limit > 0 && found.size() > options.limit) found.resize(options.limit);
  out.neighbours = found.size();
  for (Neighbour& n : found) {
    std::sort(n.rows.begin(), n.rows.end(), [&](const NeighbourRow& a, const NeighbourRow& b) {
      const EdgeData& x = g[a.link.edge];
      const EdgeData& y = g[b.link.edge];
      if (x.weight != y.weight) return x.weight > y.weight;
      if (x.relation != y.relation) return x.relation < y.relation;
      if (a.via != b.via) return name_less(g, a.via, b.via);
      return static_cast<int>(a.link.direction) < static_cast<int>(b.link.direction);
    });
    std::move(n.rows.begin(), n.rows.end(), std::back_inserter(out.rows));
  }
  return out;
}

// ---------------------------------------------------------------------- shortest paths

PathResult shortest_paths(const KnowledgeGraph& graph, NodeId from, NodeId to,
                          const PathOptions& options) {
  const Adjacency& g = graph.adjacency();
  PathResult out;
  if (from == to) {
    out.paths.emplace_back();
    out.count = 1;
    return out;
  }
  const Walk walk(graph, options.edges, Direction::Both, {});
  const std::size_t max_hops = options.max_depth == 0 ? kUnreached : options.max_depth;
  const std::vector<std::size_t> hops = distances(walk, from, max_hops, to);
  if (hops[to] == kUnreached) return out;
  out.length = hops[to];

  // The shortest-path DAG, found backwards from `to`: a node k hops from `from` is reached
  // from its neighbours k - 1 hops away. Only nodes on some shortest path are visited.
  // `into[v]` holds the steps into v sorted by nearer node: parallel edges make one hop with
  // several links. `preds[v]` has each nearer node once, with the weight of its strongest edge.
  struct Pred {
    NodeId node;
    std::uint64_t weight;
  };
  std::unordered_map<NodeId, std::vector<Walk::Step>> into;
  std::unordered_map<NodeId, std::vector<Pred>> preds;
  std::vector<std::vector<NodeId>> level(out.length + 1);
  level[out.length] = {to};
  std::unordered_set<NodeId> on_dag{to};
  for (std::size_t k = out.length; k > 0; --k) {
    for (const NodeId v : level[k]) {
      std::vector<Walk::Step>& steps = into[v];
      for (const Walk::Step& step : boost::make_iterator_range(out_edges(v, walk)))
        if (hops[step.to] == k - 1) steps.push_back({step.edge, step.to, v});
      std::sort(steps.begin(), steps.end(),
                [](const Walk::Step& a, const Walk::Step& b) { return a.from < b.from; });
      std::vector<Pred>& p = preds[v];
      for (const Walk::Step& step : steps) {
        const std::uint64_t w = g[step.edge].weight;
        if (!p.empty() && p.back().node == step.from) {
          p.back().weight = std::max(p.back().weight, w);
        } else {
          p.push_back({step.from, w});
          if (on_dag.insert(step.from).second) level[k - 1].push_back(step.from);
        }
      }
    }
  }

  // Over the DAG in hop order: the number of paths to each node, and the best summed weight
  // of a path to it with the predecessor that gives it.
  struct Best {
    std::uint64_t count = 0;
    std::uint64_t weight = 0;
    NodeId previous = 0;
  };
  std::unordered_map<NodeId, Best> best;
  best[from] = {1, 0, from};
  for (std::size_t k = 1; k <= out.length; ++k) {
    for (const NodeId v : level[k]) {
      Best b;
      bool any = false;
      for (const Pred& p : preds[v]) {
        const Best& before = best[p.node];
        b.count = saturating_add(b.count, before.count);
        const std::uint64_t w = saturating_add(before.weight, p.weight);
        if (!any || w > b.weight || (w == b.weight && name_less(g, p.node, b.previous))) {
          b.weight = w;
          b.previous = p.node;
          any = true;
        }
      }
      best[v] = b;
    }
  }
  out.count = best[to].count;

  auto make_hop = [&](NodeId u, NodeId v) {
    PathHop hop{u, v, {}};
    for (const Walk::Step& step : into[v])
      if (step.from == u) hop.links.push_back(make_link(graph, options.edges, step.edge, u));
    sort_links(graph, u, hop.links);
    return hop;
  };
  auto finish = [&](const std::vector<NodeId>& nodes) {  // nodes from `to` back to `from`
    Path p;
    for (std::size_t i = nodes.size() - 1; i > 0; --i) {
      p.hops.push_back(make_hop(nodes[i], nodes[i - 1]));
      p.weight = saturating_add(p.weight, g[p.hops.back().links.front().edge].weight);
    }
    out.paths.push_back(std::move(p));
  };

  if (!options.all) {
    std::vector<NodeId> nodes{to};
    while (nodes.back() != from) nodes.push_back(best[nodes.back()].previous);
    finish(nodes);
    return out;
  }

  // Every path, walking the DAG back from `to`, better predecessors first, so that a limit
  // keeps the strongest paths it meets.
  for (auto& [v, p] : preds) {
    std::sort(p.begin(), p.end(), [&](const Pred& a, const Pred& b) {
      const std::uint64_t wa = saturating_add(best[a.node].weight, a.weight);
      const std::uint64_t wb = saturating_add(best[b.node].weight, b.weight);
      if (wa != wb) return wa > wb;
      return name_less(g, a.node, b.node);
    });
  }
  std::vector<NodeId> nodes{to};
  const std::size_t limit = options.limit == 0 ? kUnreached : options.limit;
  auto walk_back = [&](auto&& self) -> void {
    const NodeId v = nodes.back();
    if (v == from) {
      finish(nodes);
      return;
    }
    for (const Pred& p : preds[v]) {
      nodes.push_back(p.node);
      self(self);
      nodes.pop_back();
      if (out.paths.size() >= limit) return;
    }
  };
  walk_back(walk_back);

  auto names = [&](const Path& p) {
    std::vector<std::tuple<const std::string&, const std::string&>> n;
    for (const PathHop& h : p.hops) n.emplace_back(g[h.to].name, g[h.to].id);
    return n;
  };
  std::stable_sort(out.paths.begin(), out.paths.end(), [&](const Path& a, const Path& b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    return names(a) < names(b);
  });
  return out;
}

// ------------------------------------------------------------------------ entity card

EntityCard entity_card(const KnowledgeGraph& graph, NodeId node) {
  const Adjacency& g = graph.adjacency();
  EntityCard card;
  card.node = node;
  std::set<std::string_view> documents;
  std::map<std::pair<std::string_view, int>, RelationGroup> groups;
  const EdgeFilter everything;
  auto add = [&](EdgeId e) {
    const EdgeData& d = g[e];
    ++card.edges;
    for (const Evidence& x : d.evidence) documents.insert(x.doc);
    widen(card.first_seen, card.last_seen, d.first_seen, d.last_seen);
    Link link = make_link(graph, everything, e, node);
    RelationGroup& group = groups[{d.relation, static_cast<int>(link.direction)}];
    group.relation = d.relation;
    group.direction = link.direction;
    group.weight += d.weight;
    widen(group.first_seen, group.last_seen, d.first_seen, d.last_seen);
    group.links.push_back(std::move(link));
  };
  for (const EdgeId e : boost::make_iterator_range(boost::out_edges(node, g))) add(e);
  for (const EdgeId e : boost::make_iterator_range(boost::in_edges(node, g)))
    if (boost::source(e, g) != node) add(e);  // a self-loop is one of the out edges too
  card.documents = documents.size();
  for (auto& [key, group] : groups) {
    sort_links(graph, node, group.links);
    card.relations.push_back(std::move(group));
  }
  return card;
}

// ----------------------------------------------------------------------------- search

std::string_view match_kind_name(MatchKind kind) {
  switch (kind) {
    case MatchKind::Exact: return "exact";
    case MatchKind::Prefix: return "prefix";
    case MatchKind::WordPrefix: return "word-prefix";
    case MatchKind::Substring: break;
  }
  return "substring";
}

SearchResult search(const KnowledgeGraph& graph, std::string_view query, std::size_t limit) {
  const Adjacency& g = graph.adjacency();
  SearchResult out;
  std::string wanted = fold::folded(query);
  wanted.erase(0, wanted.find_first_not_of(" \t"));
  wanted.erase(wanted.find_last_not_of(" \t") + 1);
  if (wanted.empty()) return out;

  // The best match of `wanted` in the folded form of one name, or none.
  auto match = [&](const std::string& text) -> std::optional<MatchKind> {
    const std::string f = fold::folded(text);
    if (f == wanted) return MatchKind::Exact;
    std::size_t at = f.find(wanted);
    if (at == std::string::npos) return std::nullopt;
    if (at == 0) return MatchKind::Prefix;
    // A word starts after a character that is not a letter or digit ("Xi'an", "Kassym-Jomart").
    for (; at != std::string::npos; at = f.find(wanted, at + 1)) {
      const unsigned char before = static_cast<unsigned char>(f[at - 1]);
      if (before < 0x80 && !std::isalnum(before)) return MatchKind::WordPrefix;
    }
    return MatchKind::Substring;
  };

  for (const NodeId v : boost::make_iterator_range(boost::vertices(g))) {
    const NodeData& n = g[v];
    if (n.mentions == 0) continue;
    std::optional<SearchHit> hit;
    if (const auto kind = match(n.name)) hit = SearchHit{v, *kind, n.name, false};
    for (const auto& alias : n.aliases) {
      const auto kind = match(alias.first);
      // The canonical name wins a tie; among aliases, the first in sorted order.
      if (kind && (!hit || *kind < hit->kind)) hit = SearchHit{v, *kind, alias.first, true};
    }
    if (hit) out.hits.push_back(std::move(*hit));
  }
  std::sort(out.hits.begin(), out.hits.end(), [&](const SearchHit& a, const SearchHit& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (g[a.node].mentions != g[b.node].mentions) return g[a.node].mentions > g[b.node].mentions;
    return name_less(g, a.node, b.node);
  });
  out.total = out.hits.size();
  if (limit > 0 && out.hits.size() > limit) out.hits.resize(limit);
  return out;
}

// ------------------------------------------------------------------------------ stats

GraphStats stats(const KnowledgeGraph& graph, std::size_t top) {
  const Adjacency& g = graph.adjacency();
  GraphStats out;
  out.nodes = graph.node_count();
  out.edges = graph.edge_count();
  out.documents = graph.documents().size();

  std::size_t by_type[5] = {0, 0, 0, 0, 0};
  // Live nodes get compact indices for the copies PageRank and components run on.
  std::vector<NodeId> live;
  std::vector<std::size_t> compact(boost::num_vertices(g), kUnreached);
  for (const NodeId v : boost::make_iterator_range(boost::vertices(g))) {
    if (g[v].mentions == 0) continue;
    ++by_type[static_cast<int>(g[v].type)];
    compact[v] = live.size();
    live.push_back(v);
  }
  for (int t = 0; t < 5; ++t)
    if (by_type[t] > 0) out.types.push_back({static_cast<ingest::EntityType>(t), by_type[t]});

  // PageRank runs on a compressed sparse row copy: each iteration walks every in-edge, and
  // contiguous arrays make that several times faster than adjacency_list on a large graph.
  using Directed = boost::compressed_sparse_row_graph<boost::bidirectionalS>;
  using Undirected = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  std::vector<std::pair<std::size_t, std::size_t>> arcs;
  arcs.reserve(out.edges * 2);
  Undirected undirected(live.size());
  std::map<std::string_view, RelationCount> relations;
  std::vector<std::size_t> degree(live.size(), 0);
  for (const EdgeId e : boost::make_iterator_range(boost::edges(g))) {
    const EdgeData& d = g[e];
    RelationCount& r = relations[d.relation];
    r.relation = d.relation;
    r.symmetric = d.symmetric;
    ++r.edges;
    r.weight += d.weight;
    out.evidence += d.evidence.size();
    for (const Evidence& x : d.evidence) {
      if (x.date.empty())
        ++out.undated;
      else
        widen(out.first_date, out.last_date, x.date, x.date);
    }
    const std::size_t s = compact[boost::source(e, g)], t = compact[boost::target(e, g)];
    ++degree[s];
    if (t != s) ++degree[t];
    arcs.emplace_back(s, t);
    if (d.symmetric) arcs.emplace_back(t, s);
    boost::add_edge(s, t, undirected);
  }
  for (auto& [name, r] : relations) out.relations.push_back(std::move(r));
  std::stable_sort(
      out.relations.begin(), out.relations.end(),
      [](const RelationCount& a, const RelationCount& b) { return a.edges > b.edges; });
  if (live.empty()) return out;

  // Boost's page_rank leaks the rank of nodes without out-edges instead of spreading it over
  // all nodes. The leak takes the same share from every node, so the fixpoint is the standard
  // PageRank times a constant: normalizing to sum 1 gives the standard values.
  const Directed directed(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(),
                          live.size());
  arcs = {};
  std::vector<double> rank(live.size(), 0.0);
  std::vector<double> previous(live.size(), 0.0);
  // Done when an iteration moves the ranks by less than 1e-10 of their sum (L1).
  auto converged = [&](const auto& rank_map, const Directed&) {
    double change = 0, total = 0;
    for (std::size_t i = 0; i < live.size(); ++i) {
      const double r = get(rank_map, i);
      change += std::abs(r - previous[i]);
      total += r;
      previous[i] = r;
    }
    return change < 1e-10 * total;
  };
  std::size_t iterations = 0;
  boost::graph::page_rank(
      directed,
      boost::make_iterator_property_map(rank.begin(), boost::get(boost::vertex_index, directed)),
      [&](const auto& rank_map, const Directed& d) {
        return converged(rank_map, d) || ++iterations > 200;
      });
  double total = 0;
  for (const double r : rank) total += r;
  if (total > 0)
    for (double& r : rank) r /= total;

  std::vector<std::size_t> component(live.size());
  const std::size_t count =
      static_cast<std::size_t>(boost::connected_components(undirected, &component[0]));
  out.component_sizes.assign(count, 0);
  for (const std::size_t c : component) ++out.component_sizes[c];
  std::sort(out.component_sizes.rbegin(), out.component_sizes.rend());

  std::vector<RankedNode> ranked;
  ranked.reserve(live.size());
  for (std::size_t i = 0; i < live.size(); ++i) ranked.push_back({live[i], degree[i], rank[i]});
  auto take = [&](auto better) {
    std::vector<RankedNode> sorted = ranked;
    const std::size_t n = std::min(top, sorted.size());
    std::partial_sort(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(n), sorted.end(),
                      [&](const RankedNode& a, const RankedNode& b) {
                        if (better(a, b)) return true;
                        if (better(b, a)) return false;
                        return name_less(g, a.node, b.node);
                      });
    sorted.resize(n);
    return sorted;
  };
  out.top_degree =
      take([](const RankedNode& a, const RankedNode& b) { return a.degree > b.degree; });
  out.top_pagerank =
      take([](const RankedNode& a, const RankedNode& b) { return a.pagerank > b.pagerank; });
  return out;
}

}  // namespace silkgraph::graph
