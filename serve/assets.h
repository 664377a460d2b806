// serve/assets.h
#pragma once

#include <string_view>
#include <vector>

#include "common/embedded_file.h"

namespace silkgraph::serve {

/// The viewer's files (web/ and the graph library from npm), sorted by name; generated at
/// build time by web/assets.cmake, so the binary reads no files to serve them.
const std::vector<EmbeddedFile>& embedded_assets();

/// The asset called `name` ("app.js"), or nullptr: names are looked up, never used as paths.
const EmbeddedFile* find_asset(std::string_view name);

/// The Content-Type header for an asset name, by its extension.
std::string_view content_type_of(std::string_view name);

}  // namespace silkgraph::serve
