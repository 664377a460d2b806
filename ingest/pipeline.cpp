#include "ingest/pipeline.h"

#include <atomic>
#include <exception>
#include <thread>

namespace silkgraph::ingest {
namespace {

// A batch is bounded in documents and in bytes, so memory stays proportional to the batch,
// not to the input.
constexpr std::size_t kBatchDocuments = 1024;
constexpr std::size_t kBatchBytes = 8u << 20;

}  // namespace

unsigned default_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

PipelineCounts extract_all(const Extractor& extractor, DocumentReader& reader, unsigned threads,
                           const std::function<void(const Document&, std::vector<Record>&)>& sink,
                           const std::function<void(const PipelineCounts&)>& progress) {
  if (threads == 0) threads = 1;
  PipelineCounts total;
  std::vector<Document> batch;
  std::vector<std::vector<Record>> records;
  std::vector<Extractor::Counts> counts;
  std::vector<Extractor::Workspace> workspaces;
  for (unsigned t = 0; t < threads; ++t) workspaces.push_back(extractor.workspace());

  for (;;) {
    // Read a batch on this thread; the reader is not shared.
    batch.clear();
    std::size_t bytes = 0;
    while (batch.size() < kBatchDocuments && bytes < kBatchBytes) {
      Document doc;
      if (!reader.next(doc)) break;
      bytes += doc.text.size();
      batch.push_back(std::move(doc));
    }
    if (batch.empty()) break;
    records.assign(batch.size(), {});
    counts.assign(batch.size(), {});

    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::atomic<bool> failed{false};
    auto work = [&](unsigned t) {
      try {
        for (std::size_t i; (i = next.fetch_add(1)) < batch.size() && !failed;)
          counts[i] = extractor.extract(batch[i], workspaces[t], records[i]);
      } catch (...) {
        if (!failed.exchange(true)) failure = std::current_exception();
      }
    };
    const unsigned used = static_cast<unsigned>(std::min<std::size_t>(threads, batch.size()));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < used; ++t) pool.emplace_back(work, t);
    work(0);
    for (std::thread& th : pool) th.join();
    if (failure) std::rethrow_exception(failure);

    for (std::size_t i = 0; i < batch.size(); ++i) {
      ++total.documents;
      total.sentences += counts[i].sentences;
      total.relations += counts[i].relations;
      sink(batch[i], records[i]);
    }
    if (progress) progress(total);
  }
  return total;
}

}  // namespace silkgraph::ingest
