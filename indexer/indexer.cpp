#include "indexer/indexer.h"

#include "indexer/document_builder.h"
#include "indexer/index_writer.h"
#include "schema/analyzer.h"
#include "schema/errors.h"

#include <chrono>

namespace news::indexer {

IndexStats run_indexer(const IndexOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    for (const auto& input : options.inputs)
        if (!std::filesystem::exists(input))
            throw Error(input.string() + ": no such file or directory; give a corpus file or folder");

    IndexStats stats;
    const schema::Analyzer analyzer{"en"};
    const DocumentBuilder builder{analyzer};
    IndexWriter writer{options.db,
                       options.rebuild ? IndexWriter::Mode::Rebuild : IndexWriter::Mode::Update,
                       options.dry_run};
    std::size_t in_batch = 0;
    struct Interrupted {};

    const ArticleSink sink = [&](Article&& article) {
        stats.text_bytes += article.title.size() + article.body.size();
        const std::string id_term = DocumentBuilder::id_term(article.id);
        const std::string hash = DocumentBuilder::content_hash(article);
        switch (writer.put(id_term, hash, builder.build(article))) {
            case IndexWriter::Change::Added: ++stats.added; break;
            case IndexWriter::Change::Updated: ++stats.updated; break;
            case IndexWriter::Change::Unchanged: ++stats.unchanged; break;
        }
        if (options.progress) options.progress(stats.articles());
        if (++in_batch >= options.batch) {
            writer.commit();
            in_batch = 0;
            if (options.stop && options.stop->load()) throw Interrupted{};
        }
    };

    try {
        for (const auto& input : options.inputs) {
            ReadReport report;
            read_corpus(input, sink, report, options.reader);
            stats.files += report.files_seen;
            auto append = [](std::vector<ReadNote>& to, std::vector<ReadNote>& from) {
                to.insert(to.end(), from.begin(), from.end());
            };
            append(stats.rejected, report.rejected);
            append(stats.skipped, report.skipped);
            append(stats.warnings, report.warnings);
            if (options.stop && options.stop->load()) throw Interrupted{};
        }
    } catch (const Interrupted&) {
        stats.interrupted = true;
    }

    if (stats.interrupted) {
        // Update mode keeps what was committed batch by batch; a rebuild is abandoned whole.
        writer.commit();
    } else {
        stats.deleted = writer.delete_unseen();
        writer.finish();
    }
    stats.doc_count = writer.doc_count();
    stats.generation = writer.generation().filename().string();
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
}

}  // namespace news::indexer
