// serve/: hostile and malformed requests against a server started in-process on an ephemeral
// loopback port, serving the graph of examples/. Requests go out as raw bytes over a socket, so
// nothing a client library would refuse or tidy up is lost: every answer must be a 4xx with a
// JSON error (or, for a request too broken to parse, a closed connection), never a file.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "common/utf8.h"
#include "graph/graph_file.h"
#include "serve/server.h"
#include "tests/serve_util.h"
#include "tests/test_util.h"

namespace {

using silkgraph::test::run;
using silkgraph::test::TempDir;

// The examples graph, built by the real binary once.
silkgraph::graph::KnowledgeGraph examples_graph() {
  TempDir dir;
  const auto path = dir.path / "graph.json";
  const auto r = run("build --quiet '" + silkgraph::test::examples() + "' -o '" + path.string() + "'");
  REQUIRE(r.status == 0);
  return silkgraph::graph::load_graph(path.string());
}

struct Running : silkgraph::test::RunningServer {
  Running() : RunningServer(examples_graph()) {}
};

struct Reply {
  bool closed_silently = false;  // the server closed the connection without a word
  int status = 0;
  std::string head, body;
};

// Sends `request` as raw bytes and reads until the server closes or is quiet for `quiet` seconds.
Reply send_raw(int port, const std::string& request, long quiet = 3) {
  const std::string answer = silkgraph::test::raw_exchange(port, request, quiet);
  Reply reply;
  if (answer.empty()) {
    reply.closed_silently = true;
    return reply;
  }
  const std::size_t end = answer.find("\r\n\r\n");
  reply.head = answer.substr(0, end);
  reply.body = end == std::string::npos ? "" : answer.substr(end + 4);
  if (answer.rfind("HTTP/1.1 ", 0) == 0) reply.status = std::atoi(answer.substr(9, 3).c_str());
  return reply;
}

std::string get_request(const std::string& target, const std::string& extra_headers = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra_headers +
         "\r\n";
}

// A 4xx whose body is a JSON object {"error": "..."} in valid UTF-8, and no file's content.
void check_json_4xx(const Reply& reply) {
  INFO(reply.head);
  INFO(reply.body.substr(0, 300));
  CHECK(reply.status >= 400);
  CHECK(reply.status < 500);
  CHECK(reply.head.find("Content-Type: application/json; charset=utf-8") != std::string::npos);
  CHECK(silkgraph::utf8::is_valid_utf8(reply.body));
  rapidjson::Document json;
  json.Parse(reply.body.c_str(), reply.body.size());
  REQUIRE(!json.HasParseError());
  REQUIRE(json.IsObject());
  REQUIRE(json.HasMember("error"));
  CHECK(json["error"].IsString());
  CHECK(json.MemberCount() == 1);
}

// Never the content of a file from disk: /etc/passwd, a source file, the graph file.
void check_no_file(const Reply& reply) {
  CHECK(reply.body.find("root:") == std::string::npos);
  CHECK(reply.body.find("#include") == std::string::npos);
  CHECK(reply.body.find("silkgraph-graph") == std::string::npos);
}

// The server still answers an ordinary request.
void check_alive(int port) {
  const Reply reply = send_raw(port, get_request("/api/stats"));
  CHECK(reply.status == 200);
}

const char* const kTokayev = "person:kassym-jomart-tokayev";

}  // namespace

TEST_CASE("serve robust: oversized request lines, headers and bodies are refused with JSON") {
  Running r;
  struct Case {
    std::string what, request;
    std::vector<int> statuses;  // any of these
  };
  const std::string long_query = "/api/search?q=" + std::string(64 * 1024, 'a');
  const std::string long_name = "/api/stats?" + std::string(20000, 'k') + "=1";
  const Case cases[] = {
      {"a 64 KB query string", get_request(long_query), {414}},
      {"a 20 KB parameter name", get_request(long_name), {414}},
      {"a 4 MB request line", get_request("/api/search?q=" + std::string(4 << 20, 'b')), {414}},
      {"a 64 KB header line", get_request("/api/stats", "X-Big: " + std::string(64 * 1024, 'h') + "\r\n"),
       {400, 413, 431}},
      {"a query within the line limit, a parameter over 512 bytes",
       get_request("/api/search?q=" + std::string(4000, 'c')), {400}},
      {"a neighbours id over the parameter limit",
       get_request("/api/neighbors?id=" + std::string(2000, 'p')), {400}},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    const Reply reply = send_raw(r.port, c.request);
    check_no_file(reply);
    REQUIRE_FALSE(reply.closed_silently);  // answered, not dropped
    bool expected = false;
    for (const int s : c.statuses) expected = expected || reply.status == s;
    CHECK_MESSAGE(expected, "status " << reply.status);
    check_json_4xx(reply);
  }
  // A body announced at 100 GB: cpp-httplib reads (and drops) an announced body before it
  // answers, so the 413 comes when the client goes quiet, after the server's 5 s read timeout.
  const Reply huge_body = send_raw(r.port,
                                   "POST /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                   "Content-Length: 100000000000\r\n\r\n" + std::string(4096, 'x'),
                                   10);
  CHECK(huge_body.status == 413);
  check_json_4xx(huge_body);
  check_alive(r.port);
}

