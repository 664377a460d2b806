// silkgraph serve: the graph's JSON API over HTTP (serve/), until SIGINT or SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <string>
#include <thread>

#include "cli/common.h"
#include "graph/graph_file.h"
#include "serve/server.h"

namespace silkgraph::cli {
namespace {

constexpr const char* kServeHelp =
    "usage: silkgraph serve GRAPH [options]\n"
    "\n"
    "Answers the same questions as neighbors, path, show, search and stats as a read-only JSON\n"
    "API: /api/search?q=, /api/entity?id=, /api/neighbors?id=, /api/path?from=&to=,\n"
    "/api/stats, /api/edge?id=. Runs until interrupted (Ctrl-C or SIGTERM).\n"
    "\n"
    "options:\n"
    "  --port N             TCP port, 1-65535, or 0 for any free one (default 8080)\n"
    "  --host ADDRESS       address to listen on (default 127.0.0.1: this machine only)\n"
    "  --threads N          worker threads answering requests, 1-256 (default 8)\n"
    "  -h, --help           this text\n"
    "\n"
    "exit status: 0 stopped by a signal, 1 failed (unreadable graph, port in use), 2 bad usage\n"
    "\n"
    "example: silkgraph serve graph.json --port 8080\n";

struct ServeOptions {
  std::string graph;
  std::string host = "127.0.0.1";
  int port = 8080;
  unsigned threads = 8;
  bool help = false;
};

int parse_port(const std::string& value) {
  const bool digits =
      !value.empty() && value.size() <= 5 &&
      std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  const int port = digits ? std::stoi(value) : -1;
  if (port < 0 || port > 65535)
    throw UsageError{"--port: expected 0-65535 (0: any free port), got \"" + value + "\""};
  return port;
}

ServeOptions parse_serve(int argc, char** argv) {
  ServeOptions o;
  Args a(argc, argv, 2);
  while (!a.done()) {
    if (a.flag("-h") || a.flag("--help")) {
      o.help = true;
    } else if (a.flag("--port")) {
      o.port = parse_port(a.value("--port"));
    } else if (a.flag("--host")) {
      o.host = a.value("--host");
      if (o.host.empty()) throw UsageError{"--host: empty address"};
    } else if (a.flag("--threads")) {
      o.threads = parse_threads(a.value("--threads"));
    } else if (a.peek().size() > 1 && a.peek()[0] == '-') {
      throw UsageError{"unknown option \"" + a.peek() + "\""};
    } else if (o.graph.empty()) {
      o.graph = a.next();
    } else {
      throw UsageError{"unexpected argument \"" + a.peek() + "\""};
    }
  }
  if (!o.help && o.graph.empty()) throw UsageError{"no graph file given"};
  return o;
}

}  // namespace

int cmd_serve(int argc, char** argv) {
  const ServeOptions opt = parse_serve(argc, argv);
  if (opt.help) {
    std::cout << kServeHelp;
    return kOk;
  }
  serve::ServerOptions server_options;
  server_options.threads = opt.threads;
  serve::Server server(graph::load_graph(opt.graph), server_options);
  const int port = opt.port == 0 ? server.bind_any(opt.host) : opt.port;
  if (port <= 0 || (opt.port != 0 && !server.bind(opt.host, opt.port))) {
    std::cerr << "silkgraph serve: cannot listen on " << opt.host << ":" << opt.port
              << " (in use, or not an address of this machine); try another --port or --host\n";
    return kFailed;
  }

  // SIGINT and SIGTERM are blocked in every thread (the server's threads inherit the mask) and
  // taken here with sigwait, so stopping runs as ordinary code, not in a signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::atomic<bool> listening_ended{false};
  std::thread listener([&] {
    server.listen();
    listening_ended = true;
  });
  // stop() only reaches a server that is running, so wait for that before taking signals.
  while (!server.is_running() && !listening_ended)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (listening_ended) {
    listener.join();
    std::cerr << "silkgraph serve: cannot accept connections on " << opt.host << ":" << opt.port
              << '\n';
    return kFailed;
  }

  const std::string host =
      opt.host.find(':') != std::string::npos ? "[" + opt.host + "]" : opt.host;
  std::cout << "silkgraph serve: http://" << host << ":" << port << "/ ("
            << server.graph().node_count() << " nodes, " << server.graph().edge_count() << " edges)"
            << std::endl;
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  server.stop();
  listener.join();
  return kOk;
}

}  // namespace silkgraph::cli
