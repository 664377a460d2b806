// silkgraph export: a graph file in, GraphML, GEXF, Cypher, neo4j-admin CSV or node-link JSON out.
#include <fcntl.h>
#include <stdio.h>  // renameat2
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <list>
#include <memory>
#include <optional>
#include <set>

#include "cli/common.h"
#include "cli/graph_options.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "export/formats.h"
#include "graph/filter.h"
#include "graph/graph_file.h"

namespace silkgraph::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHelpHead =
    "usage: silkgraph export GRAPH [options] [-o PATH]\n"
    "\n"
    "Writes a graph file made by 'silkgraph build' in a format other tools load, whole or cut\n"
    "down by filters. Without -o it goes to stdout. Files are written atomically: on any error\n"
    "nothing is left behind and an existing file is untouched.\n"
    "\n"
    "formats (--format, or picked from the extension of -o):\n";

constexpr const char* kHelpTail =
    "\n"
    "options:\n"
    "  -o, --output PATH   file to write; for neo4j-csv a directory (new, empty, or an earlier\n"
    "                      export, which is replaced); default: stdout\n"
    "  -f, --format NAME   the format, when -o does not tell it\n"
    "  --min-weight N      edges stated by at least N sentences\n"
    "  --relation LIST     only these relations, comma-separated (MEETS,VISITS)\n"
    "  --type LIST         only edges between these entity types (person,country,region,city,org)\n"
    "  --since YYYY-MM-DD  only edges with evidence dated on or after the date\n"
    "  --until YYYY-MM-DD  only edges with evidence dated on or before the date\n"
    "  --focus NAME        only the ego network of this entity (name or alias)\n"
    "  --depth N           hops from --focus, either direction (default 1)\n"
    "  --quiet             no summary on stderr\n"
    "  -h, --help          this text\n"
    "\n"
    "Filters combine: an edge is kept when it passes all of them, with all its evidence; the\n"
    "nodes written are the ends of the kept edges. Symmetric relations are written once; GraphML,\n"
    "GEXF and JSON mark them with symmetric=true (a graph of symmetric edges only is written as\n"
    "undirected). A filter that keeps nothing writes a valid empty graph and says so.\n"
    "\n"
    "exit status: 0 written, 1 failed (nothing written), 2 bad usage\n"
    "\n"
    "examples: silkgraph export graph.json --focus Tokayev --depth 2 -o tokayev.gexf\n"
    "          silkgraph export graph.json --format neo4j-csv -o import/\n"
    "          neo4j-admin database import full neo4j --nodes=import/nodes.csv \\\n"
    "              --relationships=import/relationships.csv\n";

std::string help() {
  std::string out = kHelpHead;
  for (const exporters::Format& f : exporters::formats()) {
    std::string row = "  " + std::string(f.name);
    row.resize(14, ' ');
    row += f.directory ? "DIR" : std::string(f.extension);
    row.resize(24, ' ');
    out += row + std::string(f.summary) + "\n";
  }
  return out + kHelpTail;
}

struct Options {
  std::string input;
  std::string output;  // empty: stdout
  std::string format;
  graph::Filter filter;
  std::vector<std::string> relations;  // as given; matched against the graph after loading
  bool depth_given = false;
  bool quiet = false;
  bool help = false;
};

