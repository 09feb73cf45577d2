// run_indexer(): corpus paths -> readers -> DocumentBuilder -> IndexWriter, with statistics.
// The one library call behind newsdex-index (its main only parses options and prints).
#pragma once

#include "indexer/readers/corpus_reader.h"
#include "indexer/shard_writer.h"
#include "schema/errors.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace news::indexer {

struct IndexOptions {
    std::filesystem::path db;                  // database directory
    std::vector<std::filesystem::path> inputs; // files or directories
    bool rebuild = false;   // build a new generation and switch to it atomically
    bool dry_run = false;   // report what would change; touch nothing
    // An article is deleted only when its source lies under `inputs` and is gone (unseen_rule.h);
    // more deletions than mass_delete_limit() stop the run unless allow_mass_delete.
    bool no_delete = false;          // add and update only
    bool allow_mass_delete = false;
    std::vector<std::string> delete_ids;  // deleted explicitly (with no inputs: nothing else changes)
    // Also delete the unseen articles outside `inputs` whose source files are gone (with no
    // inputs: all such articles); the mass-delete guard applies.
    bool delete_orphans = false;
    std::size_t batch = 2000;                  // articles per commit (updates)
    std::size_t jobs = 1;   // rebuilds: threads analysing and writing shards (shard_pool.h)
    std::size_t shard_docs = kShardDocs;       // rebuilds: articles per shard
    std::size_t shards = 0;  // a rebuild writes this many shards (index_writer.h); 0: as live, 1 if new
    ReaderOptions reader;
    std::filesystem::path gazetteers;          // entity dictionaries; empty: the built-in folder
    const std::atomic<bool>* stop = nullptr;   // set by a signal handler: stop after the batch
    // Called after every article with (articles done, input bytes read, input bytes in all);
    // for a progress display. When set, the inputs are pre-walked once to sum their sizes.
    std::function<void(std::size_t, std::uintmax_t, std::uintmax_t)> progress;
};

/// Every input item (file, JSON Lines record, unreadable directory) is exactly one of
/// added, updated, unchanged, rejected or skipped: items() == items_seen.
struct IndexStats {
    std::string started;        // ISO 8601, UTC
    std::string database;       // the database directory
    std::size_t added = 0, updated = 0, unchanged = 0, deleted = 0;
    std::size_t kept = 0;       // not seen, but kept: their input was rejected this run
    std::size_t outside = 0;    // not seen, but their source lies outside this run's inputs
    std::size_t orphaned = 0;   // of those, the ones whose source file is gone (kept all the same)
    std::string first_orphan;   // the id of one of them, for the message
    std::size_t moved = 0;      // deleted: outside, source gone, and added again under a new id
    std::vector<std::string> not_found;  // ids given to delete that the index does not hold
    std::string mass_delete;    // a dry run: why the run itself would stop (MassDeleteError)
    std::size_t files = 0;
    std::size_t items_seen = 0; // input items, as the readers counted them
    std::vector<ReadNote> rejected, skipped, warnings;
    std::size_t doc_count = 0;  // documents in the database afterwards
    std::size_t text_bytes = 0; // title + body bytes analysed
    double seconds = 0;
    bool interrupted = false;   // stopped early by `stop`; Rebuild left the old index live
    std::string generation;     // the generation written
    std::size_t shards = 1;     // its shards (1: a plain database)
    std::string rebuilt_because;  // set when an update had to rebuild (index_writer.h, NeedsRebuild)
    std::size_t articles() const { return added + updated + unchanged; }
    std::size_t items() const { return articles() + rejected.size() + skipped.size(); }
};

/// The run would delete more than mass_delete_limit() articles without allow_mass_delete;
/// thrown before the index is changed, or, when the excess shows only at the end of an
/// update, before anything is deleted (what was added and updated stays).
class MassDeleteError : public Error {
  public:
    using Error::Error;
};

/// @throws news::Error (missing input), LockedError, MassDeleteError, news::SchemaMismatch,
///         Xapian::Error.
IndexStats run_indexer(const IndexOptions& options);

}  // namespace news::indexer
