// graph/text_store.h
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace silkgraph::graph {

/// The bytes evidence points into. Evidence holds string_views (a sentence, a document id, ...)
/// and the graph owns their text here: copies of record strings made by store() and intern(),
/// and whole buffers handed over by adopt() (a loaded graph file, whose strings were decoded in
/// place). Text is never freed or moved before the store is destroyed, so every view stays
/// valid for the life of the graph, also after the graph is moved. Text of evidence removed
/// later (a replaced document) stays until then too: a graph is built or loaded per run.
class TextStore {
 public:
  TextStore() = default;
  TextStore(TextStore&&) = default;
  TextStore& operator=(TextStore&&) = default;
  TextStore(const TextStore&) = delete;
  TextStore& operator=(const TextStore&) = delete;

  /// A copy of `text` that lives as long as the store.
  std::string_view store(std::string_view text);
  /// Like store(), but equal texts share one copy: for the few distinct document ids, dates
  /// and rule names that most evidence repeats.
  std::string_view intern(std::string_view text);
  /// Takes ownership of a buffer that views already point into.
  void adopt(std::unique_ptr<char[]> buffer);

 private:
  static constexpr std::size_t kChunk = 1 << 20;
  std::vector<std::unique_ptr<char[]>> buffers_;
  char* free_ = nullptr;  // the unused end of the newest chunk
  std::size_t left_ = 0;
  std::unordered_set<std::string_view> interned_;
};

}  // namespace silkgraph::graph
