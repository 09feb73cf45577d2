// The optional recency boost (--recent DAYS).
#include "searcher/recency.h"
#include "searcher/search.h"

#include "temp_corpus.h"

#include <catch2/catch.hpp>

#include <string>

namespace {

// The old article matches better (the word twice); the new one is a year newer.
const news::test::TempCorpus& corpus() {
    static const news::test::TempCorpus c{
        R"({"id":"old","title":"Layoffs","body":"Layoffs and more layoffs at the plant.","date":"2022-05-01"})" "\n"
        R"({"id":"new","title":"Hiring","body":"After the layoffs the plant is hiring again.","date":"2023-05-01"})" "\n"
        R"({"id":"undated","title":"Notes","body":"Layoffs were rumoured.")" "}\n"};
    return c;
}

// The same story twice on one day, the earlier one indexed first (so first on a tie).
const news::test::TempCorpus& same_day() {
    static const news::test::TempCorpus c{
        R"({"id":"early","title":"Layoffs","body":"Layoffs at the plant.","date":"2023-05-01T06:00:00Z"})" "\n"
        R"({"id":"late","title":"Layoffs","body":"Layoffs at the plant.","date":"2023-05-01T18:00:00Z"})" "\n"};
    return c;
}

std::string first(double half_life, const news::test::TempCorpus& c = corpus()) {
    news::searcher::Searcher searcher{c.db()};
    news::searcher::SearchRequest request;
    request.query = "layoffs";
    request.recency_half_life = half_life;
    const auto r = searcher.search(request);
    REQUIRE(r.hits.size() >= 2);
    const auto& id = r.hits.front().article.id;
    return id.substr(id.find('#') + 1);
}

}  // namespace

TEST_CASE("Day numbers count calendar days, leap years included", "[searcher][recency]") {
    using news::searcher::day_number;
    CHECK(day_number("20200301") - day_number("20200228") == 2);
    CHECK(day_number("20210301") - day_number("20210228") == 1);
    CHECK(day_number("20240101") - day_number("20230101") == 365);
    CHECK(day_number("2020-03-01") == -1);
}

TEST_CASE("Instants count days and the time of day as a fraction", "[searcher][recency]") {
    using news::searcher::day_number;
    using news::searcher::instant_number;
    CHECK(instant_number("20050215000000") == static_cast<double>(day_number("20050215")));
    CHECK(instant_number("20050215120000") - instant_number("20050215000000") == 0.5);
    CHECK(instant_number("20050216060000") - instant_number("20050215180000") == 0.5);
    CHECK(instant_number("20050215") == -1);
    CHECK(instant_number("2005021512000x") == -1);
}

TEST_CASE("A recency boost lifts the newer article above a better-matching older one", "[searcher][recency]") {
    CHECK(first(0) == "old");    // relevance alone
    CHECK(first(30) == "new");   // a year older: the old one gets 2^-12 of the boost
}

TEST_CASE("A recency boost goes by the time of day: the later of two equal stories of one day wins",
          "[searcher][recency]") {
    CHECK(first(0, same_day()) == "early");  // equal scores: index order
    CHECK(first(1, same_day()) == "late");
}
