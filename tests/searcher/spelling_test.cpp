// Spelling: a query with words the archive never has is searched respelled, from the words of
// the indexed titles and bodies, when that finds what the query as typed does not.
#include "searcher/render.h"
#include "searcher/search.h"

#include "temp_corpus.h"

#include <catch2/catch.hpp>

#include <string>

namespace {

using news::searcher::SearchRequest;
using news::searcher::Searcher;

const news::test::TempCorpus& corpus() {
    static const news::test::TempCorpus c{
        R"({"id":"1","title":"Amazon layoffs","body":"Amazon announced layoffs in its cloud unit.","date":"2023-03-01"})" "\n"
        R"({"id":"2","title":"Grocery stores","body":"A grocery chain opened in town.","date":"2024-06-30"})" "\n"
        R"({"id":"3","title":"The governess","body":"A governess wrote a memoir.","date":"2005-01-01"})" "\n"
        R"({"id":"4","title":"Budget","body":"The government set its budget.","date":"2005-01-02"})" "\n"
        R"({"id":"5","title":"Spending","body":"The government will spend more.","date":"2005-01-03"})" "\n"
        R"({"id":"6","title":"Roads","body":"The government builds roads.","date":"2005-01-04"})" "\n"
        R"({"id":"7","title":"Schools","body":"The government opened schools.","date":"2005-01-05"})" "\n"
        R"({"id":"8","title":"Taxes","body":"The government cut taxes.","date":"2005-01-06"})" "\n"
        R"({"id":"9","title":"Tsunami aid pledged","body":"Donors pledged tsunami aid to Asia.","date":"2005-01-07"})" "\n"
        R"({"id":"10","title":"Food aid","body":"Aid agencies sent food.","date":"2005-01-08"})" "\n"};
    return c;
}

news::searcher::SearchResults search(const std::string& query, bool respell = true) {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    request.query = query;
    request.respell = respell;
    return searcher.search(request);
}

std::string ids(const news::searcher::SearchResults& r) { return news::test::sorted_ids(r.hits); }

}  // namespace

TEST_CASE("A query that finds nothing as typed is searched respelled, and says so", "[searcher][spelling]") {
    const auto r = search("amazn layofs");
    CHECK(r.respelled == "amazon layoffs");
    CHECK(r.query == "amazn layofs");
    CHECK(ids(r) == "1");
    CHECK_THAT(render_text(r, {}), Catch::Matchers::StartsWith(
                                       "Showing results for amazon layoffs; search instead for amazn layofs with --as-typed\n"
                                       "Results 1-1 of 1 for: amazon layoffs\n"));
    CHECK_THAT(render_json(r), Catch::Matchers::Contains("\"respelled\": \"amazon layoffs\""));
    CHECK_THAT(render_json(r), Catch::Matchers::Contains("\"query\": \"amazn layofs\""));
}

TEST_CASE("A misspelling whose stem is another word's is respelled, not matched", "[searcher][spelling]") {
    // "goverment" stems to "gover", as "governess" does: as typed it finds the governess.
    CHECK(ids(search("goverment", false)) == "3");
    const auto r = search("goverment");
    CHECK(r.respelled == "government");
    CHECK(ids(r) == "4 5 6 7 8");
}

TEST_CASE("A query with a word no article has is searched respelled", "[searcher][spelling]") {
    // As typed: no any-word fallback to "aid" alone, since "tsunmai" is in no article.
    const auto typed = search("tsunmai aid", false);
    CHECK(typed.hits.empty());
    CHECK_FALSE(typed.fell_back_to_any);
    CHECK(typed.suggestion == "tsunami aid");
    const auto r = search("tsunmai aid");
    CHECK(r.respelled == "tsunami aid");
    CHECK_FALSE(r.fell_back_to_any);
    CHECK(ids(r) == "9");
}

TEST_CASE("The respelled query keeps the operators, fields and case of the typed one", "[searcher][spelling]") {
    CHECK(search("grocery -layofs", false).suggestion == "grocery -layoffs");
    CHECK(search("Amazon -layofs", false).suggestion == "Amazon -layoffs");
    CHECK(search("\"amazn layoffs\" title:layofs", false).suggestion == "\"amazon layoffs\" title:layoffs");
    // Found as typed, and the respelled query finds no more: a suggestion only.
    const auto r = search("grocery -layofs");
    CHECK(r.respelled.empty());
    CHECK(r.suggestion == "grocery -layoffs");
    CHECK_THAT(render_text(r, {}), Catch::Matchers::StartsWith("Did you mean: grocery -layoffs\n"));
}

TEST_CASE("No respelling when every word is in the archive, nothing is close, or it is no word", "[searcher][spelling]") {
    const auto r = search("amazon layoffs");
    CHECK(r.suggestion.empty());
    CHECK(r.respelled.empty());
    CHECK_THAT(render_json(r), Catch::Matchers::Contains("\"suggestion\": null"));
    CHECK_THAT(render_json(r), Catch::Matchers::Contains("\"respelled\": null"));
    CHECK(search("zzqxv").suggestion.empty());
    CHECK(search("company:amazn").suggestion.empty());  // filters are not respelled
    CHECK(search("AMZN").suggestion.empty());           // an acronym is meant as typed
}
