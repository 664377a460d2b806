#include "common/json_tree.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

namespace silkgraph {
namespace {

// Maps byte offsets to 1-based line and column.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }
  std::pair<std::size_t, std::size_t> at(std::size_t offset) const {
    std::size_t lo = 0, hi = starts_.size();
    while (hi - lo > 1) {
      const std::size_t mid = (lo + hi) / 2;
      (starts_[mid] <= offset ? lo : hi) = mid;
    }
    return {lo + 1, offset - starts_[lo] + 1};
  }

 private:
  std::vector<std::size_t> starts_;
};

class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
 public:
  TreeBuilder(std::string_view text, const LineIndex& lines)
      : lines_(lines), starts_(token_starts(text)) {}

  JsonNode root;
  // Rule files are shallow; deeper nesting stops the parse (and keeps the tree, whose
  // destructor recurses, shallow too).
  static constexpr std::size_t kMaxDepth = 64;
  bool too_deep = false;

  bool Null() { return add(JsonNode::Kind::Null); }
  bool Bool(bool b) {
    JsonNode& n = add_node(JsonNode::Kind::Bool);
    n.boolean = b;
    return true;
  }
  bool Int(int i) { return num(i); }
  bool Uint(unsigned u) { return num(u); }
  bool Int64(int64_t i) { return num(static_cast<double>(i)); }
  bool Uint64(uint64_t u) { return num(static_cast<double>(u)); }
  bool Double(double d) { return num(d); }
  bool String(const char* s, rapidjson::SizeType len, bool) {
    JsonNode& n = add_node(JsonNode::Kind::String);
    n.string.assign(s, len);
    return true;
  }
  bool StartObject() {
    if (stack_.size() >= kMaxDepth) return !(too_deep = true);
    stack_.push_back(&add_node(JsonNode::Kind::Object));
    return true;
  }
  bool Key(const char* s, rapidjson::SizeType len, bool) {
    next_start();
    pending_key_.assign(s, len);
    return true;
  }
  bool EndObject(rapidjson::SizeType) {
    stack_.pop_back();
    return true;
  }
  bool StartArray() {
    if (stack_.size() >= kMaxDepth) return !(too_deep = true);
    stack_.push_back(&add_node(JsonNode::Kind::Array));
    return true;
  }
  bool EndArray(rapidjson::SizeType) {
    stack_.pop_back();
    return true;
  }

 private:
  bool num(double d) {
    add_node(JsonNode::Kind::Number).number = d;
    return true;
  }
  bool add(JsonNode::Kind kind) {
    add_node(kind);
    return true;
  }
  JsonNode& add_node(JsonNode::Kind kind) {
    JsonNode* node;
    if (stack_.empty()) {
      node = &root;
    } else if (stack_.back()->kind == JsonNode::Kind::Array) {
      node = &stack_.back()->items.emplace_back();
    } else {
      node = &stack_.back()->members.emplace_back(pending_key_, JsonNode{}).second;
    }
    node->kind = kind;
    std::tie(node->line, node->column) = lines_.at(next_start());
    return *node;
  }

  // Start offsets of every value and key, in document order: RapidJSON reports them in the
  // same order, so the n-th event begins at the n-th start.
  static std::vector<std::size_t> token_starts(std::string_view text) {
    std::vector<std::size_t> starts;
    std::size_t i = 0;
    while (i < text.size()) {
      const char c = text[i];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ':' || c == '}' ||
          c == ']') {
        ++i;
      } else if (c == '"') {
        starts.push_back(i++);
        while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
        ++i;
      } else if (c == '{' || c == '[') {
        starts.push_back(i++);
      } else {
        starts.push_back(i);
        while (i < text.size() && std::string_view(" \t\r\n,:]}").find(text[i]) == std::string_view::npos) ++i;
      }
    }
    return starts;
  }
  std::size_t next_start() { return cursor_ < starts_.size() ? starts_[cursor_++] : 0; }

  const LineIndex& lines_;
  std::vector<std::size_t> starts_;
  std::size_t cursor_ = 0;
  std::vector<JsonNode*> stack_;
  std::string pending_key_;
};

}  // namespace

const JsonNode* JsonNode::find(std::string_view key) const {
  for (const auto& [name, value] : members)
    if (name == key) return &value;
  return nullptr;
}

const char* JsonNode::kind_name() const {
  switch (kind) {
    case Kind::Null: return "null";
    case Kind::Bool: return "boolean";
    case Kind::Number: return "number";
    case Kind::String: return "string";
    case Kind::Array: return "array";
    case Kind::Object: return "object";
  }
  return "value";
}

JsonNode parse_json_tree(std::string_view text, const std::string& file) {
  // RapidJSON's StringStream needs a NUL-terminated buffer, and its UTF-8 check reads all the
  // continuation bytes a lead byte announces before it looks at them: a multibyte sequence cut
  // by the end of the text would be read past the terminator. Four NULs end it safely.
  const std::string buffer(text);
  const std::string padded = buffer + std::string(4, '\0');
  const LineIndex lines(buffer);
  rapidjson::StringStream stream(padded.c_str());
  TreeBuilder builder(buffer, lines);
  rapidjson::Reader reader;
  const rapidjson::ParseResult ok =
      reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag |
                   rapidjson::kParseStopWhenDoneFlag>(stream, builder);
  if (!ok) {
    const auto [line, column] = lines.at(ok.Offset());
    const std::string reason = builder.too_deep
                                   ? "nested deeper than " + std::to_string(TreeBuilder::kMaxDepth) +
                                         " levels"
                                   : rapidjson::GetParseError_En(ok.Code());
    throw InputError({file, line, column}, "malformed JSON (" + reason + ")", "fix the rule file");
  }
  // Anything but whitespace after the value is an error too.
  for (std::size_t i = stream.Tell(); i < buffer.size(); ++i) {
    const char c = buffer[i];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      const auto [line, column] = lines.at(i);
      throw InputError({file, line, column}, "malformed JSON (text after the end of the document)",
                       "fix the rule file");
    }
  }
  return std::move(builder.root);
}

}  // namespace silkgraph
