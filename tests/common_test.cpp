#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/json_tree.h"
#include "common/ordered_pipeline.h"
#include "common/utf8.h"

namespace fs = std::filesystem;
using silkgraph::AtomicFile;
using silkgraph::Diagnostics;
using silkgraph::InputError;
using silkgraph::SourcePos;

namespace {

// A fresh directory under the system temp dir, removed with everything in it.
struct ScratchDir {
  ScratchDir() {
    static std::atomic<unsigned> counter{0};
    path = fs::temp_directory_path() /
           ("silkgraph-common-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }

  fs::path path;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

// One string, so a failed check prints every line.
std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

}  // namespace

TEST_CASE("error: SourcePos prints only the known parts") {
  CHECK(SourcePos{"a.jsonl", 17, 212}.str() == "a.jsonl:17:212");
  CHECK(SourcePos{"a.jsonl", 17}.str() == "a.jsonl:17");
  CHECK(SourcePos{"a.jsonl"}.str() == "a.jsonl");
  CHECK(SourcePos{}.str() == "<input>");
  CHECK(SourcePos{"a.jsonl", 0, 5}.str() == "a.jsonl");
}

TEST_CASE("error: InputError message is pos, what, hint") {
  const InputError e({"graph.graphml"}, "cannot write (No space left on device)",
                     "previous file left untouched");
  CHECK(std::string(e.what()) ==
        "graph.graphml: cannot write (No space left on device); previous file left untouched");
  CHECK(e.pos().file == "graph.graphml");
  CHECK(std::string(InputError({"r.json", 8}, "unknown relation").what()) == "r.json:8: unknown relation");
}

TEST_CASE("error: Diagnostics counts warnings and skips and sends each line to the sink") {
  std::vector<std::string> lines;
  Diagnostics diagnostics([&](const std::string& line) { lines.push_back(line); });
  diagnostics.warn({"a.txt", 3}, "invalid UTF-8 (1 byte replaced by '?')");
  diagnostics.skip({"b.jsonl", 2, 7}, "malformed JSON (x); record skipped");
  diagnostics.skip({"c.bin"}, "binary file; skipped");
  CHECK(diagnostics.warnings() == 1);
  CHECK(diagnostics.skipped() == 2);
  CHECK(join(lines) == join({"a.txt:3: invalid UTF-8 (1 byte replaced by '?')",
                                          "b.jsonl:2:7: malformed JSON (x); record skipped",
                                          "c.bin: binary file; skipped"}));
}

TEST_CASE("utf8: sequence lengths and rejections") {
  using silkgraph::utf8::utf8_sequence_length;
  struct Case {
    const char* bytes;
    std::size_t length;
  };
  const Case cases[] = {
      {"A", 1},
      {"\xC3\xA9", 2},              // é
      {"\xE2\x82\xAC", 3},          // €
      {"\xF0\x9F\x98\x80", 4},      // U+1F600
      {"\xF4\x8F\xBF\xBF", 4},      // U+10FFFF, the last code point
      {"\xEF\xBB\xBF", 3},          // BOM is a valid character
      {"\x80", 0},                  // lone continuation byte
      {"\xC0\xAF", 0},              // overlong '/'
      {"\xC1\xBF", 0},              // overlong
      {"\xE0\x80\xAF", 0},          // overlong 3-byte
      {"\xF0\x80\x80\xAF", 0},      // overlong 4-byte
      {"\xED\xA0\x80", 0},          // surrogate U+D800
      {"\xED\xBF\xBF", 0},          // surrogate U+DFFF
      {"\xF4\x90\x80\x80", 0},      // U+110000
      {"\xF5\x80\x80\x80", 0},      // lead byte beyond Unicode
      {"\xFF", 0},
      {"\xE2\x82", 0},              // truncated at end
      {"\xE2\x82" "A", 0},          // truncated before ASCII
      {"\xC3" "A", 0},              // continuation missing
  };
  for (const Case& c : cases) {
    INFO(c.bytes);
    CHECK(utf8_sequence_length(c.bytes, 0) == c.length);
  }
  CHECK(utf8_sequence_length("ab", 2) == 0);  // past the end
  CHECK(utf8_sequence_length("a\xC3\xA9", 1) == 2);
}

TEST_CASE("utf8: is_valid_utf8") {
  using silkgraph::utf8::is_valid_utf8;
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ASCII"));
  CHECK(is_valid_utf8("Astana \xE2\x80\x94 Kassym-Jomart To\xC4\x9F"));
  CHECK(is_valid_utf8(std::string("nul\0byte", 8)));
  CHECK_FALSE(is_valid_utf8("caf\xE9"));  // Latin-1 é
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));
  CHECK_FALSE(is_valid_utf8("ends in \xF0\x9F\x98"));
}

TEST_CASE("atomic_file: commit writes the file and leaves no temporary") {
  ScratchDir dir;
  const std::string path = dir.file("out.graphml");
  {
    AtomicFile file(path);
    CHECK(file.path() == path);
    file.stream() << "<graphml/>\n";
    CHECK_FALSE(fs::exists(path));  // nothing visible before commit
    file.commit();
  }
  CHECK(slurp(path) == "<graphml/>\n");
  CHECK(join(names_in(dir.path)) == join({"out.graphml"}));
}

TEST_CASE("atomic_file: while writing, the temporary has no name in the directory") {
  // O_TMPFILE: a process killed now (even by SIGKILL) leaves nothing behind. /tmp supports
  // it on Linux; file systems that do not get a hidden .<name>.tmp.<pid>.<n> instead.
  ScratchDir dir;
  AtomicFile file(dir.file("g.csv"));
  file.stream() << std::string(1 << 20, 'x');
  file.stream().flush();
  CHECK(names_in(dir.path).empty());
  file.commit();
  CHECK(join(names_in(dir.path)) == join({"g.csv"}));
  CHECK(fs::file_size(dir.file("g.csv")) == (1u << 20));
}

TEST_CASE("atomic_file: without commit no file and no temporary are left") {
  ScratchDir dir;
  {
    AtomicFile file(dir.file("out.json"));
    file.stream() << "{\"half\":";
  }
  CHECK(names_in(dir.path).empty());
}

TEST_CASE("atomic_file: an existing file is untouched until commit, then replaced") {
  ScratchDir dir;
  const std::string path = dir.file("graph.json");
  std::ofstream(path) << "old";
  {
    AtomicFile file(path);
    file.stream() << "new content";
    file.stream().flush();
    CHECK(slurp(path) == "old");
  }
  CHECK(slurp(path) == "old");  // destroyed without commit
  {
    AtomicFile file(path);
    file.stream() << "new content";
    file.commit();
  }
  CHECK(slurp(path) == "new content");
  CHECK(join(names_in(dir.path)) == join({"graph.json"}));
}

TEST_CASE("atomic_file: a replaced file keeps its permissions") {
  ScratchDir dir;
  const std::string path = dir.file("script.sh");
  std::ofstream(path) << "old";
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::owner_exec);
  AtomicFile file(path);
  file.stream() << "new";
  file.commit();
  CHECK(fs::status(path).permissions() ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::owner_exec));
}

