#include "graph/graph_file.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <utility>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/ordered_pipeline.h"
#include "common/utf8.h"
#include "graph/edge_line.h"

namespace silkgraph::graph {
namespace {

// ---------------------------------------------------------------------------------- writing

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void put(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void put(JsonWriter& w, const char* key, std::string_view s) {
  w.Key(key);
  put(w, s);
}

void write_node(JsonWriter& w, const NodeData& n) {
  w.StartObject();
  put(w, "id", n.id);
  put(w, "name", n.name);
  put(w, "type", ingest::entity_type_name(n.type));
  w.Key("aliases");
  w.StartArray();
  for (const auto& alias : n.aliases) put(w, alias.first);
  w.EndArray();
  w.Key("mentions");
  w.Uint64(n.mentions);
  w.EndObject();
}

void write_edge(JsonWriter& w, const std::string& source, const std::string& target,
                const EdgeData& d, bool swap) {
  w.StartObject();
  put(w, "source", source);
  put(w, "relation", d.relation);
  put(w, "target", target);
  w.Key("symmetric");
  w.Bool(d.symmetric);
  w.Key("weight");
  w.Uint64(d.weight);
  put(w, "first_seen", d.first_seen);
  put(w, "last_seen", d.last_seen);
  w.Key("evidence");
  w.StartArray();
  for (const Evidence& x : d.evidence) {
    w.StartObject();
    put(w, "doc", x.doc);
    put(w, "date", x.date);
    put(w, "sentence", x.sentence);
    w.Key("offset");
    w.StartArray();
    w.Uint(x.begin);
    w.Uint(x.end);
    w.EndArray();
    put(w, "rule", x.rule);
    put(w, "source_text", swap ? x.target_text : x.source_text);
    put(w, "target_text", swap ? x.source_text : x.target_text);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

std::string hex64(std::uint64_t h) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

// ---------------------------------------------------------------------------------- reading

constexpr const char* kRebuild = "the graph file is damaged; rebuild it with 'silkgraph build'";

// Where a value stands: member keys and array indices from the root.
struct Step {
  const char* key;  // nullptr for an array index
  std::size_t index;
};
using Path = std::vector<Step>;

std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return {line, offset - line_start + 1};
}

// Finds the byte offset of the object or array at `target` by parsing again, only when reporting an
// error: RapidJSON's DOM keeps no positions, and the fast path should not pay for them.
class Locator : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Locator> {
 public:
  Locator(const Path& target, const rapidjson::MemoryStream& stream)
      : target_(target), stream_(stream) {}
  std::size_t found = 0;

  bool Default() {
    step_into();
    return true;
  }
  bool Key(const char* s, rapidjson::SizeType length, bool) {
    frames_.back().key.assign(s, length);
    return true;
  }
  // Positions sought are a few levels deep; stopping far below them bounds the recursion of
  // RapidJSON's (recursive) reader on deeply nested files.
  static constexpr std::size_t kMaxDepth = 512;

  bool StartObject() {
    step_into();
    if (at_target()) {
      found = stream_.Tell() - 1;  // just past the '{'
      return false;
    }
    frames_.push_back({false, 0, {}});
    return frames_.size() < kMaxDepth;
  }
  bool EndObject(rapidjson::SizeType) {
    frames_.pop_back();
    return true;
  }
  bool StartArray() {
    step_into();
    if (at_target()) {
      found = stream_.Tell() - 1;
      return false;
    }
    frames_.push_back({true, 0, {}});
    return frames_.size() < kMaxDepth;
  }
  bool EndArray(rapidjson::SizeType) {
    frames_.pop_back();
    return true;
  }

 private:
  struct Frame {
    bool array;
    std::size_t next;  // index of the next element of an array
    std::string key;   // key of the current member of an object
  };
  void step_into() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().next;
  }
  bool at_target() const {
    if (frames_.size() != target_.size()) return false;
    for (std::size_t i = 0; i < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      if (f.array ? (target_[i].key || f.next - 1 != target_[i].index)
                  : (!target_[i].key || f.key != target_[i].key))
        return false;
    }
    return true;
  }

  const Path& target_;
  const rapidjson::MemoryStream& stream_;
  std::vector<Frame> frames_;
};

using Value = rapidjson::Value;

// Texts -> numbers, for the node ids and document ids every edge line names, with lookups
// from several threads at once. Open addressing in one array of 16-byte slots, the keys
// copied into one string of their own: a lookup touches a slot and the bytes of one key,
// both in memory much smaller than the file's (edge lines look ids up millions of times, in
// no order, and each cache miss counts).
class ViewIndex {
 public:
  void reserve(std::size_t keys) {
    if (keys * 2 > slots_.size()) rehash(keys * 2);
  }
  // False, and nothing changes, if `key` is there already.
  bool insert(std::string_view key, std::size_t value) {
    if (value > UINT32_MAX) throw std::length_error("more than 2^32 ids");
    reserve(size_ + 1);
    const std::uint64_t h = hash(key);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.at == kEmpty) {
        slot = {tag(h), static_cast<std::uint32_t>(value), keys_.size()};
        const std::uint64_t length = key.size();
        keys_.append(reinterpret_cast<const char*>(&length), sizeof length);
        keys_.append(key);
        ++size_;
        return true;
      }
      if (slot.tag == tag(h) && key_at(slot) == key) return false;
    }
  }
  // Asks for the memory a find(key) soon after will read first: a thread that has many keys
  // to look up then waits for several cache misses at once.
  void prefetch(std::string_view key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash(key) & mask_]);
  }
  std::optional<std::size_t> find(std::string_view key) const {
    if (slots_.empty()) return std::nullopt;
    const std::uint64_t h = hash(key);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.at == kEmpty) return std::nullopt;
      if (slot.tag == tag(h) && key_at(slot) == key) return slot.value;
    }
  }

 private:
  static constexpr std::uint64_t kEmpty = UINT64_MAX;
  struct Slot {
    std::uint32_t tag = 0;  // high bits of the key's hash: most other keys differ there
    std::uint32_t value = 0;
    std::uint64_t at = kEmpty;  // where the key is in keys_: its length, then its bytes
  };
  static std::uint64_t hash(std::string_view key) { return std::hash<std::string_view>()(key); }
  static std::uint32_t tag(std::uint64_t h) { return static_cast<std::uint32_t>(h >> 32); }
  std::string_view key_at(const Slot& slot) const {
    std::uint64_t length;
    std::memcpy(&length, keys_.data() + slot.at, sizeof length);
    return {keys_.data() + slot.at + sizeof length, static_cast<std::size_t>(length)};
  }
  void rehash(std::size_t at_least) {
    std::size_t n = 16;
    while (n < at_least) n <<= 1;
    std::vector<Slot> old(n);
    old.swap(slots_);
    mask_ = n - 1;
    for (const Slot& slot : old)
      if (slot.at != kEmpty)
        for (std::size_t i = hash(key_at(slot)) & mask_;; i = (i + 1) & mask_)
          if (slots_[i].at == kEmpty) {
            slots_[i] = slot;
            break;
          }
  }
  std::vector<Slot> slots_;
  std::string keys_;
  std::size_t mask_ = 0, size_ = 0;
};

