#include "ingest/reader.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <tuple>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "common/utf8.h"

namespace silkgraph::ingest {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kBinaryProbeBytes = 8192;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}

std::string error_text(int error) { return std::strerror(error != 0 ? error : EIO); }

// ---- dates -------------------------------------------------------------------------------

struct Ymd {
  int year = 0;
  int month = 0;
  int day = 0;
};

bool valid_ymd(const Ymd& d) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.year < 1000 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1) return false;
  const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  const int days = kDays[static_cast<std::size_t>(d.month - 1)] + (d.month == 2 && leap ? 1 : 0);
  return d.day <= days;
}

// Only called on a valid_ymd date, so every field has its fixed width.
std::string iso(const Ymd& d) {
  std::string out = "0000-00-00";
  const auto put = [&out](std::size_t end, int value) {
    for (std::size_t i = end; value > 0; value /= 10) out[--i] = static_cast<char>('0' + value % 10);
  };
  put(4, d.year);
  put(7, d.month);
  put(10, d.day);
  return out;
}

// English only: the reader recognises dateline formats, it does not localise.
int month_number(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    if (iequals(word, kMonths[m]) || iequals(word, kMonths[m].substr(0, 3))) {
      return static_cast<int>(m) + 1;
    }
  }
  return iequals(word, "sept") ? 9 : 0;
}

bool is_weekday(std::string_view word) {
  static constexpr std::array<std::string_view, 7> kDays = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (std::string_view day : kDays) {
    if (iequals(word, day) || iequals(word, day.substr(0, 3))) return true;
  }
  return false;
}

