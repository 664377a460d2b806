// serve/api.h
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"
#include "graph/queries.h"

namespace silkgraph::serve {

/// Decoded query parameters, as httplib::Params holds them.
using Params = std::multimap<std::string, std::string>;

/// A JSON answer: 200 with the result, or 400/404 with {"error": "..."}.
struct Reply {
  int status = 200;
  std::string body;
};

/// The bounds every endpoint enforces; a value outside them is a 400.
struct Limits {
  static constexpr std::size_t kMaxDepth = 3;         // /api/neighbors depth
  static constexpr std::size_t kMaxLimit = 1000;      // any `limit`
  static constexpr std::size_t kMaxPathDepth = 10;    // /api/path max_depth
  static constexpr std::size_t kMaxTop = 100;         // /api/stats top
  static constexpr std::size_t kMaxValueBytes = 512;  // one parameter value
};

/// The JSON API over one read-only graph. Field names are those of the CLI's --json output;
/// the answers come from graph/queries.h. Every method is const and safe to call from many
/// threads at once.
class Api {
 public:
  /// Keeps a reference to `graph`, which must outlive the Api; computes the stats once.
  explicit Api(const graph::KnowledgeGraph& graph);

  Reply search(const Params& params) const;     // q, limit
  Reply entity(const Params& params) const;     // id
  Reply neighbors(const Params& params) const;  // id, depth, direction, relation, type, ...
  Reply path(const Params& params) const;       // from, to, max_depth, relation, all, limit
  Reply stats(const Params& params) const;      // top
  Reply edge(const Params& params) const;       // id, limit

 private:
  std::vector<std::string> relations(const std::string& list) const;

  const graph::KnowledgeGraph& graph_;
  graph::GraphStats stats_;           // with Limits::kMaxTop ranked nodes
  std::vector<std::string> present_;  // relations in the graph, sorted
};

/// {"error": message}
Reply error_reply(int status, std::string_view message);

/// True when every '%' in `target` (a raw request target) starts a "%XX" escape.
bool valid_percent_encoding(std::string_view target);

}  // namespace silkgraph::serve