// Thrown by the line-by-line loader at the first problem of any kind.
struct NotCanonical {};

// The lines of a file in write_graph()'s layout: framing lines, then one element per line.
struct Layout {
  std::vector<std::string_view> nodes, edges, documents;
};

// Splits `text` into a Layout; false when it is laid out any other way (valid JSON or not).
bool split_layout(std::string_view text, Layout& layout) {
  std::size_t pos = 0;
  auto next_line = [&](std::string_view& line) {
    const std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) return false;
    line = text.substr(pos, end - pos);
    pos = end + 1;
    return true;
  };
  auto expect = [&](std::string_view want) {
    std::string_view line;
    return next_line(line) && line == want;
  };
  // Elements up to the `closing` line; all but the last end with ','.
  auto elements = [&](std::vector<std::string_view>& out, std::string_view closing) {
    std::string_view line;
    while (next_line(line)) {
      if (line == closing) {
        if (!out.empty() && out.back().back() == ',') return false;
        return true;
      }
      if (!out.empty()) {
        if (out.back().back() != ',') return false;
        out.back().remove_suffix(1);
      }
      if (line.empty()) return false;
      out.push_back(line);
    }
    return false;
  };
  const std::string format_line = "\"format\": \"" + std::string(kGraphFormat) + "\",";
  const std::string version_line = "\"version\": " + std::to_string(kGraphVersion) + ",";
  return expect("{") && expect(format_line) && expect(version_line) && expect("\"nodes\": [") &&
         elements(layout.nodes, "],") && expect("\"edges\": [") && elements(layout.edges, "],") &&
         expect("\"documents\": [") && elements(layout.documents, "]") && expect("}") &&
         pos == text.size();
}

// Parses one line at a time into a small DOM whose memory is reused from line to line. The
// line is parsed in place: its strings are decoded where they stand and the DOM's strings point
// there, so no string is copied (see terminate_line).
class LineParser {
 public:
  const rapidjson::Value& parse(char* line, std::size_t size) {
    doc_.SetNull();
    pool_.Clear();
    stack_pool_.Clear();
    if (!terminate_line(line, size)) throw NotCanonical{};
    // Iterative: no recursion on nesting.
    doc_.ParseInsitu<rapidjson::kParseIterativeFlag>(line);
    if (doc_.HasParseError()) throw NotCanonical{};
    return doc_;
  }

 private:
  using Pool = rapidjson::MemoryPoolAllocator<>;
  char buffer_[1 << 16];
  char stack_buffer_[1 << 12];
  Pool pool_{buffer_, sizeof buffer_};
  Pool stack_pool_{stack_buffer_, sizeof stack_buffer_};
  rapidjson::GenericDocument<rapidjson::UTF8<>, Pool, Pool> doc_{&pool_, 1024, &stack_pool_};
};

// The thread that puts parsed lines into the graph is the critical path of a load, and the
// parsing threads outnumber the cores it leaves them: a parsing thread lowers its own priority
// (Linux: setpriority on a thread id changes that thread only) so the inserting thread keeps a
// core. The threads are made per load and end with it.
void yield_to_inserting_thread() {
  thread_local bool lowered = false;
  if (lowered) return;
  lowered = true;
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);  // best effort
}

