#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/error.h"
#include "ingest/reader.h"

namespace fs = std::filesystem;
using silkgraph::Diagnostics;
using silkgraph::ingest::Document;
using silkgraph::ingest::DocumentReader;
using silkgraph::ingest::ReaderOptions;

namespace {

// A fresh directory under the system temp dir, removed with everything in it.
struct ScratchDir {
  ScratchDir() {
    static std::atomic<unsigned> counter{0};
    path = fs::temp_directory_path() /
           ("silkgraph-reader-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  // Writes `content` to `name` (creating parent folders) and returns the full path.
  std::string write(const std::string& name, const std::string& content) const {
    const fs::path file = path / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
  }

  fs::path path;
};

// Reads every document and collects every diagnostic line.
struct ReadAll {
  explicit ReadAll(std::vector<std::string> inputs, ReaderOptions options = {})
      : diagnostics([this](const std::string& line) { messages.push_back(line); }) {
    DocumentReader reader(std::move(inputs), diagnostics, std::move(options));
    bytes_total = reader.bytes_total();
    Document doc;
    while (reader.next(doc)) docs.push_back(doc);
    bytes_read = reader.bytes_read();
  }

  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const Document& d : docs) out.push_back(d.id);
    return out;
  }

  std::vector<std::string> messages;
  Diagnostics diagnostics;
  std::vector<Document> docs;
  std::uint64_t bytes_total = 0;
  std::uint64_t bytes_read = 0;
};

// One string, so a failed check prints every line.
std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

}  // namespace

TEST_CASE("reader: directories are walked recursively, sorted by path, hidden entries left out") {
  ScratchDir dir;
  dir.write("b.txt", "Bravo.\n");
  dir.write("a/z.txt", "Zulu.\n");
  dir.write("a/y/x.txt", "X-ray.\n");
  dir.write(".hidden/h.txt", "Hidden.\n");
  dir.write("a/.h.txt", "Hidden.\n");
  dir.write("c.jsonl", "{\"id\": \"c1\", \"text\": \"Charlie.\"}\n{\"id\": 2, \"text\": \"Two.\"}\n");

  ReadAll all({dir.path.string()});
  CHECK(all.messages.empty());
  CHECK(join(all.ids()) == join({"x", "z", "b", "c1", "2"}));
  CHECK(all.docs[0].source == (dir.path / "a/y/x.txt").string());
  CHECK(all.docs[0].source_line == 0);
  CHECK(all.docs[3].source_line == 1);
  CHECK(all.docs[4].source_line == 2);
  const std::uint64_t expected = 7 + 6 + 7 + fs::file_size(dir.path / "c.jsonl");
  CHECK(all.bytes_total == expected);
  CHECK(all.bytes_read == expected);
}

TEST_CASE("reader: a text file is one document named after the file, text kept byte for byte") {
  ScratchDir dir;
  const std::string text = "June 26, 2025\n\nAstana hosted the summit.\r\nIt ended late.";
  const std::string path = dir.write("summit.2025.txt", text);
  ReadAll all({path});
  REQUIRE(all.docs.size() == 1);
  const Document& doc = all.docs[0];
  CHECK(doc.id == "summit.2025");
  CHECK(doc.text == text);
  CHECK(doc.date == "2025-06-26");
  CHECK(doc.source == path);
  CHECK(doc.source_line == 0);
  CHECK(doc.title.empty());
  CHECK(all.messages.empty());
}

TEST_CASE("reader: the date comes from the first non-blank line only") {
  ScratchDir dir;
  const std::string dated = dir.write("dated.txt", "\n  \n  Thursday, June 26, 2025 \nBody.\n");
  const std::string later = dir.write("later.txt", "Body first.\n2025-06-26\n");
  const std::string none = dir.write("none.txt", "No date here.\n");
  ReadAll all({dated, later, none});
  REQUIRE(all.docs.size() == 3);
  CHECK(all.docs[0].date == "2025-06-26");
  CHECK(all.docs[1].date == std::nullopt);
  CHECK(all.docs[2].date == std::nullopt);
}

TEST_CASE("reader: --date fills in only documents without a date") {
  ScratchDir dir;
  const std::string dated = dir.write("dated.txt", "2024-02-29\nBody.\n");
  const std::string none = dir.write("none.txt", "No date here.\n");
  const std::string jsonl =
      dir.write("r.jsonl", "{\"id\":\"a\",\"text\":\"T\"}\n{\"id\":\"b\",\"text\":\"T\",\"date\":\"2023-01-02\"}\n");
  ReadAll all({dated, none, jsonl}, ReaderOptions{"2020-05-05"});
  REQUIRE(all.docs.size() == 4);
  CHECK(all.docs[0].date == "2024-02-29");
  CHECK(all.docs[1].date == "2020-05-05");
  CHECK(all.docs[2].date == "2020-05-05");
  CHECK(all.docs[3].date == "2023-01-02");
}

