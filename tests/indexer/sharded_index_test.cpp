// newsdex-index --shards N: a generation of N shard databases and their stub, article i in
// shard (i - 1) mod N; updates that route each article to its shard; rebuilds that switch
// every shard at once.
#include "indexer/index_writer.h"
#include "schema/database_dir.h"
#include "indexer/indexer.h"
#include "schema/document_layout.h"
#include "schema/errors.h"
#include "schema/fields.h"
#include "searcher/search.h"

#include "searcher/shard_fixture.h"
#include "temp_dir.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;

using news::test::write_file;

std::string article(int i, const std::string& extra = "") {
    return R"({"id": "n)" + std::to_string(i) + R"(", "title": "Story )" + std::to_string(i) +
           R"(", "body": "Copper prices moved on day )" + std::to_string(i) + ". " + extra + "\"}\n";
}

std::string articles(int from, int to) {
    std::string out;
    for (int i = from; i <= to; ++i) out += article(i);
    return out;
}

news::indexer::IndexStats run(const fs::path& db, const fs::path& corpus, std::size_t shards = 0, bool rebuild = false) {
    return news::test::index(db, corpus, shards, rebuild);
}

std::string read(const fs::path& file) {
    std::ifstream in(file);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Which shard of `generation` (0-based) holds the article, and its docid there; {-1, 0} if none.
std::pair<int, Xapian::docid> where(const fs::path& generation, std::size_t shards, const std::string& id) {
    for (std::size_t s = 0; s < shards; ++s) {
        const Xapian::Database shard{(generation / ("shard-" + std::to_string(s))).string()};
        const std::string term = news::schema::id_term("news.jsonl#" + id);
        const auto p = shard.postlist_begin(term);
        if (p != shard.postlist_end(term)) return {static_cast<int>(s), *p};
    }
    return {-1, 0};
}

}  // namespace

TEST_CASE("A sharded build writes N shards and their stub, article i in shard (i - 1) mod N",
          "[indexer][shards]") {
    news::test::TempDir dir;
    const fs::path corpus = dir.path / "corpus", db = dir.path / "db";
    write_file(corpus / "news.jsonl", articles(1, 10));
    const auto stats = run(db, corpus, 3);
    CHECK(stats.added == 10);
    CHECK(stats.shards == 3);
    const fs::path generation = news::schema::live_generation(db);
    CHECK(read(generation / "XAPIANDB") == "auto shard-0\nauto shard-1\nauto shard-2\n");
    CHECK(news::indexer::shards_of(generation) == 3);
    for (int i = 1; i <= 10; ++i) {
        INFO("article " << i);
        CHECK(where(generation, 3, "n" + std::to_string(i)) == std::pair<int, Xapian::docid>((i - 1) % 3, (i - 1) / 3 + 1));
    }
    for (int s = 0; s < 3; ++s) {  // every shard describes itself: a server may serve it alone
        const Xapian::Database shard{(generation / ("shard-" + std::to_string(s))).string()};
        CHECK(shard.get_metadata(std::string(news::schema::kSchemaVersionKey)) ==
              std::to_string(news::schema::kSchemaVersion));
    }
    news::searcher::Searcher searcher{db};
    news::searcher::SearchRequest request;
    request.query = "copper";
    request.limit = 20;
    CHECK(searcher.search(request).hits.size() == 10);
}

TEST_CASE("An update of a sharded database routes new articles as one database numbers them",
          "[indexer][shards]") {
    news::test::TempDir dir;
    const fs::path corpus = dir.path / "corpus", db = dir.path / "db";
    write_file(corpus / "news.jsonl", articles(1, 7));
    REQUIRE(run(db, corpus, 3).added == 7);
    const fs::path generation = news::schema::live_generation(db);
    // n3 changes, n5 is gone, n8..n12 are new.
    std::string changed;
    for (int i = 1; i <= 12; ++i)
        if (i != 5) changed += i == 3 ? article(3, "Tin too.") : article(i);
    write_file(corpus / "news.jsonl", changed);
    const auto stats = run(db, corpus);
    CHECK(stats.added == 5);
    CHECK(stats.updated == 1);
    CHECK(stats.deleted == 1);
    CHECK(stats.rebuilt_because.empty());  // in place: the shards keep termlists
    CHECK(stats.shards == 3);
    CHECK(news::schema::live_generation(db) == generation);
    CHECK(where(generation, 3, "n3") == std::pair<int, Xapian::docid>(2 % 3, 1));  // replaced in place
    CHECK(where(generation, 3, "n5").first == -1);
    for (int i = 8; i <= 12; ++i) {  // docid i of the whole, as one database would number them
        INFO("article " << i);
        CHECK(where(generation, 3, "n" + std::to_string(i)) == std::pair<int, Xapian::docid>((i - 1) % 3, (i - 1) / 3 + 1));
    }
    const Xapian::Database whole{db.string()};
    CHECK(whole.get_doccount() == 11);
    CHECK(whole.get_lastdocid() == 12);
    news::searcher::Searcher searcher{db};
    news::searcher::SearchRequest request;
    request.query = "tin";
    const auto found = searcher.search(request);
    REQUIRE(found.hits.size() == 1);
    CHECK(found.hits[0].docid == 3);
    CHECK_THROWS_AS(run(db, corpus, 4), news::Error);  // an update keeps the count
}

TEST_CASE("A rebuild of a sharded database switches every shard at once", "[indexer][shards]") {
    news::test::TempDir dir;
    const fs::path corpus = dir.path / "corpus", db = dir.path / "db";
    write_file(corpus / "news.jsonl", articles(1, 9));
    REQUIRE(run(db, corpus, 3).added == 9);
    const fs::path before = news::schema::live_generation(db);
    const auto again = run(db, corpus, 0, true);  // keeps the live count
    CHECK(again.added == 9);
    CHECK(again.shards == 3);
    const fs::path after = news::schema::live_generation(db);
    CHECK(after != before);
    CHECK_FALSE(fs::exists(before));  // the old generation, all its shards, went after the switch
    CHECK(news::indexer::shards_of(after) == 3);
    // Another count, and back to one database.
    CHECK(run(db, corpus, 2, true).shards == 2);
    CHECK(news::indexer::shards_of(news::schema::live_generation(db)) == 2);
    CHECK(Xapian::Database(db.string()).size() == 2);
    CHECK(run(db, corpus, 1, true).shards == 1);
    CHECK(Xapian::Database(db.string()).size() == 1);
    CHECK(Xapian::Database(db.string()).get_doccount() == 9);
}
