// Owns the writable Xapian database: generations, the stub switch, the writer lock, the
// schema-version metadata and commits. Serves the arrow: Xapian::Document -IndexWriter-> db.
//
// The directory's layout (stub, generations, lock file) is schema/database_dir.h's.
// Readers open DB and Xapian follows the stub. A rebuild writes shards into a scratch
// gen-N+1 beside the live one (shard_writer.h), merges them by compaction into gen-N+2 and
// renames a new stub naming gen-N+2 into place, so a reader sees the whole old or the whole
// new index; then the other generations are removed. Leftovers of an interrupted run
// (generations the stub does not name, XAPIANDB.tmp) go at the next run.
//
// A sharded database (--shards N) has the same layout, its generation holding N Xapian
// databases and a stub of its own that lists them:  DB/gen-000007/XAPIANDB  "auto shard-0" ...
//                                                    DB/gen-000007/shard-0/ ... shard-(N-1)/
// Readers open DB as before and Xapian follows both stubs. Documents go through one
// WritableDatabase over all shards, which gives docid d to shard (d - 1) mod N, so the
// docids of the whole are those one database would have; a rebuild writes a new generation
// of N shards and switches the stub once. DB/shard-<i> are symbolic links to the live shards
// (DB/shard-0 to the generation of a plain database), for replication.
#pragma once

#include "indexer/shard_writer.h"
#include "indexer/unseen_rule.h"
#include "schema/errors.h"

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

namespace news::indexer {

/// Another process holds the writer lock; the message names the lock file and the holder.
class LockedError : public Error {
  public:
    using Error::Error;
};

/// The writer lock of a database directory: an flock on schema::lock_file(), which holds the
/// holder's pid and start time (ISO 8601, UTC) for the message of a second writer. Creates
/// the directory.
class WriterLock {
  public:
    /// @throws LockedError if another process holds it, news::Error if it cannot be created.
    explicit WriterLock(const std::filesystem::path& db_dir);
    ~WriterLock();  // releases it
    WriterLock(const WriterLock&) = delete;
    WriterLock& operator=(const WriterLock&) = delete;

  private:
    int fd_ = -1;
    std::filesystem::path db_dir_;
    bool created_ = false;  // this lock created db_dir: removed again if nothing went live
};

/// Removes the lock file and `db_dir` itself if no generation went live and nothing else is
/// there: for the lock holder that created the directory, when it lets go.
void remove_if_never_live(const std::filesystem::path& db_dir) noexcept;

/// Removes what the stub of `db_dir` does not name: generations other than `live` (partial
/// rebuilds, their merges) and a stub being replaced. Only the writer lock's holder may.
void remove_leftovers(const std::filesystem::path& db_dir, const std::filesystem::path& live);

/// An update must replace or delete a document of an index without termlists (shard_writer.h,
/// has_termlists()); run_indexer() then rebuilds instead. The message says what needed it.
class NeedsRebuild : public Error {
  public:
    using Error::Error;
};

/// Why an update of an index without termlists cannot do `action` ("replace it", "delete
/// them", ...) in place: "<what>, and the index, built by a rebuild, keeps no termlists to ...".
std::string no_termlists(const std::string& what, const std::string& action);

class IndexWriter {
  public:
    enum class Change { Added, Updated, Unchanged, Duplicate };

    /// How an article with `id_term` and `content_hash` compares with what `db` holds: Added
    /// (no such id), Unchanged (the same hash) or Updated.
    static Change compare(const Xapian::Database& db, const std::string& id_term, const std::string& content_hash);

    enum class Mode {
        Update,   // add, replace and delete in the live generation; commits are atomic
        Rebuild,  // write a new generation and switch to it at finish()
    };

    struct Options {
        Mode mode = Mode::Update;
        bool dry_run = false;                  // compare and count; write nothing, take no lock
        std::size_t shard_docs = kShardDocs;   // a rebuild's put() writes shards this size
        bool termlists = false;                // whether a rebuild's shards keep termlists
        const WriterLock* held = nullptr;      // the caller's lock on db_dir, if it holds one
        // The shards a rebuild writes; 0 keeps the live database's (1 for a new one). An update
        // keeps the live count; asked for another, the constructor throws news::Error.
        std::size_t shards = 0;
    };

    /// Takes the lock (unless `held` or a dry run), cleans up leftovers of interrupted runs,
    /// opens or creates a generation.
    /// @throws LockedError, news::SchemaMismatch (Update on an older database), Xapian::Error.
    IndexWriter(const std::filesystem::path& db_dir, const Options& options);
    IndexWriter(const std::filesystem::path& db_dir, Mode mode) : IndexWriter(db_dir, Options{mode}) {}
    ~IndexWriter();  // without finish(): uncommitted work is dropped, a new generation removed

    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    /// Stores the document `build()` makes under its unique id term, unless a document with
    /// the same content hash is already there: then `build` is not called (an unchanged
    /// archive costs a lookup per article, no analysis). Marks the id as seen for
    /// delete_unseen(); an id already put in this run is a Duplicate and stores nothing.
    /// @throws NeedsRebuild to replace a document of an update without termlists().
    Change put(const std::string& id_term, const std::string& content_hash,
               const std::function<BuiltDocument()>& build);

