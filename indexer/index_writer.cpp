#include "indexer/index_writer.h"

#include "indexer/document_builder.h"
#include "indexer/failure.h"

#include "schema/analyzer.h"
#include "schema/database_dir.h"
#include "schema/document_layout.h"
#include "schema/errors.h"
#include "schema/fields.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <functional>
#include <sstream>

namespace news::indexer {
namespace fs = std::filesystem;
namespace {

std::uint64_t term_key(const std::string& term) { return std::hash<std::string>{}(term); }

constexpr const char* kShardPrefix = "shard-";

}  // namespace

namespace {

// The shard names a sharded generation's stub lists ("auto shard-<i>" lines); none for a
// generation that is one database.
std::vector<std::string> shard_names(const fs::path& generation) {
    std::vector<std::string> names;
    std::ifstream stub(schema::stub_file(generation));
    for (std::string kind, name; stub >> kind >> name;) names.push_back(name);
    return names;
}

}  // namespace

std::size_t shards_of(const fs::path& generation) {
    return std::max<std::size_t>(1, shard_names(generation).size());
}

std::string iso_time(std::chrono::system_clock::time_point when) {
    const std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
    ::gmtime_r(&t, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

IndexWriter::IndexWriter(const fs::path& db_dir, const Options& options)
    : dir_(db_dir),
      mode_(options.mode),
      dry_run_(options.dry_run),
      termlists_(options.termlists),
      shard_docs_(std::max<std::size_t>(1, options.shard_docs)) {
    const fs::path live = schema::live_generation(dir_);
    const bool have_live = !live.empty() && fs::exists(live);
    const std::size_t live_shards = have_live ? shards_of(live) : 1;
    const std::size_t shards = options.shards;
    if (mode_ == Mode::Update && have_live && shards != 0 && shards != live_shards)
        throw Error(dir_.string() + ": the database has " + std::to_string(live_shards) +
                    " shard(s); to change that, run newsdex-index --rebuild --shards " + std::to_string(shards));
    shard_count_ = mode_ == Mode::Update && have_live ? live_shards : shards != 0 ? shards : live_shards;
    if (dry_run_) {
        db_ = have_live ? std::make_unique<Xapian::Database>(live.string())
                        : std::make_unique<Xapian::Database>();
        if (mode_ == Mode::Update && have_live) termlists_ = live_shards > 1 || has_termlists(live);
        return;
    }
    if (!options.held) own_lock_ = std::make_unique<WriterLock>(dir_);
    open_generation(live, have_live);  // if it throws, own_lock_ releases the lock
}

void IndexWriter::open_generation(const fs::path& live, bool have_live) {
    clean_leftovers(live);
    if (mode_ == Mode::Update && have_live && shard_count_ > 1) {
        open_shards(live, shard_count_, false);
        generation_ = live;
        return;
    }
    if (mode_ == Mode::Update && have_live) {
        termlists_ = has_termlists(live);
        auto db = std::make_unique<Xapian::WritableDatabase>(
            live.string(), Xapian::DB_OPEN | (termlists_ ? 0 : Xapian::DB_NO_TERMLIST));
        schema::check_schema_version(*db, dir_);
        generation_ = live;
        writable_ = db.get();
        db_ = std::move(db);
        return;
    }
    // Rebuild, or the first build: shards in a scratch generation, merged by finish(); or the
    // shards of a sharded database, written in place.
    mode_ = Mode::Rebuild;
    generation_ = schema::next_generation(dir_);
    fs::create_directory(generation_);
    if (shard_count_ > 1) open_shards(generation_, shard_count_, true);
}

// One WritableDatabase over every shard of `generation` (created, with their stub, if
// `create`), which numbers documents across them as one database would. Each shard is also
// kept on its own, so that finish() records the metadata in every one.
void IndexWriter::open_shards(const fs::path& generation, std::size_t count, bool create) {
    std::vector<std::string> names;
    if (create) {
        for (std::size_t i = 0; i < count; ++i) names.push_back(kShardPrefix + std::to_string(i));
        std::string stub;
        for (const auto& name : names) stub += "auto " + name + "\n";
        schema::write_file_synced(schema::stub_file(generation), stub);
    } else {
        names = shard_names(generation);
    }
    auto all = std::make_unique<Xapian::WritableDatabase>();
    for (const auto& name : names) {
        shard_dbs_.emplace_back((generation / name).string(), create ? Xapian::DB_CREATE : Xapian::DB_OPEN);
        all->add_database(shard_dbs_.back());
    }
    if (!create) schema::check_schema_version(*all, dir_);
    termlists_ = true;  // a WritableDatabase writes them: updates replace and delete in place
    writable_ = all.get();
    db_ = std::move(all);
}

IndexWriter::~IndexWriter() {
    if (!dry_run_ && !finished_ && mode_ == Mode::Rebuild) {
        shard_.reset();  // closes without committing
        writable_ = nullptr;
        db_.reset();
        shard_dbs_.clear();
        std::error_code ec;
        fs::remove_all(generation_, ec);
    }
}

WriterLock::WriterLock(const fs::path& db_dir) {
    std::error_code ec;
    if (fs::exists(db_dir, ec) && !fs::is_directory(db_dir, ec))
        throw Error(db_dir.string() + ": a file, not a database directory; --db names the directory that holds "
                                      "the database (newsdex-index creates it)");
    const bool existed = fs::exists(db_dir, ec);
    fs::create_directories(db_dir, ec);
    if (ec) throw Error(db_dir.string() + ": cannot create database directory: " + ec.message());
    const fs::path path = schema::lock_file(db_dir);
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        const std::string reason = std::strerror(errno);
        throw Error(path.string() + ": cannot open the writer lock: " + reason +
                    (errno == EACCES || errno == EROFS || errno == EPERM
                         ? "; run newsdex-index as a user who may write " + db_dir.string() +
                               ", or give another database with --db"
                         : ""));
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        std::ifstream in(path);
        std::string holder;
        std::getline(in, holder);
        ::close(fd_);
        fd_ = -1;
        throw LockedError(path.string() + ": locked by another newsdex-index (" +
                          (holder.empty() ? std::string("holder unknown") : holder) +
                          "); wait for it to finish, or stop that process");
    }
    db_dir_ = db_dir;
    created_ = !existed;
    hold_for_cleanup(db_dir_, created_);
    std::ostringstream who;
    who << "pid " << ::getpid() << ", started " << iso_time(std::chrono::system_clock::now()) << "\n";
    const std::string text = who.str();
    if (::ftruncate(fd_, 0) == 0 && ::pwrite(fd_, text.data(), text.size(), 0) < 0) {
        // The lock holds without the note; the note only helps the message of a second writer.
    }
}

WriterLock::~WriterLock() {
    if (fd_ < 0) return;
    release_for_cleanup(db_dir_);
    if (created_) remove_if_never_live(db_dir_);
    ::close(fd_);  // releases the flock
}

// A first run that failed before any generation went live leaves no directory behind: the
// user sees no database rather than an empty folder that holds a lock file only. Partial
// generations of an interrupted build stay (the folder is then not empty); the next run
// removes them.
void remove_if_never_live(const fs::path& db_dir) noexcept {
    try {
        if (schema::live_generation(db_dir).empty()) {
            std::error_code ec;
            fs::remove(schema::lock_file(db_dir), ec);
            fs::remove(db_dir, ec);  // only if empty
        }
    } catch (...) {  // an unreadable stub: leave the folder as it is
    }
}

// Generations other than the live one are leftovers of interrupted rebuilds (or of a
// switch whose old generation could not be removed): nobody else writes them while we hold
// the lock, and readers only reach the live one through the stub.
void IndexWriter::clean_leftovers(const fs::path& live) const { remove_leftovers(dir_, live); }

void remove_leftovers(const fs::path& db_dir, const fs::path& live) {
    for (const auto& entry : fs::directory_iterator(db_dir)) {
        const bool stale_gen = schema::generation_number(entry.path()) >= 0 && entry.path() != live;
        if (stale_gen || schema::is_stub_leftover(entry.path())) {
            std::error_code ec;
            fs::remove_all(entry.path(), ec);
        }
    }
}

IndexWriter::Change IndexWriter::put(const std::string& id_term, const std::string& content_hash,
                                     const std::function<BuiltDocument()>& build) {
    if (!seen_.insert(term_key(id_term)).second) return Change::Duplicate;
    if (pooled()) {
        if (!shard_) shard_ = std::make_unique<ShardWriter>(next_shard(), termlists_);
        shard_->add(build());
        ++rebuild_docs_;
        if (shard_->size() >= shard_docs_) {
            shard_->finish();
            shard_.reset();
        }
        return Change::Added;
    }
    const Change change = compare(*db_, id_term, content_hash);  // Update mode or a dry run
    if (change == Change::Unchanged) return change;
    if (change == Change::Updated && writable_ && !termlists_)
        throw NeedsRebuild(
            no_termlists("article " + schema::article_id(id_term) + " changed", "replace it"));
    if (writable_) {
        const BuiltDocument built = build();
        const Xapian::Document& doc = built.doc;
        // The words of title and body feed "Did you mean"; those of replaced articles stay.
        for (const auto& word : built.spelling) writable_->add_spelling(word);
        if (change == Change::Added) {
            writable_->add_document(doc);  // no document has the id: the same as replacing
        } else {
            writable_->replace_document(id_term, doc);
        }
    }
    return change;
}

IndexWriter::Change IndexWriter::compare(const Xapian::Database& db, const std::string& id_term,
                                         const std::string& content_hash) {
    const auto it = db.postlist_begin(id_term);
    if (it == db.postlist_end(id_term)) return Change::Added;
    return db.get_document(*it).get_value(schema::slot::kHash) == content_hash ? Change::Unchanged : Change::Updated;
}

std::string no_termlists(const std::string& what, const std::string& action) {
    return what + ", and the index, built by a rebuild, keeps no termlists to " + action + " in place";
}

bool IndexWriter::seen(const std::string& id_term) const { return seen_.contains(term_key(id_term)); }

bool IndexWriter::claim(const std::string& id_term) {
    if (!seen_.insert(term_key(id_term)).second) return false;
    ++rebuild_docs_;
    return true;
}

fs::path IndexWriter::next_shard() {
    char name[32];
    std::snprintf(name, sizeof name, "shard-%06zu", shards_.size() + 1);
    shards_.push_back(generation_ / name);
    return shards_.back();
}

void IndexWriter::commit() {
    if (writable_) writable_->commit();
}

IndexWriter::UnseenCounts IndexWriter::delete_unseen(const ClassifyUnseen& classify, std::size_t max_delete) {
    UnseenCounts counts;
    if (mode_ == Mode::Rebuild && !dry_run_) return counts;  // a new generation holds only what was put
    const std::string prefix{schema::field(schema::FieldId::Id).prefix};
    std::vector<std::string> gone, moved;
    for (auto t = db_->allterms_begin(prefix); t != db_->allterms_end(prefix); ++t) {
        if (seen_.contains(term_key(*t))) continue;
        const auto doc = db_->postlist_begin(*t);
        if (doc == db_->postlist_end(*t)) continue;
        switch (classify ? classify(*t, db_->get_document(*doc)) : Unseen::Delete) {
            case Unseen::Keep: ++counts.kept; break;
            case Unseen::Orphan:
                if (counts.orphaned++ == 0) counts.first_orphan = schema::article_id(*t);
                ++counts.outside;
                break;
            case Unseen::Outside: ++counts.outside; break;
            case Unseen::Moved: moved.push_back(*t); break;
            case Unseen::Delete: gone.push_back(*t); break;
        }
    }
    counts.deleted = gone.size();
    counts.moved = moved.size();
    if (!gone.empty()) counts.first = schema::article_id(gone.front());
    counts.refused = gone.size() > max_delete;
    if (counts.refused) return counts;
    if (writable_ && !termlists_ && !gone.empty())
        throw NeedsRebuild(no_termlists(std::to_string(gone.size()) + " indexed article(s) are gone from the input (" +
                                            counts.first + (gone.size() > 1 ? ", ...)" : ")"),
                                        "delete them"));
    if (writable_ && !termlists_ && !moved.empty())
        throw NeedsRebuild(no_termlists(std::to_string(moved.size()) + " indexed article(s) moved to new ids (" +
                                            schema::article_id(moved.front()) + (moved.size() > 1 ? ", ...)" : ")"),
                                        "delete their old ids"));
    if (writable_)
        for (const auto* terms : {&gone, &moved})
            for (const auto& term : *terms) writable_->delete_document(term);
    return counts;
}

bool IndexWriter::finish(std::size_t jobs, const std::atomic<bool>* stop) {
    if (dry_run_) return true;
    if (!shard_dbs_.empty()) {
        if (mode_ == Mode::Rebuild && stop && stop->load()) return false;  // the destructor removes it
        for (auto& shard : shard_dbs_) {  // every shard describes itself (a remote one is read alone)
            shard.set_metadata(std::string(schema::kSchemaVersionKey), std::to_string(schema::kSchemaVersion));
            if (!root_.empty()) shard.set_metadata(std::string(kRootKey), root_);
        }
        writable_->commit();
        final_doc_count_ = writable_->get_doccount();
        finished_ = true;
        if (mode_ == Mode::Rebuild) {
            writable_ = nullptr;
            db_.reset();
            shard_dbs_.clear();
            schema::fsync_path(generation_, O_RDONLY | O_DIRECTORY);
            switch_stub();
        }
        return true;
    }
    if (mode_ == Mode::Update) {
        schema::stamp_schema_version(*writable_);
        if (!root_.empty()) writable_->set_metadata(std::string(kRootKey), root_);
        writable_->commit();
        finished_ = true;
        return true;
    }
    // If the merge fails, the partial result is removed (by merge_shards) and the scratch
    // generation by the destructor: the old index stays live.
    if (shard_) shard_->finish();
    shard_.reset();
    const fs::path scratch = generation_;
    const fs::path target = schema::next_generation(dir_);
    merge_shards(shards_, target, jobs, merge_fan_in());
    std::error_code ec;
    if (stop && stop->load()) {
        fs::remove_all(target, ec);
        return false;  // the destructor removes the scratch generation
    }
    try {
        Xapian::WritableDatabase merged(target.string(),
                                        Xapian::DB_OPEN | (termlists_ ? 0 : Xapian::DB_NO_TERMLIST));
        if (!root_.empty()) merged.set_metadata(std::string(kRootKey), root_);
        merged.commit();
        final_doc_count_ = merged.get_doccount();
    } catch (...) {
        fs::remove_all(target, ec);  // not live yet; the destructor removes the scratch generation
        throw;
    }
    generation_ = target;
    fs::remove_all(scratch, ec);  // not live; switch_stub() would remove it too
    switch_stub();
    return true;
}

void IndexWriter::switch_stub() {
    schema::switch_stub(dir_, generation_);
    finished_ = true;  // generation_ is live: the destructor must not remove it, whatever fails below
    try {
        link_shards();
    } catch (const std::exception& e) {
        throw Error(dir_.string() + ": the new index is live, but its links " + kShardPrefix +
                    "<i> (for replication) could not be updated: " + e.what() + "; free space and run again");
    }
    for (const auto& entry : fs::directory_iterator(dir_)) {
        if (schema::generation_number(entry.path()) >= 0 && entry.path() != generation_) {
            std::error_code ec;
            fs::remove_all(entry.path(), ec);
        }
    }
}

// DB/shard-<i> -> gen-N/shard-<i> (a plain database: DB/shard-0 -> gen-N): names that stay the
// same across rebuilds, for xapian-replicate-server (docs/shards.md). Each link is replaced by
// an atomic rename; links beyond the shard count go.
void IndexWriter::link_shards() const {
    const std::string generation = generation_.filename().string();
    for (std::size_t i = 0;; ++i) {
        const std::string name = kShardPrefix + std::to_string(i);
        std::error_code ec;
        if (i >= shard_count_) {
            if (!fs::is_symlink(dir_ / name, ec)) break;
            fs::remove(dir_ / name, ec);
            continue;
        }
        const fs::path tmp = dir_ / (name + ".tmp");
        fs::remove(tmp, ec);
        fs::create_directory_symlink(shard_count_ > 1 ? fs::path(generation) / name : fs::path(generation), tmp);
        fs::rename(tmp, dir_ / name);
    }
}

Xapian::doccount IndexWriter::doc_count() const {
    if (!db_ && finished_) return final_doc_count_;
    if (pooled()) return finished_ ? final_doc_count_ : rebuild_docs_;
    return db_->get_doccount();
}

}  // namespace news::indexer