class Loader {
 public:
  Loader(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  // The whole file as one JSON document: any layout, and the one path that reports errors.
  KnowledgeGraph load() {
    rapidjson::Document root;
    root.Parse<rapidjson::kParseDefaultFlags | rapidjson::kParseValidateEncodingFlag |
               rapidjson::kParseIterativeFlag>(text_.data(),
                                                                                      text_.size());
    if (root.HasParseError()) {
      std::string reason = rapidjson::GetParseError_En(root.GetParseError());
      if (!reason.empty() && reason.back() == '.') reason.pop_back();
      const auto [line, column] = line_column(text_, root.GetErrorOffset());
      throw InputError({file_, line, column}, "malformed JSON (" + reason + ")",
                       "the graph file is damaged or truncated; rebuild it with 'silkgraph build'");
    }
    const Path top;
    const std::string format_name(kGraphFormat);
    const std::string not_graph = "not a silkgraph graph file (";
    if (!root.IsObject())
      fail(top, not_graph + "expected a JSON object with \"format\": \"" + format_name + "\")", "");
    const auto format = root.FindMember("format");
    if (format == root.MemberEnd() || !format->value.IsString())
      fail(top, not_graph + "no \"format\": \"" + format_name + "\")", "");
    if (as_view(format->value) != kGraphFormat) {
      fail(top,
           not_graph + "\"format\" is \"" + std::string(as_view(format->value)) +
               "\", expected \"" + format_name + "\")",
           "");
    }
    const auto version = root.FindMember("version");
    if (version == root.MemberEnd() || !version->value.IsInt())
      fail(top, "missing or non-integer \"version\"");
    if (const int v = version->value.GetInt(); v != kGraphVersion) {
      fail(top,
           "graph file version " + std::to_string(v) +
               " is not supported (this silkgraph reads version " + std::to_string(kGraphVersion) +
               ")",
           "rebuild the graph with this silkgraph, or use the silkgraph that wrote it");
    }
    check_keys(root, top, {"format", "version", "nodes", "edges", "documents"});

    // Documents first: evidence must name a known document.
    const Value& documents = array(root, top, "documents");
    documents_.reserve(documents.Size());
    for (rapidjson::SizeType i = 0; i < documents.Size(); ++i)
      read_document(documents[i], {{"documents", 0}, {nullptr, i}});
    const Value& nodes = array(root, top, "nodes");
    stored_nodes_.reserve(nodes.Size());
    nodes_.reserve(nodes.Size());
    if (const Value* edges = find_array(root, "edges")) graph_.reserve(nodes.Size(), edges->Size());
    for (rapidjson::SizeType i = 0; i < nodes.Size(); ++i)
      read_node(nodes[i], {{"nodes", 0}, {nullptr, i}});
    const Value& edges = array(root, top, "edges");
    for (rapidjson::SizeType i = 0; i < edges.Size(); ++i)
      read_edge(edges[i], {{"edges", 0}, {nullptr, i}});
    verify_nodes();
    return std::move(graph_);
  }

  // The layout write_graph() writes, one element per line, in `buffer` (which holds text_):
  // each line is read on its own (edge lines by read_edge_line(), others into a small reused
  // DOM, in place), so a large file never becomes one large DOM and the evidence texts stay
  // where they are: the graph keeps the buffer. Any problem throws NotCanonical and the caller
  // runs load() for the message with its position (on the file as it was: the buffer may have
  // changed).
  KnowledgeGraph load_lines(const Layout& layout, std::unique_ptr<char[]> buffer) {
    fast_ = true;
    buffer_ = buffer.get();
    // The documents here, the node ids and the room for nodes on another thread meanwhile:
    // neither needs the other, and both come before any edge.
    std::exception_ptr failed;
    std::thread ids([&] {
      try {
        stored_nodes_.reserve(layout.nodes.size());
        nodes_.reserve(layout.nodes.size());
        graph_.reserve(layout.nodes.size(), 0);  // no edge index: add_loaded_edges() builds none
        index_node_ids(layout.nodes);
      } catch (...) {
        failed = std::current_exception();
      }
    });
    try {
      LineParser parser;
      documents_.reserve(layout.documents.size());
      for (const std::string_view line : layout.documents)
        read_document(parser.parse(writable(line), line.size()), {});
    } catch (...) {
      ids.join();
      throw;
    }
    ids.join();
    if (failed) std::rethrow_exception(failed);
    parse_and_insert(layout);
    verify_nodes();
    graph_.text().adopt(std::move(buffer));
    return std::move(graph_);
  }

 private:
  // The last source node a parsing thread looked up: edge lines come sorted by source, so most
  // name the one before them again.
  struct SourceCache {
    std::string_view id;
    NodeId node = 0;
  };
  // What a parsing thread keeps from line to line.
  struct Scratch {
    LineParser dom;
    SourceCache source;
    std::vector<EdgeFields> fields;
  };

  // Edge lines [first, last) of the layout into `out`, in two passes: every line is read
  // first, asking for the index memory its node and document ids will need, then checked,
  // so the lookups' cache misses come at once, not one after another.
  void read_edge_lines(const Layout& layout, std::size_t first, std::size_t last,
                       Scratch& mine, KnowledgeGraph::LoadedEdges& out) const {
    std::vector<EdgeFields>& fields = mine.fields;
    fields.resize(last - first);
    for (std::size_t i = first; i < last; ++i) {
      const std::string_view line = layout.edges[i];
      EdgeFields& f = fields[i - first];
      f = {};
      if (!read_edge_line(writable(line), line.size(), f)) throw NotCanonical{};
      nodes_.prefetch(f.target);
      for (const Evidence& x : f.evidence) documents_.prefetch(x.doc);
    }
    for (EdgeFields& f : fields) {
      ParsedEdge edge = checked_edge(std::move(f), {}, &mine.source);
      KnowledgeGraph::append_loaded_edge(out, edge.source, edge.target, std::move(edge.data));
    }
  }

  // Node lines, then edge lines, in one pipeline: other threads parse batches of lines (JSON,
  // field checks, strings) while this one puts what they parsed into the graph, batch after
  // batch in file order (run_ordered). An edge line needs only the documents and the node ids
  // (index_node_ids), so the parsing threads go on to edges while this one still interns
  // nodes, the slow part of a node, instead of waiting for it. They may run ahead as far as
  // they can: what a parsed batch holds (node names, edge records with their evidence) is
  // memory the graph keeps anyway, so the window is the whole file.
  void parse_and_insert(const Layout& layout) {
    struct Batch {
      std::size_t first = 0, last = 0;  // line indices: the nodes, then the edges after them
      std::vector<ParsedNode> nodes;
      KnowledgeGraph::LoadedEdges edges;
    };
    constexpr std::size_t kBatch = 512;
    const std::size_t node_lines = layout.nodes.size(), lines = node_lines + layout.edges.size();
    const std::size_t window = lines / kBatch + 2;  // every batch, with the one split at edges
    const unsigned workers = std::max(2u, std::thread::hardware_concurrency());
    std::vector<std::unique_ptr<Scratch>> scratch;
    for (unsigned w = 0; w < workers; ++w) scratch.push_back(std::make_unique<Scratch>());
    std::size_t next = 0;
    run_ordered<Batch>(
        workers,
        [&](Batch& batch) {
          batch.first = next;  // a batch holds nodes or edges, not both
          batch.last = next = std::min(next < node_lines ? node_lines : lines, next + kBatch);
          return batch.first < batch.last;
        },
        [&](Batch& batch, unsigned w) {
          yield_to_inserting_thread();
          Scratch& mine = *scratch[w];
          batch.nodes.clear();
          batch.edges.clear();
          if (batch.first >= node_lines) {
            read_edge_lines(layout, batch.first - node_lines, batch.last - node_lines, mine,
                            batch.edges);
            return;
          }
          for (std::size_t i = batch.first; i < batch.last; ++i) {
            const std::string_view line = layout.nodes[i];
            const rapidjson::Value& dom = mine.dom.parse(writable(line), line.size());
            const ParsedNode& node = batch.nodes.emplace_back(parse_node(dom, {}));
            // index_node_ids() gave line i NodeId i for the id it read off the line.
            if (nodes_.find(node.id) != i) throw NotCanonical{};
          }
        },
        [&](Batch& batch) {
          for (ParsedNode& node : batch.nodes) insert_node(std::move(node), {});
          insert_edges(batch.edges);
        },
        window);
  }

  // The written layout starts every node line with its id, a slug that needs no escape
  // ({"id":"city:almaty",...), and lists nodes by id: node i of the file becomes NodeId i.
  // The ids are read off the lines into an index of their own first, so that edge lines can be
  // parsed before the nodes are in the graph; the node lines' parse checks it agrees.
  void index_node_ids(const std::vector<std::string_view>& lines) {
    constexpr std::string_view kStart = "{\"id\":\"";
    std::string_view previous;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::string_view line = lines[i];
      if (line.substr(0, kStart.size()) != kStart) throw NotCanonical{};
      line.remove_prefix(kStart.size());
      const std::size_t end = line.find_first_of("\"\\");
      if (end == std::string_view::npos || line[end] != '"') throw NotCanonical{};
      const std::string_view id = line.substr(0, end);
      if (i > 0 && !(previous < id)) throw NotCanonical{};  // sorted, so no id twice
      nodes_.insert(id, i);
      previous = id;
    }
  }

