// graph/filter.h
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"
#include "graph/knowledge_graph.h"

namespace silkgraph::graph {

/// Which part of a graph to keep; a default Filter keeps everything. The conditions choose
/// edges, and a kept edge keeps all its attributes and evidence. The nodes kept are the ends
/// of the kept edges, plus the focus node.
struct Filter {
  std::uint64_t min_weight = 0;            // edges stated by at least this many sentences
  std::vector<std::string> relations;      // relations to keep, exact names; empty: all
  std::vector<ingest::EntityType> types;   // both ends must have one of these; empty: all
  // ISO dates, both inclusive, empty for no bound: an edge needs evidence dated in the range
  // (so undated evidence never matches when a bound is set).
  std::string since, until;
  std::string focus;      // a name or alias: keep only its ego network; empty: whole graph
  std::size_t depth = 1;  // ego network radius: hops over kept edges, in either direction
};

/// What a filter keeps, in output order: nodes by id; edges by (source id, relation, target
/// id), with ends as ends() gives them.
struct Selection {
  std::vector<NodeId> nodes;
  std::vector<EdgeId> edges;
  std::optional<NodeId> focus;  // the node --focus named
};

/// Applies `filter`. The ego network is the subgraph induced on the nodes within
/// `filter.depth` hops of the focus (a breadth-first search over kept edges, ignoring their
/// direction), as networkx's ego_graph(undirected=True). Throws InputError from
/// resolve_entity() at "--focus" when the focus names no entity.
Selection select(const KnowledgeGraph& graph, const Filter& filter);

/// Source and target as exports show them: a symmetric edge points from the smaller id.
std::pair<NodeId, NodeId> ends(const KnowledgeGraph& graph, EdgeId e);

/// Stable id of an edge, the same in the exports (GraphML, GEXF) and the HTTP API:
/// "<source id>.<RELATION>.<target id>" with ends() as the ends — an XML NMTOKEN, since node
/// ids are "[a-z]+:[a-z0-9-]*" and '.' occurs in neither. A relation that is not
/// UPPER_SNAKE_CASE is written as 'x' and its bytes in hex, which no UPPER_SNAKE_CASE name can
/// equal.
std::string edge_id(const KnowledgeGraph& graph, EdgeId e);

/// The node `name` names (canonical name or alias, as KnowledgeGraph::find); throws
/// InputError at `where`: no entity named "X"; did you mean: A, B, C.
NodeId resolve_entity(const KnowledgeGraph& graph, std::string_view name, const SourcePos& where);

/// Up to `count` canonical names nearest to `name`: edit distance between folded forms,
/// against each node's name, its aliases and the words of its name; ties go to the node with
/// more mentions, then to the smaller name. Only names within max(3, length / 2) edits, unless
/// none is that close.
std::vector<std::string> closest_names(const KnowledgeGraph& graph, std::string_view name,
                                       std::size_t count);

}  // namespace silkgraph::graph
