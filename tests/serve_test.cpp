// serve/: the JSON API answered by a server started in-process on an ephemeral loopback port
// and queried with httplib::Client, on a small graph built here from records.
#include <doctest/doctest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "common/utf8.h"
#include "graph/knowledge_graph.h"
#include "serve/server.h"
#include "tests/serve_util.h"

namespace {

using silkgraph::graph::KnowledgeGraph;
using silkgraph::ingest::EntityType;
using silkgraph::ingest::Record;

constexpr EntityType P = EntityType::Person, C = EntityType::Country;

struct Row {
  const char* doc;
  const char* date;
  const char* subject;
  EntityType subject_type;
  const char* relation;
  const char* object;
  EntityType object_type;
  std::uint32_t begin;
};

// Tokayev -MEETS- Xi twice (d1, d2), Putin -MEETS- Xi, so Tokayev reaches Putin in 2 hops.
const Row kRows[] = {
    {"d1", "2024-07-03", "Xi Jinping", P, "MEETS", "Kassym-Jomart Tokayev", P, 0},
    {"d1", "2024-07-03", "Kassym-Jomart Tokayev", P, "LEADER_OF", "Kazakhstan", C, 40},
    {"d2", "2024-07-04", "Kassym-Jomart Tokayev", P, "MEETS", "Xi Jinping", P, 0},
    {"d3", "2025-01-10", "Vladimir Putin", P, "MEETS", "Xi Jinping", P, 0},
    {"d3", "2025-01-10", "Vladimir Putin", P, "VISITS", "Kazakhstan", C, 80},
    {"d4", "", "<img src=x onerror=alert(1)>", P, "VISITS", "Kazakhstan", C, 0},
};

KnowledgeGraph sample() {
  KnowledgeGraph g;
  g.declare_relation("MEETS", true);
  std::map<std::string, std::vector<Record>> by_doc;
  for (const Row& r : kRows) {
    Record x;
    x.doc = r.doc;
    if (*r.date) x.date = r.date;
    x.subject = r.subject;
    x.subject_type = r.subject_type;
    x.relation = r.relation;
    x.object = r.object;
    x.object_type = r.object_type;
    x.begin = r.begin;
    x.end = r.begin + 30;
    x.sentence = std::string(r.subject) + " " + r.relation + " " + r.object + ".";
    x.rule = "test.rule";
    x.subject_text = r.subject;
    x.object_text = r.object;
    by_doc[r.doc].push_back(x);
  }
  for (auto& [doc, records] : by_doc) g.merge_document(doc, records);
  return g;
}

struct Running : silkgraph::test::RunningServer {
  Running() : RunningServer(sample()) {}
};

struct Answer {
  int status = 0;
  std::string content_type, body;
  rapidjson::Document json;
};

Answer get(Running& r, const std::string& target) {
  httplib::Client client("127.0.0.1", r.port);
  const httplib::Result res = client.Get(target.c_str());
  Answer a;
  REQUIRE(res);
  a.status = res->status;
  a.content_type = res->get_header_value("Content-Type");
  a.body = res->body;
  a.json.Parse(a.body.c_str());
  REQUIRE_MESSAGE(!a.json.HasParseError(), a.body);
  return a;
}

std::string str(const rapidjson::Value& v) { return {v.GetString(), v.GetStringLength()}; }

}  // namespace

TEST_CASE("serve: the server binds loopback and answers JSON") {
  Running r;
  REQUIRE(r.port > 0);
  REQUIRE(r.server.is_running());
  const Answer a = get(r, "/api/stats");
  CHECK(a.status == 200);
  CHECK(a.content_type == "application/json; charset=utf-8");

  // A port in use is an error, not a port shared with the running server.
  silkgraph::serve::Server second(sample());
  CHECK_FALSE(second.bind("127.0.0.1", r.port));
}