  // The bytes of a line of buffer_.
  char* writable(std::string_view line) const { return buffer_ + (line.data() - text_.data()); }

  [[noreturn]] void fail(const Path& path, const std::string& what,
                         std::string_view hint = kRebuild) const {
    if (fast_) throw NotCanonical{};
    rapidjson::MemoryStream stream(text_.data(), text_.size());
    Locator locator(path, stream);
    rapidjson::Reader reader;
    reader.Parse(stream, locator);  // recursive, but the locator stops at kMaxDepth
    const auto [line, column] = line_column(text_, locator.found);
    std::string where;
    if (path.size() >= 2) {
      const std::string_view kind = path[path.size() - 2].key;  // "nodes", "evidence", ...
      where = kind == "evidence" ? "evidence" : std::string(kind.substr(0, kind.size() - 1));
      where += ": ";
    }
    throw InputError({file_, line, column}, where + what, hint);
  }

  static const Value* find_array(const Value& object, const char* key) {
    const auto it = object.FindMember(key);
    return it != object.MemberEnd() && it->value.IsArray() ? &it->value : nullptr;
  }

  static std::string_view as_view(const Value& v) { return {v.GetString(), v.GetStringLength()}; }

  static const char* kind(const Value& v) {
    if (v.IsNull()) return "null";
    if (v.IsBool()) return "a boolean";
    if (v.IsNumber()) return "a number";
    if (v.IsString()) return "a string";
    if (v.IsArray()) return "an array";
    return "an object";
  }

  const Value& member(const Value& object, const Path& path, const char* key) const {
    const auto it = object.FindMember(key);
    if (it == object.MemberEnd()) fail(path, std::string("missing \"") + key + "\"");
    return it->value;
  }

  const Value& array(const Value& object, const Path& path, const char* key) const {
    const Value& v = member(object, path, key);
    if (!v.IsArray())
      fail(path, std::string("\"") + key + "\" is " + kind(v) + ", expected an array");
    return v;
  }

  std::string_view string(const Value& object, const Path& path, const char* key) const {
    const Value& v = member(object, path, key);
    if (!v.IsString())
      fail(path, std::string("\"") + key + "\" is " + kind(v) + ", expected a string");
    // The file's bytes were checked; an escape such as "\udc00" can still decode to bytes
    // that are not UTF-8, and every file written from the graph would then be refused.
    if (!utf8::is_valid_utf8(as_view(v)))
      fail(path, std::string("\"") + key + "\" is not valid UTF-8 (an escape of half a surrogate pair)");
    return as_view(v);
  }

