// cli/graph_options.h
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"

namespace silkgraph::cli {

/// "MEETS, VISITS" -> {"MEETS", "VISITS"}; an empty item is a UsageError naming `flag`.
std::vector<std::string> split_list(const std::string& flag, const std::string& value);

/// A whole number from `min` to 999999999, or a UsageError naming `flag`.
std::uint64_t parse_count(const std::string& flag, const std::string& value,
                          std::uint64_t min = 0);

/// ASCII upper case.
std::string upper(std::string s);

/// "--type person,country" as entity types, or a UsageError.
std::vector<ingest::EntityType> parse_types(const std::string& value);

/// Relations as the graph spells them: an exact match, else one equal ignoring case. A name
/// the graph does not have is reported on stderr ("silkgraph COMMAND: warning: ...", it may be
/// a typo) and kept, matching nothing.
std::vector<std::string> match_relations(const graph::KnowledgeGraph& graph,
                                         const std::vector<std::string>& wanted,
                                         const std::string& command, const std::string& file);

}  // namespace silkgraph::cli
