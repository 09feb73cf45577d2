#include "indexer/shard_writer.h"

#include "schema/analyzer.h"
#include "schema/database_dir.h"
#include "schema/document_data.h"
#include "schema/fields.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

namespace news::indexer {
namespace fs = std::filesystem;
namespace {

// Scratch databases: no fsync (the merged result is synced), and blocks rewritten in place
// rather than copied on write, since no reader ever opens a shard.
constexpr int kShardFlags = Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS;

void merge(const std::vector<fs::path>& inputs, const fs::path& output) {
    Xapian::Database all;
    for (const auto& p : inputs) all.add_database(Xapian::Database(p.string()));
    try {
        // Renumbered: each input's documents follow the previous input's, in input order.
        all.compact(output.string(), inputs.size() > 3 ? Xapian::DBCOMPACT_MULTIPASS : 0);
    } catch (...) {
        std::error_code ec;
        fs::remove_all(output, ec);
        throw;
    }
    all.close();
    for (const auto& p : inputs) {
        std::error_code ec;
        fs::remove_all(p, ec);
    }
}

}  // namespace

ShardWriter::ShardWriter(const fs::path& path, bool termlists)
    : db_(path.string(), kShardFlags | (termlists ? 0 : Xapian::DB_NO_TERMLIST)) {}

bool has_termlists(const fs::path& generation) { return fs::exists(generation / "termlist.glass"); }

void ShardWriter::add(const BuiltDocument& built) {
    // The words of titles and bodies feed "Did you mean"; counted here, written once per shard.
    for (const auto& word : built.spelling) ++spelling_[word];  // once per article, as add_spelling(word)
    db_.add_document(built.doc);
    if (++added_ % kShardFlushDocs == 0) db_.commit();
}

void ShardWriter::finish(const std::string& dictionary) {
    if (!dictionary.empty()) db_.set_metadata(std::string(schema::DocumentCodec::kMetadataKey), dictionary);
    for (const auto& [word, count] : spelling_) db_.add_spelling(word, count);
    spelling_.clear();
    schema::stamp_schema_version(db_);
    db_.commit();
    db_.close();
}

std::size_t merge_fan_in() {
    rlimit files{};
    if (::getrlimit(RLIMIT_NOFILE, &files) != 0 || files.rlim_cur == RLIM_INFINITY) return 256;
    const rlim_t usable = files.rlim_cur > 128 ? files.rlim_cur - 128 : 0;
    return std::clamp<std::size_t>(static_cast<std::size_t>(usable / 8), 2, 4096);
}

void merge_shards(const std::vector<fs::path>& shards, const fs::path& target, std::size_t jobs, std::size_t fan_in) {
    fan_in = std::max<std::size_t>(2, fan_in);
    if (shards.empty()) {  // nothing was indexed: an empty database with the schema version
        Xapian::WritableDatabase empty(target.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_TERMLIST);
        schema::stamp_schema_version(empty);
        empty.commit();
        return;
    }
    std::vector<fs::path> level = shards;
    for (int round = 1; level.size() > fan_in; ++round) {
        std::vector<std::vector<fs::path>> groups;
        for (std::size_t i = 0; i < level.size(); i += fan_in)
            groups.emplace_back(level.begin() + i, level.begin() + std::min(level.size(), i + fan_in));
        std::vector<fs::path> next;
        for (std::size_t g = 0; g < groups.size(); ++g)
            next.push_back(target.parent_path() /
                           (target.filename().string() + ".merge" + std::to_string(round) + "-" + std::to_string(g)));
        // Groups merge on up to `jobs` threads; the first failure is rethrown after all stop.
        std::vector<std::exception_ptr> errors(groups.size());
        std::vector<std::thread> threads;
        std::atomic<std::size_t> next_group{0};
        try {
            for (std::size_t t = 0; t < std::max<std::size_t>(1, std::min(jobs, groups.size())); ++t)
                threads.emplace_back([&] {
                    for (std::size_t g; (g = next_group++) < groups.size();) {
                        try {
                            merge(groups[g], next[g]);
                        } catch (...) {
                            errors[g] = std::current_exception();
                        }
                    }
                });
        } catch (...) {  // a thread that cannot start: the started ones finish the round, then fail it
            for (auto& t : threads) t.join();
            throw;
        }
        for (auto& t : threads) t.join();
        for (const auto& e : errors)
            if (e) std::rethrow_exception(e);
        level = std::move(next);
    }
    merge(level, target);
    for (const auto& entry : fs::directory_iterator(target))
        if (entry.is_regular_file()) schema::fsync_path(entry.path(), O_RDONLY);
    schema::fsync_path(target, O_RDONLY | O_DIRECTORY);
}

}  // namespace news::indexer