TEST_CASE("serve: search finds Tokayev by a lower-case part of the name") {
  Running r;
  const Answer a = get(r, "/api/search?q=toka");
  REQUIRE(a.status == 200);
  CHECK(str(a.json["query"]) == "toka");
  CHECK(a.json["match_total"].GetUint() == 1);
  const rapidjson::Value& m = a.json["matches"][0];
  CHECK(str(m["name"]) == "Kassym-Jomart Tokayev");
  CHECK(str(m["id"]) == "person:kassym-jomart-tokayev");
  CHECK(str(m["type"]) == "PERSON");
  CHECK(str(m["match"]) == "word-prefix");
  CHECK(m["alias"].GetBool() == false);

  const Answer none = get(r, "/api/search?q=Tokaiev");
  CHECK(none.json["matches"].Size() == 0);
  REQUIRE(none.json["suggestions"].Size() >= 1);
  CHECK(str(none.json["suggestions"][0]) == "Kassym-Jomart Tokayev");
}

TEST_CASE("serve: entity by id is the CLI's show card") {
  Running r;
  const Answer a = get(r, "/api/entity?id=person:kassym-jomart-tokayev");
  REQUIRE(a.status == 200);
  CHECK(str(a.json["name"]) == "Kassym-Jomart Tokayev");
  CHECK(a.json["mentions"].GetUint() == 3);
  CHECK(a.json["documents"].GetUint() == 2);
  CHECK(a.json["edges"].GetUint() == 2);
  CHECK(str(a.json["first_seen"]) == "2024-07-03");
  CHECK(str(a.json["last_seen"]) == "2024-07-04");
  const rapidjson::Value& groups = a.json["relations"];
  REQUIRE(groups.Size() == 2);
  CHECK(str(groups[0]["relation"]) == "LEADER_OF");
  CHECK(str(groups[0]["direction"]) == "out");
  CHECK(str(groups[0]["with"][0]["name"]) == "Kazakhstan");
  CHECK(str(groups[0]["with"][0]["edge_id"]) ==
        "person:kassym-jomart-tokayev.LEADER_OF.country:kazakhstan");
  CHECK(str(groups[1]["relation"]) == "MEETS");
  CHECK(groups[1]["weight"].GetUint() == 2);
}

TEST_CASE("serve: neighbors with depth, relation, min_weight, type and limit") {
  Running r;
  const std::string tokayev = "/api/neighbors?id=person:kassym-jomart-tokayev";
  Answer a = get(r, tokayev);
  REQUIRE(a.status == 200);
  CHECK(str(a.json["focus"]["name"]) == "Kassym-Jomart Tokayev");
  CHECK(a.json["depth"].GetUint() == 1);
  CHECK(str(a.json["direction"]) == "both");
  CHECK(a.json["neighbor_total"].GetUint() == 2);
  const rapidjson::Value& xi = a.json["neighbors"][0];  // strongest first: MEETS weight 2
  CHECK(str(xi["name"]) == "Xi Jinping");
  CHECK(xi["hops"].GetUint() == 1);
  const rapidjson::Value& meets = xi["edges"][0];
  CHECK(str(meets["via"]["name"]) == "Kassym-Jomart Tokayev");
  CHECK(str(meets["relation"]) == "MEETS");
  CHECK(meets["symmetric"].GetBool());
  CHECK(meets["weight"].GetUint() == 2);
  CHECK(meets["evidence_count"].GetUint() == 2);
  REQUIRE(meets["evidence"].Size() == 1);  // the newest sentence; evidence=true gives all
  CHECK(str(meets["evidence"][0]["doc"]) == "d2");
  CHECK(str(meets["evidence"][0]["date"]) == "2024-07-04");
  CHECK(get(r, tokayev + "&evidence=true").json["neighbors"][0]["edges"][0]["evidence"].Size() ==
        2);

  a = get(r, tokayev + "&depth=2");
  CHECK(a.json["depth"].GetUint() == 2);
  CHECK(a.json["neighbor_total"].GetUint() == 4);  // Xi, Kazakhstan; Putin, <img ...>
  CHECK(a.json["neighbors"][3]["hops"].GetUint() == 2);

  a = get(r, tokayev + "&depth=2&relation=meets");  // relation names ignore case
  CHECK(a.json["neighbor_total"].GetUint() == 2);   // Xi, then Putin over MEETS
  CHECK(str(a.json["neighbors"][1]["name"]) == "Vladimir Putin");
  CHECK(str(a.json["neighbors"][1]["edges"][0]["via"]["name"]) == "Xi Jinping");

  a = get(r, tokayev + "&min_weight=2");
  REQUIRE(a.json["neighbors"].Size() == 1);
  CHECK(str(a.json["neighbors"][0]["name"]) == "Xi Jinping");

  a = get(r, tokayev + "&type=country");
  REQUIRE(a.json["neighbors"].Size() == 1);
  CHECK(str(a.json["neighbors"][0]["name"]) == "Kazakhstan");

  a = get(r, tokayev + "&since=2024-07-04&until=2024-12-31");
  REQUIRE(a.json["neighbors"].Size() == 1);
  CHECK(str(a.json["neighbors"][0]["name"]) == "Xi Jinping");

  a = get(r, tokayev + "&limit=1&direction=out");
  CHECK(a.json["neighbor_count"].GetUint() == 1);
  CHECK(a.json["neighbor_total"].GetUint() == 2);
}

