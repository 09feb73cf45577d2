// Tests of Searcher over a small on-disk database built with run_indexer(), the library call
// behind newsdex-index: exact hits, paging, ranking, facets, and the errors on open.
#include "searcher/search.h"

#include "indexer/index_writer.h"
#include "indexer/indexer.h"
#include "schema/database_dir.h"
#include "schema/document_data.h"
#include "schema/errors.h"
#include "schema/fields.h"

#include "temp_corpus.h"
#include "temp_dir.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using news::searcher::SearchRequest;
using news::searcher::Searcher;

// A fresh directory under the system temp dir, removed with the object.
using news::test::TempDir;

void write_file(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream{file, std::ios::binary} << text;
}

// Five articles: four dated JSON Lines records and one undated text file.
struct Fixture {
    TempDir dir;
    fs::path db = dir.path / "db";
    Fixture() {
        write_file(dir.path / "corpus/news.jsonl",
                   R"({"id":"1","title":"Cloud training for millions","body":"Amazon will train people in cloud skills.","date":"2020-12-15"})" "\n"
                   R"({"id":"2","title":"Grocery stores","body":"The cloud training team was cut. Training matters.","date":"2024-04-03"})" "\n"
                   R"({"id":"3","title":"Quarterly results","body":"Sales grew in the cloud division.","date":"2024-01-10"})" "\n"
                   R"({"id":"4","title":"Weekly roundup","body":"A grocery chain opened in town today.","date":"2023-05-05"})" "\n");
        write_file(dir.path / "corpus/note.txt", "Undated note\n\nThe team met about cloud budgets and layoffs.\n");
        news::indexer::IndexOptions options;
        options.db = db;
        options.inputs = {dir.path / "corpus"};
        const auto stats = news::indexer::run_indexer(options);
        REQUIRE(stats.added == 5);
        REQUIRE(stats.rejected.empty());
    }
};

const Fixture& fixture() {
    static const Fixture f;
    return f;
}

std::string ids(const news::searcher::SearchResults& r) {
    std::string out;
    for (const auto& h : r.hits) out += (out.empty() ? "" : " ") + h.article.id;
    return out;
}

std::string ids_for(const std::string& query, std::size_t offset = 0, std::size_t limit = 10) {
    Searcher searcher{fixture().db};
    SearchRequest request;
    request.query = query;
    request.offset = offset;
    request.limit = limit;
    return ids(searcher.search(request));
}

}  // namespace

TEST_CASE("Searcher finds exactly the articles that contain the query", "[searcher][search]") {
    auto [query, expected] = GENERATE(table<std::string, std::string>({
        {"layoffs", "note.txt"},
        {"grocery", "news.jsonl#2 news.jsonl#4"},
        {"\"cloud division\"", "news.jsonl#3"},
        {"\"cloud skill\"", "news.jsonl#1"},  // phrases match stems, in order
        {"\"skills cloud\"", ""},
        {"grocer*", "news.jsonl#2 news.jsonl#4"},
        {"trainin*", "news.jsonl#1 news.jsonl#2"},  // "training" is indexed as "train": found by the spelling words
        {"cloud -training -sales -layoffs", ""},
        {"cloud year:2024 -sales", "news.jsonl#2"},
        {"title:grocery", "news.jsonl#2"},
        {"cloud year:2020..2023", "news.jsonl#1"},
        {"nonexistentword", ""},
    }));
    CAPTURE(query);
    CHECK(ids_for(query) == expected);
}

TEST_CASE("Searcher pages through results with offset and limit", "[searcher][search]") {
    const std::string all = ids_for("cloud");
    CHECK(std::count(all.begin(), all.end(), ' ') == 3);  // four articles mention cloud
    const std::string first = ids_for("cloud", 0, 2), second = ids_for("cloud", 2, 2);
    CHECK(first + " " + second == all);
    CHECK(ids_for("cloud", 3, 2) == all.substr(all.rfind(' ') + 1));
    CHECK(ids_for("cloud", 4, 2).empty());

    Searcher searcher{fixture().db};
    SearchRequest request;
    request.query = "cloud";
    request.offset = 2;
    request.limit = 2;
    const auto r = searcher.search(request);
    REQUIRE(r.hits.size() == 2);
    CHECK(r.hits[0].rank == 3);
    CHECK(r.hits[1].rank == 4);
    CHECK(r.estimate == 4);
    CHECK(r.exact);
}

