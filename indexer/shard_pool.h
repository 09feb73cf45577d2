// Parallel rebuilds (newsdex-index --jobs N): Article -DocumentBuilder-> Xapian::Document
// -ShardWriter-> shard on N worker threads. The reading thread cuts the articles into chunks
// of shard_docs; chunk k becomes shard k, so the merged index keeps the input order whatever
// thread wrote which shard. Each worker has its own Analyzer, EntityExtractor and
// DocumentBuilder (ICU break iterators and Snowball stemmers are not shareable). The first
// chunk also trains the DocumentCodec every shard packs its stored articles with.
#pragma once

#include "indexer/article.h"
#include "indexer/shard_writer.h"
#include "schema/document_data.h"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace news::schema {
class Gazetteer;
class NerSpanTagger;
}

namespace news::indexer {

class ShardPool {
  public:
    /// `next_shard` names the shard of each chunk, called in order on the adding thread.
    /// Workers give up between articles once `stop` is set (Ctrl-C); the rebuild is then void.
    /// `tagger`, when given, is shared by the workers' entity extractors.
    ShardPool(std::size_t jobs, const schema::Gazetteer& gazetteer, const schema::NerSpanTagger* tagger,
              std::function<std::filesystem::path()> next_shard, const std::atomic<bool>* stop = nullptr,
              std::size_t shard_docs = kShardDocs, bool termlists = false);
    ~ShardPool();  // without finish(): workers stop after their current article; shards unfinished

    ShardPool(const ShardPool&) = delete;
    ShardPool& operator=(const ShardPool&) = delete;

    /// Queues an article; a full chunk goes to the workers. Blocks while `jobs` chunks wait,
    /// so memory stays bounded however large the corpus.
    /// @throws whatever a worker threw (Xapian::Error on a full disk, say), on the next call.
    void add(Article&& article);

    /// Hands over the last chunk and waits until every shard is finished (or `stop` was set).
    /// With several workers, the articles no worker has started yet (the chunks waiting and
    /// the last, partial one) are first cut again into pieces of 1/kTailPieces of a chunk, each
    /// its own shard: the workers then run out of work within about that much of each other,
    /// rather than one building a whole last chunk alone before the merge can start.
    /// @throws the first error of any worker.
    void finish();

    static constexpr std::size_t kTailPieces = 4;

  private:
    struct Chunk {
        std::filesystem::path shard;
        std::vector<Article> articles;
    };
    void train(const std::vector<Article>& articles);
    void dispatch();
    void split_tail();
    void work();
    void rethrow_error();
    void stop_workers();  // after their current article; joins them

    const schema::Gazetteer& gazetteer_;
    const schema::NerSpanTagger* tagger_;
    const std::atomic<bool>* stop_;
    std::function<std::filesystem::path()> next_shard_;
    std::size_t shard_docs_, max_waiting_;
    bool termlists_;
    std::vector<Article> filling_;
    // What the shards' stored articles are packed with: trained on the first chunk (plain JSON
    // under DocumentCodec::kMinSamples articles) by train(), before that chunk is queued.
    schema::DocumentCodec codec_;
    bool trained_ = false;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Chunk> waiting_;
    bool closing_ = false;
    std::atomic<bool> stopping_{false};  // read by workers between articles
    std::exception_ptr error_;
    std::vector<std::thread> workers_;
};

}  // namespace news::indexer