TEST_CASE("serve: path between two entities, with evidence on every hop") {
  Running r;
  Answer a = get(r, "/api/path?from=person:kassym-jomart-tokayev&to=person:vladimir-putin");
  REQUIRE(a.status == 200);
  CHECK(str(a.json["from"]["name"]) == "Kassym-Jomart Tokayev");
  CHECK(a.json["length"].GetUint() == 2);
  CHECK(a.json["path_total"].GetUint() == 2);  // via Xi and via Kazakhstan
  REQUIRE(a.json["path_count"].GetUint() == 1);
  const rapidjson::Value& hops = a.json["paths"][0]["hops"];
  REQUIRE(hops.Size() == 2);
  CHECK(str(hops[0]["to"]["name"]) == "Xi Jinping");  // the strongest: MEETS weight 2
  CHECK(str(hops[0]["edges"][0]["relation"]) == "MEETS");
  CHECK(hops[0]["edges"][0]["evidence"].Size() == 1);

  a = get(r, "/api/path?from=person:kassym-jomart-tokayev&to=person:vladimir-putin&all=1");
  CHECK(a.json["path_count"].GetUint() == 2);
  a = get(r, "/api/path?from=person:kassym-jomart-tokayev&to=person:vladimir-putin&max_depth=1");
  CHECK(a.json["length"].IsNull());
  CHECK(a.json["paths"].Size() == 0);
}

TEST_CASE("serve: stats counts match the graph") {
  Running r;
  Answer a = get(r, "/api/stats?top=2");
  REQUIRE(a.status == 200);
  CHECK(a.json["nodes"].GetUint() == 5);
  CHECK(a.json["edges"].GetUint() == 5);
  CHECK(a.json["documents"].GetUint() == 4);
  CHECK(a.json["evidence"].GetUint() == 6);
  CHECK(a.json["undated_evidence"].GetUint() == 1);
  CHECK(str(a.json["first_date"]) == "2024-07-03");
  CHECK(str(a.json["last_date"]) == "2025-01-10");
  CHECK(a.json["top_degree"].Size() == 2);
  CHECK(str(a.json["top_degree"][0]["name"]) == "Kazakhstan");
  CHECK(a.json["top_degree"][0]["degree"].GetUint() == 3);
  CHECK(a.json["component_count"].GetUint() == 1);
  CHECK(get(r, "/api/stats").json["top_degree"].Size() == 5);  // default 10, 5 nodes
}

TEST_CASE("serve: edge evidence by edge id") {
  Running r;
  // A symmetric edge points from the smaller node id, as in the exports.
  const std::string id = "person:kassym-jomart-tokayev.MEETS.person:xi-jinping";
  Answer a = get(r, "/api/edge?id=" + id);
  REQUIRE(a.status == 200);
  CHECK(str(a.json["id"]) == id);
  CHECK(str(a.json["source"]["name"]) == "Kassym-Jomart Tokayev");
  CHECK(str(a.json["target"]["name"]) == "Xi Jinping");
  CHECK(a.json["weight"].GetUint() == 2);
  CHECK(a.json["evidence_count"].GetUint() == 2);
  const rapidjson::Value& ev = a.json["evidence"];
  REQUIRE(ev.Size() == 2);
  CHECK(str(ev[0]["doc"]) == "d2");  // newest first
  CHECK(str(ev[0]["sentence"]) == "Kassym-Jomart Tokayev MEETS Xi Jinping.");
  CHECK(str(ev[0]["rule"]) == "test.rule");
  CHECK(str(ev[1]["doc"]) == "d1");
  CHECK(get(r, "/api/edge?id=" + id + "&limit=1").json["evidence"].Size() == 1);

  // Every edge_id the other endpoints give is one /api/edge knows.
  const Answer n = get(r, "/api/neighbors?id=country:kazakhstan");
  for (const rapidjson::Value& v : n.json["neighbors"].GetArray())
    for (const rapidjson::Value& e : v["edges"].GetArray()) {
      const std::string edge = str(e["edge_id"]);
      INFO(edge);
      CHECK(get(r, "/api/edge?id=" + httplib::detail::encode_query_param(edge)).status == 200);
    }
}

