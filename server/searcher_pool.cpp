#include "server/searcher_pool.h"

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
        free_.push_back(workers_.back().get());
    }
}

SearcherPool::Lease SearcherPool::acquire(std::chrono::milliseconds wait) {
    Worker* worker = nullptr;
    bool more = false;
    {
        std::unique_lock lock(mutex_);
        const std::uint64_t ticket = next_ticket_++;
        waiting_.push_back(ticket);
        if (!freed_.wait_for(lock, wait, [&] { return !free_.empty() && waiting_.front() == ticket; })) {
            waiting_.erase(std::find(waiting_.begin(), waiting_.end(), ticket));
            lock.unlock();
            freed_.notify_all();  // the next in line may be first now
            throw PoolBusy("every searcher stayed busy for " + std::to_string(wait.count()) + " ms");
        }
        waiting_.pop_front();
        worker = free_.back();
        free_.pop_back();
        more = !free_.empty();
    }
    if (more) freed_.notify_all();  // another Worker is free: the next in line takes it
    Lease lease(*this, *worker);  // given back even if following the generation throws
    if (worker->searcher.follow_generation()) worker->searcher.prepare_facets(facets_);
    return lease;
}

void SearcherPool::give_back(Worker& worker) {
    {
        std::lock_guard lock(mutex_);
        free_.push_back(&worker);
    }
    freed_.notify_all();  // the first in line takes it; the others wait on
}

}  // namespace news::server
