// "Did you mean": query words respelled from the words of the indexed titles and bodies.
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
        R"({"id":"2","title":"Grocery stores","body":"A grocery chain opened in town.","date":"2024-06-30"})" "\n"};
    return c;
}

news::searcher::SearchResults search(const std::string& query) {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    request.query = query;
    return searcher.search(request);
}

}  // namespace

TEST_CASE("Misspelled query words get a suggestion from the indexed text", "[searcher][spelling]") {
    const auto r = search("amazn layofs");
    CHECK(r.suggestion == "amazon layoffs");
    CHECK(r.hits.empty());
    CHECK_THAT(render_text(r, {}), Catch::Matchers::StartsWith("Did you mean: amazon layoffs\n"));
    CHECK_THAT(render_json(r), Catch::Matchers::Contains("\"suggestion\": \"amazon layoffs\""));
}

TEST_CASE("Words found in the index are kept in a suggestion", "[searcher][spelling]") {
    CHECK(search("grocery layofs").suggestion == "grocery layoffs");
    CHECK(search("Amazon -layofs").suggestion == "amazon layoffs");
}

TEST_CASE("No suggestion when every word is indexed or nothing is close", "[searcher][spelling]") {
    const auto r = search("amazon layoffs");
    CHECK(r.suggestion.empty());
    CHECK_THAT(render_json(r), Catch::Matchers::Contains("\"suggestion\": null"));
    CHECK(search("zzqxv").suggestion.empty());
    CHECK(search("company:amazn").suggestion.empty());  // filters are not respelled
}
