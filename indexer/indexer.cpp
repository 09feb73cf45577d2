#include "indexer/indexer.h"

#include "indexer/document_builder.h"
#include "indexer/index_writer.h"
#include "indexer/shard_pool.h"
#include "schema/analyzer.h"
#include "schema/errors.h"

#include "schema/document_data.h"

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
        for (const auto& id : report.kept_ids) ids_.insert(DocumentBuilder::id_term(id));
        for (const auto& prefix : report.kept_id_prefixes)
            prefixes_.push_back(DocumentBuilder::id_term(prefix));
        paths_.insert(report.kept_paths.begin(), report.kept_paths.end());
    }
    bool empty() const { return ids_.empty() && prefixes_.empty() && paths_.empty(); }
    bool keeps(const std::string& id_term, const Xapian::Document& doc) const {
        if (ids_.contains(id_term)) return true;
        for (const auto& prefix : prefixes_)  // ids cut by id_term() keep their first 183 bytes
            if (id_term.starts_with(prefix)) return true;
        // An id set by front matter or a sidecar does not name its file: ask the stored path.
        if (paths_.empty()) return false;
        try {
            return paths_.contains(schema::decode(doc.get_data()).path);
        } catch (const std::exception&) {  // not our data: nothing says it came from there
            return false;
        }
    }

  private:
    std::unordered_set<std::string> ids_, paths_;
    std::vector<std::string> prefixes_;
};

}  // namespace

IndexStats run_indexer(const IndexOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    for (const auto& input : options.inputs)
        if (!std::filesystem::exists(input))
            throw Error(input.string() + ": no such file or directory; give a corpus file or folder");

    IndexStats stats;
    KeptInput kept;
    const schema::Analyzer analyzer{"en"};
    const auto gazetteer = schema::Gazetteer::load(
        options.gazetteers.empty() ? schema::Gazetteer::default_dir() : options.gazetteers);
    const schema::EntityExtractor extractor{gazetteer, analyzer};
    const DocumentBuilder builder{analyzer, &extractor};
    IndexWriter writer{options.db,
                       options.rebuild ? IndexWriter::Mode::Rebuild : IndexWriter::Mode::Update,
                       options.dry_run, options.shard_docs};
    // A rebuild (or a first build) analyses and writes on `jobs` worker threads while this one
    // reads; an update does it all here through writer.put(). Even one worker beats doing it
    // all on this thread: Reuters x10 took 212 CPU s so, 261 s inline (README, Performance).
    std::optional<ShardPool> pool;
    if (writer.mode() == IndexWriter::Mode::Rebuild && !options.dry_run)
        pool.emplace(options.jobs, gazetteer, [&] { return writer.next_shard(); }, options.stop, options.shard_docs);
    std::size_t in_batch = 0;
    struct Interrupted {};
    std::uintmax_t bytes_total = 0, bytes_before = 0;  // bytes_before: of inputs already read
    if (options.progress)
        for (const auto& input : options.inputs) bytes_total += corpus_bytes(input);
    const ReadReport* reading = nullptr;  // the report of the input being read

    const ArticleSink sink = [&](Article&& article) {
        stats.text_bytes += article.title.size() + article.body.size();
        const std::string id_term = DocumentBuilder::id_term(article.id);
        IndexWriter::Change change = IndexWriter::Change::Duplicate;
        if (pool) {
            if (writer.claim(id_term)) {
                change = IndexWriter::Change::Added;
                pool->add(std::move(article));  // `article` is not read below unless a duplicate
            }
        } else {
            // Hash first: an unchanged article is never analysed.
            change = writer.put(id_term, DocumentBuilder::content_hash(article), [&] { return builder.build(article); });
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
        if (pool) pool->finish();  // the workers give up early on a stop request
        if (options.stop && options.stop->load()) throw Interrupted{};
    } catch (const Interrupted&) {
        stats.interrupted = true;
    }

    if (stats.interrupted) {
        // Update mode keeps what was committed batch by batch; a rebuild is abandoned whole.
        writer.commit();
    } else {
        stats.deleted = writer.delete_unseen(
            kept.empty() ? IndexWriter::KeepUnseen{}
                         : [&](const std::string& term, const Xapian::Document& doc) {
                               return kept.keeps(term, doc);
                           },
            stats.kept);
        stats.interrupted = !writer.finish(options.jobs, options.stop);
    }
    stats.doc_count = writer.doc_count();
    stats.generation = writer.generation().filename().string();
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
}

}  // namespace news::indexer
