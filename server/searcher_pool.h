// The server's Searchers: one per worker thread (a Searcher is not thread-safe), lent out one
// request at a time. Each lease first follows the database to its live generation, so a request
// that starts after a rebuild switched generations sees the new index.
#pragma once

#include "schema/analyzer.h"
#include "schema/entities.h"
#include "schema/ner_span_tagger.h"
#include "searcher/search.h"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace news::server {

/// What one request works with: a Searcher and, for the article view, the entity extractor
/// (built on first use: it costs the dictionary's analysis).
struct Worker {
    explicit Worker(const std::filesystem::path& db) : searcher(db) {}
    searcher::Searcher searcher;
    schema::Analyzer analyzer{"en"};
    std::unique_ptr<schema::NerSpanTagger> tagger;  // as the indexer tags: the same mentions
    std::unique_ptr<schema::EntityExtractor> extractor;
    const schema::EntityExtractor& entities();
};

/// Thrown by SearcherPool::acquire() when no Searcher came free in time.
struct PoolBusy : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class SearcherPool {
  public:
    /// Opens `size` Searchers on `db` and reads the rows of `facets` into each (a server
    /// answers many facet queries: searcher/facets.h). @throws what Searcher's constructor throws.
    SearcherPool(const std::filesystem::path& db, std::size_t size, std::vector<std::string> facets);

    class Lease {
      public:
        Lease(SearcherPool& pool, Worker& worker) : pool_(&pool), worker_(&worker) {}
        Lease(Lease&& other) noexcept : pool_(other.pool_), worker_(other.worker_) { other.pool_ = nullptr; }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Lease& operator=(Lease&&) = delete;
        ~Lease() {
            if (pool_) pool_->give_back(*worker_);
        }
        Worker& operator*() const { return *worker_; }
        Worker* operator->() const { return worker_; }

      private:
        SearcherPool* pool_;
        Worker* worker_;
    };

    /// A free Worker, its Searcher on the live generation; requests that wait are served in
    /// the order they came (no later request takes a Worker before an earlier one still
    /// waiting). @throws PoolBusy after `wait`.
    Lease acquire(std::chrono::milliseconds wait);

    std::size_t size() const { return workers_.size(); }

  private:
    void give_back(Worker& worker);

    std::vector<std::unique_ptr<Worker>> workers_;
    std::vector<Worker*> free_;
    std::vector<std::string> facets_;
    std::mutex mutex_;
    std::condition_variable freed_;
    std::deque<std::uint64_t> waiting_;  // tickets of the requests waiting, first come first
    std::uint64_t next_ticket_ = 0;
};

}  // namespace news::server
