#include "graph/text_store.h"

#include <cstring>

namespace silkgraph::graph {

std::string_view TextStore::store(std::string_view text) {
  if (text.empty()) return {};
  if (text.size() > left_) {
    if (text.size() > kChunk / 16) {  // a long text gets a buffer of its own
      buffers_.emplace_back(new char[text.size()]);
      std::memcpy(buffers_.back().get(), text.data(), text.size());
      return {buffers_.back().get(), text.size()};
    }
    buffers_.emplace_back(new char[kChunk]);
    free_ = buffers_.back().get();
    left_ = kChunk;
  }
  std::memcpy(free_, text.data(), text.size());
  const std::string_view copy(free_, text.size());
  free_ += text.size();
  left_ -= text.size();
  return copy;
}

std::string_view TextStore::intern(std::string_view text) {
  if (const auto it = interned_.find(text); it != interned_.end()) return *it;
  const std::string_view copy = store(text);
  interned_.insert(copy);
  return copy;
}

void TextStore::adopt(std::unique_ptr<char[]> buffer) { buffers_.push_back(std::move(buffer)); }

}  // namespace silkgraph::graph
