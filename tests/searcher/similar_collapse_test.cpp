// --similar (more like this) and --collapse (duplicates folded into one result).
#include "searcher/render.h"
#include "searcher/search.h"

#include "temp_corpus.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using news::searcher::SearchRequest;
using news::searcher::Searcher;

// Two copies of one wire story under different titles, a related story, an unrelated one.
const news::test::TempCorpus& corpus() {
    static const news::test::TempCorpus c{
        R"({"id":"wire-a","title":"Chipmaker cuts jobs","body":"The chipmaker will cut 500 jobs at its wafer plant as demand for memory chips falls.","date":"2023-01-10"})" "\n"
        R"({"id":"wire-b","title":"Memory maker to shed staff","body":"The chipmaker will cut 500 jobs at its wafer plant as demand for memory chips falls.","date":"2023-01-10"})" "\n"
        R"({"id":"related","title":"Memory chip prices slide","body":"Prices of memory chips fell again as demand weakened, hurting every chipmaker with a wafer plant.","date":"2023-02-01"})" "\n"
        R"({"id":"other","title":"Bakery opens","body":"A bakery opened downtown and sells bread and cakes.","date":"2023-03-01"})" "\n"};
    return c;
}

// One wire story filed twice on one day, the morning copy indexed first.
const news::test::TempCorpus& refiled() {
    static const news::test::TempCorpus c{
        R"({"id":"morning","title":"Chipmaker cuts jobs","body":"The chipmaker will cut 500 jobs.","date":"2023-01-10T08:00:00Z"})" "\n"
        R"({"id":"evening","title":"Chipmaker cuts jobs","body":"The chipmaker will cut 500 jobs.","date":"2023-01-10T20:00:00Z"})" "\n"};
    return c;
}

std::vector<std::string> ids(const news::searcher::SearchResults& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.article.id.substr(h.article.id.find('#') + 1));
    return out;
}

}  // namespace

TEST_CASE("Collapsing folds articles that open with the same text into one result with a count",
          "[searcher][collapse]") {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    request.query = "chipmaker";
    CHECK(searcher.search(request).hits.size() == 3);
    request.collapse = true;
    const auto r = searcher.search(request);
    REQUIRE(r.hits.size() == 2);
    std::size_t folded = 0;
    for (const auto& h : r.hits) folded += h.duplicates;
    CHECK(folded == 1);
    CHECK_THAT(render_text(r, {}), Catch::Matchers::Contains("(+1 duplicate)"));
}

TEST_CASE("Similar-to ranks articles sharing the article's characteristic words, never the article itself",
          "[searcher][similar]") {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    // The JSON Lines ids are "<file>#<id>"; find wire-a's full id through a search.
    SearchRequest find;
    find.query = "title:chipmaker";
    const auto found = searcher.search(find);
    REQUIRE(found.hits.size() == 1);
    request.similar_to = found.hits.front().article.id;
    const auto r = searcher.search(request);
    const auto got = ids(r);
    REQUIRE(got.size() == 2);
    CHECK(got[0] == "wire-b");   // the same text ranks first
    CHECK(got[1] == "related");  // shares memory, chips, chipmaker, wafer, plant, demand
    request.query = "prices";    // words given with --similar only narrow
    CHECK(ids(searcher.search(request)) == std::vector<std::string>{"related"});
}

TEST_CASE("Similar-to with an unknown id is a query error naming it", "[searcher][similar]") {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    request.similar_to = "no-such-article";
    CHECK_THROWS_WITH(searcher.search(request), Catch::Matchers::Contains("no-such-article"));
}

TEST_CASE("Collapsing newest first keeps the copy filed latest in the day", "[searcher][collapse][sort]") {
    Searcher searcher{refiled().db()};
    SearchRequest request;
    request.query = "chipmaker";
    request.collapse = true;
    request.sort = news::searcher::SortOrder::Date;
    const auto r = searcher.search(request);
    CHECK(ids(r) == std::vector<std::string>{"evening"});
    request.sort = news::searcher::SortOrder::DateAsc;
    CHECK(ids(searcher.search(request)) == std::vector<std::string>{"morning"});
}
