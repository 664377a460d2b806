#include "common/error.h"

#include <iostream>

namespace silkgraph {

std::string SourcePos::str() const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out;
}

namespace {
std::string compose(const SourcePos& pos, std::string_view what, std::string_view hint) {
  std::string msg = pos.str() + ": " + std::string(what);
  if (!hint.empty()) msg += "; " + std::string(hint);
  return msg;
}
}  // namespace

InputError::InputError(SourcePos pos, std::string_view what, std::string_view hint)
    : std::runtime_error(compose(pos, what, hint)), pos_(std::move(pos)) {}

Diagnostics::Diagnostics(std::function<void(const std::string&)> sink) : sink_(std::move(sink)) {
  if (!sink_) sink_ = [](const std::string& line) { std::cerr << line << '\n'; };
}

void Diagnostics::emit(const SourcePos& pos, std::string_view what) {
  sink_(pos.str() + ": " + std::string(what));
}

void Diagnostics::warn(const SourcePos& pos, std::string_view what) {
  ++warnings_;
  emit(pos, what);
}

void Diagnostics::skip(const SourcePos& pos, std::string_view what) {
  ++skipped_;
  emit(pos, what);
}

}  // namespace silkgraph
