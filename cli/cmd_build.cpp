// silkgraph build: articles or extracted records in, one merged graph file out.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>

#include "cli/common.h"
#include "cli/progress.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "graph/graph_file.h"
#include "graph/knowledge_graph.h"
#include "graph/records_reader.h"
#include "ingest/extractor.h"
#include "ingest/pipeline.h"
#include "ingest/reader.h"

namespace silkgraph::cli {
namespace {

constexpr const char* kHelp =
    "usage: silkgraph build [options] ARTICLES... -o graph.json\n"
    "       silkgraph build [options] --records RELATIONS.jsonl... -o graph.json\n"
    "\n"
    "Extracts relations from articles (the inputs of 'silkgraph extract') or reads records that\n"
    "'extract' wrote, and merges them into one graph file: a node per entity, an edge per\n"
    "(subject, relation, object) with its evidence sentences. Only asserted records become\n"
    "edges; negated and proposed ones are counted and left out. Records of one document may be\n"
    "split over several files in any order: the graph file comes out byte for byte the same.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE   the graph file to write (atomically); required\n"
    "  --append            merge into FILE if it exists: a document already in it with the same\n"
    "                      records is not counted twice, one with other records replaces its\n"
    "                      evidence (so give all records of a document in one run)\n"
    "  --records           the inputs are JSON Lines records written by 'extract' (- for stdin)\n"
    "  --rules FILE        add or override rules, entities and relation types (repeatable)\n"
    "  --date YYYY-MM-DD   date for articles that carry none (not with --records)\n"
    "  -j, --threads N     extract on N threads (default: all cores); the graph is the same for any N\n"
    "  --quiet             no progress and no summary on stderr (problems are still reported)\n"
    "  -h, --help          this text\n"
    "\n"
    "exit status: 0 all read, 1 failed (graph file left untouched), 2 bad usage,\n"
    "3 done but some inputs or records were skipped\n"
    "\n"
    "example: silkgraph build --records shard-*.jsonl -o graph.json\n";

struct Options : InputOptions {
  bool append = false;
  bool records = false;
};

Options parse(int argc, char** argv) {
  Options o;
  o.threads = ingest::default_threads();
  Args a(argc, argv, 2);
  while (!a.done()) {
    if (a.flag("--append")) {
      o.append = true;
    } else if (a.peek().rfind("--records=", 0) == 0 && a.flag("--records")) {
      o.records = true;  // "--records=FILE": FILE is an input too
      o.inputs.push_back(a.value("--records"));
    } else if (a.flag("--records")) {
      o.records = true;
    } else {
      parse_input_argument(a, o);
    }
  }
  if (o.help) return o;
  if (o.inputs.empty()) throw UsageError{"no input given"};
  if (o.output.empty()) throw UsageError{"no graph file given; use -o FILE"};
  if (o.records && o.date) throw UsageError{"--date and --records cannot be used together"};
  return o;
}

const char* kind(bool symmetric) { return symmetric ? "symmetric" : "directed"; }

}  // namespace

int cmd_build(int argc, char** argv) {
  const Options opt = parse(argc, argv);
  if (opt.help) {
    std::cout << kHelp;
    return kOk;
  }
  const ingest::RuleSet rules = load_rules(opt.rules);
  graph::KnowledgeGraph graph;
  std::error_code ec;
  const bool appending = opt.append && std::filesystem::exists(opt.output, ec);
  if (appending) graph = graph::load_graph(opt.output);
  for (const ingest::RelationType& relation : rules.relations()) {
    if (!graph.declare_relation(relation.name, relation.symmetric)) {
      throw InputError({opt.output},
                       "\"" + relation.name + "\" edges are " + kind(!relation.symmetric) +
                           " in the graph but " + kind(relation.symmetric) + " in the rules",
                       "build the graph anew, without --append");
    }
  }
  // Created before the work starts, so an unwritable path fails at once.
  AtomicFile file(opt.output);

  std::unique_ptr<Progress> progress;
  Diagnostics diagnostics([&](const std::string& line) {
    if (progress)
      progress->print(line);  // from the reading thread while the bar moves
    else
      std::cerr << line << '\n';
  });

  // All records of a document are merged at once, whichever files they came from; documents
  // go in sorted by id. An article without records still counts: with --append it replaces
  // (removes) its old evidence.
  std::map<std::string, std::vector<ingest::Record>> by_document;
  std::size_t records_read = 0;
  std::uint64_t bytes_read = 0;
  if (opt.records) {
    graph::RecordReader reader(opt.inputs, diagnostics);
    progress = std::make_unique<Progress>(opt.quiet, reader.bytes_total());
    ingest::Record record;
    while (reader.next(record)) {
      ++records_read;
      std::string doc = record.doc;
      by_document[std::move(doc)].push_back(std::move(record));
      progress->update(reader.bytes_read(), by_document.size());
    }
    bytes_read = reader.bytes_read();
  } else {
    const ingest::Extractor extractor(rules);
    ingest::ReaderOptions reader_options;
    reader_options.default_date = opt.date;
    ingest::DocumentReader reader(opt.inputs, diagnostics, reader_options);
    progress = std::make_unique<Progress>(opt.quiet, reader.bytes_total());
    ingest::extract_all(
        extractor, reader, opt.threads,
        [&](const ingest::Document& doc, std::vector<ingest::Record>& records) {
          records_read += records.size();
          std::vector<ingest::Record>& all = by_document[doc.id];
          std::move(records.begin(), records.end(), std::back_inserter(all));
        },
        [&](const ingest::PipelineCounts& c) { progress->update(c.bytes_read, by_document.size()); });
    bytes_read = reader.bytes_read();
  }

  std::size_t added = 0, replaced = 0, unchanged = 0, empty = 0, used = 0, unasserted = 0;
  for (auto& [id, records] : by_document) {
    const graph::MergeResult r = graph.merge_document(id, std::move(records));
    switch (r.outcome) {
      case graph::MergeResult::Outcome::Added: ++added; break;
      case graph::MergeResult::Outcome::Replaced: ++replaced; break;
      case graph::MergeResult::Outcome::Unchanged: ++unchanged; break;
      case graph::MergeResult::Outcome::Empty: ++empty; break;
    }
    used += r.asserted;
    unasserted += r.unasserted;
  }
  graph::write_graph(graph, file.stream());
  file.commit();

  progress->clear();
  if (!opt.quiet) {
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.2f s", progress->elapsed());
    std::cerr << "silkgraph build: " << by_document.size() << " documents (" << added << " added, "
              << replaced << " replaced, " << unchanged << " unchanged, " << empty
              << " without relations); " << records_read << " records: " << used << " used, "
              << unasserted << " not asserted (left out); graph: " << graph.node_count()
              << " nodes, " << graph.edge_count() << " edges, " << graph.documents().size()
              << " documents; " << diagnostics.skipped() << " inputs skipped, "
              << diagnostics.warnings() << " warnings; " << format_bytes(bytes_read) << " in "
              << secs << '\n';
  }
  return diagnostics.skipped() > 0 ? kSkipped : kOk;
}

}  // namespace silkgraph::cli