TEST_CASE("reader: parse_date_line accepts dateline formats") {
  using silkgraph::ingest::parse_date_line;
  struct Case {
    const char* line;
    const char* expected;  // "" for not a date line
  };
  const Case cases[] = {
      {"2025-06-26", "2025-06-26"},
      {"  2025-06-26\r", "2025-06-26"},
      {"2025-06-26T09:56:00Z", "2025-06-26"},
      {"2025-06-26T09:56:00.123+03:00", "2025-06-26"},
      {"2025-06-26 09:56", "2025-06-26"},
      {"06/26/2025", "2025-06-26"},
      {"06/26/2025, 09.56", "2025-06-26"},
      {"06/26/2025 09:56", "2025-06-26"},
      {"6/7/2025", "2025-06-07"},     // US order when both could be a month
      {"26/06/2025", "2025-06-26"},   // day first when the first cannot be a month
      {"June 26, 2025", "2025-06-26"},
      {"Jun 26, 2025", "2025-06-26"},
      {"Jun. 26, 2025", "2025-06-26"},
      {"june 26 2025", "2025-06-26"},
      {"Sept 1, 2025", "2025-09-01"},
      {"26 June 2025", "2025-06-26"},
      {"1st June 2025", "2025-06-01"},
      {"June 26th, 2025", "2025-06-26"},
      {"Thursday, June 26, 2025", "2025-06-26"},
      {"Thu, 26 Jun 2025", "2025-06-26"},
      {"June 26, 2025, 09:56", "2025-06-26"},
      {"June 26, 2025 9:56 AM", "2025-06-26"},
      {"June 26, 2025 9:56 p.m.", "2025-06-26"},
      {"26 June 2025 09.56", "2025-06-26"},
      {"June 26, 2025 GMT", "2025-06-26"},
      {"June 26, 2025 09:56 UTC", "2025-06-26"},
      {"June 26, 2025 09:56 (GMT+3)", "2025-06-26"},
      {"2024-02-29", "2024-02-29"},   // leap year
      {"2000-02-29", "2000-02-29"},   // divisible by 400
      // not dates, or not date lines
      {"", ""},
      {"   ", ""},
      {"2025-02-29", ""},             // not a leap year
      {"1900-02-29", ""},             // divisible by 100 only
      {"2025-13-01", ""},
      {"2025-04-31", ""},
      {"2025-00-10", ""},
      {"2025-6-26", ""},
      {"13/13/2025", ""},
      {"06/26/25", ""},
      {"June 31, 2025", ""},
      {"Juno 26, 2025", ""},
      {"June 26, 2025 was a hot day in Astana.", ""},
      {"On June 26, 2025 the summit opened.", ""},
      {"June 26, 2025 25:00", ""},
      {"June 26, 2025 09:61", ""},
      {"Astana, June 26", ""},
      {"2025", ""},
      {"Thursday", ""},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    const std::optional<std::string> date = parse_date_line(c.line);
    CHECK(date.value_or("") == c.expected);
  }
}

TEST_CASE("reader: JSONL records with id, text, date, title and url") {
  ScratchDir dir;
  const std::string path = dir.write(
      "news.jsonl",
      "{\"id\": \"a1\", \"text\": \"Astana hosted.\", \"date\": \"2025-06-26\", \"title\": \"T\", "
      "\"url\": \"https://x.example/a1\"}\n"
      "\n"
      "   \n"
      "{\"id\": 17, \"text\": \"Seventeen.\", \"date\": \"2025-06-26T09:56:00Z\"}\r\n"
      "{\"id\": \"a3\", \"text\": \"Null date.\", \"date\": null, \"title\": null}\n"
      "{\"text\": \"Id after text.\", \"id\": \"a4\", \"date\": \"June 26, 2025\", \"extra\": [1, 2]}");
  ReadAll all({path});
  CHECK(all.messages.empty());
  REQUIRE(all.docs.size() == 4);
  CHECK(all.docs[0].id == "a1");
  CHECK(all.docs[0].text == "Astana hosted.");
  CHECK(all.docs[0].date == "2025-06-26");
  CHECK(all.docs[0].title == "T");
  CHECK(all.docs[0].url == "https://x.example/a1");
  CHECK(all.docs[0].source == path);
  CHECK(all.docs[0].source_line == 1);
  CHECK(all.docs[1].id == "17");
  CHECK(all.docs[1].date == "2025-06-26");
  CHECK(all.docs[1].source_line == 4);
  CHECK(all.docs[2].date == std::nullopt);
  CHECK(all.docs[2].title.empty());
  CHECK(all.docs[3].id == "a4");
  CHECK(all.docs[3].date == "2025-06-26");
  CHECK(all.docs[3].source_line == 6);
  CHECK(all.bytes_read == fs::file_size(path));
  CHECK(all.bytes_total == fs::file_size(path));
}

