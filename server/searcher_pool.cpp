#include "server/searcher_pool.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>

namespace news::server {

const schema::EntityExtractor& Worker::entities() {
    if (!extractor) {
        tagger = std::make_unique<schema::NerSpanTagger>(searcher.gazetteer(), analyzer);
        extractor = std::make_unique<schema::EntityExtractor>(searcher.gazetteer(), analyzer, tagger.get(),
                                                              tagger->threshold());
    }
    return *extractor;
}

SearcherPool::SearcherPool(const std::filesystem::path& db, std::size_t size, std::vector<std::string> facets)
    : facets_(std::move(facets)) {
    for (std::size_t i = 0; i < std::max<std::size_t>(size, 1); ++i) {
        workers_.push_back(std::make_unique<Worker>(db));
        workers_.back()->searcher.prepare_facets(facets_);
    }
    // The threads take no signal sent to the process (SIGINT, SIGTERM): those go to a thread that
    // handles them (newsdex-serve's waits for them), as if these threads were not there.
    sigset_t all, before;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &before);
    for (auto& worker : workers_) threads_.emplace_back([this, w = worker.get()] { serve(*w); });
    pthread_sigmask(SIG_SETMASK, &before, nullptr);
}

SearcherPool::~SearcherPool() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    queued_.notify_all();
    for (auto& thread : threads_) thread.join();
}

void SearcherPool::execute(std::chrono::milliseconds wait, const std::function<void(Worker&)>& job) {
    Task task;
    task.job = &job;
    std::unique_lock lock(mutex_);
    queue_.push_back(&task);
    queued_.notify_one();
    // One wake-up when the answer is ready; none when a thread takes the request.
    if (!task.finished.wait_for(lock, wait, [&] { return task.done; }) && !task.started) {
        queue_.erase(std::find(queue_.begin(), queue_.end(), &task));
        throw PoolBusy("every searcher stayed busy for " + std::to_string(wait.count()) + " ms");
    }
    task.finished.wait(lock, [&] { return task.done; });
    if (task.error) std::rethrow_exception(task.error);
}

void SearcherPool::serve(Worker& worker) {
    pthread_setname_np(pthread_self(), "searcher");  // as top -H and /proc/PID/task/*/comm show it
    std::unique_lock lock(mutex_);
    for (;;) {
        queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and nothing left to answer
        Task& task = *queue_.front();
        queue_.pop_front();
        task.started = true;
        lock.unlock();
        try {
            if (worker.searcher.follow_generation()) worker.searcher.prepare_facets(facets_);
            (*task.job)(worker);
        } catch (...) {
            task.error = std::current_exception();
        }
        lock.lock();
        task.done = true;
        task.finished.notify_one();  // under the lock: the caller cannot return (ending task) before it
    }
}

}  // namespace news::server
