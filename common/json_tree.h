// common/json_tree.h
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"

namespace silkgraph {

/// A parsed JSON value that remembers where it stood in its file, so that rule-file errors can
/// name the line and column of the offending value (RapidJSON's DOM keeps no positions).
struct JsonNode {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<JsonNode> items;                            // Array
  std::vector<std::pair<std::string, JsonNode>> members;  // Object, in file order
  std::size_t line = 0;                                   // 1-based
  std::size_t column = 0;

  /// The member named `key`, or nullptr.
  const JsonNode* find(std::string_view key) const;
  /// "string", "array", ... for messages.
  const char* kind_name() const;
};

/// Parses `text` (named `file` in messages); throws InputError "file:line:col: <what>".
JsonNode parse_json_tree(std::string_view text, const std::string& file);

}  // namespace silkgraph
