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

#include <chrono>
#include <filesystem>
#include <limits>
#include <optional>
#include <unordered_set>

namespace news::indexer {
namespace {

namespace fs = std::filesystem;

// What a rebuild does with the live index's documents that this run did not put: those the
// rule keeps (input rejected this run, or outside this run's inputs) are built again from their
// stored copy on the pool like the others; the rest are gone, counted as deleted.
void settle_unseen(const Xapian::Database& live, const schema::DocumentCodec& codec, const UnseenRule& rule,
                   IndexWriter& writer, ShardPool& pool, IndexStats& stats) {
    const std::string prefix{schema::field(schema::FieldId::Id).prefix};
    for (auto t = live.allterms_begin(prefix); t != live.allterms_end(prefix); ++t) {
        const std::string term = *t;
        const auto post = live.postlist_begin(term);
        if (writer.seen(term) || post == live.postlist_end(term)) continue;
        const Xapian::Document doc = live.get_document(*post);
        const Unseen fate = rule.classify(term, doc, codec);
        if (fate == Unseen::Delete) {
            ++stats.deleted;
            continue;
        }
        try {
            Article article = DocumentBuilder::article(doc, codec);
            writer.claim(term);
            pool.add(std::move(article));
            ++(fate == Unseen::Keep ? stats.kept : stats.outside);
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

// One run. `as_update`: a rebuild standing in for an update (NeedsRebuild) writes termlists
// and counts added, updated, unchanged and deleted against the live index, as the update would.
// An update records in `added` what it adds to an index without termlists.
IndexStats run_once(const IndexOptions& options, bool as_update, AddedIds& added, const WriterLock* lock) {
    const auto started = std::chrono::steady_clock::now();
    IndexStats stats;
    stats.database = options.db.string();
    const schema::Analyzer analyzer{"en"};
    const auto gazetteer = schema::Gazetteer::load(
        options.gazetteers.empty() ? schema::Gazetteer::default_dir() : options.gazetteers);
    const schema::EntityExtractor extractor{gazetteer, analyzer};
    DocumentBuilder builder{analyzer, &extractor};
    const std::filesystem::path generation = schema::live_generation(options.db);
    std::optional<Xapian::Database> live;  // the live index, if any; a rebuild reads it to the end
    if (!generation.empty() && std::filesystem::exists(generation)) {
        try {
            live.emplace(generation.string());
        } catch (const Xapian::DatabaseError& e) {  // damaged tables: only a rebuild can help
            if (!options.rebuild)
                throw Error(options.db.string() + ": this is not a complete newsdex database (" + e.get_description() +
                            "); rebuild it with: newsdex-index --rebuild --db " + options.db.string() + " <corpus>");
            stats.warnings.push_back({generation.string(), "the live index cannot be read (" + e.get_description() +
                                                                "); rebuilt from the input alone"});
        }
    }
    // The live index's codec reads its stored articles; an update packs new ones with it too
    // (a rebuild's ShardPool trains its own).
    const schema::DocumentCodec live_codec = live ? schema::DocumentCodec::of(*live) : schema::DocumentCodec();
    builder.set_codec(live_codec);
    ReaderOptions reader = options.reader;
    reader.id_root = id_root(live, options.inputs);
    UnseenRule rule{reader.id_root};
    for (const auto& input : options.inputs) {
        const fs::path canonical = fs::weakly_canonical(fs::absolute(input));
        rule.add_input(canonical, fs::is_directory(canonical));
    }
    if (options.no_delete) rule.keep_all();
    rule.delete_ids(options.delete_ids);
    const std::size_t live_docs = live ? live->get_doccount() : 0;
    const std::size_t max_delete = options.allow_mass_delete || !options.delete_ids.empty()
                                       ? std::numeric_limits<std::size_t>::max()
                                       : mass_delete_limit(live_docs);
    if (live) {
        for (const auto& id : options.delete_ids)
            if (!live->term_exists(schema::id_term(id))) stats.not_found.push_back(id);
        // Files gone from under the inputs are known before anything is read: stop before writing.
        if (const std::size_t gone = rule.gone_files(*live); gone > max_delete) {
            stats.mass_delete = mass_delete_message(gone, live_docs, "");
            if (!options.dry_run) throw MassDeleteError(stats.mass_delete);
        }
    }
    IndexWriter writer{options.db, {.mode = options.rebuild ? IndexWriter::Mode::Rebuild : IndexWriter::Mode::Update,
                                    .dry_run = options.dry_run,
                                    .shard_docs = options.shard_docs,
                                    .termlists = as_update,
                                    .held = lock}};
    // A rebuild (or a first build) analyses and writes on `jobs` worker threads while this one
    // reads; an update does it all here through writer.put(). Even one worker beats doing it
    // all on this thread (bench/RESULTS.md, Measurements behind constants).
    std::optional<ShardPool> pool;
    if (writer.mode() == IndexWriter::Mode::Rebuild && !options.dry_run) {
        pool.emplace(options.jobs, gazetteer, [&] { return writer.next_shard(); }, options.stop, options.shard_docs,
                     writer.termlists());
    } else {
        live.reset();  // an update and a dry run compare against the writer's own handle
    }
    std::size_t in_batch = 0;
    struct Interrupted {};
    std::uintmax_t bytes_total = 0, bytes_before = 0;  // bytes_before: of inputs already read
    if (options.progress)
        for (const auto& input : options.inputs) bytes_total += corpus_bytes(input);
    const ReadReport* reading = nullptr;  // the report of the input being read

    const ArticleSink sink = [&](Article&& article) {
        stats.text_bytes += article.title.size() + article.body.size();
        const std::string id_term = schema::id_term(article.id);
        IndexWriter::Change change = IndexWriter::Change::Duplicate;
        if (pool) {
            if (writer.claim(id_term)) {
                change = as_update && live ? compare(*live, id_term, article, added) : IndexWriter::Change::Added;
                pool->add(std::move(article));  // `article` is not read below unless a duplicate
            }
        } else {
            // Hash first: an unchanged article is never analysed.
            change = writer.put(id_term, schema::content_hash(article), [&] { return builder.build(article); });
            if (change == IndexWriter::Change::Added && !writer.termlists()) added.insert(id_term);
        }
        switch (change) {
            case IndexWriter::Change::Added: ++stats.added; break;
            case IndexWriter::Change::Updated: ++stats.updated; break;
            case IndexWriter::Change::Unchanged: ++stats.unchanged; break;
            case IndexWriter::Change::Duplicate:  // e.g. two files whose front matter says id: x
                stats.rejected.push_back(
                    {article.line ? article.path + ":" + std::to_string(article.line) : article.path,
                     "duplicate id " + article.id + ", already used by another article of this run"});
                break;
        }
        if (options.progress)
            options.progress(stats.articles(), bytes_before + (reading ? reading->bytes_read : 0),
                             bytes_total);
        if (++in_batch >= options.batch) {
            writer.commit();
            in_batch = 0;
            if (options.stop && options.stop->load()) throw Interrupted{};
        }
    };

    try {
        for (const auto& input : options.inputs) {
            ReadReport report;
            reading = &report;
            read_corpus(input, sink, report, reader);
            reading = nullptr;
            bytes_before += report.bytes_read;
            rule.add(report);
            stats.files += report.files_seen;
            stats.items_seen += report.items_seen;
            auto append = [](std::vector<ReadNote>& to, std::vector<ReadNote>& from) {
                to.insert(to.end(), from.begin(), from.end());
            };
            append(stats.rejected, report.rejected);
            append(stats.skipped, report.skipped);
            append(stats.warnings, report.warnings);
            if (options.stop && options.stop->load()) throw Interrupted{};
        }
        if (pool && live) {
            settle_unseen(*live, live_codec, rule, writer, *pool, stats);
            if (stats.deleted > max_delete) throw MassDeleteError(mass_delete_message(stats.deleted, live_docs, ""));
        }
        if (pool) pool->finish();  // the workers give up early on a stop request
        if (options.stop && options.stop->load()) throw Interrupted{};
    } catch (const Interrupted&) {
        stats.interrupted = true;
    }

    if (stats.interrupted) {
        // Update mode keeps what was committed batch by batch; a rebuild is abandoned whole.
        writer.commit();
    } else {
        live.reset();  // read by settle_unseen(); the switch below removes its generation
        const auto unseen = writer.delete_unseen(
            [&](const std::string& term, const Xapian::Document& doc) { return rule.classify(term, doc, live_codec); },
            max_delete);
        stats.deleted += unseen.deleted;
        stats.kept += unseen.kept;
        stats.outside += unseen.outside;
        writer.set_root(reader.id_root.string());
        if (unseen.refused) {
            stats.mass_delete = mass_delete_message(unseen.deleted, live_docs, unseen.first);
            if (!options.dry_run) {
                writer.finish();
                throw MassDeleteError(stats.mass_delete + "; nothing was deleted, what was added and updated is kept");
            }
        }
        stats.interrupted = !writer.finish(options.jobs, options.stop);
        if (options.dry_run && writer.mode() == IndexWriter::Mode::Update && !writer.termlists() &&
            stats.updated + stats.deleted > 0)
            stats.rebuilt_because = no_termlists(std::to_string(stats.updated) + " article(s) changed and " +
                                                     std::to_string(stats.deleted) + " gone",
                                                 "replace or delete them");
    }
    stats.doc_count = writer.doc_count();
    stats.generation = writer.generation().filename().string();
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
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
    if (!options.delete_ids.empty() && schema::live_generation(options.db).empty())
        throw Error(options.db.string() + ": no database to delete from");
    AddedIds added;
    try {
        IndexStats stats = run_once(options, false, added, held);
        stats.started = started_at;
        return stats;
    } catch (const NeedsRebuild& why) {
        // What the update added stays live (committed batch by batch, the rest when its
        // database closed) until the rebuild's switch. The rebuild keeps termlists, so the
        // updates after it replace and delete in place.
        IndexOptions rebuild = options;
        rebuild.rebuild = true;
        IndexStats stats = run_once(rebuild, true, added, held);
        stats.rebuilt_because = why.what();
        stats.started = started_at;
        stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return stats;
    }
}

}  // namespace news::indexer