  std::uint64_t uint(const Value& object, const Path& path, const char* key) const {
    const Value& v = member(object, path, key);
    if (!v.IsUint64())
      fail(path,
           std::string("\"") + key + "\" is " + kind(v) + ", expected a non-negative integer");
    return v.GetUint64();
  }

  const Value& object_at(const Value& v, const Path& path, const char* what) const {
    if (!v.IsObject()) {
      // The line-by-line loader passes no position (its failures are reported by load()).
      const Path parent = path.empty() ? Path{} : Path(path.begin(), path.end() - 1);
      const std::size_t index = path.empty() ? 0 : path.back().index;
      fail(parent, std::string(what) + " " + std::to_string(index) + " is " + kind(v) +
                       ", expected an object");
    }
    return v;
  }

  template <std::size_t N>
  void check_keys(const Value& object, const Path& path, const std::string_view (&keys)[N]) const {
    for (const auto& m : object.GetObject())
      if (std::find(std::begin(keys), std::end(keys), as_view(m.name)) == std::end(keys))
        fail(path, "unknown key \"" + std::string(as_view(m.name)) + "\"");
  }

  void read_document(const Value& v, const Path& path) {
    object_at(v, path, "document");
    check_keys(v, path, {"id", "hash", "date"});
    DocumentInfo info;
    info.id = std::string(string(v, path, "id"));
    const std::string_view hash = string(v, path, "hash");
    if (hash.size() != 16 || hash.find_first_not_of("0123456789abcdef") != std::string_view::npos)
      fail(path, "\"hash\" is \"" + std::string(hash) + "\", expected 16 lowercase hex digits");
    info.hash = std::stoull(std::string(hash), nullptr, 16);
    info.date = std::string(string(v, path, "date"));
    if (!documents_.insert(string(v, path, "id"), 0))
      fail(path, "document \"" + info.id + "\" is listed twice");
    graph_.set_document(std::move(info));
  }

  // A node as read from the file, before it meets the graph.
  // A node as read from the file, before it meets the graph. Views point into the parsed
  // text, which outlives the Loader.
  struct ParsedNode {
    std::string_view id, type_name;  // as in the file
    KnowledgeGraph::NodeNames names;
    std::uint64_t mentions = 0;
    std::vector<std::string_view> aliases;
  };

  void read_node(const Value& v, const Path& path) { insert_node(parse_node(v, path), path); }

  // Everything about a node that can be checked on its own; safe on several threads at once.
  ParsedNode parse_node(const Value& v, const Path& path) const {
    object_at(v, path, "node");
    check_keys(v, path, {"id", "name", "type", "aliases", "mentions"});
    ParsedNode node;
    node.id = string(v, path, "id");
    node.type_name = string(v, path, "type");
    const auto type = ingest::parse_entity_type(node.type_name);
    if (!type) fail(path, "unknown entity type \"" + std::string(node.type_name) + "\"");
    const std::string_view name = string(v, path, "name");
    if (name.empty()) fail(path, "empty \"name\"");
    node.names = KnowledgeGraph::names_of(*type, name);
    for (const Value& alias : array(v, path, "aliases").GetArray()) {
      if (!alias.IsString())
        fail(path, std::string("an alias is ") + kind(alias) + ", expected a string");
      node.aliases.push_back(as_view(alias));
    }
    node.mentions = uint(v, path, "mentions");
    return node;
  }

  void insert_node(ParsedNode parsed, const Path& path) {
    const std::size_t before = boost::num_vertices(graph_.adjacency());
    const NodeId node = graph_.intern(std::move(parsed.names));
    if (boost::num_vertices(graph_.adjacency()) == before)
      fail(path, "node \"" + graph_.node(node).name + "\" (" + std::string(parsed.type_name) +
                     ") is listed twice");
    if (fast_) {
      // Node i of the file must be NodeId i, the number index_node_ids() gave its id.
      if (node != stored_nodes_.size()) throw NotCanonical{};
    } else if (!nodes_.insert(parsed.id, node)) {
      fail(path, "node id \"" + std::string(parsed.id) + "\" is listed twice");
    }
    StoredNode& stored = stored_nodes_.emplace_back();
    stored.node = node;
    stored.id = parsed.id;
    stored.mentions = parsed.mentions;
    stored.aliases = std::move(parsed.aliases);
  }

  NodeId endpoint(std::string_view id, const Path& path, const char* key) const {
    const std::optional<std::size_t> node = nodes_.find(id);
    if (!node) fail(path, std::string(key) + " \"" + std::string(id) + "\" is not a node");
    return *node;
  }

  // An edge as read from the file, before it meets the graph: `data` holds what the evidence
  // gives, checked against the file's weight and dates.
  struct ParsedEdge {
    NodeId source = 0, target = 0;
    EdgeData data;
  };

  void read_edge(const Value& v, const Path& path) { insert_edge(parse_edge(v, path), path); }

