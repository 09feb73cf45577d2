#include "indexer/indexer.h"

#include "indexer/document_builder.h"
#include "indexer/index_writer.h"
#include "indexer/shard_pool.h"
#include "indexer/unseen_rule.h"
#include "schema/analyzer.h"
#include "schema/database_dir.h"
#include "schema/errors.h"

#include "schema/document_data.h"
#include "schema/document_layout.h"
#include "schema/fields.h"
#include "schema/ner_span_tagger.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <limits>
#include <optional>
#include <unordered_set>

namespace news::indexer {
namespace {

namespace fs = std::filesystem;

// An orphan kept: counted with those outside the inputs, and on its own for the message.
void count_orphan(IndexStats& stats, const std::string& id_term) {
    if (stats.orphaned++ == 0) stats.first_orphan = schema::article_id(id_term);
}

// What a rebuild does with the live index's documents that this run did not put: those the
// rule keeps (input rejected this run, or outside this run's inputs) are built again from their
// stored copy and handed to `keep` like the others; moved ones are in the run under their new
// ids; the rest are gone, counted as deleted.
void settle_unseen(const Xapian::Database& live, const schema::DocumentCodec& codec, UnseenRule& rule,
                   const IndexWriter& writer, const std::function<void(const std::string&, Article&&)>& keep,
                   IndexStats& stats) {
    const std::string prefix{schema::field(schema::FieldId::Id).prefix};
    for (auto t = live.allterms_begin(prefix); t != live.allterms_end(prefix); ++t) {
        const std::string term = *t;
        const auto post = live.postlist_begin(term);
        if (writer.seen(term) || post == live.postlist_end(term)) continue;
        const Xapian::Document doc = live.get_document(*post);
        const Unseen fate = rule.classify(term, doc, codec);
        if (fate == Unseen::Delete || fate == Unseen::Moved) {
            ++(fate == Unseen::Delete ? stats.deleted : stats.moved);
            continue;
        }
        try {
            keep(term, DocumentBuilder::article(doc, codec));
            ++(fate == Unseen::Keep ? stats.kept : stats.outside);
            if (fate == Unseen::Orphan) count_orphan(stats, term);
        } catch (const Error& e) {
            ++stats.deleted;
            stats.warnings.push_back({schema::article_id(term),
                                      std::string("indexed earlier, but its stored copy cannot be read to keep it: ") +
                                          e.what() + "; index its input again"});
        }
    }
}

// The root file keys are relative to: the one recorded in the database, else (a first build)
// the first input if it is a folder, or the folder holding it.
fs::path id_root(const std::optional<Xapian::Database>& live, const std::vector<fs::path>& inputs) {
    if (live) {
        const std::string recorded = live->get_metadata(std::string(IndexWriter::kRootKey));
        if (!recorded.empty()) return recorded;
    }
    if (inputs.empty()) return {};
    const fs::path first = fs::weakly_canonical(fs::absolute(inputs.front()));
    return fs::is_directory(first) ? first : first.parent_path();
}

std::string mass_delete_message(std::size_t gone, std::size_t documents, const std::string& first) {
    return "would delete " + std::to_string(gone) + " of the " + std::to_string(documents) + " articles (" +
           std::to_string(documents ? gone * 100 / documents : 100) + "%" +
           (first.empty() ? std::string() : ", " + first + " first") +
           ") whose sources under the paths given are gone; more than " +
           std::to_string(static_cast<int>(kMassDeleteShare * 100)) + "% and at least " +
           std::to_string(kMassDeleteMin) +
           " is taken for a mistake (a folder renamed or not mounted?). If they are meant to go, "
           "run again with --allow-mass-delete; to add and update only, with --no-delete";
}

// The id terms an update added before it found it had to rebuild: committed to the live index
// by then, they still count as added.
using AddedIds = std::unordered_set<std::string>;

// How an update would have counted an article that a rebuild standing in for it writes.
IndexWriter::Change compare(const Xapian::Database& live, const std::string& id_term, const Article& article,
                            const AddedIds& added) {
    if (added.contains(id_term)) return IndexWriter::Change::Added;
    return IndexWriter::compare(live, id_term, schema::content_hash(article));
}

// The live index of `options.db`, if it has one. A damaged one stops an update; a rebuild
// goes on from the input alone, with a warning in `stats`.
std::optional<Xapian::Database> open_live(const IndexOptions& options, IndexStats& stats) {
    std::optional<Xapian::Database> live;
    const fs::path generation = schema::live_generation(options.db);
    if (generation.empty() || !fs::exists(generation)) return live;
    try {
        live.emplace(generation.string());
    } catch (const Xapian::DatabaseError& e) {  // damaged tables: only a rebuild can help
        if (!options.rebuild)
            throw Error(options.db.string() + ": this is not a complete newsdex database (" + e.get_description() +
                        "); rebuild it with: newsdex-index --rebuild --db " + options.db.string() + " <corpus>");
        stats.warnings.push_back(
            {generation.string(), "the live index cannot be read (" + e.get_description() + "); rebuilt from the input alone"});
    }
    return live;
}

// Which unseen articles this run may delete: those under its inputs, or named by --delete.
UnseenRule unseen_rule(const IndexOptions& options, const fs::path& id_root) {
    UnseenRule rule{id_root};
    for (const auto& input : options.inputs) {
        const fs::path canonical = fs::weakly_canonical(fs::absolute(input));
        rule.add_input(canonical, fs::is_directory(canonical));
    }
    if (options.no_delete) rule.keep_all();
    if (options.delete_orphans) rule.delete_orphans();
    rule.delete_ids(options.delete_ids);
    return rule;
}

void append(std::vector<ReadNote>& to, const std::vector<ReadNote>& from) { to.insert(to.end(), from.begin(), from.end()); }

// One run: reads the inputs, hands each article to the writer (an update) or to the pool of
// workers (a rebuild), then settles the indexed articles it did not see. `as_update`: a rebuild
// standing in for an update (NeedsRebuild) writes termlists and counts added, updated,
// unchanged and deleted against the live index, as the update would. An update records in
// `added` what it adds to an index without termlists. A stop request ends reading after the
// current batch; execute() then reports the run as interrupted.
class Run {
  public:
    Run(const IndexOptions& options, bool as_update, AddedIds& added)
        : options_(options),
          as_update_(as_update),
          added_(added),
          gazetteer_(schema::Gazetteer::load(options.gazetteers.empty() ? schema::Gazetteer::default_dir()
                                                                         : options.gazetteers)),
          live_(open_live(options, stats_)),
          // The live index's codec reads its stored articles; an update packs new ones with it
          // too (a rebuild's ShardPool trains its own).
          live_codec_(live_ ? schema::DocumentCodec::of(*live_) : schema::DocumentCodec()),
          reader_(options.reader),
          rule_(unseen_rule(options, reader_.id_root = id_root(live_, options.inputs))) {
        stats_.database = options.db.string();
        builder_.set_codec(live_codec_);
        reader_.stop = &stop_reading_;
    }

