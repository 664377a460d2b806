// The JSON API: parameters checked and bounded, then one call into graph/queries.h, then the
// result written by graph/json_out.h, which the CLI's --json output uses too. Fields the CLI
// has no counterpart for are "edge_id" on every edge (the key /api/edge takes) and the
// evidence offsets and surface texts of /api/edge.
#include "serve/api.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <optional>
#include <set>

#include "common/utf8.h"
#include "graph/filter.h"
#include "graph/json_out.h"

namespace silkgraph::serve {
namespace {

using graph::Direction;
using graph::KnowledgeGraph;
using graph::Link;
using graph::NodeId;

/// Thrown by parameter checks; becomes an error_reply.
struct ApiError {
  int status;
  std::string message;
};

// The shared JSON of query results (graph/json_out.h), compact; the API adds edge ids.
class Json : public graph::JsonOut<rapidjson::Writer<rapidjson::StringBuffer>> {
 public:
  Reply reply() const { return {200, std::string(view())}; }
};

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

bool is_iso_date(std::string_view s) {
  auto digits = [&](std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i)
      if (s[i] < '0' || s[i] > '9') return false;
    return true;
  };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(0, 4) || !digits(5, 2) ||
      !digits(8, 2))
    return false;
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/// "a, b" -> {"a", "b"}; an empty item is a 400 naming `name`.
std::vector<std::string> split_list(const std::string& name, const std::string& value) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t stop = value.find(',', start);
    if (stop == std::string::npos) stop = value.size();
    std::string item = value.substr(start, stop - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (item.empty()) throw ApiError{400, name + ": empty name in \"" + value + "\""};
    items.push_back(item);
    start = stop + 1;
  }
  return items;
}

/// The parameters of one request: each known name at most once, valid UTF-8, bounded length.
class Query {
 public:
  Query(const Params& params, std::initializer_list<const char*> known) : params_(params) {
    for (const auto& [name, value] : params) {
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        std::string names;
        for (const char* k : known) names += (names.empty() ? "" : ", ") + std::string(k);
        throw ApiError{400, "unknown parameter \"" + printable(name) + "\"; parameters: " + names};
      }
      if (params.count(name) > 1) throw ApiError{400, name + ": given more than once"};
      if (!utf8::is_valid_utf8(value)) throw ApiError{400, name + ": not valid UTF-8"};
      if (value.size() > Limits::kMaxValueBytes)
        throw ApiError{400,
                       name + ": longer than " + std::to_string(Limits::kMaxValueBytes) + " bytes"};
    }
  }

  std::optional<std::string> get(const std::string& name) const {
    const auto it = params_.find(name);
    if (it == params_.end()) return std::nullopt;
    return it->second;
  }

  std::string required(const std::string& name) const {
    std::optional<std::string> v = get(name);
    if (!v || v->find_first_not_of(" \t") == std::string::npos)
      throw ApiError{400, "missing parameter \"" + name + "\""};
    return *v;
  }

  std::size_t count(const std::string& name, std::size_t fallback, std::size_t min,
                    std::size_t max) const {
    const std::optional<std::string> v = get(name);
    if (!v) return fallback;
    const bool digits =
        !v->empty() && v->size() <= 9 &&
        std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; });
    const std::size_t n = digits ? std::stoul(*v) : 0;
    if (!digits || n < min || n > max)
      throw ApiError{400, name + ": expected a whole number " + std::to_string(min) + "-" +
                              std::to_string(max) + ", got \"" + *v + "\""};
    return n;
  }

  bool flag(const std::string& name) const {
    const std::optional<std::string> v = get(name);
    if (!v || *v == "0" || *v == "false") return false;
    if (*v == "1" || *v == "true" || v->empty()) return true;
    throw ApiError{400, name + ": expected true or false, got \"" + *v + "\""};
  }

  std::string date(const std::string& name) const {
    const std::optional<std::string> v = get(name);
    if (!v) return {};
    if (!is_iso_date(*v)) throw ApiError{400, name + ": expected YYYY-MM-DD, got \"" + *v + "\""};
    return *v;
  }

  /// An absent or empty parameter is no list: no condition.
  std::vector<std::string> list(const std::string& name) const {
    const std::optional<std::string> v = get(name);
    return v && !v->empty() ? split_list(name, *v) : std::vector<std::string>{};
  }

 private:
  // A parameter name is echoed back before its UTF-8 is checked.
  static std::string printable(const std::string& s) {
    return utf8::is_valid_utf8(s) ? std::string(utf8::prefix(s, 64)) : "(not UTF-8)";
  }

  const Params& params_;
};