TEST_CASE("reader: a malformed JSONL line is skipped with line and column, the rest is read") {
  ScratchDir dir;
  const std::string path = dir.write("news.jsonl",
                                     "{\"id\": \"a\", \"text\": \"One.\"}\n"
                                     "{\"id\": \"b\", \"text\": \"Two.\"\n"
                                     "{\"id\": \"c\" \"text\": \"Three.\"}\n"
                                     "[1, 2]\n"
                                     "{\"id\": \"e\", \"text\": \"Five.\"}\n");
  ReadAll all({path});
  // Line 2 is 26 bytes long, so the missing '}' is reported just past its end; on line 3,
  // column 12 is the quote that should have been a comma.
  CHECK(join(all.ids()) == join({"a", "e"}));
  CHECK(join(all.messages) ==
        join({
            path + ":2:27: malformed JSON (Missing a comma or '}' after an object member); record skipped",
            path + ":3:12: malformed JSON (Missing a comma or '}' after an object member); record skipped",
            path + ":4: record is not a JSON object; record skipped"}));
  CHECK(all.diagnostics.skipped() == 3);
  CHECK(all.diagnostics.warnings() == 0);
}

TEST_CASE("reader: JSONL records without text or id are skipped by name") {
  ScratchDir dir;
  const std::string path = dir.write("news.jsonl",
                                     "{\"id\": \"a\"}\n"
                                     "{\"id\": \"b\", \"text\": 5}\n"
                                     "{\"text\": \"No id.\"}\n"
                                     "{\"id\": [], \"text\": \"Bad id.\"}\n"
                                     "{\"id\": \"\", \"text\": \"Empty id.\"}\n"
                                     "{\"id\": \"f\", \"text\": \"  \"}\n"
                                     "{\"id\": \"g\", \"text\": \"Good.\"}\n");
  ReadAll all({path});
  CHECK(join(all.ids()) == join({"g"}));
  CHECK(join(all.messages) == join({
                            path + ":1: record has no \"text\" string; record skipped",
                            path + ":2: record has no \"text\" string; record skipped",
                            path + ":3: record has no \"id\" string or number; record skipped",
                            path + ":4: record has no \"id\" string or number; record skipped",
                            path + ":5: record has no \"id\" string or number; record skipped",
                            path + ":6: record has an empty \"text\"; record skipped"}));
}

TEST_CASE("reader: a JSONL date that cannot be read is a warning, and --date applies") {
  ScratchDir dir;
  const std::string path = dir.write("news.jsonl",
                                     "{\"id\": \"a\", \"text\": \"T.\", \"date\": \"last Tuesday\"}\n"
                                     "{\"id\": \"b\", \"text\": \"T.\", \"date\": 20250626}\n"
                                     "{\"id\": \"c\", \"text\": \"T.\", \"date\": \"2025-02-30\"}\n"
                                     "{\"id\": \"d\", \"text\": \"T.\", \"title\": 3}\n");
  ReadAll all({path}, ReaderOptions{"2020-01-01"});
  REQUIRE(all.docs.size() == 4);
  for (const Document& doc : all.docs) CHECK(doc.date == "2020-01-01");
  CHECK(join(all.messages) ==
        join({
            path + ":1: unrecognised \"date\" \"last Tuesday\"; expected YYYY-MM-DD, record kept without it",
            path + ":2: \"date\" is not a string; expected YYYY-MM-DD, record kept without it",
            path + ":3: unrecognised \"date\" \"2025-02-30\"; expected YYYY-MM-DD, record kept without it",
            path + ":4: \"title\" is not a string; ignored"}));
  CHECK(all.diagnostics.warnings() == 4);
  CHECK(all.diagnostics.skipped() == 0);
}

