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

std::string first(double half_life) {
    news::searcher::Searcher searcher{corpus().db()};
    news::searcher::SearchRequest request;
    request.query = "layoffs";
    request.recency_half_life = half_life;
    const auto r = searcher.search(request);
    REQUIRE(r.hits.size() == 3);
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

TEST_CASE("A recency boost lifts the newer article above a better-matching older one", "[searcher][recency]") {
    CHECK(first(0) == "old");    // relevance alone
    CHECK(first(30) == "new");   // a year older: the old one gets 2^-12 of the boost
}