TEST_CASE("serve: bad requests are 400 with a JSON error") {
  Running r;
  struct Case {
    const char* target;
    int status;
    const char* error;
  };
  const Case cases[] = {
      {"/api/search", 400, "missing parameter \"q\""},
      {"/api/search?q=%20", 400, "missing parameter \"q\""},
      {"/api/search?q=toka&limit=1001", 400, "limit: expected a whole number 1-1000, got \"1001\""},
      {"/api/search?q=toka&limit=-1", 400, "limit: expected a whole number 1-1000, got \"-1\""},
      {"/api/search?q=toka&q=xi", 400, "q: given more than once"},
      {"/api/search?q=toka&lmit=5", 400, "unknown parameter \"lmit\"; parameters: q, limit"},
      {"/api/entity", 400, "missing parameter \"id\""},
      {"/api/entity?id=person:nobody", 404, "no entity with id \"person:nobody\""},
      {"/api/neighbors?id=person:kassym-jomart-tokayev&depth=4", 400,
       "depth: expected a whole number 1-3, got \"4\""},
      {"/api/neighbors?id=person:kassym-jomart-tokayev&depth=0", 400,
       "depth: expected a whole number 1-3, got \"0\""},
      {"/api/neighbors?id=person:kassym-jomart-tokayev&depth=two", 400,
       "depth: expected a whole number 1-3, got \"two\""},
      {"/api/neighbors?id=person:kassym-jomart-tokayev&limit=5000", 400,
       "limit: expected a whole number 1-1000, got \"5000\""},
      {"/api/neighbors?id=person:kassym-jomart-tokayev&direction=up", 400,
       "direction: expected out, in or both, got \"up\""},
      {"/api/neighbors?id=person:kassym-jomart-tokayev&type=planet", 400,
       "type: unknown entity type \"planet\"; types: person, country, region, city, org"},
      {"/api/neighbors?id=person:kassym-jomart-tokayev&relation=LENDS_TO", 400,
       "relation: the graph has no \"LENDS_TO\" edges; relations: LEADER_OF, MEETS, VISITS"},
      {"/api/neighbors?id=person:kassym-jomart-tokayev&relation=MEETS,", 400,
       "relation: empty name in \"MEETS,\""},
      {"/api/neighbors?id=person:kassym-jomart-tokayev&since=2024-13-01", 400,
       "since: expected YYYY-MM-DD, got \"2024-13-01\""},
      {"/api/neighbors?id=person:kassym-jomart-tokayev&since=2025-01-01&until=2024-01-01", 400,
       "since 2025-01-01 is after until 2024-01-01"},
      {"/api/neighbors?id=person:kassym-jomart-tokayev&evidence=maybe", 400,
       "evidence: expected true or false, got \"maybe\""},
      {"/api/path?from=person:kassym-jomart-tokayev", 400, "missing parameter \"to\""},
      {"/api/path?from=person:kassym-jomart-tokayev&to=person:nobody", 404,
       "no entity with id \"person:nobody\""},
      {"/api/path?from=person:vladimir-putin&to=person:xi-jinping&max_depth=11", 400,
       "max_depth: expected a whole number 1-10, got \"11\""},
      {"/api/path?from=person:vladimir-putin&to=person:xi-jinping&limit=5", 400,
       "limit needs all=true"},
      {"/api/stats?top=101", 400, "top: expected a whole number 0-100, got \"101\""},
      {"/api/edge?id=person:xi-jinping", 400,
       "id: expected SOURCE.RELATION.TARGET, got \"person:xi-jinping\""},
      {"/api/edge?id=person:xi-jinping.MEETS.person:nobody", 404,
       "no edge with id \"person:xi-jinping.MEETS.person:nobody\""},
      // Directed edges have one id only; a symmetric one only from the smaller node id.
      {"/api/edge?id=country:kazakhstan.VISITS.person:vladimir-putin", 404,
       "no edge with id \"country:kazakhstan.VISITS.person:vladimir-putin\""},
      {"/api/edge?id=person:xi-jinping.MEETS.person:kassym-jomart-tokayev", 404,
       "no edge with id \"person:xi-jinping.MEETS.person:kassym-jomart-tokayev\""},
      {"/api/search?q=%ff", 400, "q: not valid UTF-8"},
      {"/api/search?q=%C3%28", 400, "q: not valid UTF-8"},
      {"/api/search?q=%zz", 400, "malformed percent-encoding in the request"},
      {"/api/search?q=abc%", 400, "malformed percent-encoding in the request"},
      {"/api/search?q=%u0041", 400, "malformed percent-encoding in the request"},
      {"/api/nothing", 404, "not found"},
      {"/nothing-here", 404, "not found"},
      {"/api/stats/", 404, "not found"},
  };
  for (const Case& c : cases) {
    INFO(c.target);
    const Answer a = get(r, c.target);
    CHECK(a.status == c.status);
    CHECK(a.content_type == "application/json; charset=utf-8");
    REQUIRE(a.json.IsObject());
    REQUIRE(a.json.HasMember("error"));
    CHECK(str(a.json["error"]) == c.error);
  }
}

