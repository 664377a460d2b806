// common/error.h
#pragma once

#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace silkgraph {

/// Where in an input something was found; line/column are 1-based, 0 when unknown.
struct SourcePos {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;

  /// "file:line:column", leaving out the parts that are unknown.
  std::string str() const;
};

/// A stop-the-run error caused by input (bad rule file, unreadable file, bad flag).
class InputError : public std::runtime_error {
 public:
  InputError(SourcePos pos, std::string_view what, std::string_view hint = {});
  const SourcePos& pos() const { return pos_; }

 private:
  SourcePos pos_;
};

/// Sink for skippable problems: each is reported, counted, and the run goes on.
class Diagnostics {
 public:
  enum class Kind { Warning, Skipped };

  /// Messages go to `sink` (stderr by default) as "file:line[:col]: what".
  explicit Diagnostics(std::function<void(const std::string&)> sink = {});

  /// Reports a problem that was repaired or ignored; nothing was lost.
  void warn(const SourcePos& pos, std::string_view what);
  /// Reports an input (file, record) that could not be processed and was left out.
  void skip(const SourcePos& pos, std::string_view what);

  std::size_t warnings() const { return warnings_; }
  std::size_t skipped() const { return skipped_; }

 private:
  void emit(const SourcePos& pos, std::string_view what);

  std::function<void(const std::string&)> sink_;
  std::size_t warnings_ = 0;
  std::size_t skipped_ = 0;
};

}  // namespace silkgraph
