#include "ingest/pipeline.h"

#include <thread>

#include "common/ordered_pipeline.h"

namespace silkgraph::ingest {
namespace {

// A batch is bounded in documents and in bytes, so memory stays proportional to the batch,
// not to the input; a few batches per thread are in flight (run_ordered). Batches are small
// enough for the threads to share the work evenly, large enough to make handing them over cheap.
constexpr std::size_t kBatchDocuments = 256;
constexpr std::size_t kBatchBytes = 1u << 20;

}  // namespace

unsigned default_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

PipelineCounts extract_all(const Extractor& extractor, DocumentReader& reader, unsigned threads,
                           const std::function<void(const Document&, std::vector<Record>&)>& sink,
                           const std::function<void(const PipelineCounts&)>& progress) {
  if (threads == 0) threads = 1;
  struct Batch {
    std::vector<Document> documents;
    std::vector<std::vector<Record>> records;
    std::vector<Extractor::Counts> counts;
    std::uint64_t bytes_read = 0;  // the reader's count once the batch was read
  };
  std::vector<Extractor::Workspace> workspaces;
  for (unsigned t = 0; t < threads; ++t) workspaces.push_back(extractor.workspace());
  PipelineCounts total;
  run_ordered<Batch>(
      threads,
      [&](Batch& batch) {  // one thread reads: the reader is not shared
        batch.documents.clear();
        std::size_t bytes = 0;
        while (batch.documents.size() < kBatchDocuments && bytes < kBatchBytes) {
          Document doc;
          if (!reader.next(doc)) break;
          bytes += doc.text.size();
          batch.documents.push_back(std::move(doc));
        }
        batch.bytes_read = reader.bytes_read();
        return !batch.documents.empty();
      },
      [&](Batch& batch, unsigned worker) {
        batch.records.resize(batch.documents.size());
        batch.counts.assign(batch.documents.size(), {});
        for (std::size_t i = 0; i < batch.documents.size(); ++i) {
          batch.records[i].clear();
          batch.counts[i] = extractor.extract(batch.documents[i], workspaces[worker], batch.records[i]);
        }
      },
      [&](Batch& batch) {  // in input order, on the calling thread
        for (std::size_t i = 0; i < batch.documents.size(); ++i) {
          ++total.documents;
          total.sentences += batch.counts[i].sentences;
          total.relations += batch.counts[i].relations;
          sink(batch.documents[i], batch.records[i]);
        }
        total.bytes_read = batch.bytes_read;
        if (progress) progress(total);
      });
  return total;
}

}  // namespace silkgraph::ingest