  // Everything about an edge that can be checked without changing the graph; safe to run on
  // several threads at once (it only reads documents_ and nodes_).
  ParsedEdge parse_edge(const Value& v, const Path& path) const {
    object_at(v, path, "edge");
    check_keys(v, path, kEdgeKeys);
    EdgeFields f;
    f.source = string(v, path, "source");
    f.relation = string(v, path, "relation");
    f.target = string(v, path, "target");
    const Value& symmetric = member(v, path, "symmetric");
    if (!symmetric.IsBool())
      fail(path, std::string("\"symmetric\" is ") + kind(symmetric) + ", expected true or false");
    f.symmetric = symmetric.GetBool();
    f.weight = uint(v, path, "weight");
    f.first_seen = string(v, path, "first_seen");
    f.last_seen = string(v, path, "last_seen");
    const Value& list = array(v, path, "evidence");
    f.evidence.reserve(list.Size());
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i)
      f.evidence.push_back(read_evidence(list[i], evidence_path(path, i)));
    return checked_edge(std::move(f), path);
  }

  static Path evidence_path(const Path& edge, std::size_t i) {
    Path at = edge;
    at.push_back({"evidence", 0});
    at.push_back({nullptr, i});
    return at;
  }

  // The checks of an edge that do not depend on how it was parsed.
  ParsedEdge checked_edge(EdgeFields f, const Path& path, SourceCache* source = nullptr) const {
    ParsedEdge edge;
    EdgeData& d = edge.data;
    if (source && !source->id.empty() && f.source == source->id) {
      edge.source = source->node;
    } else {
      edge.source = endpoint(f.source, path, "source");
      if (source) *source = {f.source, edge.source};
    }
    edge.target = endpoint(f.target, path, "target");
    if (f.relation.empty()) fail(path, "empty \"relation\"");
    d.relation = std::string(f.relation);
    d.symmetric = f.symmetric;
    if (f.evidence.empty()) fail(path, "\"evidence\" is empty");
    std::vector<Evidence>& evidence = d.evidence;
    evidence = std::move(f.evidence);
    for (std::size_t i = 0; i < evidence.size(); ++i) {
      const Evidence& x = evidence[i];
      if (!documents_.find(x.doc))
        fail(evidence_path(path, i),
             "document \"" + std::string(x.doc) + "\" is not in \"documents\"");
      if (x.begin > x.end)
        fail(evidence_path(path, i), "\"offset\" must be [begin, end] with 0 <= begin <= end < 2^32");
      // The graph orders a symmetric self-loop's texts; files it wrote have them in order.
      if (fast_ && d.symmetric && edge.source == edge.target && x.target_text < x.source_text)
        throw NotCanonical{};
    }
    auto fields = [&](std::size_t i) {
      const Evidence& x = evidence[i];
      return std::tie(x.doc, x.begin, x.end, x.rule);
    };
    // Files this code wrote list evidence in that order already, so duplicates are neighbours.
    bool increasing = true;
    for (std::size_t i = 1; increasing && i < evidence.size(); ++i)
      increasing = fields(i - 1) < fields(i);
    if (!increasing) {
      if (fast_) throw NotCanonical{};
      std::vector<std::size_t> order(evidence.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::make_pair(fields(a), a) < std::make_pair(fields(b), b);
      });
      for (std::size_t i = 1; i < order.size(); ++i)
        if (fields(order[i - 1]) == fields(order[i]))
          fail(evidence_path(path, order[i]), "the same document, offset and rule are listed twice");
      std::vector<Evidence> sorted;
      sorted.reserve(evidence.size());
      for (const std::size_t i : order) sorted.push_back(std::move(evidence[i]));
      evidence = std::move(sorted);
    }
    // Weight and dates are derived from the evidence; see verify_nodes().
    derive_weight_and_dates(d);
    if (f.weight != d.weight)
      fail(path, "\"weight\" is " + std::to_string(f.weight) + " but the evidence gives " +
                     std::to_string(d.weight));
    if (f.first_seen != d.first_seen || f.last_seen != d.last_seen)
      fail(path, "\"first_seen\" and \"last_seen\" do not match the evidence dates (\"" +
                     d.first_seen + "\", \"" + d.last_seen + "\")");
    return edge;
  }

  // Edges parsed by parse_and_insert(), in file order: the checks that need the edges before
  // them, then into the graph as they are (add_loaded_edges).
  void insert_edges(KnowledgeGraph::LoadedEdges& edges) {
    for (const auto& edge : edges) {
      const NodeId source = edge.m_source, target = edge.m_target;
      const EdgeData& d = edge.get_property();
      // Edges of a run share a relation (the file is sorted by it within a source): one
      // declaration per run.
      const bool declared =
          previous_ && previous_->relation == d.relation && previous_->symmetric == d.symmetric;
      if (!declared && !graph_.declare_relation(d.relation, d.symmetric)) throw NotCanonical{};
      // Written files list edges by (source id, relation, target id), each once, a symmetric
      // one from the smaller id; NodeIds follow id order, so comparing them is enough and the
      // graph need not look each edge up.
      if (d.symmetric && target < source) throw NotCanonical{};
      if (previous_ && !(std::tie(previous_->source, previous_->relation, previous_->target) <
                         std::tie(source, d.relation, target)))
        throw NotCanonical{};
      previous_ = Previous{source, d.relation, target, d.symmetric};  // the record the graph keeps
    }
    graph_.add_loaded_edges(edges);
  }

  void insert_edge(ParsedEdge edge, const Path& path) {
    const NodeId source = edge.source, target = edge.target;
    const std::string& relation = edge.data.relation;
    if (!graph_.declare_relation(relation, edge.data.symmetric))
      fail(path, "\"" + relation + "\" edges are both symmetric and directed");
    // The texts point into the whole-file DOM, which goes away: the graph keeps copies.
    TextStore& text = graph_.text();
    for (Evidence& x : edge.data.evidence) {
      x.doc = text.intern(x.doc);
      x.date = text.intern(x.date);
      x.sentence = text.store(x.sentence);
      x.rule = text.intern(x.rule);
      x.source_text = text.intern(x.source_text);
      x.target_text = text.intern(x.target_text);
    }
    if (!graph_.add_new_edge(source, relation, target, std::move(edge.data.evidence)))
      fail(path, "edge \"" + graph_.node(source).id + "\" -" + relation + "-> \"" +
                     graph_.node(target).id + "\" is listed twice");
  }

  Evidence read_evidence(const Value& v, const Path& path) const {
    object_at(v, path, "evidence");
    check_keys(v, path, kEvidenceKeys);
    Evidence x;
    x.doc = string(v, path, "doc");
    x.date = string(v, path, "date");
    x.sentence = string(v, path, "sentence");
    const Value& offset = member(v, path, "offset");
    if (!offset.IsArray() || offset.Size() != 2 || !offset[0].IsUint() || !offset[1].IsUint())
      fail(path, "\"offset\" must be [begin, end] with 0 <= begin <= end < 2^32");
    x.begin = offset[0].GetUint();
    x.end = offset[1].GetUint();
    x.rule = string(v, path, "rule");
    x.source_text = string(v, path, "source_text");
    x.target_text = string(v, path, "target_text");
    return x;
  }


  // Ids, aliases, mentions, weights and dates are derived from the evidence; a file whose
  // stored values differ was edited or damaged, and saving it would silently change it.
  // Edges are checked as they are read; nodes once every edge is in.
  void verify_nodes() const {
    for (std::size_t i = 0; i < stored_nodes_.size(); ++i) {
      const StoredNode& stored = stored_nodes_[i];
      const Path path{{"nodes", 0}, {nullptr, static_cast<rapidjson::SizeType>(i)}};
      const NodeData& n = graph_.node(stored.node);
      if (n.mentions == 0) fail(path, "node \"" + n.id + "\" has no edges");
      if (stored.id != n.id)
        fail(path, "id \"" + std::string(stored.id) + "\" does not match the type and name (expected \"" +
                       n.id + "\")");
      if (stored.mentions != n.mentions)
        fail(path, "\"mentions\" is " + std::to_string(stored.mentions) +
                       " but the evidence gives " + std::to_string(n.mentions));
      bool same = stored.aliases.size() == n.aliases.size();
      auto it = n.aliases.begin();
      for (std::size_t k = 0; same && k < stored.aliases.size(); ++k, ++it)
        same = stored.aliases[k] == it->first;
      if (!same) fail(path, "\"aliases\" do not match the evidence");
    }
  }

  struct StoredNode {
    NodeId node;
    std::string_view id;  // as in the file (views of the parsed text)
    std::uint64_t mentions = 0;
    std::vector<std::string_view> aliases;
  };

  std::string_view text_;
  const std::string& file_;
  KnowledgeGraph graph_;
  std::vector<StoredNode> stored_nodes_;                // in file order
  ViewIndex nodes_;  // node ids of the file -> NodeId
  ViewIndex documents_;  // views of the parsed ids
  char* buffer_ = nullptr;                          // load_lines(): text_'s bytes, writable
  bool fast_ = false;  // load_lines(): errors throw NotCanonical
  struct Previous {
    NodeId source;
    std::string_view relation;  // the edge record's
    NodeId target;
    bool symmetric;
  };
  std::optional<Previous> previous_;  // the last edge load_lines() inserted
};

}  // namespace

