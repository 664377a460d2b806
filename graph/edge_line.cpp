#include "graph/edge_line.h"

#include <rapidjson/reader.h>

#include <cstdint>
#include <cstring>
#include <iterator>

#include "common/utf8.h"

namespace silkgraph::graph {

bool terminate_line(char* line, std::size_t size) {
  const std::string_view text(line, size);
  if (text.find('\0') != std::string_view::npos || !utf8::is_valid_utf8(text)) return false;
  line[size] = '\0';
  return true;
}

namespace {

// Reads an edge line of the written layout straight into EdgeFields, in place (strings are
// decoded where they stand, as LineParser does), with no DOM: every key must come in the order
// write_edge() writes it, with a value of its type. Anything else stops it, and the file goes
// to the whole-document parse, which accepts any order and names what is wrong.
class EdgeLine : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, EdgeLine> {
 public:
  static bool read(char* line, std::size_t size, EdgeFields& fields) {
    if (!terminate_line(line, size)) return false;
    // With the line's bytes checked, only a \u escape can decode to bytes that are not UTF-8
    // (half a surrogate pair), so strings are checked again only in lines that have one.
    EdgeLine handler(fields, std::string_view(line, size).find("\\u") != std::string_view::npos);
    rapidjson::InsituStringStream stream(line);
    rapidjson::Reader reader;
    reader.Parse<rapidjson::kParseInsituFlag | rapidjson::kParseIterativeFlag>(stream, handler);
    return !reader.HasParseError() && handler.at_ == At::Done;
  }

  bool Default() { return false; }
  bool StartObject() {
    if (at_ == At::Start) return go(At::Edge);
    if (at_ == At::Evidence && key_ == kEdgeKeyCount) {
      f_.evidence.emplace_back();
      return go(At::OneEvidence);
    }
    return false;
  }
  bool EndObject(rapidjson::SizeType) {
    if (at_ == At::OneEvidence && key_ == kEvidenceKeyCount) {
      at_ = At::Evidence;
      key_ = kEdgeKeyCount;
      return true;
    }
    if (at_ == At::Edge && key_ == kEdgeKeyCount && evidence_done_) return go(At::Done);
    return false;
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    const std::string_view key(s, n);
    if (at_ == At::Edge && key_ < kEdgeKeyCount && key == kEdgeKeys[key_]) return next();
    if (at_ == At::OneEvidence && key_ < kEvidenceKeyCount && key == kEvidenceKeys[key_])
      return next();
    return false;
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    const std::string_view value(s, n);
    if (escapes_ && !utf8::is_valid_utf8(value)) return false;
    std::string_view* field = nullptr;
    if (at_ == At::Edge) {
      std::string_view* fields[] = {&f_.source, &f_.relation, &f_.target, nullptr, nullptr,
                                    &f_.first_seen, &f_.last_seen, nullptr};
      field = fields[key_ - 1];
    } else if (at_ == At::OneEvidence) {
      Evidence& x = f_.evidence.back();
      std::string_view* fields[] = {&x.doc,  &x.date,        &x.sentence,   nullptr,
                                    &x.rule, &x.source_text, &x.target_text};
      field = fields[key_ - 1];
    }
    if (!field || !pending_) return false;
    *field = value;
    pending_ = false;
    return true;
  }
  bool Bool(bool b) {
    if (at_ != At::Edge || key_ != 4 || !pending_) return false;
    f_.symmetric = b;
    pending_ = false;
    return true;
  }
  bool Uint(unsigned u) {
    if (at_ == At::Offset && offsets_ < 2) {
      (offsets_++ == 0 ? f_.evidence.back().begin : f_.evidence.back().end) = u;
      return true;
    }
    return Uint64(u);
  }
  bool Uint64(std::uint64_t u) {
    if (at_ != At::Edge || key_ != 5 || !pending_) return false;
    f_.weight = u;
    pending_ = false;
    return true;
  }
  bool StartArray() {
    if (!pending_) return false;
    pending_ = false;
    if (at_ == At::Edge && key_ == kEdgeKeyCount) return at(At::Evidence);
    if (at_ == At::OneEvidence && key_ == 4) {
      offsets_ = 0;
      return at(At::Offset);
    }
    return false;
  }
  bool EndArray(rapidjson::SizeType) {
    if (at_ == At::Offset && offsets_ == 2) return at(At::OneEvidence);
    if (at_ == At::Evidence) {
      evidence_done_ = true;
      return at(At::Edge);
    }
    return false;
  }

 private:
  static constexpr std::size_t kEdgeKeyCount = std::size(kEdgeKeys),
                               kEvidenceKeyCount = std::size(kEvidenceKeys);
  enum class At { Start, Edge, Evidence, OneEvidence, Offset, Done };

  EdgeLine(EdgeFields& fields, bool escapes) : f_(fields), escapes_(escapes) {}
  // Into a new object: no key read yet.
  bool go(At where) {
    at_ = where;
    key_ = 0;
    pending_ = false;
    return true;
  }
  // Into or out of an array within the current object.
  bool at(At where) {
    at_ = where;
    return true;
  }
  // A key in order: its value comes next.
  bool next() {
    if (pending_) return false;
    ++key_;
    pending_ = true;
    return true;
  }

