#include "indexer/shard_pool.h"

#include "indexer/document_builder.h"
#include "schema/analyzer.h"
#include "schema/entities.h"

#include <algorithm>

namespace news::indexer {

ShardPool::ShardPool(std::size_t jobs, const schema::Gazetteer& gazetteer,
                     std::function<std::filesystem::path()> next_shard, const std::atomic<bool>* stop,
                     std::size_t shard_docs, bool termlists)
    : gazetteer_(gazetteer),
      stop_(stop),
      next_shard_(std::move(next_shard)),
      shard_docs_(std::max<std::size_t>(1, shard_docs)),
      max_waiting_(std::max<std::size_t>(1, jobs)),
      termlists_(termlists) {
    filling_.reserve(shard_docs_);
    for (std::size_t i = 0; i < std::max<std::size_t>(1, jobs); ++i) workers_.emplace_back([this] { work(); });
}

ShardPool::~ShardPool() {
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

void ShardPool::dispatch() {
    if (!trained_) {  // workers read codec_ only after taking a chunk, under the mutex
        const std::size_t enough = schema::DocumentCodec::kEnoughSamples;
        std::vector<std::string> samples;
        for (std::size_t i = 0; i < filling_.size(); i += (filling_.size() + enough - 1) / enough)
            samples.push_back(DocumentBuilder::training_sample(filling_[i]));
        codec_ = schema::DocumentCodec::train(samples);
        trained_ = true;
    }
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

void ShardPool::finish() {
    if (!filling_.empty()) dispatch();
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
    const schema::Analyzer analyzer{"en"};
    const schema::EntityExtractor extractor{gazetteer_, analyzer};
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
