// tests/serve_util.h: a server started in-process for a test, and raw requests to it.
#pragma once

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "graph/knowledge_graph.h"
#include "serve/server.h"

namespace silkgraph::test {

// A server on 127.0.0.1 and a free port, answering from a thread until destroyed.
struct RunningServer {
  explicit RunningServer(graph::KnowledgeGraph graph) : server(std::move(graph)) {
    port = server.bind_any("127.0.0.1");
    thread = std::thread([this] { server.listen(); });
    for (int i = 0; i < 2000 && !server.is_running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~RunningServer() {
    server.stop();
    thread.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  serve::Server server;
  int port = 0;
  std::thread thread;
};

// Sends `request` as raw bytes (nothing a client library would tidy up) and returns all the
// server answers until it closes the connection or stays quiet for `quiet_seconds`.
inline std::string raw_exchange(int port, const std::string& request, long quiet_seconds = 2) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  timeval timeout{quiet_seconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  for (std::size_t sent = 0; sent < request.size();) {
    const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer and close before reading an oversized request
    sent += static_cast<std::size_t>(n);
  }
  std::string answer;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
    answer.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  return answer;
}

}  // namespace silkgraph::test