// A read position in one line; every parse step either consumes what it matched or fails.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}

  bool done() const { return i_ == s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  std::size_t pos() const { return i_; }
  void reset(std::size_t pos) { i_ = pos; }

  bool skip_spaces() {
    const std::size_t start = i_;
    while (!done() && is_space(s_[i_])) ++i_;
    return i_ > start;
  }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  // 1 to max_digits digits (exactly max_digits when `exact`) as a number, or -1.
  int number(std::size_t max_digits, bool exact = false) {
    const std::size_t start = i_;
    int value = 0;
    while (!done() && is_digit(s_[i_]) && i_ - start < max_digits) value = value * 10 + (s_[i_++] - '0');
    const std::size_t digits = i_ - start;
    if (digits == 0 || (exact && digits != max_digits) || (!done() && is_digit(s_[i_]))) {
      i_ = start;
      return -1;
    }
    return value;
  }
  std::string_view word() {
    const std::size_t start = i_;
    while (!done() && is_alpha(s_[i_])) ++i_;
    return s_.substr(start, i_ - start);
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

// "09:56", "9:56:07", "09.56"; with `dot_ok` false only ':' separates.
bool parse_clock(Cursor& c, bool dot_ok) {
  const std::size_t start = c.pos();
  const int hour = c.number(2);
  const bool sep = c.eat(':') || (dot_ok && c.eat('.'));
  const int minute = sep ? c.number(2, true) : -1;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    c.reset(start);
    return false;
  }
  if (c.eat(':')) {
    const int second = c.number(2, true);
    if (second < 0 || second > 60) {
      c.reset(start);
      return false;
    }
  }
  return true;
}

// "Z", "+03:00", "-0500", "+3".
bool parse_offset(Cursor& c) {
  if (c.eat('Z')) return true;
  const std::size_t start = c.pos();
  if (!c.eat('+') && !c.eat('-')) return false;
  const int hours = c.number(2);
  if (hours < 0 || hours > 14) {
    c.reset(start);
    return false;
  }
  const std::size_t after_hours = c.pos();
  c.eat(':');
  const int minutes = c.number(2, true);
  if (minutes < 0 || minutes > 59) c.reset(after_hours);
  return true;
}

// After an ISO date: "T09:56", "T09:56:07.123Z", "T09:56+03:00".
bool parse_iso_time_tail(Cursor& c) {
  if (!c.eat('T') && !c.eat('t')) return false;
  if (!parse_clock(c, false)) return false;
  if (c.eat('.') && c.number(9) < 0) return false;
  parse_offset(c);
  return c.done();
}

// What may follow a date on a dateline: nothing, or ", 09:56", " 9:56 AM", " 09.56 GMT",
// " UTC", " 09:56 (GMT+3)".
bool parse_time_tail(Cursor& c) {
  c.skip_spaces();
  if (c.done()) return true;
  if (c.eat(',')) c.skip_spaces();
  if (is_digit(c.peek())) {
    if (!parse_clock(c, true)) return false;
    const std::size_t before_ampm = c.pos();
    c.skip_spaces();
    const std::size_t word_start = c.pos();
    const std::string_view ampm = c.word();
    bool ampm_dotted = false;
    if ((iequals(ampm, "a") || iequals(ampm, "p")) && c.eat('.')) {
      const std::string_view m = c.word();
      ampm_dotted = iequals(m, "m") && c.eat('.');
    }
    if (!(iequals(ampm, "am") || iequals(ampm, "pm") || ampm_dotted)) c.reset(word_start);
    if (c.pos() == word_start) c.reset(before_ampm);
  }
  c.skip_spaces();
  const bool paren = c.eat('(');
  const std::string_view zone = c.word();
  if (!zone.empty()) {
    // Zone abbreviations are short and upper case (GMT, UTC, CEST); this keeps prose out.
    if (zone.size() < 2 || zone.size() > 5) return false;
    for (char ch : zone) {
      if (ch < 'A' || ch > 'Z') return false;
    }
    parse_offset(c);
  } else if (paren) {
    return false;
  }
  if (paren && !c.eat(')')) return false;
  c.skip_spaces();
  return c.done();
}

// "2025-06-26", unchecked.
std::optional<Ymd> parse_iso_date(Cursor& c) {
  Ymd d;
  d.year = c.number(4, true);
  if (d.year < 0 || !c.eat('-')) return std::nullopt;
  d.month = c.number(2, true);
  if (d.month < 0 || !c.eat('-')) return std::nullopt;
  d.day = c.number(2, true);
  if (d.day < 0) return std::nullopt;
  return d;
}

// "2025-06-26", then "T..." or the usual time tail.
std::optional<Ymd> parse_iso(Cursor& c) {
  const std::optional<Ymd> d = parse_iso_date(c);
  if (!d) return std::nullopt;
  const std::size_t after_date = c.pos();
  if (parse_iso_time_tail(c)) return d;
  c.reset(after_date);
  if (parse_time_tail(c)) return d;
  return std::nullopt;
}

// "06/26/2025" (US order); "26/06/2025" when only day/month order makes sense.
std::optional<Ymd> parse_slashed(Cursor& c) {
  const int first = c.number(2);
  if (first < 0 || !c.eat('/')) return std::nullopt;
  const int second = c.number(2);
  if (second < 0 || !c.eat('/')) return std::nullopt;
  Ymd d;
  d.year = c.number(4, true);
  if (d.year < 0) return std::nullopt;
  d.month = first;
  d.day = second;
  if (first > 12 && second <= 12) std::swap(d.month, d.day);
  if (!parse_time_tail(c)) return std::nullopt;
  return d;
}

// "26th", "1st": the suffix after a day number.
void skip_ordinal(Cursor& c) {
  const std::size_t start = c.pos();
  const std::string_view suffix = c.word();
  if (!(iequals(suffix, "st") || iequals(suffix, "nd") || iequals(suffix, "rd") ||
        iequals(suffix, "th"))) {
    c.reset(start);
  }
}

// "Thursday, June 26, 2025", "Jun. 26 2025", "26 June 2025", each with an optional time tail.
std::optional<Ymd> parse_named(Cursor& c) {
  const std::size_t start = c.pos();
  const std::string_view weekday = c.word();
  if (!weekday.empty() && is_weekday(weekday)) {
    c.eat('.');
    c.eat(',');
    if (!c.skip_spaces()) return std::nullopt;
  } else {
    c.reset(start);
  }

  Ymd d;
  if (is_digit(c.peek())) {  // "26 June 2025"
    d.day = c.number(2);
    skip_ordinal(c);
    if (!c.skip_spaces()) return std::nullopt;
    d.month = month_number(c.word());
    c.eat('.');
    c.eat(',');
  } else {  // "June 26, 2025"
    d.month = month_number(c.word());
    c.eat('.');
    if (!c.skip_spaces()) return std::nullopt;
    d.day = c.number(2);
    skip_ordinal(c);
    c.eat(',');
  }
  if (d.month == 0 || d.day < 0 || !c.skip_spaces()) return std::nullopt;
  d.year = c.number(4, true);
  if (d.year < 0 || !parse_time_tail(c)) return std::nullopt;
  return d;
}

// "2025-06-26" at the start of a JSONL "date" string ("2025-06-26T09:56:00Z").
std::optional<std::string> iso_date_prefix(std::string_view s) {
  Cursor c(s.substr(0, 10));
  const std::optional<Ymd> d = parse_iso_date(c);
  if (!d || !valid_ymd(*d)) return std::nullopt;
  return iso(*d);
}

// ---- inputs ------------------------------------------------------------------------------

bool is_jsonl_path(const std::string& path) {
  const std::string ext = fs::path(path).extension().string();
  return iequals(ext, ".jsonl") || iequals(ext, ".ndjson");
}

// One file to read, in order; problems found while listing are reported when it is reached,
// so messages and documents come out in input order.
struct Input {
  std::string path;  // "-" for stdin
  std::string error;  // non-empty: report and skip
};

// Article files under `dir` (.txt, .text, .jsonl, .ndjson or no extension), recursively,
// sorted by path; hidden entries are left out.
void list_directory(const std::string& dir, std::vector<Input>& out, std::uint64_t& bytes) {
  std::vector<std::string> files;
  std::vector<Input> errors;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec);
  if (ec) {
    out.push_back({dir, "cannot open (" + ec.message() + "); skipped"});
    return;
  }
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      errors.push_back({dir, "cannot list (" + ec.message() + "); skipped"});
      break;
    }
    const fs::path& path = it->path();
    if (path.filename().string().rfind('.', 0) == 0) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    // Inside a directory only article files are read (README.md, images and the like are
    // not articles); a file named on the command line is read whatever its extension.
    const std::string ext = path.extension().string();
    if (!ext.empty() && ext != ".txt" && ext != ".text" && ext != ".jsonl" && ext != ".ndjson")
      continue;
    files.push_back(path.string());
  }
  std::sort(files.begin(), files.end());
  for (std::string& file : files) {
    std::error_code size_ec;
    const std::uintmax_t size = fs::file_size(file, size_ec);
    if (!size_ec) bytes += size;
    out.push_back({std::move(file), {}});
  }
  out.insert(out.end(), errors.begin(), errors.end());
}

