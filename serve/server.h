// serve/server.h
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "graph/knowledge_graph.h"

namespace httplib {
class Server;
}

namespace silkgraph::serve {

struct ServerOptions {
  std::size_t threads = 8;                    // worker threads answering requests
  std::size_t max_request_bytes = 64 * 1024;  // request body; the URI is capped at 8 KiB by httplib
};

/// The read-only HTTP server: GET /api/search, /api/entity, /api/neighbors, /api/path,
/// /api/stats and /api/edge (serve/api.h) over one graph it owns. Any other path is a 404, any
/// other method a 405, always with a JSON body.
class Server {
 public:
  Server(graph::KnowledgeGraph graph, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds `host`:`port`; false when the address is taken or unknown.
  bool bind(const std::string& host, int port);
  /// Binds `host` on a port the system picks; returns it, or -1.
  int bind_any(const std::string& host);
  /// Answers requests until stop(); false if it could not start.
  bool listen();
  /// Makes listen() return; safe from any thread.
  void stop();
  bool is_running() const;

  const graph::KnowledgeGraph& graph() const { return graph_; }

 private:
  struct Impl;
  const graph::KnowledgeGraph graph_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace silkgraph::serve