TEST_CASE("reader: invalid UTF-8 inside JSONL strings is replaced, the record kept") {
  ScratchDir dir;
  const std::string path = dir.write("news.jsonl",
                                     "{\"id\": \"a\", \"text\": \"caf\xE9 au lait\"}\n"
                                     "{\"id\": \"b\", \"text\": \"Fine.\"}\n"
                                     "{\"id\": \"c\xFF\", \"title\": \"\xC3\", \"text\": \"Ok.\"}\n"
                                     "{\"id\": \"d\", \"text\": \"Ok.\"}\xFF\n");
  ReadAll all({path});
  CHECK(join(all.ids()) == join({"a", "b", "c?"}));
  REQUIRE(all.docs.size() == 3);
  CHECK(all.docs[0].text == "caf? au lait");
  CHECK(all.docs[2].title == "?");
  // Bytes outside strings are still malformed JSON.
  CHECK(join(all.messages) == join({path + ":1: invalid UTF-8 (1 byte replaced by '?')",
                                    path + ":3: invalid UTF-8 (2 bytes replaced by '?')",
                                    path + ":4:27: malformed JSON (The document root must not be "
                                           "followed by other values); record skipped"}));
}

TEST_CASE("reader: a JSONL escape that decodes to a lone surrogate is repaired") {
  ScratchDir dir;
  const std::string path = dir.write("news.jsonl", "{\"id\": \"a\", \"text\": \"x\\udc00y\"}\n");
  ReadAll all({path});
  REQUIRE(all.docs.size() == 1);
  CHECK(all.docs[0].text == "x???y");
  CHECK(join(all.messages) == join({path + ":1: invalid UTF-8 (3 bytes replaced by '?')"}));
}

TEST_CASE("reader: a BOM is stripped from JSONL lines and blanked in text files") {
  ScratchDir dir;
  const std::string jsonl = dir.write("b.jsonl", "\xEF\xBB\xBF{\"id\": \"a\", \"text\": \"T.\"}\n"
                                                 "\xEF\xBB\xBF{\"id\": \"b\" \"text\": \"T.\"}\n");
  const std::string txt = dir.write("bom.txt", "\xEF\xBB\xBF" "2025-06-26\nBody.\n");
  ReadAll all({jsonl, txt});
  REQUIRE(all.docs.size() == 2);
  CHECK(all.docs[0].id == "a");
  CHECK(all.docs[1].text == "   2025-06-26\nBody.\n");
  CHECK(all.docs[1].date == "2025-06-26");
  // The column counts the BOM's bytes: it is a column in the file.
  CHECK(join(all.messages) == join({
                            jsonl + ":2:15: malformed JSON (Missing a comma or '}' after an object member); record skipped"}));
}

TEST_CASE("reader: invalid UTF-8 in a text file becomes '?' with offsets kept and a warning") {
  ScratchDir dir;
  const std::string path = dir.write("latin1.txt", "First line.\nCaf\xE9 and cr\xE8me.\nTruncated \xE2\x82");
  ReadAll all({path});
  REQUIRE(all.docs.size() == 1);
  CHECK(all.docs[0].text == "First line.\nCaf? and cr?me.\nTruncated ??");
  CHECK(join(all.messages) == join({path + ":2: invalid UTF-8 (4 bytes replaced by '?')"}));
  CHECK(all.diagnostics.warnings() == 1);
  CHECK(all.diagnostics.skipped() == 0);
}

TEST_CASE("reader: repair_utf8 reports count and first offset") {
  using silkgraph::ingest::repair_utf8;
  std::string ok = "Tokayev \xE2\x80\x94 Astana";
  const auto none = repair_utf8(ok);
  CHECK(none.replaced == 0);
  CHECK(ok == "Tokayev \xE2\x80\x94 Astana");

  std::string bad = "ab\xC0\xAF" "c\xED\xA0\x80";
  const auto fixed = repair_utf8(bad);
  CHECK(fixed.replaced == 5);
  CHECK(fixed.first_offset == 2);
  CHECK(bad == "ab??c???");
}

TEST_CASE("reader: looks_binary") {
  using silkgraph::ingest::looks_binary;
  CHECK_FALSE(looks_binary(""));
  CHECK_FALSE(looks_binary("Plain text.\n\tTabbed.\r\n\f"));
  CHECK(looks_binary(std::string("PK\x03\x04\0\0", 6)));
  CHECK(looks_binary(std::string("text with one \0 NUL", 19)));
  CHECK(looks_binary("\x01\x02\x03\x04 ab"));
  CHECK_FALSE(looks_binary("a\x1B[0m plain text that is mostly printable"));  // one escape in many
  // Only the first 8 KB are looked at.
  CHECK_FALSE(looks_binary(std::string(8192, 'a') + std::string(100, '\0')));
}