    IndexStats execute(const WriterLock* lock);

  private:
    void check_deletions();
    void start_writing(const WriterLock* lock);
    void take(Article&& article);
    void count(IndexWriter::Change change, const Article& article);
    void read_inputs();
    void settle();
    bool stopped() const { return options_.stop && options_.stop->load(); }
    bool rebuilding() const { return writer_->mode() == IndexWriter::Mode::Rebuild && !options_.dry_run; }

    const IndexOptions& options_;
    const bool as_update_;
    AddedIds& added_;
    IndexStats stats_;
    schema::Analyzer analyzer_{"en"};
    const schema::Gazetteer gazetteer_;
    const schema::NerSpanTagger tagger_{gazetteer_, analyzer_};  // loaded once; the workers share it
    const schema::EntityExtractor extractor_{gazetteer_, analyzer_, &tagger_, tagger_.threshold()};
    DocumentBuilder builder_{analyzer_, &extractor_};
    std::optional<Xapian::Database> live_;  // the live index, if any; a rebuild reads it to the end
    const schema::DocumentCodec live_codec_;
    ReaderOptions reader_;
    UnseenRule rule_;
    std::size_t live_docs_ = 0;
    std::size_t max_delete_ = std::numeric_limits<std::size_t>::max();
    std::optional<IndexWriter> writer_;
    std::optional<ShardPool> pool_;
    std::size_t in_batch_ = 0;
    std::uintmax_t bytes_total_ = 0, bytes_before_ = 0;  // bytes_before_: of inputs already read
    const ReadReport* reading_ = nullptr;  // the report of the input being read
    std::atomic<bool> stop_reading_{false};  // the readers read no further item once set
};

// Ids to --delete that the index does not hold; files gone from under the inputs, which are
// known before anything is read: too many stop the run before it writes.
void Run::check_deletions() {
    live_docs_ = live_ ? live_->get_doccount() : 0;
    if (!options_.allow_mass_delete && options_.delete_ids.empty()) max_delete_ = mass_delete_limit(live_docs_);
    if (!live_) return;
    for (const auto& id : options_.delete_ids)
        if (!live_->term_exists(schema::id_term(id))) stats_.not_found.push_back(id);
    if (const std::size_t gone = rule_.gone_files(*live_); gone > max_delete_) {
        stats_.mass_delete = mass_delete_message(gone, live_docs_, "");
        if (!options_.dry_run) throw MassDeleteError(stats_.mass_delete);
    }
}

// A rebuild (or a first build) analyses and writes on `jobs` worker threads while this one
// reads; an update does it all here through writer.put(). Even one worker beats doing it all
// on this thread (bench/RESULTS.md, Measurements behind constants).
void Run::start_writing(const WriterLock* lock) {
    writer_.emplace(options_.db,
                    IndexWriter::Options{.mode = options_.rebuild ? IndexWriter::Mode::Rebuild : IndexWriter::Mode::Update,
                                         .dry_run = options_.dry_run,
                                         .shard_docs = options_.shard_docs,
                                         .termlists = as_update_,
                                         .held = lock,
                                         .shards = options_.shards});
    // A sharded rebuild writes through put() too, its stored articles plain (no dictionary).
    if (writer_->pooled())
        pool_.emplace(options_.jobs, gazetteer_, &tagger_, [this] { return writer_->next_shard(); }, options_.stop,
                      options_.shard_docs, writer_->termlists());
    else if (rebuilding())
        builder_.set_codec(schema::DocumentCodec());
    if (!rebuilding()) live_.reset();  // an update and a dry run compare against the writer's own handle
    if (options_.progress)
        for (const auto& input : options_.inputs) bytes_total_ += corpus_bytes(input);
}

void Run::take(Article&& article) {
    stats_.text_bytes += article.title.size() + article.body.size();
    const std::string id_term = schema::id_term(article.id);
    IndexWriter::Change change = IndexWriter::Change::Duplicate;
    // An id the live index did not hold may be an article it holds under an old id (moved); an
    // update that had to rebuild added its ids to the live index already.
    if (live_ && (!live_->term_exists(id_term) || added_.contains(id_term)) && !writer_->seen(id_term))
        rule_.add_new(article);
    if (pool_) {
        if (writer_->claim(id_term)) {
            change = as_update_ && live_ ? compare(*live_, id_term, article, added_) : IndexWriter::Change::Added;
            pool_->add(std::move(article));  // `article` is not read below unless a duplicate
        }
    } else {
        // Hash first: an unchanged article is never analysed.
        change = writer_->put(id_term, schema::content_hash(article), [&] { return builder_.build(article); });
        if (change == IndexWriter::Change::Added && !writer_->termlists()) added_.insert(id_term);
        if (change == IndexWriter::Change::Added && !live_) rule_.add_new(article);
    }
    count(change, article);
    if (options_.progress)
        options_.progress(stats_.articles(), bytes_before_ + (reading_ ? reading_->bytes_read : 0), bytes_total_);
    if (++in_batch_ >= options_.batch) {
        writer_->commit();
        in_batch_ = 0;
        if (stopped()) stop_reading_ = true;
    }
}

void Run::count(IndexWriter::Change change, const Article& article) {
    switch (change) {
        case IndexWriter::Change::Added: ++stats_.added; break;
        case IndexWriter::Change::Updated: ++stats_.updated; break;
        case IndexWriter::Change::Unchanged: ++stats_.unchanged; break;
        case IndexWriter::Change::Duplicate:  // e.g. two files whose front matter says id: x
            stats_.rejected.push_back({article.line ? article.path + ":" + std::to_string(article.line) : article.path,
                                       "duplicate id " + article.id + ", already used by another article of this run"});
            break;
    }
}

void Run::read_inputs() {
    const ArticleSink sink = [this](Article&& article) { take(std::move(article)); };
    for (const auto& input : options_.inputs) {
        if (stop_reading_ || stopped()) return;
        ReadReport report;
        reading_ = &report;
        read_corpus(input, sink, report, reader_);
        reading_ = nullptr;
        bytes_before_ += report.bytes_read;
        rule_.add(report);
        stats_.files += report.files_seen;
        stats_.items_seen += report.items_seen;
        append(stats_.rejected, report.rejected);
        append(stats_.skipped, report.skipped);
        append(stats_.warnings, report.warnings);
    }
}

// Deletes what the rule says is gone, stopping before a mass delete, and makes the run live.
void Run::settle() {
    live_.reset();  // read by settle_unseen(); the switch below removes its generation
    const auto unseen = writer_->delete_unseen(
        [this](const std::string& term, const Xapian::Document& doc) { return rule_.classify(term, doc, live_codec_); },
        max_delete_);
    stats_.deleted += unseen.deleted;
    stats_.kept += unseen.kept;
    stats_.outside += unseen.outside;
    stats_.moved += unseen.moved;
    if (stats_.orphaned == 0) stats_.first_orphan = unseen.first_orphan;
    stats_.orphaned += unseen.orphaned;
    writer_->set_root(reader_.id_root.string());
    if (unseen.refused) {
        stats_.mass_delete = mass_delete_message(unseen.deleted, live_docs_, unseen.first);
        if (!options_.dry_run) {
            writer_->finish();
            throw MassDeleteError(stats_.mass_delete + "; nothing was deleted, what was added and updated is kept");
        }
    }
    stats_.interrupted = !writer_->finish(options_.jobs, options_.stop);
    if (options_.dry_run && writer_->mode() == IndexWriter::Mode::Update && !writer_->termlists() &&
        stats_.updated + stats_.deleted > 0)
        stats_.rebuilt_because = no_termlists(
            std::to_string(stats_.updated) + " article(s) changed and " + std::to_string(stats_.deleted) + " gone",
            "replace or delete them");
}

IndexStats Run::execute(const WriterLock* lock) {
    const auto started = std::chrono::steady_clock::now();
    check_deletions();
    start_writing(lock);
    read_inputs();
    if (!stop_reading_ && !stopped() && rebuilding() && live_) {
        settle_unseen(*live_, live_codec_, rule_, *writer_, [this](const std::string& term, Article&& article) {
            if (pool_) {
                writer_->claim(term);
                pool_->add(std::move(article));
            } else {
                writer_->put(term, schema::content_hash(article), [&] { return builder_.build(article); });
            }
        }, stats_);
        if (stats_.deleted > max_delete_) throw MassDeleteError(mass_delete_message(stats_.deleted, live_docs_, ""));
    }
    if (!stop_reading_ && !stopped() && pool_) pool_->finish();  // the workers give up early on a stop request
    stats_.interrupted = stop_reading_ || stopped();
    if (stats_.interrupted)
        writer_->commit();  // an update keeps what was committed batch by batch; a rebuild is abandoned whole
    else
        settle();
    stats_.doc_count = writer_->doc_count();
    stats_.generation = writer_->generation().filename().string();
    stats_.shards = writer_->shard_count();
    stats_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats_;
}

}  // namespace

IndexStats run_indexer(const IndexOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    const std::string started_at = iso_time(std::chrono::system_clock::now());
    for (const auto& input : options.inputs)
        if (!std::filesystem::exists(input))
            throw Error(input.string() + ": no such file or directory; give a corpus file or folder");
    // One lock for both runs, so no other writer slips in between an update and its rebuild.
    std::optional<WriterLock> lock;
    if (!options.dry_run) lock.emplace(options.db);
    const WriterLock* held = lock ? &*lock : nullptr;
    if ((!options.delete_ids.empty() || (options.delete_orphans && options.inputs.empty())) &&
        schema::live_generation(options.db).empty())
        throw Error(options.db.string() + ": no database to delete from");
    AddedIds added;
    try {
        IndexStats stats = Run(options, false, added).execute(held);
        stats.started = started_at;
        return stats;
    } catch (const NeedsRebuild& why) {
        // What the update added stays live (committed batch by batch, the rest when its
        // database closed) until the rebuild's switch. The rebuild keeps termlists, so the
        // updates after it replace and delete in place.
        IndexOptions rebuild = options;
        rebuild.rebuild = true;
        IndexStats stats = Run(rebuild, true, added).execute(held);
        stats.rebuilt_because = why.what();
        stats.started = started_at;
        stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return stats;
    }
}

}  // namespace news::indexer
