#include "serve/server.h"

#include <httplib.h>

#include "common/utf8.h"
#include "serve/api.h"
#include "serve/assets.h"

namespace silkgraph::serve {
namespace {

// The page may run its own scripts and call the API, nothing else and nothing inline. Inline
// styles are allowed: the graph library sizes its canvas through style attributes, and a
// style cannot run code.
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

void send(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  res.set_content(reply.body, "application/json; charset=utf-8");
}

}  // namespace

struct Server::Impl {
  explicit Impl(const graph::KnowledgeGraph& graph) : api(graph) {}
  // httplib 0.11.4 listens with a backlog of 5, so a burst of new connections has SYNs dropped
  // and retried a second later; listening again on Linux raises the backlog.
  bool widen_backlog(bool bound) const {
    if (bound && socket != INVALID_SOCKET) ::listen(socket, SOMAXCONN);
    return bound;
  }

  Api api;
  httplib::Server http;
  socket_t socket = INVALID_SOCKET;
};

Server::Server(graph::KnowledgeGraph graph, ServerOptions options)
    : graph_(std::move(graph)), impl_(std::make_unique<Impl>(graph_)) {
  httplib::Server& http = impl_->http;
  const std::size_t threads = options.threads > 0 ? options.threads : 1;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(options.max_request_bytes);
  http.set_read_timeout(5, 0);
  http.set_write_timeout(5, 0);
  http.set_keep_alive_max_count(100);
  // A kept-alive connection holds a worker thread; free it soon after the client goes quiet.
  http.set_keep_alive_timeout(2);
  // Headers and body go out in separate writes; Nagle could hold the body back.
  http.set_tcp_nodelay(true);
  // httplib's default adds SO_REUSEPORT, which lets a second server share a port in use;
  // SO_REUSEADDR alone still allows a restart while old connections are in TIME_WAIT.
  Impl* impl = impl_.get();
  http.set_socket_options([impl](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    impl->socket = sock;  // the last socket offered is the one that gets bound
  });

  // The raw target is checked before routing: httplib keeps a malformed "%" escape as is.
  http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Content-Security-Policy", "default-src 'none'");
    res.set_header("Cache-Control", "no-store");
    if (!valid_percent_encoding(req.target)) {
      send(res, error_reply(400, "malformed percent-encoding in the request"));
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!utf8::is_valid_utf8(req.path)) {
      send(res, error_reply(400, "the path is not valid UTF-8"));
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  const Api& api = impl_->api;
  auto route = [&http, &api](const char* path, Reply (Api::*endpoint)(const Params&) const) {
    http.Get(path, [&api, endpoint](const httplib::Request& req, httplib::Response& res) {
      send(res, (api.*endpoint)(req.params));
    });
  };
  route("/api/search", &Api::search);
  route("/api/entity", &Api::entity);
  route("/api/neighbors", &Api::neighbors);
  route("/api/path", &Api::path);
  route("/api/stats", &Api::stats);
  route("/api/edge", &Api::edge);

  // The viewer: the page and its assets, looked up by name in the table compiled into the
  // binary (serve/assets.h). Nothing is read from disk, so no path can reach a file.
  auto asset = [](httplib::Response& res, const EmbeddedFile& file) {
    res.headers.erase("Content-Security-Policy");  // in place of the API's stricter one
    res.headers.erase("Cache-Control");
    res.set_header("Content-Security-Policy", kPagePolicy);
    res.set_header("Cache-Control", "no-cache");
    res.set_content(file.data, file.size, std::string(content_type_of(file.name)).c_str());
  };
  http.Get("/", [asset](const httplib::Request&, httplib::Response& res) {
    asset(res, *find_asset("index.html"));
  });
  http.Get("/assets/(.*)", [asset](const httplib::Request& req, httplib::Response& res) {
    const EmbeddedFile* file = find_asset(req.matches[1].str());
    if (!file) {
      send(res, error_reply(404, "no such asset"));
      return;
    }
    asset(res, *file);
  });

  auto read_only = [](const httplib::Request&, httplib::Response& res) {
    send(res, error_reply(405, "read-only server: only GET"));
    res.set_header("Allow", "GET, HEAD");
  };
  http.Post(".*", read_only);
  http.Put(".*", read_only);
  http.Patch(".*", read_only);
  http.Delete(".*", read_only);

  // Called for every status >= 400; fills in a JSON body where no handler wrote one.
  http.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const char* what = res.status == 404   ? "not found"
                           : res.status == 413 ? "request too large"
                           : res.status == 414 ? "request URI too long"
                                               : "bad request";
        send(res, error_reply(res.status, what));
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send(res, error_reply(500, "internal error"));
      });
}

Server::~Server() = default;

bool Server::bind(const std::string& host, int port) {
  return impl_->widen_backlog(impl_->http.bind_to_port(host, port));
}

int Server::bind_any(const std::string& host) {
  const int port = impl_->http.bind_to_any_port(host);
  impl_->widen_backlog(port > 0);
  return port;
}

bool Server::listen() { return impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

bool Server::is_running() const { return impl_->http.is_running(); }

}  // namespace silkgraph::serve