void write_graph(const KnowledgeGraph& graph, std::ostream& out) {
  const Adjacency& g = graph.adjacency();
  std::vector<NodeId> nodes;
  for (const NodeId v : boost::make_iterator_range(boost::vertices(g)))
    if (g[v].mentions > 0) nodes.push_back(v);
  std::sort(nodes.begin(), nodes.end(), [&](NodeId a, NodeId b) { return g[a].id < g[b].id; });

  struct Row {
    const std::string* source;
    const std::string* relation;
    const std::string* target;
    EdgeId edge;
    bool swap;
  };
  std::vector<Row> edges;
  edges.reserve(boost::num_edges(g));
  for (const EdgeId e : boost::make_iterator_range(boost::edges(g))) {
    const std::string* s = &g[boost::source(e, g)].id;
    const std::string* t = &g[boost::target(e, g)].id;
    // Ids may have changed since the edge was made (refresh_ids): orient symmetric edges here.
    const bool swap = g[e].symmetric && *t < *s;
    if (swap) std::swap(s, t);
    edges.push_back({s, &g[e].relation, t, e, swap});
  }
  std::sort(edges.begin(), edges.end(), [](const Row& a, const Row& b) {
    return std::tie(*a.source, *a.relation, *a.target) <
           std::tie(*b.source, *b.relation, *b.target);
  });

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  std::string text;
  auto flush = [&](bool force) {
    if (!force && text.size() < (1u << 20)) return;
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    text.clear();
  };
  auto element = [&](std::size_t i, auto&& write) {
    buffer.Clear();
    w.Reset(buffer);
    write();
    text += i == 0 ? "\n" : ",\n";
    text.append(buffer.GetString(), buffer.GetSize());
    flush(false);
  };
  text += "{\n\"format\": \"" + std::string(kGraphFormat) +
          "\",\n\"version\": " + std::to_string(kGraphVersion) + ",\n\"nodes\": [";
  for (std::size_t i = 0; i < nodes.size(); ++i) element(i, [&] { write_node(w, g[nodes[i]]); });
  text += "\n],\n\"edges\": [";
  for (std::size_t i = 0; i < edges.size(); ++i)
    element(i, [&] {
      write_edge(w, *edges[i].source, *edges[i].target, g[edges[i].edge], edges[i].swap);
    });
  text += "\n],\n\"documents\": [";
  std::size_t i = 0;
  for (const auto& [id, info] : graph.documents()) {
    element(i++, [&, &doc_info = info] {
      w.StartObject();
      put(w, "id", doc_info.id);
      put(w, "hash", hex64(doc_info.hash));
      put(w, "date", doc_info.date);
      w.EndObject();
    });
  }
  text += "\n]\n}\n";
  flush(true);
}

