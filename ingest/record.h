// ingest/record.h
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ingest/rule_set.h"

namespace silkgraph::ingest {

/// One relation as spec/relations.md writes it: the JSON Lines record contract.
struct Record {
  std::string doc;
  std::optional<std::string> date;
  std::string subject;
  EntityType subject_type = EntityType::Org;
  std::string relation;
  std::string object;
  EntityType object_type = EntityType::Org;
  std::string sentence;
  std::uint32_t begin = 0, end = 0;  // byte offsets of the sentence in the document
  std::string rule;
  bool negated = false;
  std::string modality = "asserted";
  std::string subject_text, object_text;  // the words that named them in the sentence
};

/// Appends `r` as one JSON object and a newline. Field order is fixed, so output is stable.
void append_json_line(const Record& r, std::string& out);

/// "Xi Jinping -MEETS-> Kassym-Jomart Tokayev", for tests, examples and explain.
std::string render(const Record& r);

}  // namespace silkgraph::ingest