TEST_CASE("serve: read-only, size-limited, and names stay JSON text") {
  Running r;
  httplib::Client client("127.0.0.1", r.port);
  httplib::Result post = client.Post("/api/stats", "{}", "application/json");
  REQUIRE(post);
  CHECK(post->status == 405);
  CHECK(post->body == R"({"error":"read-only server: only GET"})");

  // A body over the limit is refused before any handler sees it.
  post = client.Post("/api/stats", std::string(128 * 1024, 'x'), "text/plain");
  REQUIRE(post);
  CHECK(post->status == 413);

  const httplib::Result long_uri = client.Get(("/api/search?q=" + std::string(9000, 'a')).c_str());
  REQUIRE(long_uri);
  CHECK(long_uri->status == 414);

  CHECK(get(r, "/api/search?q=" + std::string(600, 'a')).status == 400);  // over 512 bytes

  // A name holding HTML comes back as a JSON string, never as markup.
  const Answer a = get(r, "/api/search?q=" + httplib::detail::encode_query_param("<img"));
  REQUIRE(a.status == 200);
  CHECK(a.content_type == "application/json; charset=utf-8");
  REQUIRE(a.json["matches"].Size() == 1);
  CHECK(str(a.json["matches"][0]["name"]) == "<img src=x onerror=alert(1)>");
  const httplib::Result raw = client.Get("/api/search?q=%3Cimg");
  REQUIRE(raw);
  CHECK(raw->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(raw->get_header_value("Content-Security-Policy") == "default-src 'none'");
}

TEST_CASE("serve: many clients at once get the same answer") {
  Running r;
  const std::string expected = get(r, "/api/neighbors?id=country:kazakhstan&depth=2").body;
  std::vector<std::thread> clients;
  std::vector<int> same(8, 0);
  for (std::size_t t = 0; t < same.size(); ++t)
    clients.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", r.port);
      for (int i = 0; i < 20; ++i) {
        const httplib::Result res = client.Get("/api/neighbors?id=country:kazakhstan&depth=2");
        if (res && res->status == 200 && res->body == expected) ++same[t];
      }
    });
  for (std::thread& c : clients) c.join();
  for (const int n : same) CHECK(n == 20);
}