void save_graph(const KnowledgeGraph& graph, const std::string& path) {
  AtomicFile file(path);
  write_graph(graph, file.stream());
  file.commit();
}

namespace {

// Loads a file in write_graph()'s layout line by line (Loader::load_lines) from `buffer`, which
// holds `size` bytes and room for one more. nullopt if the text is laid out otherwise, with
// `buffer` untouched, or if anything is wrong with it (invalid UTF-8 included: each line is
// checked as it is parsed), with `buffer` gone (parsed in place).
std::optional<KnowledgeGraph> load_in_place(std::unique_ptr<char[]>& buffer, std::size_t size,
                                            const std::string& file) {
  const std::string_view text(buffer.get(), size);
  Layout layout;
  if (!split_layout(text, layout)) return std::nullopt;
  try {
    return Loader(text, file).load_lines(layout, std::move(buffer));
  } catch (const NotCanonical&) {
    buffer.reset();
    return std::nullopt;
  }
}

// The whole file, in a buffer with one byte to spare (see load_in_place). A regular file is
// read in as many parts as there are cores, at once: a large file's pages are then faulted in
// and copied by all of them. Whatever more there is (the file grew) is read after.
std::pair<std::unique_ptr<char[]>, std::size_t> read_file(const std::string& path) {
  auto fail = [&](const char* what, int error) {
    throw InputError({path}, std::string(what) + " (" + std::strerror(error) + ")");
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail("cannot open", errno);
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) fail("cannot read", errno);
  if (S_ISDIR(info.st_mode)) fail("cannot open", EISDIR);
  const std::size_t expected = S_ISREG(info.st_mode) ? static_cast<std::size_t>(info.st_size) : 0;
  std::size_t capacity = std::max<std::size_t>(expected + 1, 1 << 16);
  std::unique_ptr<char[]> text(new char[capacity]);  // not zero-filled first

  // [begin, end) of the file into the buffer; the bytes read, short at end of file. 0 and errno
  // set on failure.
  auto read_range = [&](std::size_t begin, std::size_t end, int& error) {
    std::size_t done = 0;
    while (begin + done < end) {
      const ssize_t n = ::pread(fd, text.get() + begin + done, end - begin - done,
                                static_cast<off_t>(begin + done));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        error = errno;
        return done;
      }
      if (n == 0) break;
      done += static_cast<std::size_t>(n);
    }
    return done;
  };
  std::size_t size = 0;
  if (expected > 0) {
    const std::size_t parts =
        std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, expected / (8 << 20) + 1);
    std::vector<std::size_t> got(parts);
    std::vector<int> errors(parts, 0);
    std::vector<std::thread> readers;
    auto part = [&](std::size_t i) {
      got[i] = read_range(expected * i / parts, expected * (i + 1) / parts, errors[i]);
    };
    for (std::size_t i = 1; i < parts; ++i) readers.emplace_back(part, i);
    part(0);
    for (std::thread& t : readers) t.join();
    for (std::size_t i = 0; i < parts; ++i) {
      if (errors[i] != 0) fail("cannot read", errors[i]);
      const std::size_t begin = expected * i / parts, end = expected * (i + 1) / parts;
      size = begin + got[i];
      if (size < end) break;  // the file shrank: it ends here
    }
  }
  // Then whatever more there is: all of a pipe or a special file, the rest of a grown one.
  if (expected > 0 && ::lseek(fd, static_cast<off_t>(size), SEEK_SET) < 0) fail("cannot read", errno);
  // A full buffer grows only when there is more to read: a probe read finds out first, so a
  // file read whole above is not copied into a buffer twice its size to meet its end.
  char probe[4096];
  for (;;) {
    const bool full = size == capacity - 1;  // keep the byte to spare
    const ssize_t n = full ? ::read(fd, probe, sizeof probe)
                           : ::read(fd, text.get() + size, capacity - 1 - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot read", errno);
    if (n == 0) break;
    if (full) {
      std::unique_ptr<char[]> bigger(new char[capacity * 2]);
      std::memcpy(bigger.get(), text.get(), size);
      std::memcpy(bigger.get() + size, probe, static_cast<std::size_t>(n));
      text = std::move(bigger);
      capacity *= 2;
    }
    size += static_cast<std::size_t>(n);
  }
  return {std::move(text), size};
}

}  // namespace

KnowledgeGraph parse_graph(std::string_view text, const std::string& file) {
  // Files this code wrote load line by line, in place in a copy; anything else, or anything
  // wrong, goes through the whole-document parse, which names the position of the problem.
  std::unique_ptr<char[]> copy(new char[text.size() + 1]);
  std::memcpy(copy.get(), text.data(), text.size());
  if (auto graph = load_in_place(copy, text.size(), file)) return std::move(*graph);
  return Loader(text, file).load();
}

KnowledgeGraph load_graph(const std::string& path) {
  auto [text, size] = read_file(path);
  if (auto graph = load_in_place(text, size, path)) return std::move(*graph);
  if (!text) std::tie(text, size) = read_file(path);  // parsed in place: read it again
  return Loader(std::string_view(text.get(), size), path).load();
}

}  // namespace silkgraph::graph
