// common/atomic_file.h
#pragma once

#include <fstream>
#include <string>

namespace silkgraph {

/// Writes a file atomically: data goes to a temporary file beside the target, which is
/// flushed, fsync'ed and renamed over the target on commit(); the destructor removes the
/// temporary if commit() was never called, so no partial file is ever left behind. The
/// temporary has no name until commit() (Linux O_TMPFILE): a process killed while writing,
/// even by SIGKILL, leaves nothing. Where the file system cannot do that, it is a hidden
/// ".<name>.tmp.<pid>.<n>" beside the target instead.
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
  std::string temp_path_;  // the name the temporary gets (at once without O_TMPFILE)
  int unnamed_fd_ = -1;    // the O_TMPFILE temporary, until commit() names it
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace silkgraph
