// Raw bytes as an HTTP request target: the server's checks (percent-encoding, UTF-8), httplib's
// query parsing, then every API endpoint with those parameters on a small graph. Every answer
// must be JSON with status 200, 400 or 404.
#include <httplib.h>
#include <rapidjson/document.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "common/utf8.h"
#include "fuzz/fuzz_util.h"
#include "graph/knowledge_graph.h"
#include "ingest/extractor.h"
#include "ingest/rule_set.h"
#include "serve/api.h"

using namespace silkgraph;

namespace {

graph::KnowledgeGraph small_graph() {
  const ingest::RuleSet rules = ingest::RuleSet::builtin();
  const ingest::Extractor extractor(rules);
  graph::KnowledgeGraph g;
  const char* texts[] = {
      "Xi Jinping met Kassym-Jomart Tokayev in Astana on Tuesday. China lent Kyrgyzstan $1 billion.",
      "Vladimir Putin visited Dushanbe. Russia signed a gas deal with Uzbekistan.",
  };
  int n = 0;
  for (const char* text : texts) {
    std::vector<ingest::Record> records = extractor.extract_text(text);
    const std::string id = "doc" + std::to_string(++n);
    for (ingest::Record& r : records) r.doc = id;
    g.merge_document(id, std::move(records));
  }
  return g;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const graph::KnowledgeGraph graph = small_graph();
  static const serve::Api api(graph);
  if (size == 0) return 0;
  const std::string target(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (!serve::valid_percent_encoding(target)) return 0;  // the server answers 400 here
  serve::Params params;
  httplib::detail::parse_query_text(target, params);
  serve::Reply (serve::Api::*endpoints[])(const serve::Params&) const = {
      &serve::Api::search, &serve::Api::entity, &serve::Api::neighbors,
      &serve::Api::path, &serve::Api::stats, &serve::Api::edge};
  const serve::Reply reply = (api.*endpoints[data[0] % 6])(params);
  fuzz::require(reply.status == 200 || reply.status == 400 || reply.status == 404);
  fuzz::require(utf8::is_valid_utf8(reply.body));
  rapidjson::Document json;
  json.Parse(reply.body.c_str(), reply.body.size());
  if (json.HasParseError() || !json.IsObject()) {
    std::fprintf(stderr, "not a JSON object (status %d): %s\n", reply.status, reply.body.c_str());
    fuzz::require(false);
  }
  return 0;
}
