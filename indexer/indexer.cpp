#include "indexer/indexer.h"

#include "indexer/document_builder.h"
#include "indexer/index_writer.h"
#include "indexer/shard_pool.h"
#include "schema/analyzer.h"
#include "schema/errors.h"

#include "schema/document_data.h"
#include "schema/document_layout.h"
#include "schema/fields.h"

#include <chrono>
#include <optional>
#include <unordered_set>

namespace news::indexer {
namespace {

/// Decides which unseen documents an update keeps: those indexed from input that was
/// rejected this run (ReadReport::kept_*), so a bad night never loses indexed articles.
class KeptInput {
  public:
    void add(const ReadReport& report) {
        for (const auto& id : report.kept_ids) ids_.insert(schema::id_term(id));
        for (const auto& prefix : report.kept_id_prefixes)
            prefixes_.push_back(schema::id_term(prefix));
        paths_.insert(report.kept_paths.begin(), report.kept_paths.end());
    }
    bool empty() const { return ids_.empty() && prefixes_.empty() && paths_.empty(); }
    /// `doc` is of the live index, whose stored articles `codec` reads.
    bool keeps(const std::string& id_term, const Xapian::Document& doc, const schema::DocumentCodec& codec) const {
        if (ids_.contains(id_term)) return true;
        for (const auto& prefix : prefixes_)  // ids cut by id_term() keep their first 183 bytes
            if (id_term.starts_with(prefix)) return true;
        // An id set by front matter or a sidecar does not name its file: ask the stored path.
        if (paths_.empty()) return false;
        try {
            return paths_.contains(codec.load(doc).path);
        } catch (const std::exception&) {  // not our data: nothing says it came from there
            return false;
        }
    }

  private:
    std::unordered_set<std::string> ids_, paths_;
    std::vector<std::string> prefixes_;
};

// What a rebuild does with the live index's documents that this run did not put: those whose
// input was rejected are kept, built again from their stored copy on the pool like the others;
// the rest are gone, and counted as deleted when the rebuild stands in for an update.
void settle_unseen(const Xapian::Database& live, const schema::DocumentCodec& codec, const KeptInput& kept,
                   IndexWriter& writer, ShardPool& pool, IndexStats& stats, bool count_deleted) {
    const std::string prefix{schema::field(schema::FieldId::Id).prefix};
    for (auto t = live.allterms_begin(prefix); t != live.allterms_end(prefix); ++t) {
        const std::string term = *t;
        const auto post = live.postlist_begin(term);
        if (writer.seen(term) || post == live.postlist_end(term)) continue;
        const Xapian::Document doc = live.get_document(*post);
        if (kept.empty() || !kept.keeps(term, doc, codec)) {
            if (count_deleted) ++stats.deleted;
            continue;
        }
        try {
            Article article = DocumentBuilder::article(codec.load(doc));
            writer.claim(term);
            pool.add(std::move(article));
            ++stats.kept;
        } catch (const Error& e) {
            stats.warnings.push_back({schema::article_id(term),
                                      std::string("indexed earlier from input rejected this run, but not kept by "
                                                  "the rebuild: ") + e.what() + "; fix its input and index again"});
        }
    }
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
    KeptInput kept;
    const schema::Analyzer analyzer{"en"};
    const auto gazetteer = schema::Gazetteer::load(
        options.gazetteers.empty() ? schema::Gazetteer::default_dir() : options.gazetteers);
    const schema::EntityExtractor extractor{gazetteer, analyzer};
    DocumentBuilder builder{analyzer, &extractor};
    const std::filesystem::path generation = live_generation(options.db);
    std::optional<Xapian::Database> live;  // the live index, if any; a rebuild reads it to the end
    if (!generation.empty() && std::filesystem::exists(generation)) live.emplace(generation.string());
    // The live index's codec reads its stored articles; an update packs new ones with it too
    // (a rebuild trains its own: ShardPool::codec()).
    const schema::DocumentCodec live_codec = live ? schema::DocumentCodec::of(*live) : schema::DocumentCodec();
    builder.set_codec(live_codec);
    IndexWriter writer{options.db,
                       options.rebuild ? IndexWriter::Mode::Rebuild : IndexWriter::Mode::Update,
                       options.dry_run, options.shard_docs, as_update, lock};
    // A rebuild (or a first build) analyses and writes on `jobs` worker threads while this one
    // reads; an update does it all here through writer.put(). Even one worker beats doing it
    // all on this thread: Reuters x10 took 212 CPU s so, 261 s inline (bench/RESULTS.md).
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
            read_corpus(input, sink, report, options.reader);
            reading = nullptr;
            bytes_before += report.bytes_read;
            kept.add(report);
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
        if (pool && live && (as_update || !kept.empty())) settle_unseen(*live, live_codec, kept, writer, *pool, stats, as_update);
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
        stats.deleted += writer.delete_unseen(
            kept.empty() ? IndexWriter::KeepUnseen{}
                         : [&](const std::string& term, const Xapian::Document& doc) {
                               return kept.keeps(term, doc, live_codec);
                           },
            stats.kept);
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
    for (const auto& input : options.inputs)
        if (!std::filesystem::exists(input))
            throw Error(input.string() + ": no such file or directory; give a corpus file or folder");
    // One lock for both runs, so no other writer slips in between an update and its rebuild.
    std::optional<WriterLock> lock;
    if (!options.dry_run) lock.emplace(options.db);
    const WriterLock* held = lock ? &*lock : nullptr;
    AddedIds added;
    try {
        return run_once(options, false, added, held);
    } catch (const NeedsRebuild& why) {
        // What the update added stays live (committed batch by batch, the rest when its
        // database closed) until the rebuild's switch. The rebuild keeps termlists, so the
        // updates after it replace and delete in place.
        IndexOptions rebuild = options;
        rebuild.rebuild = true;
        IndexStats stats = run_once(rebuild, true, added, held);
        stats.rebuilt_because = why.what();
        stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return stats;
    }
}

}  // namespace news::indexer