Options parse(int argc, char** argv) {
  Options o;
  Args a(argc, argv, 2);
  while (!a.done()) {
    if (a.flag("-h") || a.flag("--help")) {
      o.help = true;
    } else if (a.flag("-o") || a.flag("--output")) {
      o.output = a.value("--output");
      if (o.output.empty()) throw UsageError{"--output: empty path"};
      if (o.output == "-") o.output.clear();
    } else if (a.flag("-f") || a.flag("--format")) {
      o.format = a.value("--format");
      if (!exporters::find_format(o.format))
        throw UsageError{"--format: unknown format \"" + o.format + "\"; formats: " + exporters::format_names()};
    } else if (a.flag("--min-weight")) {
      o.filter.min_weight = parse_count("--min-weight", a.value("--min-weight"));
    } else if (a.flag("--relation")) {
      for (std::string& r : split_list("--relation", a.value("--relation"))) o.relations.push_back(std::move(r));
    } else if (a.flag("--type")) {
      for (const ingest::EntityType t : parse_types(a.value("--type"))) o.filter.types.push_back(t);
    } else if (a.flag("--since")) {
      o.filter.since = a.value("--since");
      if (!is_iso_date(o.filter.since))
        throw UsageError{"--since: expected YYYY-MM-DD, got \"" + o.filter.since + "\""};
    } else if (a.flag("--until")) {
      o.filter.until = a.value("--until");
      if (!is_iso_date(o.filter.until))
        throw UsageError{"--until: expected YYYY-MM-DD, got \"" + o.filter.until + "\""};
    } else if (a.flag("--focus")) {
      o.filter.focus = a.value("--focus");
      if (o.filter.focus.empty()) throw UsageError{"--focus: empty name"};
    } else if (a.flag("--depth")) {
      o.filter.depth = static_cast<std::size_t>(parse_count("--depth", a.value("--depth")));
      o.depth_given = true;
    } else if (a.flag("--quiet") || a.flag("-q")) {
      o.quiet = true;
    } else if (a.peek().size() > 1 && a.peek()[0] == '-') {
      throw UsageError{"unknown option \"" + a.peek() + "\""};
    } else if (o.input.empty()) {
      o.input = a.next();
    } else {
      throw UsageError{"more than one graph file given (\"" + o.input + "\", \"" + a.peek() + "\")"};
    }
  }
  if (o.help) return o;
  if (o.input.empty()) throw UsageError{"no graph file given"};
  if (o.format.empty()) {
    if (o.output.empty())
      throw UsageError{"no format given; use --format (" + exporters::format_names() +
                       ") or -o with a known extension"};
    const exporters::Format* f = exporters::format_for_path(o.output);
    if (!f)
      throw UsageError{"cannot tell the format from \"" + o.output + "\"; use --format (" +
                       exporters::format_names() + ")"};
    o.format = std::string(f->name);
  }
  if (exporters::find_format(o.format)->directory && o.output.empty())
    throw UsageError{"--format " + o.format + " writes a directory; use -o DIR"};
  if (o.depth_given && o.filter.focus.empty()) throw UsageError{"--depth needs --focus"};
  if (!o.filter.since.empty() && !o.filter.until.empty() && o.filter.until < o.filter.since)
    throw UsageError{"--since " + o.filter.since + " is after --until " + o.filter.until};
  return o;
}

// ---------------------------------------------------------------------------------- output

std::string error_text(int error) { return std::strerror(error != 0 ? error : EIO); }

// Syncs a closed file's or directory's data to disk; best effort for directories.
int sync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_WRONLY) | O_CLOEXEC);
  if (fd < 0) return directory ? 0 : errno;
  int error = ::fsync(fd) == 0 || directory ? 0 : errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  return error;
}

/// A directory written atomically, like AtomicFile: files go into a temporary directory beside
/// the target, which replaces the target on commit() (an atomic exchange where the file system
/// has one). Without commit() the temporary directory is removed and the target is untouched.
class AtomicDirectory {
 public:
  explicit AtomicDirectory(std::string path) : path_(std::move(path)) {
    while (path_.size() > 1 && path_.back() == '/') path_.pop_back();
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0) {
      if (!S_ISDIR(st.st_mode)) fail("cannot create directory", ENOTDIR);
      replaces_ = true;
      check_replaceable();
    }
    static std::atomic<unsigned> counter{0};
    const fs::path target(path_);
    const std::string name = "." + target.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                             std::to_string(counter++);
    temp_ = (target.parent_path() / name).string();
    if (::mkdir(temp_.c_str(), 0777) != 0) {
      const int error = errno;
      temp_.clear();
      fail("cannot create directory", error);
    }
  }
  ~AtomicDirectory() {
    files_.clear();
    if (!temp_.empty()) {
      std::error_code ec;
      fs::remove_all(temp_, ec);
    }
  }
  AtomicDirectory(const AtomicDirectory&) = delete;
  AtomicDirectory& operator=(const AtomicDirectory&) = delete;

  /// Creates `name` inside the directory.
  std::ostream& open(const std::string& name) {
    const std::string path = temp_ + "/" + name;
    errno = 0;
    files_.push_back({path, std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc)});
    if (!files_.back().stream->is_open()) fail("cannot create file " + name, errno);
    return *files_.back().stream;
  }

  void commit() {
    // The errno of a write that failed earlier, read before closing any file resets it.
    std::list<int> failed;
    for (File& f : files_) failed.push_back(f.stream->good() ? 0 : errno != 0 ? errno : EIO);
    for (File& f : files_) {
      int error = failed.front();
      failed.pop_front();
      errno = 0;
      f.stream->close();
      if (error == 0 && f.stream->fail()) error = errno != 0 ? errno : EIO;
      if (error == 0) error = sync_path(f.path, false);
      if (error != 0) fail("cannot write " + fs::path(f.path).filename().string(), error, true);
    }
    sync_path(temp_, true);
    if (!replaces_) {
      if (std::rename(temp_.c_str(), path_.c_str()) != 0) fail("cannot write", errno, true);
    } else if (::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, path_.c_str(), RENAME_EXCHANGE) != 0) {
      // No atomic exchange here (an older kernel or some file systems): move the old
      // directory aside, the new one in, and put the old one back if that fails.
      const std::string old = temp_ + ".old";
      if (std::rename(path_.c_str(), old.c_str()) != 0) fail("cannot replace", errno, true);
      if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
        const int error = errno;
        std::rename(old.c_str(), path_.c_str());
        fail("cannot replace", error, true);
      }
      temp_ = old;
    }
    // temp_ now holds the previous export, if any; the destructor removes it.
    if (!replaces_) temp_.clear();
    std::string parent = fs::path(path_).parent_path().string();
    sync_path(parent.empty() ? "." : parent, true);
  }

 private:
  struct File {
    std::string path;
    std::unique_ptr<std::ofstream> stream;
  };

  [[noreturn]] void fail(const std::string& what, int error, bool kept = false) const {
    throw InputError({path_}, what + " (" + error_text(error) + ")",
                     kept && replaces_ ? "previous export left untouched" : "");
  }

  // Only a directory this command could have written is replaced: never a user's folder.
  void check_replaceable() const {
    static const std::set<std::string> ours = {"nodes.csv", "relationships.csv"};
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(path_, ec)) {
      if (!entry.is_regular_file() || ours.count(entry.path().filename().string()) == 0) {
        throw InputError({path_}, "directory holds other files (\"" + entry.path().filename().string() + "\")",
                         "give a new or empty directory, or one an earlier neo4j-csv export wrote");
      }
    }
    if (ec) fail("cannot read directory", ec.value());
  }

  std::string path_;
  std::string temp_;
  bool replaces_ = false;
  std::list<File> files_;
};

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

