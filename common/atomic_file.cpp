#include "common/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cassert>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "common/error.h"

namespace silkgraph {

namespace {

// errno as text; EIO when a stream failed without leaving an errno behind.
std::string error_text(int error) { return std::strerror(error != 0 ? error : EIO); }

[[noreturn]] void throw_write_error(const std::string& path, int error) {
  throw InputError({path}, "cannot write (" + error_text(error) + ")", "previous file left untouched");
}

std::string make_temp_path(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path target(path);
  const std::string name = "." + target.filename().string() + ".tmp." +
                           std::to_string(::getpid()) + "." + std::to_string(counter++);
  return (target.parent_path() / name).string();
}

// Syncs a closed file's data to disk; returns 0 or the errno of the failure.
int sync_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  int error = ::fsync(fd) == 0 ? 0 : errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  return error;
}

// Makes the rename itself durable; best effort, as some file systems refuse to sync a directory.
void sync_parent_directory(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  struct stat target {};
  const bool exists = ::stat(path_.c_str(), &target) == 0;

  // A device or FIFO (/dev/stdout, /dev/full, a pipe) cannot be replaced by a rename: write to
  // it directly; temp_path_ stays empty to mark that mode.
  if (exists && !S_ISREG(target.st_mode) && !S_ISDIR(target.st_mode)) {
    errno = 0;
    out_.open(path_, std::ios::binary | std::ios::out);
    if (!out_.is_open()) {
      throw InputError({path_}, "cannot create file (" + error_text(errno) + ")");
    }
    return;
  }
  if (exists && S_ISDIR(target.st_mode)) {
    throw InputError({path_}, "cannot create file (" + error_text(EISDIR) + ")");
  }

  temp_path_ = make_temp_path(path_);
  const mode_t mode = exists ? (target.st_mode & 07777) : 0666;
  // First choice: an unnamed file in the target's directory, written through /proc/self/fd.
  std::string dir = std::filesystem::path(path_).parent_path().string();
  if (dir.empty()) dir = ".";
  unnamed_fd_ = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  if (unnamed_fd_ >= 0) {
    if (exists) ::fchmod(unnamed_fd_, mode);  // the replacement keeps the old permissions
    out_.open("/proc/self/fd/" + std::to_string(unnamed_fd_), std::ios::binary | std::ios::out);
    if (out_.is_open()) return;
    ::close(unnamed_fd_);  // no /proc: fall back to a named temporary
    unnamed_fd_ = -1;
  }

  // O_EXCL: never write through a stale temporary (or a symlink planted in its place).
  const int fd = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) {
    const int error = errno;
    temp_path_.clear();
    throw InputError({path_}, "cannot create file (" + error_text(error) + ")");
  }
  if (exists) ::fchmod(fd, mode);
  ::close(fd);

  errno = 0;
  out_.open(temp_path_, std::ios::binary | std::ios::out | std::ios::trunc);
  if (!out_.is_open()) {
    const int error = errno;
    std::remove(temp_path_.c_str());
    temp_path_.clear();
    throw InputError({path_}, "cannot create file (" + error_text(error) + ")");
  }
}

AtomicFile::~AtomicFile() {
  if (committed_ || temp_path_.empty()) return;
  out_.close();
  if (unnamed_fd_ >= 0) {
    ::close(unnamed_fd_);  // the unnamed file goes with its last descriptor
    return;
  }
  std::remove(temp_path_.c_str());
}

void AtomicFile::commit() {
  assert(!committed_ && "AtomicFile::commit called twice");

  // A write that failed earlier left badbit and, normally, its errno; flush and close report
  // the failures still pending in the buffer.
  int error = out_.good() ? 0 : errno;
  if (error == 0) {
    errno = 0;
    out_.flush();
    if (!out_.good()) error = errno != 0 ? errno : EIO;
  }
  errno = 0;
  out_.close();
  if (error == 0 && out_.fail()) error = errno != 0 ? errno : EIO;

  if (temp_path_.empty()) {  // device or FIFO written directly
    if (error != 0) throw_write_error(path_, error);
    committed_ = true;
    return;
  }

  if (unnamed_fd_ >= 0) {
    // Sync, give the unnamed file its temporary name, then rename that over the target.
    if (error == 0 && ::fsync(unnamed_fd_) != 0) error = errno;
    if (error == 0 && ::linkat(AT_FDCWD, ("/proc/self/fd/" + std::to_string(unnamed_fd_)).c_str(),
                               AT_FDCWD, temp_path_.c_str(), AT_SYMLINK_FOLLOW) != 0)
      error = errno;
    ::close(unnamed_fd_);
    unnamed_fd_ = -1;
    if (error != 0) {
      temp_path_.clear();
      throw_write_error(path_, error);
    }
  } else if (error == 0) {
    error = sync_file(temp_path_);
  }
  if (error == 0 && std::rename(temp_path_.c_str(), path_.c_str()) != 0) error = errno;
  if (error != 0) {
    std::remove(temp_path_.c_str());
    temp_path_.clear();
    throw_write_error(path_, error);
  }
  committed_ = true;
  sync_parent_directory(path_);
}

}  // namespace silkgraph
