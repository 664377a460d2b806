#include "serve/assets.h"

#include <algorithm>

namespace silkgraph::serve {

const EmbeddedFile* find_asset(std::string_view name) {
  const std::vector<EmbeddedFile>& all = embedded_assets();
  const auto it = std::lower_bound(
      all.begin(), all.end(), name,
      [](const EmbeddedFile& f, std::string_view n) { return std::string_view(f.name) < n; });
  return it != all.end() && std::string_view(it->name) == name ? &*it : nullptr;
}

std::string_view content_type_of(std::string_view name) {
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
  };
  if (ends_with(".html")) return "text/html; charset=utf-8";
  if (ends_with(".js")) return "text/javascript; charset=utf-8";
  if (ends_with(".css")) return "text/css; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace silkgraph::serve