TEST_CASE("serve: the viewer page and its assets come from the binary, nothing else does") {
  Running r;
  httplib::Client client("127.0.0.1", r.port);
  const httplib::Result page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(page->body.find("<script src=\"/assets/app.js\" defer></script>") != std::string::npos);
  // The page's policy lets it run its own scripts only; the API keeps the strict one.
  const std::string policy = page->get_header_value("Content-Security-Policy");
  CHECK(page->get_header_value_count("Content-Security-Policy") == 1);
  CHECK(policy.find("script-src 'self';") != std::string::npos);
  CHECK(policy.find("default-src 'none'") == 0);
  CHECK(get(r, "/api/stats").status == 200);

  struct Case {
    const char* target;
    const char* type;
    const char* starts;  // the first bytes of the file
  };
  for (const Case& c : {Case{"/assets/app.js", "text/javascript; charset=utf-8", "// silkgraph viewer"},
                        Case{"/assets/style.css", "text/css; charset=utf-8", "*"},
                        Case{"/assets/index.html", "text/html; charset=utf-8", "<!doctype html>"},
                        Case{"/assets/cytoscape.min.js", "text/javascript; charset=utf-8", ""}}) {
    INFO(c.target);
    const httplib::Result res = client.Get(c.target);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == c.type);
    CHECK(res->body.rfind(c.starts, 0) == 0);
    CHECK(res->body.size() > 100);
  }
  // Names are looked up in the embedded table, never used as paths.
  for (const char* target : {"/assets/", "/assets/nope.js", "/assets/../serve/server.cpp",
                             "/assets/%2e%2e/%2e%2e/etc/passwd", "/assets//etc/passwd",
                             "/assets/app.js/", "/index.html", "/web/app.js", "/etc/passwd"}) {
    INFO(target);
    const Answer a = get(r, target);
    CHECK(a.status == 404);
    CHECK(a.json.HasMember("error"));
    CHECK(a.body.find("root:") == std::string::npos);
  }
}

TEST_CASE("serve: an error quoting a long parameter name never cuts a character (fuzz finding)") {
  Running r;
  // 63 ASCII bytes and a two-byte character: a cut at 64 bytes would split it.
  const Answer a = get(r, "/api/stats?" + std::string(63, 'k') + "%CD%81=1");
  CHECK(a.status == 400);
  CHECK(silkgraph::utf8::is_valid_utf8(a.body));
  CHECK(str(a.json["error"]) == "unknown parameter \"" + std::string(63, 'k') + "\"; parameters: top");
}

using silkgraph::test::raw_exchange;

TEST_CASE("serve: hostile raw requests get a 4xx JSON answer or a closed connection, never a file") {
  Running r;
  std::string headers;
  for (int i = 0; i < 5000; ++i) headers += "X-Filler-" + std::to_string(i) + ": y\r\n";
  struct Case {
    const char* what;
    std::string request;
  };
  const Case cases[] = {
      {"traversal in the raw path", "GET /assets/../../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
      {"encoded traversal", "GET /assets/..%2f..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
      {"double slash", "GET //etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
      {"absolute URI", "GET http://evil/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
      {"NUL in the path", std::string("GET /assets/app.js\0/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 77)},
      {"encoded NUL", "GET /assets/app.js%00.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
      {"invalid UTF-8 in the path", "GET /assets/\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
      {"1 MB request line", "GET /api/search?q=" + std::string(1 << 20, 'a') + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
      {"garbage", "HELLO THERE\r\n\r\n"},
      {"negative depth", "GET /api/neighbors?id=person:xi-jinping&depth=-3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
      {"enormous limit", "GET /api/search?q=xi&limit=99999999999999999999999 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.what));
    const std::string answer = raw_exchange(r.port, c.request);
    CHECK(answer.find("root:") == std::string::npos);
    if (answer.empty()) continue;  // closed without an answer: allowed for malformed requests
    const int status = std::atoi(answer.substr(9, 3).c_str());
    CHECK(answer.rfind("HTTP/1.1 4", 0) == 0);
    CHECK(status >= 400);
    CHECK(status < 500);
    CHECK(answer.find("{\"error\":") != std::string::npos);
  }
  // Many headers make a valid request (cpp-httplib 0.11.4 bounds each header line, not their
  // number): it is answered, and the server goes on.
  const std::string answer = raw_exchange(
      r.port, "GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers + "\r\n");
  CHECK(answer.rfind("HTTP/1.1 200", 0) == 0);
  // And the server is still there.
  CHECK(get(r, "/api/stats").status == 200);
}
