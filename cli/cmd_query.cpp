// silkgraph neighbors | path | show | search | stats: questions to a graph file, answered as
// aligned text tables or, with --json, as JSON with stable field names. The answers come from
// graph/queries.h; this file holds flags and formatting only.
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <limits>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/common.h"
#include "cli/graph_options.h"
#include "cli/table.h"
#include "common/error.h"
#include "graph/filter.h"
#include "graph/graph_file.h"
#include "graph/json_out.h"
#include "graph/queries.h"

namespace silkgraph::cli {
namespace {

using graph::Direction;
using graph::KnowledgeGraph;
using graph::Link;
using graph::NodeId;

// Evidence sentences are cut to this many columns in tables; --json and --evidence print them
// whole.
constexpr std::size_t kSentenceWidth = 80;
constexpr std::size_t kListWidth = 80;  // the "with" column of `show`

// ------------------------------------------------------------------------------ flags

std::string parse_date(const std::string& flag, const std::string& value) {
  if (!is_iso_date(value)) throw UsageError{flag + ": expected YYYY-MM-DD, got \"" + value + "\""};
  return value;
}

/// Positional arguments and the flags every query command has.
struct Common {
  std::vector<std::string> positional;
  bool json = false;
  bool help = false;
};

/// Flags that choose edges: --relation, --min-weight, --since, --until.
struct EdgeFlags {
  std::vector<std::string> relations;  // as given; matched against the graph after loading
  graph::EdgeFilter filter;
};

// Consumes one shared flag or positional argument; throws UsageError for an unknown flag, so a
// command checks its own flags first.
void parse_common(Args& a, Common& c) {
  if (a.flag("-h") || a.flag("--help")) {
    c.help = true;
  } else if (a.flag("--json")) {
    c.json = true;
  } else if (a.peek().size() > 1 && a.peek()[0] == '-') {
    throw UsageError{"unknown option \"" + a.peek() + "\""};
  } else {
    c.positional.push_back(a.next());
  }
}

bool parse_edge_flag(Args& a, EdgeFlags& e, bool dates_and_weight) {
  if (a.flag("--relation")) {
    for (std::string& r : split_list("--relation", a.value("--relation")))
      e.relations.push_back(std::move(r));
  } else if (dates_and_weight && a.flag("--min-weight")) {
    e.filter.min_weight = parse_count("--min-weight", a.value("--min-weight"), 0);
  } else if (dates_and_weight && a.flag("--since")) {
    e.filter.since = parse_date("--since", a.value("--since"));
  } else if (dates_and_weight && a.flag("--until")) {
    e.filter.until = parse_date("--until", a.value("--until"));
  } else {
    return false;
  }
  return true;
}

void check_edge_flags(const EdgeFlags& e) {
  if (!e.filter.since.empty() && !e.filter.until.empty() && e.filter.until < e.filter.since)
    throw UsageError{"--since " + e.filter.since + " is after --until " + e.filter.until};
}

// Checks the number of positional arguments; `names` says what they are ("GRAPH", "NAME").
void check_positional(const Common& c, const std::vector<const char*>& names) {
  if (c.positional.size() < names.size()) {
    if (c.positional.empty()) throw UsageError{"no graph file given"};
    throw UsageError{std::string("no ") + names[c.positional.size()] + " given"};
  }
  if (c.positional.size() > names.size())
    throw UsageError{"unexpected argument \"" + c.positional[names.size()] + "\""};
}

// -------------------------------------------------------------------------- output

void write_out(const std::string& text) {
  std::cout << text;
  std::cout.flush();
  if (!std::cout)
    throw InputError({"<stdout>"},
                     std::string("cannot write (") + std::strerror(errno != 0 ? errno : EIO) + ")");
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string or_dash(std::string_view s) { return s.empty() ? "-" : std::string(s); }

std::string type_name(ingest::EntityType t) { return std::string(ingest::entity_type_name(t)); }

std::string node_label(const KnowledgeGraph& graph, NodeId v) {
  return graph.node(v).name + " (" + type_name(graph.node(v).type) + ")";
}

// "-MEETS-", "-AWARDS->", "<-AWARDS-": the edge as seen walking from one end to the other.
std::string arrow(const KnowledgeGraph& graph, const Link& link) {
  const std::string& r = graph.edge(link.edge).relation;
  switch (link.direction) {
    case Direction::Out: return "-" + r + "->";
    case Direction::In: return "<-" + r + "-";
    case Direction::Both: break;
  }
  return "-" + r + "-";
}

const graph::Evidence& first_evidence(const KnowledgeGraph& graph, const Link& link) {
  return graph.edge(link.edge).evidence[link.evidence.front()];
}

// Every sentence of a link on its own line, whole: "    2024-07-04  doc-id  sentence".
std::vector<std::string> evidence_lines(const KnowledgeGraph& graph, const Link& link,
                                        std::size_t indent) {
  std::vector<std::string> lines;
  for (const std::uint32_t i : link.evidence) {
    const graph::Evidence& x = graph.edge(link.edge).evidence[i];
    std::string line(indent, ' ');
    line.append(x.date.empty() ? "undated   " : x.date).append("  ").append(x.doc).append("  ");
    lines.push_back(line + one_line(x.sentence));
  }
  return lines;
}

// --------------------------------------------------------------------------------- JSON

// The shared JSON of query results (graph/json_out.h), indented; the CLI writes no edge ids.
class Json : public graph::JsonOut<rapidjson::PrettyWriter<rapidjson::StringBuffer>> {
 public:
  Json() { w().SetIndent(' ', 2); }
  std::string text() const { return std::string(view()) + "\n"; }
};

// ------------------------------------------------------------------------- neighbors

constexpr const char* kNeighborsHelp =
    "usage: silkgraph neighbors GRAPH NAME [options]\n"
    "\n"
    "Lists the entities linked to NAME (canonical name or any alias, any case, accents or not)\n"
    "in a graph file made by 'silkgraph build': one row per edge, with its relation, direction,\n"
    "weight (sentences stating it), first and last date and one evidence sentence.\n"
    "\n"
    "options:\n"
    "  --depth N            the ego network: entities up to N hops away (default 1); each row is\n"
    "                       an edge from one hop nearer, named in the 'via' column\n"
    "  --direction D        out (edges from NAME), in (edges into it) or both (default);\n"
    "                       symmetric relations (MEETS, BORDERS, ...) count as both\n"
    "  --relation LIST      only these relations, comma-separated (MEETS,VISITS)\n"
    "  --type LIST          only neighbours of these types (person,country,region,city,org)\n"
    "  --since YYYY-MM-DD   only edges with evidence dated on or after the date; the sentences\n"
    "                       shown are from the range, weight and dates stay the edge's\n"
    "  --until YYYY-MM-DD   only edges with evidence dated on or before the date (likewise)\n"
    "  --min-weight N       only edges stated by at least N sentences\n"
    "  --limit N            at most N neighbours, nearest and strongest first (default: all)\n"
    "  --evidence           every evidence sentence, whole, with its date and document\n"
    "  --json               JSON instead of a table\n"
    "  -h, --help           this text\n"
    "\n"
    "exit status: 0 done, 1 failed (unreadable graph, unknown name), 2 bad usage\n"
    "\n"
    "example: silkgraph neighbors graph.json Tokayev --relation MEETS,VISITS --since 2024-01-01\n";

struct NeighborsOptions {
  Common common;
  EdgeFlags edges;
  graph::NeighbourOptions query;
  bool evidence = false;
};

NeighborsOptions parse_neighbors(int argc, char** argv) {
  NeighborsOptions o;
  Args a(argc, argv, 2);
  while (!a.done()) {
    if (parse_edge_flag(a, o.edges, true)) continue;
    if (a.flag("--depth")) {
      o.query.depth = parse_count("--depth", a.value("--depth"), 1);
    } else if (a.flag("--direction")) {
      const std::string d = a.value("--direction");
      if (d == "out")
        o.query.direction = Direction::Out;
      else if (d == "in")
        o.query.direction = Direction::In;
      else if (d == "both")
        o.query.direction = Direction::Both;
      else
        throw UsageError{"--direction: expected out, in or both, got \"" + d + "\""};
    } else if (a.flag("--type")) {
      for (const ingest::EntityType t : parse_types(a.value("--type"))) o.query.types.push_back(t);
    } else if (a.flag("--limit")) {
      o.query.limit = parse_count("--limit", a.value("--limit"), 0);
    } else if (a.flag("--evidence")) {
      o.evidence = true;
    } else {
      parse_common(a, o.common);
    }
  }
  if (o.common.help) return o;
  check_positional(o.common, {"GRAPH", "NAME"});
  check_edge_flags(o.edges);
  return o;
}

std::string neighbors_json(const KnowledgeGraph& graph, const graph::Neighbourhood& n,
                           const NeighborsOptions& opt) {
  Json j;
  j.neighbourhood(graph, n, opt.query.depth, opt.query.direction, opt.evidence, false);
  return j.text();
}

std::string neighbors_text(const KnowledgeGraph& graph, const graph::Neighbourhood& n,
                           const NeighborsOptions& opt) {
  std::ostringstream out;
  const bool deep = opt.query.depth > 1;
  out << node_label(graph, n.focus) << ": ";
  if (n.rows.empty()) {
    out << "no neighbours" << (deep ? " within " + plural(opt.query.depth, "hop", "hops") : "")
        << '\n';
    return out.str();
  }
  out << plural(n.neighbours_total, "neighbour", "neighbours")
      << (deep ? " within " + plural(opt.query.depth, "hop", "hops") : "");
  if (n.neighbours < n.neighbours_total) out << "; showing " << n.neighbours;
  out << " (" << plural(n.rows.size(), "edge", "edges") << ")\n";

  std::vector<std::string> header = {"neighbour", "type",  "relation", "dir",
                                     "weight",    "first", "last"};
  std::vector<bool> right = {false, false, false, false, true, false, false};
  if (deep) {
    header.insert(header.begin(), "hops");
    right.insert(right.begin(), true);
    header.insert(header.begin() + 3, "via");
    right.insert(right.begin() + 3, false);
  }
  header.push_back(opt.evidence ? "sentences" : "evidence");
  right.push_back(opt.evidence);
  Table table(header, right);
  NodeId previous = graph::Adjacency::null_vertex();
  for (const graph::NeighbourRow& r : n.rows) {
    const graph::EdgeData& d = graph.edge(r.link.edge);
    const bool first_row = r.node != previous;
    previous = r.node;
    // A neighbour's name and type are on its first row only, so its edges read as a group.
    std::vector<std::string> row = {first_row ? graph.node(r.node).name : "",
                                    first_row ? type_name(graph.node(r.node).type) : "",
                                    d.relation,
                                    std::string(graph::direction_name(r.link.direction)),
                                    std::to_string(d.weight),
                                    or_dash(d.first_seen),
                                    or_dash(d.last_seen)};
    if (deep) {
      row.insert(row.begin(), first_row ? std::to_string(r.hops) : "");
      row.insert(row.begin() + 3, graph.node(r.via).name);
    }
    if (opt.evidence) {
      row.push_back(std::to_string(r.link.evidence.size()));
      table.add(row, evidence_lines(graph, r.link, 4));
    } else {
      row.push_back(fit(first_evidence(graph, r.link).sentence, kSentenceWidth));
      table.add(row);
    }
  }
  table.print(out);
  return out.str();
}

// ------------------------------------------------------------------------------ path

constexpr const char* kPathHelp =
    "usage: silkgraph path GRAPH FROM TO [options]\n"
    "\n"
    "Finds the shortest connection between two entities (canonical names or aliases), following\n"
    "edges in either direction, and shows every hop with its relation and an evidence sentence.\n"
    "Of several shortest paths it shows the one whose hops are stated by the most sentences;\n"
    "when two entities are linked by several relations, each is listed on the hop.\n"
    "\n"
    "options:\n"
    "  --max-depth N        give up beyond N hops (default: no limit)\n"
    "  --relation LIST      only follow these relations, comma-separated (MEETS,VISITS)\n"
    "  --all                every shortest path, not only the strongest\n"
    "  --limit N            with --all: at most N paths (default 20; 0: all)\n"
    "  --evidence           every evidence sentence of every hop, whole, with date and document\n"
    "  --json               JSON instead of a table\n"
    "  -h, --help           this text\n"
    "\n"
    "exit status: 0 done (also when there is no path), 1 failed (unreadable graph, unknown\n"
    "name), 2 bad usage\n"
    "\n"
    "example: silkgraph path graph.json Tokayev Putin --all\n";

struct PathCliOptions {
  Common common;
  EdgeFlags edges;
  graph::PathOptions query;
  bool limit_given = false;
  bool evidence = false;
};

PathCliOptions parse_path(int argc, char** argv) {
  PathCliOptions o;
  o.query.limit = 20;
  Args a(argc, argv, 2);
  while (!a.done()) {
    if (parse_edge_flag(a, o.edges, false)) continue;
    if (a.flag("--max-depth")) {
      o.query.max_depth = parse_count("--max-depth", a.value("--max-depth"), 1);
    } else if (a.flag("--all")) {
      o.query.all = true;
    } else if (a.flag("--limit")) {
      o.query.limit = parse_count("--limit", a.value("--limit"), 0);
      o.limit_given = true;
    } else if (a.flag("--evidence")) {
      o.evidence = true;
    } else {
      parse_common(a, o.common);
    }
  }
  if (o.common.help) return o;
  check_positional(o.common, {"GRAPH", "FROM", "TO"});
  if (o.limit_given && !o.query.all) throw UsageError{"--limit needs --all"};
  return o;
}

std::string path_json(const KnowledgeGraph& graph, NodeId from, NodeId to,
                      const graph::PathResult& r, const PathCliOptions& opt) {
  Json j;
  j.paths(graph, from, to, r, opt.evidence, false);
  return j.text();
}

std::string path_text(const KnowledgeGraph& graph, NodeId from, NodeId to,
                      const graph::PathResult& r, const PathCliOptions& opt) {
  std::ostringstream out;
  const std::string ends = graph.node(from).name + " -> " + graph.node(to).name;
  if (r.paths.empty()) {
    out << ends << ": no path"
        << (opt.query.max_depth > 0 ? " within " + plural(opt.query.max_depth, "hop", "hops") : "")
        << (opt.edges.relations.empty() ? "" : " over the relations given") << '\n';
    return out.str();
  }
  if (r.length == 0) {
    out << ends << ": the same entity\n";
    return out.str();
  }
  out << ends << ": " << plural(r.length, "hop", "hops") << ", "
      << (r.count == std::numeric_limits<std::uint64_t>::max()
              ? std::string("very many shortest paths")
              : plural(r.count, "shortest path", "shortest paths"));
  if (r.paths.size() < r.count) out << " (showing " << r.paths.size() << ")";
  out << '\n';
  for (std::size_t i = 0; i < r.paths.size(); ++i) {
    const graph::Path& p = r.paths[i];
    std::string chain = graph.node(from).name;
    for (const graph::PathHop& h : p.hops)
      chain += " " + arrow(graph, h.links.front()) + " " + graph.node(h.to).name;
    out << '\n' << "path " << (i + 1) << ": " << chain << '\n';
    Table table({"hop", "from", "relation", "dir", "to", "weight", "date",
                 opt.evidence ? "sentences" : "evidence"},
                {true, false, false, false, false, true, false, opt.evidence});
    for (std::size_t k = 0; k < p.hops.size(); ++k) {
      const graph::PathHop& h = p.hops[k];
      for (std::size_t l = 0; l < h.links.size(); ++l) {
        const Link& link = h.links[l];
        const graph::EdgeData& d = graph.edge(link.edge);
        const graph::Evidence& x = first_evidence(graph, link);
        // Further relations between the same two entities go on rows of their own under the hop.
        std::vector<std::string> row = {l == 0 ? std::to_string(k + 1) : "",
                                        l == 0 ? graph.node(h.from).name : "",
                                        d.relation,
                                        std::string(graph::direction_name(link.direction)),
                                        l == 0 ? graph.node(h.to).name : "",
                                        std::to_string(d.weight),
                                        or_dash(x.date)};
        if (opt.evidence) {
          row.push_back(std::to_string(link.evidence.size()));
          table.add(row, evidence_lines(graph, link, 4));
        } else {
          row.push_back(fit(x.sentence, kSentenceWidth));
          table.add(row);
        }
      }
    }
    table.print(out);
  }
  return out.str();
}

// ------------------------------------------------------------------------------ show

constexpr const char* kShowHelp =
    "usage: silkgraph show GRAPH NAME [options]\n"
    "\n"
    "Prints an entity card: canonical name, id, type, the aliases seen (with how many evidence\n"
    "sentences use each), mentions, documents, dates, and its relations grouped by type and\n"
    "direction with counts, weights, dates and the entities on the other end.\n"
    "\n"
    "options:\n"
    "  --json               JSON instead of text\n"
    "  -h, --help           this text\n"
    "\n"
    "exit status: 0 done, 1 failed (unreadable graph, unknown name), 2 bad usage\n"
    "\n"
    "example: silkgraph show graph.json Rahmon\n";

std::string show_json(const KnowledgeGraph& graph, const graph::EntityCard& card) {
  Json j;
  j.card(graph, card, false);
  return j.text();
}

std::string show_text(const KnowledgeGraph& graph, const graph::EntityCard& card) {
  const graph::NodeData& n = graph.node(card.node);
  std::ostringstream out;
  out << n.name << '\n';
  std::string aliases;
  for (const auto& [alias, count] : n.aliases)
    aliases += (aliases.empty() ? "" : ", ") + alias + " (" + std::to_string(count) + ")";
  std::string seen = "undated";
  if (!card.first_seen.empty())
    seen = card.first_seen == card.last_seen ? card.first_seen
                                             : card.first_seen + " to " + card.last_seen;
  Table facts({"", ""});  // label and value; printed without a header
  facts.add({"id", n.id});
  facts.add({"type", type_name(n.type)});
  facts.add({"aliases", aliases.empty() ? "-" : aliases});
  facts.add({"mentions", std::to_string(n.mentions)});
  facts.add({"documents", std::to_string(card.documents)});
  facts.add({"seen", seen});
  facts.add({"edges", std::to_string(card.edges)});
  facts.print(out, 2, false);
  out << '\n';

  Table table({"relation", "dir", "edges", "weight", "first", "last", "with"},
              {false, false, true, true, false, false, false});
  for (const graph::RelationGroup& g : card.relations) {
    std::string with;
    for (const Link& link : g.links) {
      const NodeId other = graph::other_end(graph, card.node, link);
      with += (with.empty() ? "" : ", ") + graph.node(other).name + " (" +
              std::to_string(graph.edge(link.edge).weight) + ")";
    }
    table.add({g.relation, std::string(graph::direction_name(g.direction)),
               std::to_string(g.links.size()), std::to_string(g.weight), or_dash(g.first_seen),
               or_dash(g.last_seen), fit(with, kListWidth)});
  }
  table.print(out);
  return out.str();
}

// ---------------------------------------------------------------------------- search

constexpr const char* kSearchHelp =
    "usage: silkgraph search GRAPH QUERY [options]\n"
    "\n"
    "Finds entities whose canonical name or an alias contains QUERY, ignoring case and accents\n"
    "(\"toka\" finds Kassym-Jomart Tokayev). Whole-name matches come first, then names that start\n"
    "with QUERY, then names with a word that does, then the rest; within each, entities with\n"
    "more mentions first. When nothing matches, the nearest names are suggested.\n"
    "\n"
    "options:\n"
    "  --limit N            at most N entities (default 20; 0: all)\n"
    "  --json               JSON instead of a table\n"
    "  -h, --help           this text\n"
    "\n"
    "exit status: 0 done (also when nothing matches), 1 failed (unreadable graph), 2 bad usage\n"
    "\n"
    "example: silkgraph search graph.json toka\n";

struct SearchOptions {
  Common common;
  std::size_t limit = 20;
};

SearchOptions parse_search(int argc, char** argv) {
  SearchOptions o;
  Args a(argc, argv, 2);
  while (!a.done()) {
    if (a.flag("--limit"))
      o.limit = parse_count("--limit", a.value("--limit"), 0);
    else
      parse_common(a, o.common);
  }
  if (o.common.help) return o;
  check_positional(o.common, {"GRAPH", "QUERY"});
  const std::string& q = o.common.positional[1];
  if (q.find_first_not_of(" \t") == std::string::npos) throw UsageError{"empty query"};
  return o;
}

std::string search_json(const KnowledgeGraph& graph, const std::string& query,
                        const graph::SearchResult& r, const std::vector<std::string>& suggestions) {
  Json j;
  j.search(graph, query, r, suggestions);
  return j.text();
}

std::string search_text(const KnowledgeGraph& graph, const std::string& query,
                        const graph::SearchResult& r, const std::vector<std::string>& suggestions) {
  std::ostringstream out;
  if (r.hits.empty()) {
    out << "no entity name or alias contains \"" << query << "\"";
    if (!suggestions.empty()) {
      out << "; did you mean: ";
      for (std::size_t i = 0; i < suggestions.size(); ++i)
        out << (i > 0 ? ", " : "") << suggestions[i];
    }
    out << '\n';
    return out.str();
  }
  out << plural(r.total, "match", "matches") << " for \"" << query << "\"";
  if (r.hits.size() < r.total) out << " (showing " << r.hits.size() << ")";
  out << '\n';
  Table table({"name", "type", "mentions", "match", "matched"}, {false, false, true, false, false});
  for (const graph::SearchHit& h : r.hits) {
    const graph::NodeData& n = graph.node(h.node);
    table.add({n.name, type_name(n.type), std::to_string(n.mentions),
               std::string(graph::match_kind_name(h.kind)),
               h.alias ? h.matched + " (alias)" : h.matched});
  }
  table.print(out);
  return out.str();
}

// ----------------------------------------------------------------------------- stats

constexpr const char* kStatsHelp =
    "usage: silkgraph stats GRAPH [options]\n"
    "\n"
    "Summarizes a graph file: nodes, edges, documents and evidence; the evidence date range;\n"
    "nodes by entity type and edges by relation; the most connected entities by degree (edges\n"
    "in or out) and by PageRank (a symmetric edge links both ways; values sum to 1); and the\n"
    "connected components, ignoring edge direction.\n"
    "\n"
    "options:\n"
    "  --top N              how many entities to rank (default 10)\n"
    "  --json               JSON instead of tables\n"
    "  -h, --help           this text\n"
    "\n"
    "exit status: 0 done, 1 failed (unreadable graph), 2 bad usage\n"
    "\n"
    "example: silkgraph stats graph.json --top 5\n";

struct StatsOptions {
  Common common;
  std::size_t top = 10;
};

StatsOptions parse_stats(int argc, char** argv) {
  StatsOptions o;
  Args a(argc, argv, 2);
  while (!a.done()) {
    if (a.flag("--top"))
      o.top = parse_count("--top", a.value("--top"), 0);
    else
      parse_common(a, o.common);
  }
  if (o.common.help) return o;
  check_positional(o.common, {"GRAPH"});
  return o;
}

std::string format_rank(double r) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4f", r);
  return text;
}

std::string stats_json(const KnowledgeGraph& graph, const graph::GraphStats& s) {
  Json j;
  j.stats(graph, s, s.top_degree.size());  // the rankings are --top long already
  return j.text();
}

std::string stats_text(const KnowledgeGraph& graph, const std::string& file,
                       const graph::GraphStats& s) {
  std::ostringstream out;
  out << file << '\n';
  std::string dates = "none";
  if (!s.first_date.empty()) dates = s.first_date + " to " + s.last_date;
  if (s.undated > 0) dates += " (" + std::to_string(s.undated) + " evidence undated)";
  std::string components = std::to_string(s.component_sizes.size());
  if (!s.component_sizes.empty()) {
    components += " (sizes ";
    const std::size_t shown = std::min<std::size_t>(s.component_sizes.size(), 10);
    for (std::size_t i = 0; i < shown; ++i)
      components += (i > 0 ? ", " : "") + std::to_string(s.component_sizes[i]);
    if (shown < s.component_sizes.size()) components += ", ...";
    components += ")";
  }
  Table facts({"", ""});
  facts.add({"nodes", std::to_string(s.nodes)});
  facts.add({"edges", std::to_string(s.edges)});
  facts.add({"documents", std::to_string(s.documents)});
  facts.add({"evidence", std::to_string(s.evidence)});
  facts.add({"dates", dates});
  facts.add({"components", components});
  facts.print(out, 2, false);
  out << '\n';

  Table types({"type", "nodes"}, {false, true});
  for (const graph::TypeCount& t : s.types) types.add({type_name(t.type), std::to_string(t.nodes)});
  types.print(out);
  out << '\n';

  Table relations({"relation", "kind", "edges", "weight"}, {false, false, true, true});
  for (const graph::RelationCount& r : s.relations)
    relations.add({r.relation, r.symmetric ? "symmetric" : "directed", std::to_string(r.edges),
                   std::to_string(r.weight)});
  relations.print(out);

  auto ranked = [&](const char* title, const std::vector<graph::RankedNode>& nodes) {
    if (nodes.empty()) return;
    out << '\n' << title << '\n';
    Table table({"rank", "entity", "type", "degree", "pagerank"}, {true, false, false, true, true});
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const graph::NodeData& n = graph.node(nodes[i].node);
      table.add({std::to_string(i + 1), n.name, type_name(n.type), std::to_string(nodes[i].degree),
                 format_rank(nodes[i].pagerank)});
    }
    table.print(out);
  };
  ranked("top by degree", s.top_degree);
  ranked("top by PageRank", s.top_pagerank);
  return out.str();
}

}  // namespace

