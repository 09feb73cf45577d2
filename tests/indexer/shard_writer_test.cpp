// Sharded rebuilds: ShardWriter + merge_shards keep every document, in order, with
// spelling counts summed; and run_indexer with several jobs writes exactly the index one job
// writes.
#include "indexer/shard_writer.h"

#include "indexer/indexer.h"
#include "indexer/index_writer.h"
#include "schema/database_dir.h"
#include "schema/fields.h"

#include "temp_dir.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using news::test::TempDir;

namespace {

news::indexer::BuiltDocument doc_with(const std::string& id, const std::string& word) {
    news::indexer::BuiltDocument built{{}, {word}};
    built.doc.add_boolean_term(std::string("Q").append(id));
    built.doc.add_posting(word, 1);
    return built;
}

/// Every document's id term and other terms, in docid order: what two indexes must agree on.
// Each document as a line: its terms in order with wdf and positions, then its stored article. Read
// from the posting lists: a rebuilt index keeps no termlists.
std::vector<std::string> dump(const fs::path& db_path) {
    const Xapian::Database db(db_path.string());
    std::map<Xapian::docid, std::string> lines;
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) lines[*d];
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) {
            std::string& line = lines[*p];
            line.append(*t).append(":").append(std::to_string(p.get_wdf()));
            for (auto at = p.positionlist_begin(); at != p.positionlist_end(); ++at)
                line.append("@").append(std::to_string(*at));
            line.push_back(' ');
        }
    }
    std::vector<std::string> out;
    for (const auto& [docid, line] : lines)
        out.push_back(line + "| " + db.get_document(docid).get_value(news::schema::slot::kStored));
    return out;
}

Xapian::doccount spelling_frequency(const Xapian::Database& db, const std::string& word) {
    for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w)
        if (*w == word) return w.get_termfreq();
    return 0;
}

}  // namespace

TEST_CASE("merge_shards keeps every document in shard order and sums spelling counts",
          "[indexer][shards]") {
    TempDir dir;
    // More shards than one merge takes (8 here), so the merge goes in rounds: 37 -> 5 -> 1.
    const std::size_t fan_in = 8, shard_count = 37;
    std::vector<fs::path> shards;
    for (std::size_t s = 0; s < shard_count; ++s) {
        shards.push_back(dir.path / ("shard-" + std::to_string(s)));
        news::indexer::ShardWriter w{shards.back()};
        w.add(doc_with(std::to_string(s) + "a", "layoffs"));
        w.add(doc_with(std::to_string(s) + "b", s % 2 ? "cloud" : "layoffs"));
        CHECK(w.size() == 2);
        w.finish();
    }
    const fs::path merged = dir.path / "merged";
    news::indexer::merge_shards(shards, merged, 2, fan_in);

    const Xapian::Database db(merged.string());
    REQUIRE(db.get_doccount() == 2 * shard_count);
    CHECK(db.get_lastdocid() == 2 * shard_count);
    for (Xapian::docid d = 1; d <= db.get_doccount(); ++d) {  // docids follow the shard order
        const std::string expected = std::string("Q").append(std::to_string((d - 1) / 2)).append(d % 2 ? "a" : "b");
        CHECK(db.term_exists(expected));
        CHECK(*db.postlist_begin(expected) == d);
    }
    CHECK(spelling_frequency(db, "layoffs") == shard_count + (shard_count + 1) / 2);
    CHECK(spelling_frequency(db, "cloud") == shard_count / 2);
    CHECK(db.get_metadata(std::string(news::schema::kSchemaVersionKey)) ==
          std::to_string(news::schema::kSchemaVersion));
    for (const auto& s : shards) CHECK_FALSE(fs::exists(s));  // merged shards are removed
}

TEST_CASE("merge_fan_in follows the open-file limit", "[indexer][shards]") {
    rlimit files{};
    REQUIRE(getrlimit(RLIMIT_NOFILE, &files) == 0);
    const std::size_t fan_in = news::indexer::merge_fan_in();
    CHECK(fan_in >= 2);
    CHECK(fan_in <= 4096);
    if (files.rlim_cur != RLIM_INFINITY) CHECK(fan_in * 8 <= std::max<rlim_t>(files.rlim_cur, 16));
}

TEST_CASE("merge_shards of no shards makes an empty database with the schema version",
          "[indexer][shards]") {
    TempDir dir;
    news::indexer::merge_shards({}, dir.path / "empty", 2, 8);
    const Xapian::Database db((dir.path / "empty").string());
    CHECK(db.get_doccount() == 0);
    CHECK_FALSE(db.get_metadata(std::string(news::schema::kSchemaVersionKey)).empty());
}

TEST_CASE("A rebuild with several jobs writes the same index as one job", "[indexer][shards]") {
    TempDir dir;
    const fs::path corpus = dir.path / "articles.jsonl";
    {
        std::ofstream out(corpus);
        for (int i = 0; i < 57; ++i)
            out << R"({"id": "a)" << i << R"(", "title": "Amazon Web Services story )" << i
                << R"(", "date": "2020-0)" << (1 + i % 9) << R"(-15", "body": "Microsoft and Google said cloud revenue rose )"
                << i * 7 << R"( percent in Seattle, Jeff Bezos said."})" << "\n";
        out << R"({"id": "a3", "title": "duplicate id", "body": "rejected"})" << "\n";
    }
    auto index = [&](const std::string& name, std::size_t jobs) {
        news::indexer::IndexOptions options;
        options.db = dir.path / name;
        options.inputs = {corpus};
        options.rebuild = true;
        options.jobs = jobs;
        options.shard_docs = 5;  // 12 shards of 5, the last one short
        const auto stats = news::indexer::run_indexer(options);
        CHECK(stats.added == 57);
        CHECK(stats.rejected.size() == 1);
        CHECK(stats.doc_count == 57);
        return dump(news::schema::live_generation(options.db));
    };
    const auto one = index("one", 1);
    REQUIRE(one.size() == 57);
    CHECK(one.front().find("Qarticles.jsonl#a0:") != std::string::npos);
    CHECK(one.back().find("Qarticles.jsonl#a56:") != std::string::npos);
    CHECK(index("three", 3) == one);
}
