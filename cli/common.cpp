#include "cli/common.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "graph/graph_file.h"

namespace silkgraph::cli {

Args::Args(int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) args_.emplace_back(argv[i]);
}

std::string Args::next() { return args_[i_++]; }

bool Args::flag(std::string_view name) {
  if (done()) return false;
  const std::string& a = args_[i_];
  if (a == name) {
    ++i_;
    has_inline_ = false;
    return true;
  }
  if (a.size() > name.size() && a.compare(0, name.size(), name) == 0 && a[name.size()] == '=') {
    inline_value_ = a.substr(name.size() + 1);
    has_inline_ = true;
    ++i_;
    return true;
  }
  return false;
}

std::string Args::value(std::string_view name) {
  if (has_inline_) {
    has_inline_ = false;
    return inline_value_;
  }
  if (done()) throw UsageError{std::string(name) + " needs a value"};
  return next();
}

void parse_input_argument(Args& a, InputOptions& o) {
  if (a.flag("-h") || a.flag("--help")) {
    o.help = true;
  } else if (a.flag("-o") || a.flag("--output")) {
    o.output = a.value("--output");
  } else if (a.flag("--rules")) {
    o.rules.push_back(a.value("--rules"));
  } else if (a.flag("--date")) {
    o.date = a.value("--date");
    if (!is_iso_date(*o.date))
      throw UsageError{"--date: expected YYYY-MM-DD, got \"" + *o.date + "\""};
  } else if (a.flag("--threads") || a.flag("-j")) {
    o.threads = parse_threads(a.value("--threads"));
  } else if (a.flag("--quiet") || a.flag("-q")) {
    o.quiet = true;
  } else if (a.peek().size() > 1 && a.peek()[0] == '-') {
    throw UsageError{"unknown option \"" + a.peek() + "\""};
  } else {
    o.inputs.push_back(a.next());
  }
}

const graph::KnowledgeGraph& load_graph_until_exit(const std::string& path) {
  // Reachable from a global pointer until the very end (no destructor runs on it), so leak
  // checkers do not report it.
  static auto* const kept = new std::vector<std::unique_ptr<graph::KnowledgeGraph>>;
  kept->push_back(std::make_unique<graph::KnowledgeGraph>(graph::load_graph(path)));
  return *kept->back();
}

ingest::RuleSet load_rules(const std::vector<std::string>& extra_files) {
  ingest::RuleSet rules = ingest::RuleSet::builtin();
  for (const std::string& f : extra_files) rules.load_file(f);
  return rules;
}

unsigned parse_threads(const std::string& value) {
  char* end = nullptr;
  const unsigned long n = std::strtoul(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || n < 1 || n > 256)
    throw UsageError{"--threads: expected 1-256, got \"" + value + "\""};
  return static_cast<unsigned>(n);
}

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  const int year = std::stoi(std::string(s.substr(0, 4)));
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > days[month - 1]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return !(month == 2 && day == 29 && !leap);
}

}  // namespace silkgraph::cli