TEST_CASE("serve robust: invalid UTF-8 and malformed percent-encoding in paths and parameters") {
  Running r;
  const std::string id = kTokayev;
  const char* const bad_values[] = {"%ff", "%C3%28", "%ED%A0%80" /* a surrogate */, "%F8%88%80%80%80",
                                    "%zz", "abc%", "%4", "%u0041", "%%41"};
  // Every text parameter of every endpoint, each with every bad value.
  const std::string templates[] = {
      "/api/search?q=@",
      "/api/entity?id=@",
      "/api/neighbors?id=@",
      "/api/neighbors?id=" + id + "&relation=@",
      "/api/neighbors?id=" + id + "&type=@",
      "/api/neighbors?id=" + id + "&since=@",
      "/api/neighbors?id=" + id + "&direction=@",
      "/api/path?from=@&to=" + id,
      "/api/path?from=" + id + "&to=@",
      "/api/edge?id=@",
      "/api/stats?top=@",
      "/api/stats?@=1",  // the parameter's name
  };
  for (const std::string& t : templates)
    for (const char* bad : bad_values) {
      std::string target = t;
      target.replace(target.find('@'), 1, bad);
      INFO(target);
      const Reply reply = send_raw(r.port, get_request(target));
      CHECK(reply.status == 400);
      check_json_4xx(reply);
    }
  // Raw invalid bytes and bad escapes in the path itself: refused before any route.
  for (const std::string target :
       {"/api/st\xff\xfe" "ats", "/api/%ff", "/api/stats%", "/api/%zzstats", "/%C0%AF",
        "/api/\xc0\xaf"}) {
    INFO(target);
    const Reply reply = send_raw(r.port, get_request(target));
    CHECK(reply.status == 400);
    check_json_4xx(reply);
  }
  // A well-formed escape of a NUL byte decodes to a path no route has.
  const Reply nul = send_raw(r.port, get_request("/api/stats%00"));
  CHECK(nul.status == 404);
  check_json_4xx(nul);
  check_alive(r.port);
}

TEST_CASE("serve robust: negative, enormous and non-numeric depth and limit are 400s naming the parameter") {
  Running r;
  const std::string id = kTokayev;
  struct Param {
    std::string prefix;  // the request up to the value
    const char* name;
  };
  const Param params[] = {
      {"/api/search?q=toka&limit=", "limit"},
      {"/api/neighbors?id=" + id + "&depth=", "depth"},
      {"/api/neighbors?id=" + id + "&limit=", "limit"},
      {"/api/neighbors?id=" + id + "&min_weight=", "min_weight"},
      {"/api/path?from=" + id + "&to=person:xi-jinping&max_depth=", "max_depth"},
      {"/api/path?from=" + id + "&to=person:xi-jinping&all=true&limit=", "limit"},
      {"/api/stats?top=", "top"},
  };
  const char* const values[] = {"-1",   "-99999999999999999999", "99999999999999999999999",
                                "18446744073709551617", "4294967297", "2147483648",
                                "two",  "1.5", "1e3", "0x10", "%2D1", "1%00", "%20", "1,2", "NaN",
                                "inf",  "%EF%BC%91" /* a full-width digit one */};
  for (const Param& p : params)
    for (const char* v : values) {
      const std::string target = p.prefix + v;
      INFO(target);
      const Reply reply = send_raw(r.port, get_request(target));
      CHECK(reply.status == 400);
      check_json_4xx(reply);
      CHECK(reply.body.find(std::string("\"error\":\"") + p.name) != std::string::npos);
    }
  check_alive(r.port);
}

TEST_CASE("serve robust: path traversal on asset paths never reaches a file") {
  // Written to hold whether the asset routes exist or not: whatever the route table, every
  // one of these is a 4xx with a JSON error and no file's content.
  Running r;
  const std::string targets[] = {
      "/assets/../../etc/passwd",
      "/assets/../../../../../../etc/passwd",
      "/assets/%2e%2e/%2e%2e/etc/passwd",
      "/assets/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
      "/assets/..%2f..%2f..%2fetc%2fpasswd",
      "/assets/..%5c..%5cetc%5cpasswd",
      "/assets/.%2e/.%2e/etc/passwd",
      "/assets/%252e%252e/%252e%252e/etc/passwd",  // double-encoded
      "/assets/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",  // overlong dots
      "/..%2f..%2fetc/passwd",
      "/../../etc/passwd",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/assets//etc/passwd",
      "/assets/%2fetc%2fpasswd",
      "/etc/passwd",
      "//etc/passwd",
      "/assets/../serve/server.cpp",
      "/assets/../../serve/server.cpp",
      "/assets/../CMakeLists.txt",
      "/assets/%00",
      "/assets/app.js%00.png",
      "/assets/app.js%2500",
      "/assets/./app.js/..",
      "/proc/self/environ",
      "/assets/../../../../proc/self/environ",
      "/api/../../etc/passwd",
      "/api/stats/../../../etc/passwd",
  };
  for (const std::string& target : targets) {
    INFO(target);
    const Reply reply = send_raw(r.port, get_request(target));
    check_no_file(reply);
    CHECK(reply.body.find("PATH=") == std::string::npos);
    if (reply.closed_silently) continue;  // a target the HTTP parser refuses outright
    check_json_4xx(reply);
  }
  // A NUL byte inside the request line, raw.
  const Reply nul = send_raw(r.port, std::string("GET /assets/app.js") + '\0' +
                                         "/../../../etc/passwd HTTP/1.1\r\nHost: x\r\n"
                                         "Connection: close\r\n\r\n");
  check_no_file(nul);
  if (!nul.closed_silently) check_json_4xx(nul);
  // An absolute-form target and a non-HTTP request line.
  for (const std::string& request :
       {std::string("GET http://127.0.0.1/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        std::string("GET file:///etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        std::string("GET /etc/passwd\r\n\r\n")}) {
    INFO(request);
    const Reply reply = send_raw(r.port, request);
    check_no_file(reply);
    if (!reply.closed_silently) check_json_4xx(reply);
  }
  check_alive(r.port);
}
