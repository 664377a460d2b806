#include "cli/graph_options.h"

#include <algorithm>
#include <iostream>
#include <optional>
#include <set>

#include <boost/range/iterator_range.hpp>

#include "cli/common.h"

namespace silkgraph::cli {

std::vector<std::string> split_list(const std::string& flag, const std::string& value) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t stop = value.find(',', start);
    if (stop == std::string::npos) stop = value.size();
    std::string item = value.substr(start, stop - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (item.empty()) throw UsageError{flag + ": empty name in \"" + value + "\""};
    items.push_back(item);
    start = stop + 1;
  }
  return items;
}

std::uint64_t parse_count(const std::string& flag, const std::string& value, std::uint64_t min) {
  const bool digits =
      !value.empty() && value.size() <= 9 &&
      std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  const std::uint64_t n = digits ? std::stoull(value) : 0;
  if (!digits || n < min)
    throw UsageError{flag + ": expected a whole number " + std::to_string(min) +
                     "-999999999, got \"" + value + "\""};
  return n;
}

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::vector<ingest::EntityType> parse_types(const std::string& value) {
  std::vector<ingest::EntityType> out;
  for (const std::string& t : split_list("--type", value)) {
    const std::optional<ingest::EntityType> type = ingest::parse_entity_type(upper(t));
    if (!type)
      throw UsageError{"--type: unknown entity type \"" + t +
                       "\"; types: person, country, region, city, org"};
    out.push_back(*type);
  }
  return out;
}

std::vector<std::string> match_relations(const graph::KnowledgeGraph& graph,
                                         const std::vector<std::string>& wanted,
                                         const std::string& command, const std::string& file) {
  if (wanted.empty()) return {};
  std::set<std::string> present;
  for (const graph::EdgeId e : boost::make_iterator_range(boost::edges(graph.adjacency())))
    present.insert(graph.edge(e).relation);
  std::vector<std::string> out;
  for (const std::string& name : wanted) {
    if (present.count(name)) {
      out.push_back(name);
      continue;
    }
    const auto same = std::find_if(present.begin(), present.end(),
                                   [&](const std::string& p) { return upper(p) == upper(name); });
    if (same != present.end()) {
      out.push_back(*same);
      continue;
    }
    std::string note =
        "silkgraph " + command + ": warning: " + file + " has no \"" + name + "\" edges";
    if (!present.empty()) {
      note += "; relations in it: ";
      std::size_t i = 0;
      for (const std::string& p : present) note += (i++ > 0 ? ", " : "") + p;
    }
    std::cerr << note << '\n';
    out.push_back(name);
  }
  return out;
}

}  // namespace silkgraph::cli
