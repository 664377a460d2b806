// graph/queries.h
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"

namespace silkgraph::graph {

// Read-only questions to a KnowledgeGraph, shared by the CLI and the viewer: each returns plain
// data (node and edge descriptors, evidence indices) and prints nothing. Results are ordered
// deterministically, so the same graph always gives the same answer.

/// Which way an edge is followed from a node. A symmetric edge goes both ways.
enum class Direction { Out, In, Both };

/// "out", "in", "both".
std::string_view direction_name(Direction direction);

/// Conditions on edges shared by the queries; a default EdgeFilter keeps every edge.
struct EdgeFilter {
  std::vector<std::string> relations;  // exact names; empty: all
  std::uint64_t min_weight = 0;        // edges stated by at least this many sentences
  // ISO dates, both inclusive, empty for no bound: an edge needs evidence dated in the range
  // (undated evidence never matches a bound), and only that evidence is reported.
  std::string since, until;
};

/// An edge seen from one of its ends, with the evidence the filter lets through.
struct Link {
  EdgeId edge;
  Direction direction = Direction::Both;  // Out: from this end, In: into it, Both: symmetric
  // Indices into EdgeData::evidence: newest date first, then by document and offset; undated
  // evidence last. Never empty.
  std::vector<std::uint32_t> evidence;
};

struct NeighbourOptions {
  EdgeFilter edges;
  // Neighbours of these types only; beyond hop 1 the walk also passes only through them.
  std::vector<ingest::EntityType> types;
  Direction direction = Direction::Both;
  std::size_t depth = 1;  // hops from the focus: 1 neighbours, 2 their neighbours too, ...
  std::size_t limit = 0;  // at most this many neighbours (nearest, then strongest); 0: all
};

/// One edge that reaches a neighbour: from a node one hop nearer the focus.
struct NeighbourRow {
  NodeId node;       // the neighbour
  NodeId via;        // the other end, one hop nearer the focus (the focus at hop 1)
  std::size_t hops;  // distance of `node` from the focus
  Link link;         // seen from `via`: Out means via -> node
};

/// The ego network of a node, as rows.
struct Neighbourhood {
  NodeId focus;
  // Grouped by neighbour. Neighbours by hops, then strength (the summed weight of their rows,
  // higher first), mentions (higher first), name; a neighbour's rows by weight (higher
  // first), relation, via's name.
  std::vector<NeighbourRow> rows;
  std::size_t neighbours = 0;        // distinct neighbours in `rows`
  std::size_t neighbours_total = 0;  // before the limit
};

/// Nodes within `depth` hops of `focus` over the edges that pass the options, and the edges
/// that reach each from one hop nearer (edges between nodes at the same distance are not
/// rows). Found with Boost's breadth-first search, so a query touches only what it reaches.
Neighbourhood neighbours(const KnowledgeGraph& graph, NodeId focus,
                         const NeighbourOptions& options);

struct PathOptions {
  EdgeFilter edges;
  std::size_t max_depth = 0;  // longest path in hops; 0: no limit
  bool all = false;           // every shortest path (up to `limit`), else only the strongest
  std::size_t limit = 100;    // with `all`: at most this many paths; 0: no limit
};

/// One step of a path: every edge that passes the filter between two nodes.
struct PathHop {
  NodeId from, to;
  std::vector<Link> links;  // seen from `from`; by weight (higher first), then relation
};

struct Path {
  std::vector<PathHop> hops;
  std::uint64_t weight = 0;  // sum over hops of the weight of their first link
};

struct PathResult {
  std::vector<Path> paths;  // empty: no path within max_depth; by weight, then names
  std::size_t length = 0;   // hops of every path
  std::uint64_t count = 0;  // shortest paths (distinct node sequences); saturates
};

/// Shortest paths from `from` to `to`, following edges either way (Boost breadth-first search
/// over an undirected view of the graph). The single path is the one whose hops have the most
/// summed weight; ties go to nodes with smaller names. `from == to` gives one path of 0 hops.
PathResult shortest_paths(const KnowledgeGraph& graph, NodeId from, NodeId to,
                          const PathOptions& options);

/// A node's edges of one relation in one direction.
struct RelationGroup {
  std::string relation;
  Direction direction = Direction::Both;
  std::vector<Link> links;            // by weight (higher first), then the other end's name
  std::uint64_t weight = 0;           // summed over links
  std::string first_seen, last_seen;  // over links, empty if undated
};

/// What `show` prints about one entity; name, type, aliases and mentions are in its NodeData.
struct EntityCard {
  NodeId node;
  std::size_t edges = 0;
  std::size_t documents = 0;  // distinct documents stating its edges
  std::string first_seen, last_seen;
  std::vector<RelationGroup> relations;  // by relation, then out, in, both
};

EntityCard entity_card(const KnowledgeGraph& graph, NodeId node);

/// The other end of `link` seen from `node`.
NodeId other_end(const KnowledgeGraph& graph, NodeId node, const Link& link);

enum class MatchKind { Exact, Prefix, WordPrefix, Substring };

/// "exact", "prefix", "word-prefix", "substring".
std::string_view match_kind_name(MatchKind kind);

struct SearchHit {
  NodeId node;
  MatchKind kind = MatchKind::Substring;
  std::string matched;  // the canonical name or alias that matched best
  bool alias = false;   // `matched` is an alias
};

struct SearchResult {
  std::vector<SearchHit> hits;  // by kind, then mentions (higher first), name, id
  std::size_t total = 0;        // matches before the limit
};

/// Nodes whose canonical name or an alias contains `query`, compared case- and
/// accent-insensitively (fold::folded). A node counts once, with its best match: the whole
/// name, a prefix, the start of a word, anywhere. `limit` 0: all. An empty query finds nothing.
SearchResult search(const KnowledgeGraph& graph, std::string_view query, std::size_t limit);

struct TypeCount {
  ingest::EntityType type;
  std::size_t nodes = 0;
};

struct RelationCount {
  std::string relation;
  bool symmetric = false;
  std::size_t edges = 0;
  std::uint64_t weight = 0;  // summed edge weights: sentences stating them
};

struct RankedNode {
  NodeId node;
  std::size_t degree = 0;  // edges at the node, in or out
  double pagerank = 0;     // sums to 1 over the graph
};

struct GraphStats {
  std::size_t nodes = 0, edges = 0, documents = 0;
  std::uint64_t evidence = 0;            // evidence entries over all edges
  std::uint64_t undated = 0;             // of which without a date
  std::string first_date, last_date;     // over dated evidence
  std::vector<TypeCount> types;          // types present, in enum order
  std::vector<RelationCount> relations;  // by edges (more first), then name
  std::vector<RankedNode> top_degree;    // by degree, then name
  std::vector<RankedNode> top_pagerank;  // by PageRank, then name
  std::vector<std::size_t>
      component_sizes;  // connected components ignoring direction, largest first
};

/// Counts, date range, the `top` nodes by degree and by PageRank (Boost's page_rank; a
/// symmetric edge links both ways), and connected components (Boost's connected_components).
GraphStats stats(const KnowledgeGraph& graph, std::size_t top);

}  // namespace silkgraph::graph
