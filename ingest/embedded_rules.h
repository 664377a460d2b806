// ingest/embedded_rules.h
#pragma once

#include <vector>

#include "common/embedded_file.h"

namespace silkgraph::ingest {

using silkgraph::EmbeddedFile;

/// The built-in rule files, named by their path under ingest/rules/, sorted by name
/// (generated at build time).
const std::vector<EmbeddedFile>& embedded_rule_files();

}  // namespace silkgraph::ingest