TEST_CASE("Searcher counts exactly up to its count limit and gives the range past it", "[searcher][search]") {
    Searcher searcher{fixture().db};
    searcher.set_dense(2, 0);  // the matcher counts, not the dense arrays
    SearchRequest request;
    request.query = "cloud grocery";  // cloud in four articles, grocery in two: five in all
    request.any_word = true;
    request.expand = news::searcher::Expand::Off;
    request.limit = 1;
    request.count_limit = 1;
    const auto r = searcher.search(request);
    REQUIRE(r.hits.size() == 1);
    CHECK_FALSE(r.exact);
    CHECK(r.lower_bound <= 5);
    CHECK(r.upper_bound >= 5);
    request.count_limit = 5;
    const auto all = searcher.search(request);
    CHECK(all.exact);
    CHECK(all.upper_bound == 5);
    request.count_limit = 0;  // no limit: every match counted
    const auto every = searcher.search(request);
    CHECK(every.exact);
    CHECK(every.upper_bound == 5);
    CHECK(SearchRequest{}.count_limit == 10000);  // the documented default (README, docs/json.md)
}

TEST_CASE("Searcher totals stay exact at the count limit's edges, and for words that rarely meet",
          "[searcher][search]") {
    // "alpha" in articles 0-59, "beta" in 58-119, "gamma" in all 120: alpha beta matches 2,
    // though Xapian estimates 30 (60 x 62 / 120); alpha gamma matches 60.
    std::string jsonl;
    for (int i = 0; i < 120; ++i) {
        std::string body = "gamma";
        if (i < 60) body += " alpha";
        if (i >= 58) body += " beta";
        jsonl += R"({"id": "a)" + std::to_string(i) + R"(", "title": "Item", "body": ")" + body + "\"}\n";
    }
    const news::test::TempCorpus corpus{jsonl};
    Searcher searcher{corpus.db()};
    searcher.set_dense(2, 0);  // the matcher and the posting lists count, not the dense arrays
    SearchRequest request;
    request.snippets = false;
    request.limit = 1;
    const auto total = [&](const std::string& query, Xapian::doccount limit) {
        request.query = query;
        request.count_limit = limit;
        return searcher.search(request);
    };
    for (const Xapian::doccount limit : {2u, 3u, 5u, 29u}) {  // under Xapian's estimate of 30
        const auto r = total("alpha beta", limit);
        INFO("count limit " << limit);
        CHECK(r.exact);
        CHECK(r.estimate == 2);
    }
    for (const Xapian::doccount limit : {60u, 61u, 0u}) {  // at and over 60 matches, and no limit
        const auto r = total("alpha gamma", limit);
        INFO("count limit " << limit);
        CHECK(r.exact);
        CHECK(r.estimate == 60);
    }
    for (const Xapian::doccount limit : {1u, 119u, 120u}) {  // a lone word: its frequency, at any limit
        const auto r = total("gamma", limit);
        INFO("count limit " << limit);
        CHECK(r.exact);
        CHECK(r.estimate == 120);
        CHECK(r.hits.size() == 1);
    }
    for (const Xapian::doccount limit : {1u, 10u, 59u}) {  // past the limit: a range around the total
        const auto r = total("alpha gamma", limit);
        INFO("count limit " << limit);
        CHECK(r.lower_bound <= 60);
        CHECK(r.upper_bound >= 60);
    }
}

TEST_CASE("Searcher ranks a title match above a body match", "[searcher][search]") {
    // "grocery" is in the title of #2 and in the body of #4, once each.
    CHECK(ids_for("grocery") == "news.jsonl#2 news.jsonl#4");
}

TEST_CASE("Searcher counts the year facet exactly over the match set", "[searcher][search][facets]") {
    Searcher searcher{fixture().db};
    SearchRequest request;
    request.query = "cloud";
    request.limit = 1;  // facets still count every match, not just the page
    request.facets = {"year"};
    const auto r = searcher.search(request);
    REQUIRE(r.facets.size() == 1);
    const auto& year = r.facets.front();
    CHECK(year.field == "year");
    std::string counts;
    for (const auto& v : year.values) counts += v.value + "=" + std::to_string(v.count) + " ";
    CHECK(counts == "2024=2 2020=1 ");
    CHECK(year.distinct == 2);
    CHECK(year.missing == 1);  // the undated note

    request.query = "grocery";
    const auto g = searcher.search(request);
    std::string grocery;
    for (const auto& v : g.facets.front().values) grocery += v.value + "=" + std::to_string(v.count) + " ";
    CHECK(grocery == "2023=1 2024=1 ");
    CHECK(g.facets.front().missing == 0);
}