  EdgeFields& f_;
  const bool escapes_;
  At at_ = At::Start;
  std::size_t key_ = 0;  // keys read in the current object
  bool pending_ = false;  // a key was read, its value not yet
  bool evidence_done_ = false;
  int offsets_ = 0;
};


// True if a JSON parser must read `text`: it has a backslash (an escape) or a byte a JSON
// string cannot hold as it is (below 0x20). Eight bytes at a time.
bool needs_json_parser(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto has_zero_byte = [&](std::uint64_t x) { return ((x - kOnes) & ~x & kHigh) != 0; };
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    // A byte below 0x20 has none of the bits 0x20, 0x40, 0x80 set.
    if (has_zero_byte(word & (kOnes * 0xE0)) || has_zero_byte(word ^ (kOnes * '\\'))) return true;
  }
  for (; i < text.size(); ++i)
    if (static_cast<unsigned char>(text[i]) < 0x20 || text[i] == '\\') return true;
  return false;
}

// Reads an edge line exactly as write_edge() writes it when none of its strings needed an
// escape: the keys in order, no whitespace, plain integers. Each string then ends at the next
// quote and its bytes are its value, so the fields point into the line and nothing is copied
// or written. Anything else (it may still be valid JSON) is left to EdgeLine.
class PlainEdgeLine {
 public:
  // `line` must be UTF-8 that needs no JSON parser (needs_json_parser).
  static bool read(std::string_view line, EdgeFields& f) {
    PlainEdgeLine in(line);
    return in.key('{', kEdgeKeys[0]) && in.string(f.source) && in.key(',', kEdgeKeys[1]) &&
           in.string(f.relation) && in.key(',', kEdgeKeys[2]) && in.string(f.target) &&
           in.key(',', kEdgeKeys[3]) && in.boolean(f.symmetric) && in.key(',', kEdgeKeys[4]) &&
           in.number(f.weight) && in.key(',', kEdgeKeys[5]) && in.string(f.first_seen) &&
           in.key(',', kEdgeKeys[6]) && in.string(f.last_seen) && in.key(',', kEdgeKeys[7]) &&
           in.evidence(f.evidence) && in.literal("}") && in.p_ == in.end_;
  }

 private:
  explicit PlainEdgeLine(std::string_view line)
      : p_(line.data()), end_(line.data() + line.size()) {}

  bool evidence(std::vector<Evidence>& list) {
    if (!literal("[")) return false;
    if (literal("]")) return true;
    do {
      Evidence& x = list.emplace_back();
      std::uint64_t begin = 0, end = 0;
      if (!(key('{', kEvidenceKeys[0]) && string(x.doc) && key(',', kEvidenceKeys[1]) &&
            string(x.date) && key(',', kEvidenceKeys[2]) && string(x.sentence) &&
            key(',', kEvidenceKeys[3]) && literal("[") && number(begin) && literal(",") &&
            number(end) && literal("]") && key(',', kEvidenceKeys[4]) && string(x.rule) &&
            key(',', kEvidenceKeys[5]) && string(x.source_text) && key(',', kEvidenceKeys[6]) &&
            string(x.target_text) && literal("}")))
        return false;
      if (begin > UINT32_MAX || end > UINT32_MAX) return false;
      x.begin = static_cast<std::uint32_t>(begin);
      x.end = static_cast<std::uint32_t>(end);
    } while (literal(","));
    return literal("]");
  }
  bool literal(std::string_view s) {
    if (static_cast<std::size_t>(end_ - p_) < s.size() || std::memcmp(p_, s.data(), s.size()) != 0)
      return false;
    p_ += s.size();
    return true;
  }
  // `before` (the '{' or ',' ahead of it), the key in quotes and ':'.
  bool key(char before, std::string_view name) {
    if (end_ - p_ < 1 || *p_ != before) return false;
    ++p_;
    std::string_view k;
    return string(k) && k == name && literal(":");
  }
  bool string(std::string_view& out) {
    if (!literal("\"")) return false;
    const void* quote = std::memchr(p_, '"', static_cast<std::size_t>(end_ - p_));
    if (!quote) return false;
    const char* close = static_cast<const char*>(quote);
    out = std::string_view(p_, static_cast<std::size_t>(close - p_));
    p_ = close + 1;
    return true;
  }
  bool boolean(bool& out) {
    if (literal("true")) return out = true;
    out = false;
    return literal("false");
  }
  // A JSON integer without sign, fraction or exponent that fits 64 bits; a number of any other
  // form is left to EdgeLine, which reads it as RapidJSON does.
  bool number(std::uint64_t& out) {
    const char* first = p_;
    std::uint64_t v = 0;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
      const auto digit = static_cast<std::uint64_t>(*p_ - '0');
      if (v > (UINT64_MAX - digit) / 10) return false;
      v = v * 10 + digit;
      ++p_;
    }
    if (p_ == first || (*first == '0' && p_ - first > 1)) return false;
    out = v;
    return true;
  }

  const char* p_;
  const char* const end_;
};

}  // namespace

bool read_edge_line(char* line, std::size_t size, EdgeFields& fields) {
  const std::string_view text(line, size);
  if (!needs_json_parser(text)) {
    if (!utf8::is_valid_utf8(text)) return false;
    if (PlainEdgeLine::read(text, fields)) return true;
    fields = EdgeFields{};
  }
  return EdgeLine::read(line, size, fields);  // checks the bytes itself (terminate_line)
}

}  // namespace silkgraph::graph