int cmd_neighbors(int argc, char** argv) {
  NeighborsOptions opt = parse_neighbors(argc, argv);
  if (opt.common.help) {
    std::cout << kNeighborsHelp;
    return kOk;
  }
  const std::string& file = opt.common.positional[0];
  const KnowledgeGraph& graph = load_graph_until_exit(file);
  const NodeId focus = graph::resolve_entity(graph, opt.common.positional[1], {file});
  opt.query.edges = opt.edges.filter;
  opt.query.edges.relations = match_relations(graph, opt.edges.relations, "neighbors", file);
  const graph::Neighbourhood n = graph::neighbours(graph, focus, opt.query);
  write_out(opt.common.json ? neighbors_json(graph, n, opt) : neighbors_text(graph, n, opt));
  return kOk;
}

int cmd_path(int argc, char** argv) {
  PathCliOptions opt = parse_path(argc, argv);
  if (opt.common.help) {
    std::cout << kPathHelp;
    return kOk;
  }
  const std::string& file = opt.common.positional[0];
  const KnowledgeGraph& graph = load_graph_until_exit(file);
  const NodeId from = graph::resolve_entity(graph, opt.common.positional[1], {file});
  const NodeId to = graph::resolve_entity(graph, opt.common.positional[2], {file});
  opt.query.edges = opt.edges.filter;
  opt.query.edges.relations = match_relations(graph, opt.edges.relations, "path", file);
  const graph::PathResult r = graph::shortest_paths(graph, from, to, opt.query);
  write_out(opt.common.json ? path_json(graph, from, to, r, opt)
                            : path_text(graph, from, to, r, opt));
  return kOk;
}