NodeId entity(const KnowledgeGraph& graph, const Query& q, const std::string& name) {
  const std::string id = q.required(name);
  const std::optional<NodeId> v = graph.find_id(id);
  if (!v) throw ApiError{404, "no entity with id \"" + id + "\""};
  return *v;
}

graph::EdgeFilter edge_filter(const Query& q, std::vector<std::string> relations) {
  graph::EdgeFilter f;
  f.relations = std::move(relations);
  f.min_weight = q.count("min_weight", 0, 0, 999999999);
  f.since = q.date("since");
  f.until = q.date("until");
  if (!f.since.empty() && !f.until.empty() && f.until < f.since)
    throw ApiError{400, "since " + f.since + " is after until " + f.until};
  return f;
}

template <typename F>
Reply guarded(F&& answer) {
  try {
    return answer();
  } catch (const ApiError& e) {
    return error_reply(e.status, e.message);
  }
}

}  // namespace

Reply error_reply(int status, std::string_view message) {
  Json j;
  j.w().StartObject();
  j.str("error", message);
  j.w().EndObject();
  Reply r = j.reply();
  r.status = status;
  return r;
}

bool valid_percent_encoding(std::string_view target) {
  auto hex = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  };
  for (std::size_t i = 0; i < target.size(); ++i)
    if (target[i] == '%' && (i + 2 >= target.size() || !hex(target[i + 1]) || !hex(target[i + 2])))
      return false;
  return true;
}

Api::Api(const KnowledgeGraph& graph)
    : graph_(graph), stats_(graph::stats(graph, Limits::kMaxTop)) {
  std::set<std::string> present;
  for (const graph::EdgeId e : boost::make_iterator_range(boost::edges(graph.adjacency())))
    present.insert(graph.edge(e).relation);
  present_.assign(present.begin(), present.end());
}

// Relations as the graph spells them: exact, else equal ignoring case; any other is a 400.
// An absent parameter ("") is every relation.
std::vector<std::string> Api::relations(const std::string& list) const {
  if (list.empty()) return {};
  std::vector<std::string> out;
  for (const std::string& name : split_list("relation", list)) {
    const auto same = std::find_if(present_.begin(), present_.end(), [&](const std::string& p) {
      return p == name || upper(p) == upper(name);
    });
    if (same == present_.end()) {
      std::string names;
      for (const std::string& p : present_) names += (names.empty() ? "" : ", ") + p;
      throw ApiError{400, "relation: the graph has no \"" + name + "\" edges; relations: " + names};
    }
    out.push_back(*same);
  }
  return out;
}

Reply Api::search(const Params& params) const {
  return guarded([&] {
    const Query q(params, {"q", "limit"});
    const std::string query = q.required("q");
    const std::size_t limit = q.count("limit", 20, 1, Limits::kMaxLimit);
    const graph::SearchResult r = graph::search(graph_, query, limit);
    const std::vector<std::string> suggestions =
        r.hits.empty() ? graph::closest_names(graph_, query, 3) : std::vector<std::string>{};
    Json j;
    j.search(graph_, query, r, suggestions);
    return j.reply();
  });
}

Reply Api::entity(const Params& params) const {
  return guarded([&] {
    const Query q(params, {"id"});
    const graph::EntityCard card = graph::entity_card(graph_, serve::entity(graph_, q, "id"));
    Json j;
    j.card(graph_, card, true);
    return j.reply();
  });
}

Reply Api::neighbors(const Params& params) const {
  return guarded([&] {
    const Query q(params, {"id", "depth", "direction", "relation", "type", "since", "until",
                           "min_weight", "limit", "evidence"});
    graph::NeighbourOptions o;
    const NodeId focus = serve::entity(graph_, q, "id");
    o.depth = q.count("depth", 1, 1, Limits::kMaxDepth);
    o.limit = q.count("limit", 100, 1, Limits::kMaxLimit);
    const std::string direction = q.get("direction").value_or("both");
    if (direction == "out")
      o.direction = Direction::Out;
    else if (direction == "in")
      o.direction = Direction::In;
    else if (direction != "both")
      throw ApiError{400, "direction: expected out, in or both, got \"" + direction + "\""};
    for (const std::string& t : q.list("type")) {
      const std::optional<ingest::EntityType> type = ingest::parse_entity_type(upper(t));
      if (!type)
        throw ApiError{400, "type: unknown entity type \"" + t +
                                "\"; types: person, country, region, city, org"};
      o.types.push_back(*type);
    }
    o.edges = edge_filter(q, relations(q.get("relation").value_or("")));
    const bool all_evidence = q.flag("evidence");
    const graph::Neighbourhood n = graph::neighbours(graph_, focus, o);

    Json j;
    j.neighbourhood(graph_, n, o.depth, o.direction, all_evidence, true);
    return j.reply();
  });
}

