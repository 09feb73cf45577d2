// The server's Searchers: one per searcher thread of its own (a Searcher is not thread-safe),
// which runs the requests handed to it one at a time, first come first served. Before each
// request the thread follows the database to its live generation, so a request that starts
// after a rebuild switched generations sees the new index.
#pragma once

#include "schema/analyzer.h"
#include "schema/entities.h"
#include "schema/ner_span_tagger.h"
#include "searcher/search.h"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
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

/// Thrown by SearcherPool::run() when no searcher thread took the request in time.
struct PoolBusy : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class SearcherPool {
  public:
    /// Opens `size` Searchers on `db`, reads the rows of `facets` into each (a server answers
    /// many facet queries: searcher/facets.h) and starts a thread for each. The threads keep the
    /// priority of the thread that made the pool. @throws what Searcher's constructor throws.
    SearcherPool(const std::filesystem::path& db, std::size_t size, std::vector<std::string> facets);
    /// Lets the threads finish the requests already handed over, then joins them.
    ~SearcherPool();
    SearcherPool(const SearcherPool&) = delete;
    SearcherPool& operator=(const SearcherPool&) = delete;

    /// Runs `job(worker)` on a searcher thread, its Searcher on the live generation, and returns
    /// what it returns (or throws what it throws) on the calling thread, which waits meanwhile.
    /// Requests are taken in the order they came. @throws PoolBusy when no thread took this one
    /// within `wait`.
    template <typename Job>
    std::invoke_result_t<Job&, Worker&> run(std::chrono::milliseconds wait, Job&& job) {
        std::optional<std::invoke_result_t<Job&, Worker&>> result;
        execute(wait, [&](Worker& worker) { result.emplace(job(worker)); });
        return std::move(*result);
    }

    std::size_t size() const { return workers_.size(); }

  private:
    struct Task {
        const std::function<void(Worker&)>* job = nullptr;
        std::exception_ptr error;
        bool started = false, done = false;
        std::condition_variable finished;  // signalled once, under mutex_, when done
    };
    void execute(std::chrono::milliseconds wait, const std::function<void(Worker&)>& job);
    void serve(Worker& worker);  // a searcher thread's loop

    std::vector<std::unique_ptr<Worker>> workers_;
    std::vector<std::string> facets_;
    std::mutex mutex_;
    std::condition_variable queued_;
    std::deque<Task*> queue_;  // first come first served; each Task lives on its caller's stack
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace news::server