// Reads what is left of `in`; one read of `size_hint` bytes, then whatever follows.
bool read_all(std::istream& in, std::string& out, std::uint64_t size_hint) {
  out.clear();
  if (size_hint > 0) {
    out.resize(static_cast<std::size_t>(size_hint));
    in.read(out.data(), static_cast<std::streamsize>(out.size()));
    out.resize(static_cast<std::size_t>(in.gcount()));
  }
  std::array<char, 65536> chunk;
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    out.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  return !in.bad();
}

std::string quote_short(std::string_view s) {
  constexpr std::size_t kMax = 40;
  if (s.size() <= kMax) return "\"" + std::string(s) + "\"";
  return "\"" + std::string(utf8::prefix(s, kMax)) + "...\"";
}

// The top-level members of a JSONL record that parse_record reads, collected while parsing
// (no DOM is built). A member is the first one of its name, as a DOM lookup would find it.
class RecordFields : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, RecordFields> {
 public:
  enum Name { kText, kId, kTitle, kUrl, kDate, kNames };
  struct Member {
    enum Kind { Absent, Null, String, Number, Other };
    Kind kind = Absent;
    std::string string;
    rapidjson::Value number;  // as the DOM holds it, so it prints the same
  };

  void reset() {
    depth_ = 0;
    root_object_ = false;
    next_ = -1;
    for (Member& m : members_) m.kind = Member::Absent;
  }
  bool root_object() const { return root_object_; }
  Member& operator[](Name name) { return members_[name]; }

  bool Null() { return scalar(Member::Null); }
  bool Bool(bool) { return scalar(Member::Other); }
  bool Int(int i) { return number(rapidjson::Value(i)); }
  bool Uint(unsigned u) { return number(rapidjson::Value(u)); }
  bool Int64(std::int64_t i) { return number(rapidjson::Value(i)); }
  bool Uint64(std::uint64_t u) { return number(rapidjson::Value(u)); }
  bool Double(double d) { return number(rapidjson::Value(d)); }
  bool String(const char* str, rapidjson::SizeType length, bool) {
    if (Member* m = take()) {
      m->kind = Member::String;
      m->string.assign(str, length);
    }
    return true;
  }
  bool StartObject() {
    if (depth_ == 0) root_object_ = true;
    return start();
  }
  bool StartArray() { return start(); }
  bool EndObject(rapidjson::SizeType) { return end(); }
  bool EndArray(rapidjson::SizeType) { return end(); }
  bool Key(const char* str, rapidjson::SizeType length, bool) {
    next_ = -1;
    if (depth_ != 1) return true;
    static constexpr std::string_view kKeys[kNames] = {"text", "id", "title", "url", "date"};
    const std::string_view key(str, length);
    for (int k = 0; k < kNames; ++k) {
      if (key != kKeys[k]) continue;
      if (members_[k].kind == Member::Absent) next_ = k;  // later duplicates are not looked up
      break;
    }
    return true;
  }

