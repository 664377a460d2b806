// ingest/pipeline.h
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "ingest/document.h"
#include "ingest/extractor.h"
#include "ingest/reader.h"
#include "ingest/record.h"

namespace silkgraph::ingest {

struct PipelineCounts {
  std::size_t documents = 0;
  std::size_t sentences = 0;
  std::size_t relations = 0;
};

/// Reads every document of `reader` and extracts it on `threads` threads. Documents are read
/// in batches; `sink` receives each document's records on the calling thread, in input order,
/// so the output is the same whatever the thread count. `progress` runs after each batch.
PipelineCounts extract_all(const Extractor& extractor, DocumentReader& reader, unsigned threads,
                           const std::function<void(const Document&, std::vector<Record>&)>& sink,
                           const std::function<void(const PipelineCounts&)>& progress = {});

/// The thread count to use when none is given: the machine's cores.
unsigned default_threads();

}  // namespace silkgraph::ingest
