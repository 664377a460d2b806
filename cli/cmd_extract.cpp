// silkgraph extract: articles in, one JSON line per relation out.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/common.h"
#include "cli/progress.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "ingest/extractor.h"
#include "ingest/pipeline.h"
#include "ingest/reader.h"

namespace silkgraph::cli {
namespace {

constexpr const char* kHelp =
    "usage: silkgraph extract [options] ARTICLES... > relations.jsonl\n"
    "\n"
    "Reads .txt files, directories (recursively, in sorted order; there only .txt, .text,\n"
    ".jsonl, .ndjson and extensionless files are read), .jsonl files of\n"
    "{\"id\", \"text\", \"date\"?, \"title\"?, \"url\"?} records, or - for stdin, and writes one JSON\n"
    "line per relation found (see spec/relations.md).\n"
    "\n"
    "options:\n"
    "  -o, --output FILE   write to FILE (atomically) instead of stdout\n"
    "  --rules FILE        add or override rules, entities and lexicon entries (repeatable)\n"
    "  --date YYYY-MM-DD   date for documents that carry none\n"
    "  -j, --threads N     extract on N threads (default: all cores); output is the same for any N\n"
    "  --quiet             no progress and no summary on stderr (problems are still reported)\n"
    "  -h, --help          this text\n"
    "\n"
    "exit status: 0 all read, 1 failed, 2 bad usage, 3 done but some inputs were skipped\n"
    "\n"
    "example: silkgraph extract examples/ > relations.jsonl\n";

using Options = InputOptions;

Options parse(int argc, char** argv) {
  Options o;
  o.threads = ingest::default_threads();
  Args a(argc, argv, 2);
  while (!a.done()) parse_input_argument(a, o);
  if (!o.help && o.inputs.empty()) throw UsageError{"no input given"};
  return o;
}

}  // namespace

int cmd_extract(int argc, char** argv) {
  const Options opt = parse(argc, argv);
  if (opt.help) {
    std::cout << kHelp;
    return kOk;
  }
  const ingest::RuleSet rules = load_rules(opt.rules);
  const ingest::Extractor extractor(rules);

  std::unique_ptr<Progress> progress;
  Diagnostics diagnostics([&](const std::string& line) {
    if (progress)
      progress->print(line);  // from the reading thread while the bar moves
    else
      std::cerr << line << '\n';
  });
  ingest::ReaderOptions reader_options;
  reader_options.default_date = opt.date;
  ingest::DocumentReader reader(opt.inputs, diagnostics, reader_options);
  progress = std::make_unique<Progress>(opt.quiet, reader.bytes_total());

  std::unique_ptr<AtomicFile> file;
  if (!opt.output.empty()) file = std::make_unique<AtomicFile>(opt.output);
  std::string buffer;
  auto flush = [&] {
    if (file) {
      file->stream().write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    } else if (!buffer.empty() && std::fwrite(buffer.data(), 1, buffer.size(), stdout) != buffer.size()) {
      throw InputError({"<stdout>"}, std::string("cannot write (") + std::strerror(errno) + ")");
    }
    buffer.clear();
  };

  std::size_t asserted = 0;
  const ingest::PipelineCounts totals = ingest::extract_all(
      extractor, reader, opt.threads,
      [&](const ingest::Document&, std::vector<ingest::Record>& records) {
        for (const ingest::Record& r : records) {
          if (!r.negated && r.modality == "asserted") ++asserted;
          ingest::append_json_line(r, buffer);
        }
        if (buffer.size() > (1u << 20)) flush();
      },
      [&](const ingest::PipelineCounts& c) { progress->update(c.bytes_read, c.documents); });
  const std::size_t documents = totals.documents, sentences = totals.sentences,
                    relations = totals.relations;
  flush();
  if (file) {
    file->commit();
  } else if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    throw InputError({"<stdout>"}, std::string("cannot write (") + std::strerror(errno) + ")");
  }
  progress->clear();
  if (!opt.quiet) {
    const double secs = progress->elapsed();
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.2f s, %.1f MB/s", secs,
                  secs > 0 ? double(reader.bytes_read()) / 1e6 / secs : 0.0);
    std::cerr << "silkgraph extract: " << count(documents, "document") << ", "
              << count(sentences, "sentence") << ", " << count(relations, "relation") << " ("
              << asserted << " asserted); " << count(diagnostics.skipped(), "input")
              << " skipped, " << count(diagnostics.warnings(), "warning") << "; "
              << format_bytes(reader.bytes_read()) << " in " << rate << '\n';
  }
  return diagnostics.skipped() > 0 ? kSkipped : kOk;
}

}  // namespace silkgraph::cli