Reply Api::path(const Params& params) const {
  return guarded([&] {
    const Query q(params, {"from", "to", "max_depth", "relation", "all", "limit", "evidence"});
    const NodeId from = serve::entity(graph_, q, "from");
    const NodeId to = serve::entity(graph_, q, "to");
    graph::PathOptions o;
    o.max_depth = q.count("max_depth", Limits::kMaxPathDepth, 1, Limits::kMaxPathDepth);
    o.all = q.flag("all");
    o.limit = q.count("limit", 20, 1, Limits::kMaxLimit);
    if (q.get("limit") && !o.all) throw ApiError{400, "limit needs all=true"};
    o.edges.relations = relations(q.get("relation").value_or(""));
    const bool all_evidence = q.flag("evidence");
    const graph::PathResult r = graph::shortest_paths(graph_, from, to, o);
    Json j;
    j.paths(graph_, from, to, r, all_evidence, true);
    return j.reply();
  });
}

Reply Api::stats(const Params& params) const {
  return guarded([&] {
    const Query q(params, {"top"});
    const std::size_t top = q.count("top", 10, 0, Limits::kMaxTop);
    // The rankings were computed once for kMaxTop; their first `top` are stats(graph, top)'s.
    Json j;
    j.stats(graph_, stats_, top);
    return j.reply();
  });
}

Reply Api::edge(const Params& params) const {
  return guarded([&] {
    const Query q(params, {"id", "limit"});
    const std::string id = q.required("id");
    const std::size_t limit = q.count("limit", 100, 1, Limits::kMaxLimit);
    // Node ids hold no '.', so the relation lies between the first and the last one.
    const std::size_t first = id.find('.'), last = id.rfind('.');
    if (first == std::string::npos || first == last)
      throw ApiError{400, "id: expected SOURCE.RELATION.TARGET, got \"" + id + "\""};
    const std::optional<NodeId> source = graph_.find_id(id.substr(0, first));
    const std::optional<NodeId> target = graph_.find_id(id.substr(last + 1));
    std::optional<graph::EdgeId> e;
    if (source && target)
      for (const std::string& r : present_)
        if (auto found = graph_.find_edge(*source, r, *target);
            found && graph::edge_id(graph_, *found) == id)
          e = found;
    if (!e) throw ApiError{404, "no edge with id \"" + id + "\""};

    const graph::EdgeData& d = graph_.edge(*e);
    // Newest first, then by document and offset, undated last: the order of a query's Link.
    std::vector<std::uint32_t> order(d.evidence.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      const graph::Evidence& x = d.evidence[a];
      const graph::Evidence& y = d.evidence[b];
      if (x.date.empty() != y.date.empty()) return y.date.empty();
      if (x.date != y.date) return x.date > y.date;
      return std::tie(x.doc, x.begin) < std::tie(y.doc, y.begin);
    });
    const auto [from, to] = graph::ends(graph_, *e);
    Json j;
    j.w().StartObject();
    j.str("id", id);
    j.node("source", graph_, from);
    j.node("target", graph_, to);
    j.str("relation", d.relation);
    j.boolean("symmetric", d.symmetric);
    j.uint("weight", d.weight);
    j.date("first_seen", d.first_seen);
    j.date("last_seen", d.last_seen);
    j.uint("evidence_count", order.size());
    j.key("evidence");
    j.w().StartArray();
    for (std::size_t i = 0; i < order.size() && i < limit; ++i) {
      const graph::Evidence& x = d.evidence[order[i]];
      j.w().StartObject();
      j.str("doc", x.doc);
      j.date("date", x.date);
      j.str("sentence", x.sentence);
      j.str("rule", x.rule);
      j.uint("begin", x.begin);
      j.uint("end", x.end);
      j.str("source_text", x.source_text);
      j.str("target_text", x.target_text);
      j.w().EndObject();
    }
    j.w().EndArray();
    j.w().EndObject();
    return j.reply();
  });
}

}  // namespace silkgraph::serve