TEST_CASE("reader: binary and empty files are skipped and the next input is read") {
  ScratchDir dir;
  const std::string binary = dir.write("image.png", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
  const std::string empty = dir.write("empty.txt", "");
  const std::string blank = dir.write("blank.txt", " \n\t\r\n");
  const std::string good = dir.write("good.txt", "Good.\n");
  ReadAll all({binary, empty, blank, good});
  CHECK(join(all.ids()) == join({"good"}));
  CHECK(join(all.messages) == join({binary + ": binary file; skipped",
                                                 empty + ": empty file; skipped",
                                                 blank + ": empty file; skipped"}));
  CHECK(all.diagnostics.skipped() == 3);
}

TEST_CASE("reader: a missing path is skipped in input order") {
  ScratchDir dir;
  const std::string first = dir.write("first.txt", "First.\n");
  const std::string missing = (dir.path / "missing.txt").string();
  const std::string missing_jsonl = (dir.path / "missing.jsonl").string();
  const std::string last = dir.write("last.txt", "Last.\n");
  std::vector<std::string> seen;
  Diagnostics diagnostics([&](const std::string& line) { seen.push_back(line); });
  DocumentReader reader({first, missing, missing_jsonl, last}, diagnostics);
  CHECK(reader.bytes_total() == 13);
  Document doc;
  REQUIRE(reader.next(doc));
  CHECK(doc.id == "first");
  CHECK(seen.empty());  // reported when reached, not up front
  REQUIRE(reader.next(doc));
  CHECK(doc.id == "last");
  CHECK_FALSE(reader.next(doc));
  CHECK_FALSE(reader.next(doc));  // stays exhausted
  CHECK(join(seen) == join({missing + ": cannot open (No such file or directory); skipped",
                                         missing_jsonl + ": cannot open (No such file or directory); skipped"}));
  CHECK(diagnostics.skipped() == 2);
  CHECK(reader.bytes_read() == 13);
}

TEST_CASE("reader: a 50 MB single-line text file is read whole") {
  ScratchDir dir;
  const std::size_t size = 50u << 20;
  const std::string path = (dir.path / "huge.txt").string();
  {
    std::ofstream out(path, std::ios::binary);
    const std::string block = std::string(1023, 'a') + ' ';
    for (std::size_t written = 0; written < size; written += block.size()) out << block;
  }
  ReadAll all({path});
  REQUIRE(all.docs.size() == 1);
  CHECK(all.docs[0].text.size() == size);
  CHECK(all.docs[0].text.find('\n') == std::string::npos);
  CHECK(all.bytes_read == size);
  CHECK(all.messages.empty());
}

TEST_CASE("reader: a 50 MB single JSONL line is read whole") {
  ScratchDir dir;
  const std::size_t text_size = 50u << 20;
  const std::string path = (dir.path / "huge.jsonl").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\"id\": \"big\", \"text\": \"" << std::string(text_size, 'a') << "\"}\n";
    out << "{\"id\": \"small\", \"text\": \"b\"}\n";
  }
  ReadAll all({path});
  REQUIRE(all.docs.size() == 2);
  CHECK(all.docs[0].text.size() == text_size);
  CHECK(all.docs[1].source_line == 2);
  CHECK(all.messages.empty());
}

TEST_CASE("reader: a text file of a BOM and white space is empty, not a crash (fuzz finding)") {
  // fuzz_text: EF BB BF 0D. The BOM was blanked after the emptiness check, so the first line
  // was looked for in a file of spaces only, past its end.
  ScratchDir dir;
  const std::string bom_cr = dir.write("bom-cr.txt", "\xEF\xBB\xBF\r");
  const std::string bom_lines = dir.write("bom-lines.txt", "\xEF\xBB\xBF \n\t\n");
  const std::string fine = dir.write("fine.txt", "\xEF\xBB\xBFKazakhstan signed a deal.\n");
  ReadAll all({bom_cr, bom_lines, fine});
  CHECK(join(all.ids()) == join({"fine"}));
  CHECK(join(all.messages) == join({bom_cr + ": empty file; skipped",
                                    bom_lines + ": empty file; skipped"}));
}

TEST_CASE("reader: a JSONL record with deeply nested values is read, not a stack overflow") {
  ScratchDir dir;
  const std::string path = dir.write(
      "deep.jsonl", "{\"id\": \"a\", \"text\": \"Fine.\", \"extra\": " + std::string(1000000, '[') +
                        std::string(1000000, ']') + "}\n{\"id\": \"b\", \"text\": \"Also fine.\"}\n");
  ReadAll all({path});
  CHECK(join(all.ids()) == join({"a", "b"}));
  CHECK(all.messages.empty());
}
