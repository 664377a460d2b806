// common/atomic_file.h
#pragma once

#include <fstream>
#include <string>

namespace silkgraph {

/// Writes a file atomically: data goes to a temporary file beside the target, which is
/// flushed, fsync'ed and renamed over the target on commit(); the destructor removes the
/// temporary if commit() was never called, so no partial file is ever left behind.
class AtomicFile {
 public:
  /// Throws InputError naming the path if the temporary file cannot be created.
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  /// Flushes, syncs and renames; throws InputError ("cannot write (No space left on device);
  /// previous file left untouched") on any failure, removing the temporary.
  void commit();

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string temp_path_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace silkgraph
