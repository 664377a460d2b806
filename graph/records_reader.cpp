#include "graph/records_reader.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "common/utf8.h"

namespace silkgraph::graph {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// "\"text\"", cut to 40 bytes (at a character boundary) so a message stays one readable line.
std::string quote(std::string_view s) {
  if (s.size() <= 40) return "\"" + std::string(s) + "\"";
  std::size_t cut = 40;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return "\"" + std::string(s.substr(0, cut)) + "...\"";
}

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (const std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

using Value = rapidjson::Value;

// Reads the named string member into `out`; returns the problem or "".
std::string get_string(const Value& record, const char* key, bool required, std::string& out) {
  const auto it = record.FindMember(key);
  if (it == record.MemberEnd() || (!required && it->value.IsNull())) {
    return required ? std::string("record has no \"") + key + "\" string" : "";
  }
  if (!it->value.IsString()) return std::string("\"") + key + "\" is not a string";
  out.assign(it->value.GetString(), it->value.GetStringLength());
  // Validation passed the raw bytes, but a "\udc00" escape still decodes to a lone surrogate.
  if (!utf8::is_valid_utf8(out)) return std::string("invalid UTF-8 in \"") + key + "\"";
  return "";
}

std::string get_type(const Value& record, const char* key, ingest::EntityType& out) {
  std::string name;
  if (std::string problem = get_string(record, key, true, name); !problem.empty()) return problem;
  const auto type = ingest::parse_entity_type(name);
  if (!type) {
    return std::string("unknown \"") + key + "\" " + quote(name) +
           " (expected PERSON, COUNTRY, REGION, CITY or ORG)";
  }
  out = *type;
  return "";
}

}  // namespace

std::optional<RecordProblem> parse_record_line(std::string_view line, ingest::Record& out) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseDefaultFlags | rapidjson::kParseValidateEncodingFlag |
            rapidjson::kParseIterativeFlag>(line.data(),
                                                                                   line.size());
  if (doc.HasParseError()) {
    std::string reason = rapidjson::GetParseError_En(doc.GetParseError());
    if (!reason.empty() && reason.back() == '.') reason.pop_back();
    return RecordProblem{doc.GetErrorOffset() + 1, "malformed JSON (" + reason + ")"};
  }
  if (!doc.IsObject()) return RecordProblem{0, "record is not a JSON object"};

  out = ingest::Record{};
  std::string problem;
  auto check = [&](std::string p) {
    if (problem.empty()) problem = std::move(p);
  };
  for (const auto& [key, field] :
       {std::pair{"doc", &out.doc}, std::pair{"subject", &out.subject},
        std::pair{"relation", &out.relation}, std::pair{"object", &out.object}}) {
    check(get_string(doc, key, true, *field));
    if (problem.empty() && field->empty())
      check(std::string("record has an empty \"") + key + "\"");
  }
  check(get_type(doc, "subject_type", out.subject_type));
  check(get_type(doc, "object_type", out.object_type));
  check(get_string(doc, "sentence", true, out.sentence));
  if (problem.empty()) {
    const auto it = doc.FindMember("offset");
    if (it == doc.MemberEnd() || !it->value.IsArray() || it->value.Size() != 2 ||
        !it->value[0].IsUint() || !it->value[1].IsUint() ||
        it->value[0].GetUint() > it->value[1].GetUint()) {
      problem = "\"offset\" must be [begin, end] with 0 <= begin <= end";
    } else {
      out.begin = it->value[0].GetUint();
      out.end = it->value[1].GetUint();
    }
  }
  check(get_string(doc, "rule", true, out.rule));
  if (problem.empty()) {
    const auto it = doc.FindMember("negated");
    if (it == doc.MemberEnd() || !it->value.IsBool()) {
      problem = "record has no \"negated\" boolean";
    } else {
      out.negated = it->value.GetBool();
    }
  }
  check(get_string(doc, "modality", true, out.modality));
  if (problem.empty() && out.modality.empty()) problem = "record has an empty \"modality\"";
  std::string date;
  check(get_string(doc, "date", false, date));
  if (problem.empty() && doc.HasMember("date") && !doc["date"].IsNull()) {
    if (!is_iso_date(date)) {
      problem = "\"date\" is " + quote(date) + ", expected YYYY-MM-DD or null";
    } else {
      out.date = date;
    }
  }
  check(get_string(doc, "subject_text", false, out.subject_text));
  check(get_string(doc, "object_text", false, out.object_text));
  if (!problem.empty()) return RecordProblem{0, problem};
  return std::nullopt;
}

RecordReader::RecordReader(std::vector<std::string> paths, Diagnostics& diagnostics)
    : paths_(std::move(paths)), diagnostics_(diagnostics) {
  for (const std::string& path : paths_) {
    std::error_code ec;
    if (path != "-" && std::filesystem::is_regular_file(path, ec))
      bytes_total_ += std::filesystem::file_size(path, ec);
  }
}

bool RecordReader::open_next() {
  while (next_path_ < paths_.size()) {
    path_ = paths_[next_path_++];
    line_1based_ = 0;
    if (path_ == "-") {
      in_ = &std::cin;
      return true;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path_, ec)) {
      diagnostics_.skip({path_},
                        std::string("cannot open (") + std::strerror(EISDIR) + "); skipped");
      continue;
    }
    file_.close();
    file_.clear();
    file_.open(path_, std::ios::binary);
    if (!file_) {
      diagnostics_.skip({path_},
                        std::string("cannot open (") + std::strerror(errno) + "); skipped");
      continue;
    }
    in_ = &file_;
    return true;
  }
  return false;
}

bool RecordReader::next(ingest::Record& out) {
  while (in_ || open_next()) {
    while (std::getline(*in_, line_)) {
      ++line_1based_;
      bytes_read_ += line_.size() + (in_->eof() ? 0 : 1);
      std::string_view json = line_;
      std::size_t prefix = 0;
      // A BOM may start any line: JSON Lines files are often concatenated.
      if (json.substr(0, kBom.size()) == kBom) prefix = kBom.size();
      json.remove_prefix(prefix);
      if (json.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      if (const auto problem = parse_record_line(json, out)) {
        const std::size_t column = problem->column ? problem->column + prefix : 0;
        diagnostics_.skip({path_, line_1based_, column}, problem->what + "; record skipped");
        continue;
      }
      return true;
    }
    if (in_->bad()) {
      diagnostics_.skip(
          {path_, line_1based_ + 1},
          std::string("cannot read (") + std::strerror(errno) + "); rest of file skipped");
    }
    in_ = nullptr;
  }
  return false;
}

}  // namespace silkgraph::graph