int cmd_show(int argc, char** argv) {
  Common opt;
  Args a(argc, argv, 2);
  while (!a.done()) parse_common(a, opt);
  if (opt.help) {
    std::cout << kShowHelp;
    return kOk;
  }
  check_positional(opt, {"GRAPH", "NAME"});
  const std::string& file = opt.positional[0];
  const KnowledgeGraph& graph = load_graph_until_exit(file);
  const NodeId node = graph::resolve_entity(graph, opt.positional[1], {file});
  const graph::EntityCard card = graph::entity_card(graph, node);
  write_out(opt.json ? show_json(graph, card) : show_text(graph, card));
  return kOk;
}

int cmd_search(int argc, char** argv) {
  const SearchOptions opt = parse_search(argc, argv);
  if (opt.common.help) {
    std::cout << kSearchHelp;
    return kOk;
  }
  const std::string& file = opt.common.positional[0];
  const std::string& query = opt.common.positional[1];
  const KnowledgeGraph& graph = load_graph_until_exit(file);
  const graph::SearchResult r = graph::search(graph, query, opt.limit);
  const std::vector<std::string> suggestions =
      r.hits.empty() ? graph::closest_names(graph, query, 3) : std::vector<std::string>{};
  write_out(opt.common.json ? search_json(graph, query, r, suggestions)
                            : search_text(graph, query, r, suggestions));
  return kOk;
}

int cmd_stats(int argc, char** argv) {
  const StatsOptions opt = parse_stats(argc, argv);
  if (opt.common.help) {
    std::cout << kStatsHelp;
    return kOk;
  }
  const std::string& file = opt.common.positional[0];
  const KnowledgeGraph& graph = load_graph_until_exit(file);
  const graph::GraphStats s = graph::stats(graph, opt.top);
  write_out(opt.common.json ? stats_json(graph, s) : stats_text(graph, file, s));
  return kOk;
}

}  // namespace silkgraph::cli