int cmd_export(int argc, char** argv) {
  Options opt = parse(argc, argv);
  if (opt.help) {
    std::cout << help();
    return kOk;
  }
  const exporters::Format& format = *exporters::find_format(opt.format);

  std::error_code ec;
  if (!opt.output.empty() && fs::exists(opt.output, ec) && fs::equivalent(opt.output, opt.input, ec))
    throw InputError({opt.output}, "is the graph file being exported", "choose another output path");

  // Created before the work starts, so an unwritable path fails at once.
  std::unique_ptr<AtomicFile> file;
  std::unique_ptr<AtomicDirectory> directory;
  if (!opt.output.empty() && format.directory) directory = std::make_unique<AtomicDirectory>(opt.output);
  else if (!opt.output.empty()) file = std::make_unique<AtomicFile>(opt.output);

  const graph::KnowledgeGraph& graph = load_graph_until_exit(opt.input);
  opt.filter.relations = match_relations(graph, opt.relations, "export", opt.input);
  const graph::Selection selection = graph::select(graph, opt.filter);

  if (directory) {
    format.write_files(graph, selection, [&](const std::string& name) -> std::ostream& { return directory->open(name); });
    directory->commit();
  } else if (file) {
    format.write(graph, selection, file->stream());
    file->commit();
  } else {
    format.write(graph, selection, std::cout);
    std::cout.flush();
    if (!std::cout) throw InputError({"<stdout>"}, "cannot write (" + error_text(errno) + ")");
  }

  const std::string where = opt.output.empty() ? "stdout" : opt.output;
  const graph::Filter& f = opt.filter;
  const bool filtered = f.min_weight > 0 || !f.relations.empty() || !f.types.empty() || !f.since.empty() ||
                        !f.until.empty() || !f.focus.empty();
  if (selection.edges.empty()) {
    // With --focus, the focus node is still written, alone.
    std::cerr << "silkgraph export: " << (filtered ? "nothing passes the filters" : "the graph has no edges")
              << (selection.nodes.empty() ? "; wrote an empty graph (0 nodes, 0 edges)"
                                          : "; wrote a graph without edges (" +
                                                plural(selection.nodes.size(), "node", "nodes") + ")")
              << " to " << where << '\n';
  } else if (!opt.quiet) {
    std::cerr << "silkgraph export: wrote " << plural(selection.nodes.size(), "node", "nodes") << " and "
              << plural(selection.edges.size(), "edge", "edges") << " (of " << graph.node_count() << " and "
              << graph.edge_count() << ") as " << format.name << " to " << where << '\n';
  }
  return kOk;
}

}  // namespace silkgraph::cli
