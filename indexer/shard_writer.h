// A rebuild writes its documents into small, fresh Xapian databases (shards) and merges them
// at the end with Xapian's compaction: the part of Xapian::Document -IndexWriter-> db that a
// rebuild runs, on one thread or on several (ShardPool), each shard written by one thread.
//
// Why shards: adding to one growing database makes every flush merge new postings into an
// ever larger B-tree, while a fresh small database only appends, and compaction merges sorted
// lists in one streaming pass (docs/architecture.md). Shards are scratch: written
// without fsync, never read by searchers, removed with their build directory; only the
// compacted result is synced and switched in.
#pragma once

#include "indexer/document_builder.h"

#include <xapian.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace news::indexer {

class ShardWriter {
  public:
    /// Creates (or overwrites) the shard database at `path`; without a termlist table unless
    /// `termlists` (see has_termlists() below).
    explicit ShardWriter(const std::filesystem::path& path, bool termlists = false);

    /// Adds a document (no id lookup: the caller guarantees ids are unique across shards) and
    /// counts its spelling words. Flushes every kShardFlushDocs documents.
    void add(const BuiltDocument& built);

    /// Writes the spelling counts, the schema version and the DocumentCodec dictionary the
    /// documents were packed with (if any), commits and closes.
    void finish(const std::string& dictionary = {});

    Xapian::doccount size() const { return added_; }

  private:
    Xapian::WritableDatabase db_;
    std::unordered_map<std::string, Xapian::termcount> spelling_;  // word -> occurrences here
    Xapian::doccount added_ = 0;
};

/// Documents a shard holds, and how many it buffers between flushes. Xapian's buffered
/// changes are maps whose cost grows with their size, so small flushes are cheaper per
/// document. Shard size sets the index size: the merge copies each shard's chunk of a term's
/// posting list as it is, so a term in k shards has at least k chunks, each a B-tree item with
/// its own key; larger shards make a smaller index but hold more articles in memory, which
/// grows with --jobs (bench/RESULTS.md, Measurements behind constants).
inline constexpr std::size_t kShardDocs = 16000;
inline constexpr std::size_t kShardFlushDocs = 1000;

/// A rebuild writes no termlist table (Xapian::DB_NO_TERMLIST): the list of each document's
/// terms is only needed to replace or delete a document in place, and it is a fifth of the
/// index and a share of every document's write. Such an index
/// takes new documents in place; an update that must replace or delete rebuilds instead
/// (IndexWriter, NeedsRebuild) and keeps the termlists, so the updates after it are in place.
/// Whether the database at `generation` has a termlist table.
bool has_termlists(const std::filesystem::path& generation);

/// Merges `shards` (in order: the merged docids follow it) into a new database at `target`
/// with Xapian's compaction: in one pass when `fan_in` shards may be open at once, else first
/// in groups of `fan_in`, the groups of a round merging on up to `jobs` threads. Every round
/// rewrites the whole index, so one round is the cheapest. Syncs the result to disk. Removes
/// the shards as they are merged.
void merge_shards(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& target,
                  std::size_t jobs, std::size_t fan_in);

/// How many shards one merge may open: each is about six open files (tables, lock), so the
/// process's open-file limit less a reserve, divided by 8; at least 2, at most 4,096.
std::size_t merge_fan_in();

}  // namespace news::indexer