TEST_CASE("atomic_file: a missing directory is an InputError naming the path") {
  ScratchDir dir;
  const std::string path = dir.file("no/such/dir/out.csv");
  CHECK(message_of([&] { AtomicFile file(path); }) ==
        path + ": cannot create file (No such file or directory)");
}

TEST_CASE("atomic_file: a directory as target is an InputError") {
  ScratchDir dir;
  CHECK(message_of([&] { AtomicFile file(dir.path.string()); }) ==
        dir.path.string() + ": cannot create file (Is a directory)");
}

TEST_CASE("atomic_file: a read-only directory is an InputError") {
  ScratchDir dir;
  fs::create_directory(dir.path / "ro");
  fs::permissions(dir.path / "ro", fs::perms::owner_read | fs::perms::owner_exec);
  const std::string path = (dir.path / "ro" / "out.csv").string();
  if (::geteuid() == 0) {
    // root writes through permission bits; a file used as a directory fails for anyone.
    std::ofstream(dir.file("plain")) << "x";
    const std::string under_file = dir.file("plain/out.csv");
    CHECK(message_of([&] { AtomicFile file(under_file); }) ==
          under_file + ": cannot create file (Not a directory)");
  } else {
    CHECK(message_of([&] { AtomicFile file(path); }) ==
          path + ": cannot create file (Permission denied)");
  }
}

TEST_CASE("atomic_file: a full device fails at commit with the system's reason") {
  if (!fs::exists("/dev/full")) return;
  AtomicFile file("/dev/full");
  file.stream() << "data that has nowhere to go\n";
  CHECK(message_of([&] { file.commit(); }) ==
        "/dev/full: cannot write (No space left on device); previous file left untouched");
}

TEST_CASE("atomic_file: a full device fails even when the buffer overflowed before commit") {
  if (!fs::exists("/dev/full")) return;
  AtomicFile file("/dev/full");
  const std::string block(1 << 16, 'x');
  for (int i = 0; i < 8; ++i) file.stream() << block;
  CHECK(message_of([&] { file.commit(); }) ==
        "/dev/full: cannot write (No space left on device); previous file left untouched");
}

TEST_CASE("atomic_file: a character device is written directly") {
  if (!fs::exists("/dev/null")) return;
  AtomicFile file("/dev/null");
  file.stream() << "discarded";
  file.commit();
  CHECK(fs::is_character_file("/dev/null"));
}

TEST_CASE("utf8: is_valid_utf8 finds a bad byte wherever it sits in long ASCII runs") {
  using silkgraph::utf8::is_valid_utf8;
  const std::string ascii(40, 'a');
  for (std::size_t at = 0; at <= ascii.size(); ++at) {
    INFO("bad byte at " << at);
    std::string text = ascii;
    text.insert(at, "\xE9");
    CHECK_FALSE(is_valid_utf8(text));
    text = ascii;
    text.insert(at, "\xC3\xA9");  // é, well formed
    CHECK(is_valid_utf8(text));
  }
}