 private:
  // The member whose value this is, if any; each value at depth 1 ends the pending member.
  Member* take() {
    if (depth_ != 1 || next_ < 0) return nullptr;
    Member* m = &members_[next_];
    next_ = -1;
    return m;
  }
  bool scalar(Member::Kind kind) {
    if (Member* m = take()) m->kind = kind;
    return true;
  }
  bool number(rapidjson::Value value) {
    if (Member* m = take()) {
      m->kind = Member::Number;
      m->number = std::move(value);
    }
    return true;
  }
  bool start() {
    scalar(Member::Other);
    ++depth_;
    return true;
  }
  bool end() {
    --depth_;
    return true;
  }

  int depth_ = 0;
  bool root_object_ = false;
  int next_ = -1;
  Member members_[kNames];
};

}  // namespace

// ---- public helpers ----------------------------------------------------------------------

std::optional<std::string> parse_date_line(std::string_view line) {
  line = trim(line);
  if (line.empty() || line.size() > 80) return std::nullopt;
  using Parser = std::optional<Ymd> (*)(Cursor&);
  for (Parser parse : {Parser{parse_iso}, Parser{parse_slashed}, Parser{parse_named}}) {
    Cursor c(line);
    const std::optional<Ymd> date = parse(c);
    if (date && valid_ymd(*date)) return iso(*date);
  }
  return std::nullopt;
}

