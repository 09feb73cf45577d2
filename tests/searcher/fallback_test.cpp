// An all-words query that matches nothing falls back to any of its words, and says so.
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
        R"({"id":"1","title":"Cloud news","body":"The cloud grew.","date":"2019-03-01"})" "\n"
        R"({"id":"2","title":"Shops","body":"A grocery chain opened.","date":"2024-06-30"})" "\n"};
    return c;
}

news::searcher::SearchResults search(const std::string& query, bool any = false) {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    request.query = query;
    request.any_word = any;
    return searcher.search(request);
}

}  // namespace

TEST_CASE("No article with all the words: the any-word results, marked as a fallback", "[searcher][fallback]") {
    const auto r = search("cloud grocery");
    CHECK(r.fell_back_to_any);
    CHECK(r.hits.size() == 2);
    const std::string text = render_text(r, {});
    CHECK_THAT(text, Catch::Matchers::StartsWith(
                         "No article has all of: cloud grocery. Showing articles with any of the words:\n"
                         "Results 1-2 of 2 for: cloud grocery\n"));
    CHECK_THAT(render_json(r), Catch::Matchers::Contains("\"fallback\": \"any\""));
}

TEST_CASE("No fallback when all the words match, for one word, or when --any was asked", "[searcher][fallback]") {
    const auto all = search("cloud grew");
    CHECK_FALSE(all.fell_back_to_any);
    CHECK(all.hits.size() == 1);
    CHECK_THAT(render_json(all), Catch::Matchers::Contains("\"fallback\": null"));

    const auto one = search("nonexistentword");
    CHECK_FALSE(one.fell_back_to_any);
    CHECK(one.hits.empty());

    const auto none = search("nonexistentword otherunknown");  // no word matches at all
    CHECK_FALSE(none.fell_back_to_any);
    CHECK(none.hits.empty());

    const auto filtered = search("cloud year:2024");  // one word and a filter
    CHECK_FALSE(filtered.fell_back_to_any);
    CHECK(filtered.hits.empty());

    const auto any = search("cloud grocery", true);
    CHECK_FALSE(any.fell_back_to_any);
    CHECK(any.hits.size() == 2);
}
