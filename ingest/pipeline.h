// ingest/pipeline.h
#pragma once

#include <cstddef>
#include <cstdint>
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
  std::uint64_t bytes_read = 0;  // input bytes read up to the last document counted
};

/// Reads every document of `reader` and extracts it on `threads` threads. Documents are read
/// in batches on a thread of their own while earlier batches are extracted; `sink` receives
/// each document's records on the calling thread, in input order, so the output is the same
/// whatever the thread count, and `progress` runs there after each batch. With one thread
/// everything runs on the calling thread. The reader (and its Diagnostics) is used only by the
/// reading thread while this runs.
PipelineCounts extract_all(const Extractor& extractor, DocumentReader& reader, unsigned threads,
                           const std::function<void(const Document&, std::vector<Record>&)>& sink,
                           const std::function<void(const PipelineCounts&)>& progress = {});

/// The thread count to use when none is given: the machine's cores.
unsigned default_threads();

}  // namespace silkgraph::ingest