Utf8Repair repair_utf8(std::string& text) {
  Utf8Repair repair;
  std::size_t i = 0;
  const std::string_view view(text);
  while (i < text.size()) {
    if (i + 8 <= text.size()) {  // eight ASCII bytes at a time
      std::uint64_t bytes;
      std::memcpy(&bytes, text.data() + i, 8);
      if ((bytes & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8::utf8_sequence_length(view, i);
    if (length > 0) {
      i += length;
      continue;
    }
    if (repair.replaced == 0) repair.first_offset = i;
    ++repair.replaced;
    text[i++] = '?';
  }
  return repair;
}

bool looks_binary(std::string_view head) {
  head = head.substr(0, kBinaryProbeBytes);
  std::size_t control = 0;
  for (char ch : head) {
    const auto b = static_cast<unsigned char>(ch);
    if (b == 0) return true;
    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') ++control;
  }
  return control * 10 > head.size();
}

// ---- DocumentReader ----------------------------------------------------------------------

struct DocumentReader::Impl {
  Impl(Diagnostics& d, ReaderOptions o) : diagnostics(d), options(std::move(o)) {}

  bool next(Document& out);
  bool read_whole(const std::string& path, Document& out);
  bool next_record(Document& out);
  bool parse_record(Document& out);
  void repair(Document& doc, const SourcePos& pos);

  Diagnostics& diagnostics;
  ReaderOptions options;
  std::vector<Input> inputs;
  std::size_t next_input = 0;
  std::uint64_t bytes_total = 0;
  std::uint64_t bytes_read = 0;

  // The JSONL file being streamed, if any.
  std::ifstream jsonl;
  std::string jsonl_path;
  std::size_t jsonl_line = 0;
  std::string line;
  std::string text;
  // Kept from record to record, so parsing a line allocates nothing once warm.
  rapidjson::Reader json_reader;
  RecordFields fields;
};

bool DocumentReader::Impl::next(Document& out) {
  while (true) {
    if (jsonl.is_open()) {
      if (next_record(out)) return true;
      jsonl.close();
      continue;
    }
    if (next_input == inputs.size()) return false;
    const Input& input = inputs[next_input++];
    if (!input.error.empty()) {
      diagnostics.skip({input.path}, input.error);
      continue;
    }
    if (input.path != "-" && is_jsonl_path(input.path)) {
      errno = 0;
      jsonl.open(input.path, std::ios::binary);
      if (!jsonl.is_open()) {
        diagnostics.skip({input.path}, "cannot open (" + error_text(errno) + "); skipped");
        continue;
      }
      jsonl_path = input.path;
      jsonl_line = 0;
      continue;
    }
    if (read_whole(input.path, out)) return true;
  }
}

bool DocumentReader::Impl::read_whole(const std::string& path, Document& out) {
  const bool is_stdin = path == "-";
  const std::string shown = is_stdin ? std::string("<stdin>") : path;
  if (is_stdin) {
    if (!read_all(std::cin, text, 0)) {
      diagnostics.skip({shown}, "cannot read (" + error_text(errno) + "); skipped");
      return false;
    }
  } else {
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in.is_open()) {
      diagnostics.skip({path}, "cannot open (" + error_text(errno) + "); skipped");
      return false;
    }
    std::error_code ec;
    std::uint64_t size = fs::is_regular_file(path, ec) ? fs::file_size(path, ec) : 0;
    if (ec) size = 0;  // a pipe or device: read until it ends
    errno = 0;
    if (!read_all(in, text, size)) {
      diagnostics.skip({path}, "cannot read (" + error_text(errno) + "); skipped");
      return false;
    }
  }
  bytes_read += text.size();

  // Spaces, not removal: every byte offset downstream stays an offset into the file. Before
  // the emptiness check, so that a BOM and white space is an empty file.
  if (text.compare(0, kBom.size(), kBom) == 0) text.replace(0, kBom.size(), "   ");
  if (trim(text).empty()) {
    diagnostics.skip({shown}, "empty file; skipped");
    return false;
  }
  if (looks_binary(text)) {
    diagnostics.skip({shown}, "binary file; skipped");
    return false;
  }

  out = Document{};
  out.text = std::move(text);
  text = std::string();
  out.id = is_stdin ? std::string("stdin") : fs::path(path).stem().string();
  out.source = path;
  repair(out, {shown});

  const std::size_t start = out.text.find_first_not_of(" \t\r\n\f\v");
  const std::size_t end = out.text.find('\n', start);
  out.date = parse_date_line(std::string_view(out.text).substr(start, end - start));
  if (!out.date) out.date = options.default_date;
  return true;
}

void DocumentReader::Impl::repair(Document& doc, const SourcePos& pos) {
  Utf8Repair fixed = repair_utf8(doc.text);
  // The id (a JSONL string, or a file name) and the other fields are written out too.
  for (std::string* field : {&doc.id, &doc.title, &doc.url}) fixed.replaced += repair_utf8(*field).replaced;
  if (fixed.replaced == 0) return;
  SourcePos at = pos;
  if (at.line == 0) {
    at.line = 1 + static_cast<std::size_t>(
                      std::count(doc.text.begin(), doc.text.begin() + static_cast<std::ptrdiff_t>(
                                                                          fixed.first_offset),
                                 '\n'));
  }
  diagnostics.warn(at, "invalid UTF-8 (" + std::to_string(fixed.replaced) +
                           (fixed.replaced == 1 ? " byte" : " bytes") + " replaced by '?')");
}

bool DocumentReader::Impl::next_record(Document& out) {
  while (std::getline(jsonl, line)) {
    ++jsonl_line;
    bytes_read += line.size() + (jsonl.eof() ? 0 : 1);
    if (parse_record(out)) return true;
  }
  if (jsonl.bad()) {
    diagnostics.skip({jsonl_path, jsonl_line + 1},
                     "cannot read (" + error_text(errno) + "); rest of file skipped");
  }
  return false;
}

bool DocumentReader::Impl::parse_record(Document& out) {
  std::size_t skipped_prefix = 0;
  // A BOM may start any line: JSONL files are often concatenated.
  if (line.compare(0, kBom.size(), kBom) == 0) skipped_prefix = kBom.size();
  const std::string_view json = std::string_view(line).substr(skipped_prefix);
  if (trim(json).empty()) return false;

  const SourcePos at{jsonl_path, jsonl_line};
  // The line is parsed in place (strings are unescaped where they stand, not copied to a stack
  // first), with the reader and flags of rapidjson::Document::Parse(str, length), so errors and
  // their offsets are the same. Past its end the line reads as NULs, as a bounded stream reads
  // there: the padding covers the continuation bytes a cut multibyte sequence is checked for.
  // The handler keeps only the members read below.
  // That stream also skips the bytes of a BOM, each on its own (EF, then BB, then BF), and counts
  // them in offsets.
  std::size_t start = skipped_prefix;
  for (const unsigned char bom_byte : {0xEF, 0xBB, 0xBF})
    if (start < line.size() && static_cast<unsigned char>(line[start]) == bom_byte) ++start;
  fields.reset();
  line.append(4, '\0');
  rapidjson::InsituStringStream input(&line[start]);
  const rapidjson::ParseResult parsed =
      json_reader.Parse<rapidjson::kParseDefaultFlags | rapidjson::kParseInsituFlag |
                        rapidjson::kParseIterativeFlag>(input, fields);
  if (parsed.IsError()) {
    std::string reason = rapidjson::GetParseError_En(parsed.Code());
    if (!reason.empty() && reason.back() == '.') reason.pop_back();
    diagnostics.skip({jsonl_path, jsonl_line, start + parsed.Offset() + 1},
                     "malformed JSON (" + reason + "); record skipped");
    return false;
  }
  if (!fields.root_object()) {
    diagnostics.skip(at, "record is not a JSON object; record skipped");
    return false;
  }

  using Member = RecordFields::Member;
  Member& text_member = fields[RecordFields::kText];
  if (text_member.kind != Member::String) {
    diagnostics.skip(at, "record has no \"text\" string; record skipped");
    return false;
  }
  if (trim(text_member.string).empty()) {
    diagnostics.skip(at, "record has an empty \"text\"; record skipped");
    return false;
  }

  std::string id;
  const Member& id_member = fields[RecordFields::kId];
  if (id_member.kind == Member::String) {
    id = id_member.string;
  } else if (id_member.kind == Member::Number) {
    // Numbers keep their JSON spelling: 17 -> "17", 1.5 -> "1.5".
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    id_member.number.Accept(writer);
    id = buffer.GetString();
  }
  if (id.empty()) {
    diagnostics.skip(at, "record has no \"id\" string or number; record skipped");
    return false;
  }

  out = Document{};
  out.id = std::move(id);
  out.text = std::move(text_member.string);
  out.source = jsonl_path;
  out.source_line = jsonl_line;
  for (auto [name, key, field] : {std::tuple{RecordFields::kTitle, "title", &out.title},
                                  std::tuple{RecordFields::kUrl, "url", &out.url}}) {
    const Member& m = fields[name];
    if (m.kind == Member::Absent || m.kind == Member::Null) continue;
    if (m.kind == Member::String) {
      *field = m.string;
    } else {
      diagnostics.warn(at, "\"" + std::string(key) + "\" is not a string; ignored");
    }
  }

  const Member& date_member = fields[RecordFields::kDate];
  if (date_member.kind != Member::Absent && date_member.kind != Member::Null) {
    if (date_member.kind == Member::String) {
      const std::string_view date(date_member.string);
      out.date = iso_date_prefix(date);
      if (!out.date) out.date = parse_date_line(date);
      if (!out.date) {
        diagnostics.warn(at, "unrecognised \"date\" " + quote_short(date) +
                                 "; expected YYYY-MM-DD, record kept without it");
      }
    } else {
      diagnostics.warn(at, "\"date\" is not a string; expected YYYY-MM-DD, record kept without it");
    }
  }
  if (!out.date) out.date = options.default_date;

  // Invalid UTF-8 in the strings (raw bytes, or a "\udc00" escape, which decodes to a lone
  // surrogate) is repaired like a text file's, not a reason to lose the record; this also
  // spares RapidJSON a second pass over every string.
  repair(out, at);
  return true;
}

DocumentReader::DocumentReader(std::vector<std::string> inputs, Diagnostics& diagnostics,
                               ReaderOptions options)
    : impl_(std::make_unique<Impl>(diagnostics, std::move(options))) {
  for (std::string& path : inputs) {
    if (path == "-") {
      impl_->inputs.push_back({std::move(path), {}});
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      const std::string reason = ec ? ec.message() : error_text(ENOENT);
      impl_->inputs.push_back({std::move(path), "cannot open (" + reason + "); skipped"});
    } else if (fs::is_directory(status)) {
      list_directory(path, impl_->inputs, impl_->bytes_total);
    } else {
      if (fs::is_regular_file(status)) {
        const std::uintmax_t size = fs::file_size(path, ec);
        if (!ec) impl_->bytes_total += size;
      }
      impl_->inputs.push_back({std::move(path), {}});
    }
  }
}

DocumentReader::~DocumentReader() = default;

bool DocumentReader::next(Document& out) { return impl_->next(out); }

std::uint64_t DocumentReader::bytes_total() const { return impl_->bytes_total; }

std::uint64_t DocumentReader::bytes_read() const { return impl_->bytes_read; }

}  // namespace silkgraph::ingest
