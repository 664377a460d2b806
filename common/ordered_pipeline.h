// common/ordered_pipeline.h
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace silkgraph {

/// Runs a three-stage pipeline over a stream of items and keeps their order:
///
///   produce(Item&) -> bool   one thread; fills the next item, false when there are no more
///   work(Item&, unsigned w)  `workers` threads at once, each on its own items; w in [0, workers)
///   consume(Item&)           the calling thread, strictly in the order items were produced
///
/// Stages overlap: while items are being worked on, the next ones are produced and finished
/// ones consumed, with at most `window` items in flight (0: two per worker and two more), so
/// memory stays bounded by the item size. An item slot is reused: produce() receives an item
/// that is either default-constructed or was consumed before, and must reset what it reuses.
/// With one worker everything runs on the calling thread, one item after another. The first
/// exception thrown by any stage stops the pipeline and is rethrown by run_ordered().
template <class Item, class Produce, class Work, class Consume>
void run_ordered(unsigned workers, Produce&& produce, Work&& work, Consume&& consume,
                 std::size_t window = 0) {
  if (workers <= 1) {
    Item item;
    while (produce(item)) {
      work(item, 0u);
      consume(item);
    }
    return;
  }

  enum class State { Free, Produced, Done };
  if (window == 0) window = 2 * static_cast<std::size_t>(workers) + 2;
  std::vector<Item> items(window);
  std::vector<State> state(window, State::Free);
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t produced = 0, taken = 0, consumed = 0;  // items so far, in sequence order
  bool ended = false, stopped = false;
  std::exception_ptr failure;
  auto fail = [&](std::exception_ptr e) {
    std::lock_guard<std::mutex> lock(mutex);
    if (!failure) failure = e;
    stopped = true;
    changed.notify_all();
  };

  std::thread producer([&] {
    try {
      for (;;) {
        std::size_t slot;
        {
          std::unique_lock<std::mutex> lock(mutex);
          changed.wait(lock, [&] { return stopped || produced - consumed < window; });
          if (stopped) return;
          slot = produced % window;
        }
        const bool more = produce(items[slot]);
        std::lock_guard<std::mutex> lock(mutex);
        if (!more) {
          ended = true;
        } else {
          state[slot] = State::Produced;
          ++produced;
        }
        changed.notify_all();
        if (!more) return;
      }
    } catch (...) {
      fail(std::current_exception());
    }
  });

  std::vector<std::thread> pool;
  for (unsigned w = 0; w < workers; ++w) {
    pool.emplace_back([&, w] {
      try {
        for (;;) {
          std::size_t slot;
          {
            std::unique_lock<std::mutex> lock(mutex);
            changed.wait(lock, [&] { return stopped || taken < produced || ended; });
            if (stopped || (taken == produced && ended)) return;
            slot = taken++ % window;
          }
          work(items[slot], w);
          std::lock_guard<std::mutex> lock(mutex);
          state[slot] = State::Done;
          changed.notify_all();
        }
      } catch (...) {
        fail(std::current_exception());
      }
    });
  }

  try {
    for (;;) {
      std::size_t slot;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] {
          return stopped || state[consumed % window] == State::Done ||
                 (ended && consumed == produced);
        });
        if (stopped || state[consumed % window] != State::Done) break;
        slot = consumed % window;
      }
      consume(items[slot]);
      std::lock_guard<std::mutex> lock(mutex);
      state[slot] = State::Free;
      ++consumed;
      changed.notify_all();
    }
  } catch (...) {
    fail(std::current_exception());
  }
  producer.join();
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace silkgraph
