#include "indexer/shard_pool.h"

#include "indexer/document_builder.h"
#include "schema/analyzer.h"
#include "schema/entities.h"
#include "schema/ner_span_tagger.h"

#include <algorithm>
#include <iterator>

namespace news::indexer {

ShardPool::ShardPool(std::size_t jobs, const schema::Gazetteer& gazetteer, const schema::NerSpanTagger* tagger,
                     std::function<std::filesystem::path()> next_shard, const std::atomic<bool>* stop,
                     std::size_t shard_docs, bool termlists)
    : gazetteer_(gazetteer),
      tagger_(tagger),
      stop_(stop),
      next_shard_(std::move(next_shard)),
      shard_docs_(std::max<std::size_t>(1, shard_docs)),
      max_waiting_(std::max<std::size_t>(1, jobs)),
      termlists_(termlists) {
    filling_.reserve(shard_docs_);
    try {
        for (std::size_t i = 0; i < std::max<std::size_t>(1, jobs); ++i) workers_.emplace_back([this] { work(); });
    } catch (...) {  // no thread left running (or joinable, which would terminate) when construction fails
        stop_workers();
        throw;
    }
}

ShardPool::~ShardPool() { stop_workers(); }

void ShardPool::stop_workers() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = closing_ = true;
        waiting_.clear();
    }
    changed_.notify_all();
    for (auto& w : workers_)
        if (w.joinable()) w.join();
}

void ShardPool::add(Article&& article) {
    filling_.push_back(std::move(article));
    if (filling_.size() >= shard_docs_) dispatch();
}

void ShardPool::train(const std::vector<Article>& articles) {
    const std::size_t enough = schema::DocumentCodec::kEnoughSamples;
    std::vector<std::string> samples;
    for (std::size_t i = 0; i < articles.size(); i += (articles.size() + enough - 1) / enough)
        samples.push_back(DocumentBuilder::training_sample(articles[i]));
    codec_ = schema::DocumentCodec::train(samples);  // workers read it only after taking a chunk
    trained_ = true;
}

void ShardPool::dispatch() {
    if (!trained_) train(filling_);
    Chunk chunk{next_shard_(), std::move(filling_)};
    filling_ = {};
    filling_.reserve(shard_docs_);
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return waiting_.size() < max_waiting_ || error_; });
    if (error_) {
        lock.unlock();
        rethrow_error();
    }
    waiting_.push_back(std::move(chunk));
    lock.unlock();
    changed_.notify_all();
}

void ShardPool::split_tail() {
    std::vector<Article> rest;
    std::vector<std::filesystem::path> names;
    {
        std::lock_guard lock(mutex_);
        for (auto& chunk : waiting_) {
            names.push_back(std::move(chunk.shard));
            std::move(chunk.articles.begin(), chunk.articles.end(), std::back_inserter(rest));
        }
        waiting_.clear();
    }
    std::move(filling_.begin(), filling_.end(), std::back_inserter(rest));
    filling_.clear();
    if (rest.empty()) return;
    if (!trained_) train(rest);
    // A piece holds at most a chunk's articles, so there are at least as many pieces as names.
    const std::size_t piece = std::max<std::size_t>(1, shard_docs_ / kTailPieces);
    std::deque<Chunk> pieces;
    for (std::size_t at = 0, n = 0; at < rest.size(); at += piece, ++n) {
        const auto end = rest.begin() + static_cast<std::ptrdiff_t>(std::min(rest.size(), at + piece));
        pieces.push_back({n < names.size() ? names[n] : next_shard_(),
                          {std::make_move_iterator(rest.begin() + static_cast<std::ptrdiff_t>(at)),
                           std::make_move_iterator(end)}});
    }
    {
        std::lock_guard lock(mutex_);  // already in memory: queued without waiting for room
        for (auto& chunk : pieces) waiting_.push_back(std::move(chunk));
    }
    changed_.notify_all();
}

void ShardPool::finish() {
    if (workers_.size() > 1) {
        split_tail();
    } else if (!filling_.empty()) {
        dispatch();
    }
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
    }
    changed_.notify_all();
    for (auto& w : workers_) w.join();
    rethrow_error();
}

void ShardPool::rethrow_error() {
    std::lock_guard lock(mutex_);
    if (error_) std::rethrow_exception(error_);
}

void ShardPool::work() {
    schema::Analyzer analyzer{"en"};
    const schema::EntityExtractor extractor{gazetteer_, analyzer, tagger_, tagger_ ? tagger_->threshold() : 0.0};
    DocumentBuilder builder{analyzer, &extractor};
    for (;;) {
        Chunk chunk;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return !waiting_.empty() || closing_; });
            if (waiting_.empty() || stopping_) return;
            chunk = std::move(waiting_.front());
            waiting_.pop_front();
        }
        changed_.notify_all();  // room for the adding thread
        try {
            ShardWriter shard{chunk.shard, termlists_};
            builder.set_codec(codec_);
            for (const auto& article : chunk.articles) {
                if (stopping_ || (stop_ && stop_->load())) return;
                shard.add(builder.build(article));
            }
            shard.finish(codec_.dictionary());
        } catch (...) {
            std::lock_guard lock(mutex_);
            if (!error_) error_ = std::current_exception();
            stopping_ = true;
            changed_.notify_all();
            return;
        }
    }
}

}  // namespace news::indexer
