// Owns the writable Xapian database: generations, the stub switch, the writer lock, the
// schema-version metadata and commits. Serves the arrow: Xapian::Document -IndexWriter-> db.
//
// On disk a database is a directory:   DB/XAPIANDB      stub file "auto gen-000007"
//                                      DB/gen-000007/   the live Xapian (glass) database
//                                      DB/newsdex.lock  writer lock (flock), holder's pid
// Readers open DB and Xapian follows the stub. A rebuild writes gen-N+1 beside the live one,
// compacts it into gen-N+2 and renames a new stub naming gen-N+2 into place, so a reader sees
// the whole old or the whole new index; then the other generations are removed. Leftovers of
// an interrupted run (generations the stub does not name, XAPIANDB.tmp) go at the next run.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_set>

namespace news::indexer {

/// Another process holds the writer lock; the message names the lock file and the holder.
class LockedError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class IndexWriter {
  public:
    enum class Mode {
        Update,   // add, replace and delete in the live generation; commits are atomic
        Rebuild,  // write a new generation and switch to it at finish()
    };

    /// Takes the lock, cleans up leftovers of interrupted runs, opens or creates a generation.
    /// @throws LockedError, news::SchemaMismatch (Update on an older database), Xapian::Error.
    IndexWriter(const std::filesystem::path& db_dir, Mode mode, bool dry_run = false);
    ~IndexWriter();  // without finish(): uncommitted work is dropped, a new generation removed

    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    enum class Change { Added, Updated, Unchanged, Duplicate };

    /// Stores the document `build()` makes under its unique id term, unless a document with
    /// the same content hash is already there: then `build` is not called (an unchanged
    /// archive costs a lookup per article, no analysis). Marks the id as seen for
    /// delete_unseen(); an id already put in this run is a Duplicate and stores nothing.
    Change put(const std::string& id_term, const std::string& content_hash,
               const std::function<Xapian::Document()>& build);

    /// Makes everything put so far durable and visible (Update mode) or durable (Rebuild).
    void commit();

    /// Whether to keep a document whose id term was not put (its input was rejected).
    using KeepUnseen = std::function<bool(const std::string& id_term, const Xapian::Document&)>;

    /// Deletes documents whose id was not put during this run, except those `keep` accepts;
    /// returns how many were (or, in a dry run, would be) deleted and adds to `kept`.
    std::size_t delete_unseen(const KeepUnseen& keep, std::size_t& kept);

    /// Commits, records the schema version and, in Rebuild mode, compacts the new generation
    /// into a sibling one, switches the stub to that and removes the others.
    void finish();

    /// Documents in the database as this writer sees it.
    Xapian::doccount doc_count() const;

    const std::filesystem::path& generation() const { return generation_; }

  private:
    void lock();
    void open_generation(const std::filesystem::path& live, bool have_live);
    void clean_leftovers(const std::filesystem::path& live) const;
    void compact();
    void switch_stub();

    std::filesystem::path dir_, generation_;
    Mode mode_;
    bool dry_run_;
    bool finished_ = false;
    Xapian::doccount final_doc_count_ = 0;  // of a finished rebuild, whose database is closed
    int lock_fd_ = -1;
    std::unique_ptr<Xapian::Database> db_;       // what put() compares against
    Xapian::WritableDatabase* writable_ = nullptr;  // the same object; null in a dry run
    std::unordered_set<std::uint64_t> seen_;  // hashes of id terms put in this run
};

/// The generation a database directory's stub points to, or empty if there is none.
std::filesystem::path live_generation(const std::filesystem::path& db_dir);

}  // namespace news::indexer