TEST_CASE("Searcher returns stored fields and a highlighted snippet", "[searcher][search]") {
    Searcher searcher{fixture().db};
    SearchRequest request;
    request.query = "skills";
    const auto r = searcher.search(request);
    REQUIRE(r.hits.size() == 1);
    const auto& a = r.hits[0].article;
    CHECK(a.title == "Cloud training for millions");
    CHECK(a.date == "2020-12-15");
    CHECK(r.hits[0].snippet.text == "Amazon will train people in cloud skills.");
    REQUIRE(r.hits[0].snippet.highlights.size() == 1);
    CHECK(r.hits[0].snippet.highlights[0].begin == 34);
    CHECK(r.parsed == "skills");
    CHECK(r.xapian_query == "Query(skill)");
}

TEST_CASE("Searcher refuses a missing database and says to run newsdex-index", "[searcher][search][errors]") {
    const TempDir dir;
    try {
        Searcher searcher{dir.path / "nothing-here"};
        FAIL("no error for a missing database");
    } catch (const news::SchemaMismatch&) {
        FAIL("a missing database is not a schema mismatch");
    } catch (const news::Error& e) {
        CHECK_THAT(e.what(), Catch::Matchers::Contains("newsdex-index"));
        CHECK_THAT(e.what(), Catch::Matchers::Contains("nothing-here"));
    }
}

TEST_CASE("Searcher refuses a database of another schema version and says --rebuild", "[searcher][search][errors]") {
    const Fixture f;  // its own copy: this test damages the version
    {
        const fs::path generation = news::schema::live_generation(f.db);
        REQUIRE_FALSE(generation.empty());
        Xapian::WritableDatabase db{generation.string(), Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST};  // as rebuilt: no termlists
        db.set_metadata(std::string(news::schema::kSchemaVersionKey), std::to_string(news::schema::kSchemaVersion + 1));
        db.commit();
    }
    try {
        Searcher searcher{f.db};
        FAIL("no error for a database of another version");
    } catch (const news::SchemaMismatch& e) {
        CHECK_THAT(e.what(), Catch::Matchers::Contains("--rebuild"));
        CHECK_THAT(e.what(), Catch::Matchers::Contains("schema version " + std::to_string(news::schema::kSchemaVersion + 1)));
    }
}

TEST_CASE("Searcher turns broken queries into QueryError", "[searcher][search][errors]") {
    Searcher searcher{fixture().db};
    SearchRequest request;
    request.query = "cloud (training";
    CHECK_THROWS_AS(searcher.search(request), news::QueryError);
    request.query = "cloud";
    request.facets = {"title"};
    CHECK_THROWS_AS(searcher.search(request), news::QueryError);
}

TEST_CASE("A rebuild of enough articles stores them with a zstd dictionary that searches and updates read",
          "[searcher][search][document_data]") {
    TempDir dir;
    const fs::path db = dir.path / "db", corpus = dir.path / "corpus";
    const auto write = [&](int count) {
        std::string lines;
        for (int i = 0; i < count; ++i)
            lines += R"({"id":"w)" + std::to_string(i) + R"(","title":"Oil story )" + std::to_string(i) +
                     R"(","body":"Crude oil prices rose )" + std::to_string(i) + R"( cents in New York trading, traders said.","date":"1987-03-04"})" "\n";
        write_file(corpus / "wire.jsonl", lines);
    };
    const auto index = [&](bool rebuild) {
        news::indexer::IndexOptions options;
        options.db = db;
        options.inputs = {corpus};
        options.rebuild = rebuild;
        return news::indexer::run_indexer(options);
    };
    write(300);
    REQUIRE(index(true).added == 300);
    write(301);  // one more, added in place with the same dictionary
    REQUIRE(index(false).added == 1);

    const Xapian::Database xdb((db / "XAPIANDB").string());
    CHECK_FALSE(xdb.get_metadata(std::string(news::schema::DocumentCodec::kMetadataKey)).empty());
    for (const Xapian::docid id : {Xapian::docid{1}, xdb.get_lastdocid()}) {  // rebuilt, then added in place
        const std::string stored = xdb.get_document(id).get_value(news::schema::slot::kStored);
        CHECK(stored.rfind("\x28\xb5\x2f\xfd", 0) == 0);  // a zstd frame, not JSON
    }
    Searcher searcher{db};
    SearchRequest request;
    request.query = "\"oil story 300\"";
    const auto r = searcher.search(request);
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits.front().article.body == "Crude oil prices rose 300 cents in New York trading, traders said.");
    CHECK(r.hits.front().article.title == "Oil story 300");
}