TEST_CASE("ordered_pipeline: items come out in order whatever the workers and their speed") {
  for (const unsigned workers : {1u, 2u, 3u, 8u}) {
    INFO("workers " << workers);
    std::size_t next = 0;
    std::vector<std::size_t> out;
    std::atomic<unsigned> worker_seen_max{0};
    struct Item {
      std::size_t n = 0, square = 0;
    };
    silkgraph::run_ordered<Item>(
        workers,
        [&](Item& item) {
          if (next == 500) return false;
          item.n = next++;
          return true;
        },
        [&](Item& item, unsigned w) {
          unsigned seen = worker_seen_max.load();
          while (w > seen && !worker_seen_max.compare_exchange_weak(seen, w)) {
          }
          // Uneven work, so later items often finish first.
          if (item.n % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
          item.square = item.n * item.n;
        },
        [&](Item& item) { out.push_back(item.square); });
    REQUIRE(out.size() == 500);
    for (std::size_t i = 0; i < out.size(); ++i) CHECK(out[i] == i * i);
    CHECK(worker_seen_max.load() < workers);
  }
}

TEST_CASE("ordered_pipeline: no more than `window` items are produced ahead of the consumer") {
  for (const std::size_t window : {std::size_t{1}, std::size_t{3}, std::size_t{40}}) {
    INFO("window " << window);
    std::atomic<std::size_t> produced{0};
    std::size_t consumed = 0, most_ahead = 0;
    silkgraph::run_ordered<int>(
        2,
        [&](int& item) {
          item = static_cast<int>(produced.load());
          return ++produced <= 300;
        },
        [&](int&, unsigned) {},
        [&](int&) {
          ++consumed;
          // The one being consumed counts as in flight: it is not yet handed back.
          const std::size_t made = std::min<std::size_t>(produced.load(), 300);
          most_ahead = std::max(most_ahead, made - consumed + 1);
          std::this_thread::sleep_for(std::chrono::microseconds(50));  // a slow consumer
        },
        window);
    CHECK(consumed == 300);
    CHECK(most_ahead <= window);
    if (window == 40) CHECK(most_ahead > 3);  // the producer did run ahead
  }
}

TEST_CASE("ordered_pipeline: the first exception of any stage stops it and comes back") {
  for (const int stage : {0, 1, 2}) {
    for (const unsigned workers : {1u, 4u}) {
      INFO("stage " << stage << ", workers " << workers);
      int next = 0, consumed = 0;
      auto run = [&] {
        silkgraph::run_ordered<int>(
            workers,
            [&](int& item) {
              if (stage == 0 && next == 50) throw std::runtime_error("produce failed");
              item = next++;
              return next <= 1000;
            },
            [&](int& item, unsigned) {
              if (stage == 1 && item == 50) throw std::runtime_error("work failed");
            },
            [&](int& item) {
              if (stage == 2 && item == 50) throw std::runtime_error("consume failed");
              ++consumed;
            });
      };
      CHECK_THROWS_WITH(run(), stage == 0   ? "produce failed"
                               : stage == 1 ? "work failed"
                                            : "consume failed");
      CHECK(consumed <= 50);
    }
  }
}

TEST_CASE("utf8: prefix never cuts a character") {
  using silkgraph::utf8::prefix;
  CHECK(prefix("short", 64) == "short");
  CHECK(prefix("abc\xC3\xA9", 4) == "abc");      // é would be cut: left out
  CHECK(prefix("abc\xC3\xA9", 5) == "abc\xC3\xA9");
  CHECK(prefix("\xE2\x80\x94\xE2\x80\x94", 4) == "\xE2\x80\x94");
  CHECK(prefix("\xF0\x9F\x98\x80", 3).empty());
}

TEST_CASE("json_tree: a multibyte sequence cut by the end of the text is an error, not a read past it") {
  // Fuzz finding (fuzz_rules): RapidJSON's UTF-8 check read the three continuation bytes a lead
  // byte 0xF1 announces past the end of the buffer. Run under ASan, this test caught it.
  const std::string text = "\n \"r" + std::string(120, '_') + "\xF1";
  std::string message;
  try {
    silkgraph::parse_json_tree(text, "rules.json");
  } catch (const InputError& e) {
    message = e.what();
  }
  CHECK(message.rfind("rules.json:2:", 0) == 0);
  CHECK(message == "rules.json:2:124: malformed JSON (Invalid encoding in string.); fix the rule file");
}

TEST_CASE("json_tree: deeply nested JSON is an error, not a stack overflow") {
  const std::string text = "{\"rules\": " + std::string(1000000, '[');
  std::string message;
  try {
    silkgraph::parse_json_tree(text, "rules.json");
  } catch (const InputError& e) {
    message = e.what();
  }
  CHECK(message.rfind("rules.json:1:", 0) == 0);
}