    /// For writers of their own shards (ShardPool), in Rebuild mode: marks the id as seen;
    /// false if it was already put or claimed in this run (a duplicate: store nothing).
    bool claim(const std::string& id_term);

    /// Whether the id was put or claimed in this run.
    bool seen(const std::string& id_term) const;

    /// For writers of their own shards, in Rebuild mode: the path of the next shard, in order.
    /// Whoever takes it must finish a ShardWriter there before finish() is called.
    std::filesystem::path next_shard();

    /// Update mode: makes everything put so far durable and visible. Rebuild mode: nothing
    /// (shards flush on their own; nothing is visible before finish()).
    void commit();

    /// What becomes of a document whose id term was not put (unseen_rule.h).
    using ClassifyUnseen = std::function<Unseen(const std::string& id_term, const Xapian::Document&)>;

    /// What delete_unseen() found among the documents this run did not put.
    struct UnseenCounts {
        std::size_t deleted = 0;  // deleted; in a dry run, or when refused, to be deleted
        std::size_t kept = 0;     // Unseen::Keep
        std::size_t outside = 0;  // Unseen::Outside and Unseen::Orphan
        std::size_t orphaned = 0; // Unseen::Orphan: kept, their source files gone
        std::size_t moved = 0;    // Unseen::Moved: deleted, not counted in `deleted`
        std::string first;        // the id of the first to delete, for messages
        std::string first_orphan; // the id of the first orphan, for messages
        bool refused = false;     // more than `max_delete`: nothing was deleted
    };

    /// Deletes the documents whose id was not put during this run and that `classify` calls
    /// Unseen::Delete (all, without `classify`), unless there are more than `max_delete` of
    /// them: then none. Unseen::Moved ones are deleted too, outside that count: their articles
    /// are in the index under their new ids.
    /// @throws NeedsRebuild if an update without termlists() would delete any.
    UnseenCounts delete_unseen(const ClassifyUnseen& classify, std::size_t max_delete);

    /// Metadata key of the root that file keys are relative to (corpus_reader.h, source_key()).
    static constexpr std::string_view kRootKey = "newsdex_root";

    /// The root finish() records in the database.
    void set_root(std::string root) { root_ = std::move(root); }

    /// Commits, records the schema version and, in Rebuild mode, merges the shards (on up to
    /// `jobs` threads) into a new generation, switches the stub to it and removes the others.
    /// A rebuild whose `stop` flag is set by the time the merge ends is dropped instead, the
    /// old index left live: then it returns false.
    bool finish(std::size_t jobs = 1, const std::atomic<bool>* stop = nullptr);

    /// Documents in the database as this writer sees it.
    Xapian::doccount doc_count() const;

    const std::filesystem::path& generation() const { return generation_; }

    /// Rebuild also when Update was asked for but there was no database yet.
    Mode mode() const { return mode_; }

    /// Whether put() hands documents to the caller's ShardPool (claim(), next_shard()): a
    /// rebuild of one database. A sharded rebuild writes through put() like an update.
    bool pooled() const { return mode_ == Mode::Rebuild && !dry_run_ && !writable_; }

    /// The shards of the database written (1: a plain database).
    std::size_t shard_count() const { return shard_count_; }

    /// Whether the database written has termlist tables: an update's live generation may not
    /// (it was rebuilt), a rebuild's has them if the constructor asked for them.
    bool termlists() const { return termlists_; }

  private:
    void open_generation(const std::filesystem::path& live, bool have_live);
    void clean_leftovers(const std::filesystem::path& live) const;
    void switch_stub();
    void link_shards() const;
    void open_shards(const std::filesystem::path& generation, std::size_t count, bool create);

    std::filesystem::path dir_, generation_;  // in Rebuild mode, generation_ holds the shards
    std::unique_ptr<WriterLock> own_lock_;     // unless the caller holds it; released last
    Mode mode_;
    bool dry_run_;
    bool finished_ = false;
    bool termlists_;
    std::size_t shard_docs_;
    Xapian::doccount final_doc_count_ = 0;  // of a finished rebuild, whose database is closed
    std::unique_ptr<Xapian::Database> db_;       // what put() compares against; Update and dry runs
    Xapian::WritableDatabase* writable_ = nullptr;  // the same object in Update mode, else null
    std::unique_ptr<ShardWriter> shard_;          // Rebuild mode: the shard put() writes to
    std::vector<std::filesystem::path> shards_;   // Rebuild mode: every shard, in docid order
    Xapian::doccount rebuild_docs_ = 0;           // Rebuild mode: documents put()
    std::unordered_set<std::uint64_t> seen_;  // hashes of id terms put in this run
    std::string root_;                        // recorded by finish()
    std::size_t shard_count_ = 1;
    std::vector<Xapian::WritableDatabase> shard_dbs_;  // a sharded database's shards, for metadata
};

/// The shards of a generation: 1 for a plain database, else the lines of its stub.
std::size_t shards_of(const std::filesystem::path& generation);

/// `when` in ISO 8601, UTC, to the second: "2026-12-02T00:45:19Z".
std::string iso_time(std::chrono::system_clock::time_point when);

}  // namespace news::indexer
