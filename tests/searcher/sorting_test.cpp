// --sort: relevance (default), date (newest first) and date-asc, undated articles last.
#include "searcher/search.h"
#include "searcher/date_column.h"
#include "schema/fields.h"

#include "temp_corpus.h"

#include <catch2/catch.hpp>

#include <string>

namespace {

using news::searcher::SearchRequest;
using news::searcher::Searcher;
using news::searcher::SortOrder;

const news::test::TempCorpus& corpus() {
    static const news::test::TempCorpus c{
        R"({"id":"old","title":"Cloud news","body":"The cloud grew.","date":"2019-03-01"})" "\n"
        R"({"id":"new","title":"Later","body":"Cloud cloud cloud, all about the cloud.","date":"2024-06-30"})" "\n"
        R"({"id":"mid","title":"Middle","body":"A word on cloud.","date":"2021-11-11"})" "\n",
        {{"undated.txt", "Undated cloud note\n\nThe cloud again, and cloud budgets.\n"}}};
    return c;
}

// Four stories of one UTC day, 2005-02-15, with the times their sources gave, in other zones:
// "west" is 23:30 on the 14th in New York, 04:30 on the 15th in UTC; "day" gives no time.
const news::test::TempCorpus& one_day() {
    static const news::test::TempCorpus c{
        R"({"id":"morning","title":"Budget","body":"Budget talks open.","date":"2005-02-15T09:00:00Z"})" "\n"
        R"({"id":"evening","title":"Budget","body":"Budget talks end.","date":"Tue, 15 Feb 2005 18:30:00 +0100"})" "\n"
        R"({"id":"day","title":"Budget","body":"Budget talks, a summary.","date":"2005-02-15"})" "\n"
        R"({"id":"west","title":"Budget","body":"Budget talks seen from New York.","date":"2005-02-14T23:30:00-05:00"})" "\n"};
    return c;
}

std::string ids(SortOrder sort, const std::string& query = "cloud", const news::test::TempCorpus& c = corpus()) {
    Searcher searcher{c.db()};
    SearchRequest request;
    request.query = query;
    request.sort = sort;
    std::string out;
    for (const auto& h : searcher.search(request).hits) out += (out.empty() ? "" : " ") + h.article.id;
    return out;
}

}  // namespace

TEST_CASE("Sorting by date puts the newest first and undated articles last", "[searcher][sort]") {
    CHECK(ids(SortOrder::Date) == "news.jsonl#new news.jsonl#mid news.jsonl#old undated.txt");
}

TEST_CASE("Sorting by date ascending puts the oldest first and undated articles still last", "[searcher][sort]") {
    CHECK(ids(SortOrder::DateAsc) == "news.jsonl#old news.jsonl#mid news.jsonl#new undated.txt");
}

TEST_CASE("Sorting by relevance ranks by BM25 and ignores dates", "[searcher][sort]") {
    const std::string by_relevance = ids(SortOrder::Relevance);
    CHECK(by_relevance.size() == ids(SortOrder::Date).size());
    CHECK(by_relevance != ids(SortOrder::Date));
    CHECK(by_relevance != ids(SortOrder::DateAsc));
}

TEST_CASE("Stories of one day sort by their time in UTC; a day without a time is its midnight", "[searcher][sort]") {
    CHECK(ids(SortOrder::Date, "budget", one_day()) ==
          "news.jsonl#evening news.jsonl#morning news.jsonl#west news.jsonl#day");
    CHECK(ids(SortOrder::DateAsc, "budget", one_day()) ==
          "news.jsonl#day news.jsonl#west news.jsonl#morning news.jsonl#evening");
}

TEST_CASE("Day filters go by the UTC day: an evening west of Greenwich is the next day", "[searcher][sort]") {
    CHECK(ids(SortOrder::DateAsc, "budget date:2005-02-15", one_day()) ==
          "news.jsonl#day news.jsonl#west news.jsonl#morning news.jsonl#evening");
    CHECK(ids(SortOrder::Date, "budget date:2005-02-14", one_day()).empty());
}

TEST_CASE("Search results carry the time of day the source gave, in UTC", "[searcher][sort]") {
    Searcher searcher{one_day().db()};
    SearchRequest request;
    request.query = "budget";
    request.sort = SortOrder::Date;
    std::string out;
    for (const auto& h : searcher.search(request).hits) out += h.article.date + " " + h.article.time + "|";
    CHECK(out == "2005-02-15 17:30:00|2005-02-15 09:00:00|2005-02-15 04:30:00|2005-02-15 |");
}

TEST_CASE("A Searcher sorts by date the same before and after it reads the column of instants", "[searcher][sort]") {
    const auto& c = one_day();
    Searcher searcher{c.db()};
    auto order = [&](SortOrder sort) {
        SearchRequest request;
        request.query = "budget";
        request.sort = sort;
        std::string out;
        for (const auto& h : searcher.search(request).hits) out += (out.empty() ? "" : " ") + h.article.id;
        return out;
    };
    // The first date order reads value slots; the column is read at the second and used after.
    for (int i = 0; i < 3; ++i) {
        CAPTURE(i);
        CHECK(order(SortOrder::Date) == "news.jsonl#evening news.jsonl#morning news.jsonl#west news.jsonl#day");
        CHECK(order(SortOrder::DateAsc) == "news.jsonl#day news.jsonl#west news.jsonl#morning news.jsonl#evening");
    }
}

TEST_CASE("The column of instants holds each article's value slot, empty for the undated", "[searcher][sort]") {
    const Xapian::Database db((corpus().db() / "XAPIANDB").string());
    const auto column = news::searcher::DateColumn::read(db);
    REQUIRE(column);
    std::size_t undated = 0;
    for (Xapian::docid d = 1; d <= db.get_lastdocid(); ++d) {
        CAPTURE(d);
        const std::string value = db.get_document(d).get_value(news::schema::slot::kInstant);
        CHECK(column->at(d) == value);
        undated += value.empty() ? 1 : 0;
    }
    CHECK(undated == 1);
    CHECK(column->at(db.get_lastdocid() + 1).empty());
    Xapian::Database two = db;  // two subdatabases: docids a key maker is handed are the shards'
    two.add_database(db);
    CHECK_FALSE(news::searcher::DateColumn::read(two));
}