TEST_CASE("A record with a 300-character source, url or place is indexed and found by that source",
          "[searcher][search][long_values]") {
    TempDir dir;
    const fs::path db = dir.path / "db", corpus = dir.path / "corpus";
    const std::string source(300, 's'), url = "https://example.com/" + std::string(280, 'u');
    const std::string place(300, 'p'), other_source = "Wire " + std::string(295, 'w');
    const auto index = [&] {
        news::indexer::IndexOptions options;
        options.db = db;
        options.inputs = {corpus};
        return news::indexer::run_indexer(options);
    };
    write_file(corpus / "long.jsonl", R"({"id":"1","title":"Long source","body":"Oil prices rose.","source":")" + source +
                                          R"(","url":")" + url + R"(","places":[")" + place + R"("]})" "\n");
    const auto first = index();  // a first build: the rebuild path
    CHECK(first.added == 1);
    CHECK(first.rejected.empty());
    write_file(corpus / "more.jsonl", R"({"id":"2","title":"Another","body":"Oil fell.","source":")" + other_source + R"("})" "\n");
    const auto update = index();  // an update: in place
    CHECK(update.added == 1);

    Searcher searcher{db};
    for (const auto& [value, id] : {std::pair{source, "long.jsonl#1"}, std::pair{other_source, "more.jsonl#2"}}) {
        SearchRequest request;
        request.query = "oil source:\"" + value + "\"";
        const auto r = searcher.search(request);
        REQUIRE(r.hits.size() == 1);
        CHECK(r.hits.front().article.id == id);
        CHECK(r.hits.front().article.source == value);
    }
    SearchRequest typed;  // the query side folds the value the same way
    typed.query = "source:\"" + std::string(300, 'S') + "\"";
    CHECK(searcher.search(typed).hits.size() == 1);
}

TEST_CASE("id: finds an article whose id is longer than a term may be", "[searcher][search][long_values]") {
    TempDir dir;
    const fs::path db = dir.path / "db", corpus = dir.path / "corpus";
    const std::string long_id(230, 'i');
    write_file(corpus / "news.jsonl", R"({"id":")" + long_id + R"(","title":"Long id","body":"Oil prices rose."})" "\n"
                                      R"({"id":"short","title":"Short id","body":"Oil prices fell."})" "\n");
    news::indexer::IndexOptions options;
    options.db = db;
    options.inputs = {corpus};
    REQUIRE(news::indexer::run_indexer(options).added == 2);

    Searcher searcher{db};
    SearchRequest request;
    request.query = "id:\"news.jsonl#" + long_id + "\"";
    const auto r = searcher.search(request);
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits.front().article.title == "Long id");
    request.query = "";
    request.similar_to = "news.jsonl#" + long_id;  // --similar reaches it by the same term
    CHECK_NOTHROW(searcher.search(request));
}

TEST_CASE("ContentsProbe names what a Searcher would read now, across an update and a rebuild",
          "[searcher][search][generations]") {
    TempDir dir;
    const auto index = [&](int articles, bool rebuild) {
        std::string lines;
        for (int i = 0; i < articles; ++i)
            lines += R"({"id":"p)" + std::to_string(i) + R"(","title":"Note )" + std::to_string(i) +
                     R"(","body":"Cloud budgets were cut.","date":"2024-01-1)" + std::to_string(i) + "\"}\n";
        write_file(dir.path / "corpus/news.jsonl", lines);
        news::indexer::IndexOptions options;
        options.db = dir.path / "db";
        options.inputs = {dir.path / "corpus"};
        options.rebuild = rebuild;
        REQUIRE(news::indexer::run_indexer(options).rejected.empty());
    };
    index(2, false);
    news::searcher::ContentsProbe probe{dir.path / "db"};
    Searcher searcher{dir.path / "db"};
    const std::string first = probe.current();
    REQUIRE_FALSE(first.empty());
    CHECK(first == searcher.content_version());
    CHECK(probe.current() == first);  // nothing changed

    index(3, false);  // an update commits in place
    const std::string updated = probe.current();
    CHECK(updated != first);
    CHECK(searcher.follow_generation());
    CHECK(searcher.content_version() == updated);

    index(4, true);  // a new generation, switched to
    const std::string rebuilt = probe.current();
    CHECK(rebuilt != updated);
    CHECK(searcher.follow_generation());
    CHECK(searcher.content_version() == rebuilt);
    CHECK(probe.current() == rebuilt);

    CHECK(news::searcher::ContentsProbe(dir.path / "none").current().empty());  // no database: never a name
}
