#include "export/common.h"

#include <algorithm>
#include <cstdio>

namespace silkgraph::exporters {

std::string_view type_label(ingest::EntityType type) {
  switch (type) {
    case ingest::EntityType::Person: return "Person";
    case ingest::EntityType::Country: return "Country";
    case ingest::EntityType::Region: return "Region";
    case ingest::EntityType::City: return "City";
    case ingest::EntityType::Org: return "Org";
  }
  return "Entity";
}

Rgb type_color(ingest::EntityType type) {
  switch (type) {
    case ingest::EntityType::Person: return {228, 26, 28};    // red
    case ingest::EntityType::Country: return {55, 126, 184};  // blue
    case ingest::EntityType::Region: return {77, 175, 74};    // green
    case ingest::EntityType::City: return {255, 127, 0};      // orange
    case ingest::EntityType::Org: return {152, 78, 163};      // purple
  }
  return {153, 153, 153};
}

std::string hex_color(Rgb color) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", color.r & 0xFF, color.g & 0xFF, color.b & 0xFF);
  return buf;
}

std::vector<std::string_view> aliases(const graph::NodeData& node) {
  std::vector<std::string_view> out;
  out.reserve(node.aliases.size());
  for (const auto& alias : node.aliases) out.push_back(alias.first);
  return out;
}

namespace {
std::vector<std::string_view> sorted_distinct(std::vector<std::string_view> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  return items;
}
}  // namespace

std::vector<std::string_view> documents(const graph::EdgeData& edge) {
  std::vector<std::string_view> out;
  out.reserve(edge.evidence.size());
  for (const graph::Evidence& e : edge.evidence) out.push_back(e.doc);
  return sorted_distinct(std::move(out));
}

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return !(month == 2 && day == 29 && !leap);
}

std::vector<std::string_view> dates(const graph::EdgeData& edge) {
  std::vector<std::string_view> out;
  out.reserve(edge.evidence.size());
  for (const graph::Evidence& e : edge.evidence)
    if (is_iso_date(e.date)) out.push_back(e.date);
  return sorted_distinct(std::move(out));
}

std::string_view first_sentence(const graph::EdgeData& edge) {
  return edge.evidence.empty() ? std::string_view() : std::string_view(edge.evidence.front().sentence);
}

bool all_symmetric(const graph::KnowledgeGraph& graph, const graph::Selection& selection) {
  return !selection.edges.empty() &&
         std::all_of(selection.edges.begin(), selection.edges.end(),
                     [&](graph::EdgeId e) { return graph.edge(e).symmetric; });
}

std::string join(const std::vector<std::string_view>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

}  // namespace silkgraph::exporters
