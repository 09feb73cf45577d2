// Query synonyms: a word or phrase of a group in schema/synonyms_en.txt also finds the others.
#include "searcher/search.h"
#include "searcher/synonyms.h"

#include "temp_corpus.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using news::searcher::SearchRequest;
using news::searcher::Searcher;

const news::test::TempCorpus& corpus() {
    static const news::test::TempCorpus c{
        R"({"id":"layoffs","title":"Quarterly news","body":"The company announced layoffs in March.","date":"2023-03-01"})" "\n"
        R"({"id":"aws","title":"Cloud","body":"Amazon Web Services grew again.","date":"2024-06-30"})" "\n"
        R"({"id":"other","title":"Weather","body":"Cuts in the job market are rare; the sun shone.","date":"2024-07-01"})" "\n"};
    return c;
}

std::string ids(const std::string& query) {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    request.query = query;
    std::vector<std::string> found;  // sorted: these tests are about matching, not ranking
    for (const auto& h : searcher.search(request).hits) found.push_back(h.article.id);
    std::sort(found.begin(), found.end());
    std::string out;
    for (const auto& id : found) out += (out.empty() ? "" : " ") + id;
    return out;
}

}  // namespace

TEST_CASE("The built-in synonym list loads its groups", "[searcher][synonyms]") {
    news::schema::Analyzer analyzer{"en"};
    const auto synonyms = news::searcher::Synonyms::load(news::searcher::Synonyms::default_file(), analyzer);
    const auto* others = synonyms.others("job cuts");
    REQUIRE(others);
    CHECK(std::find(others->begin(), others->end(), "layoffs") != others->end());
    CHECK(synonyms.others("amazon web services"));
    CHECK(news::searcher::Synonyms::key("Job-Cuts", analyzer) == "job cuts");
    CHECK_FALSE(synonyms.others("weather"));
}

TEST_CASE("A phrase of a synonym group finds an article that only has another member", "[searcher][synonyms]") {
    CHECK(ids("job cuts") == "news.jsonl#layoffs news.jsonl#other");  // "other" has both words
    CHECK(ids("\"job cuts\"") == "news.jsonl#layoffs");
    CHECK(ids("redundancies") == "news.jsonl#layoffs");
    CHECK(ids("aws") == "news.jsonl#aws");
    CHECK(ids("aws grew") == "news.jsonl#aws");
    CHECK(ids("layoffs") == "news.jsonl#layoffs");
    CHECK(ids("weather") == "news.jsonl#other");
}
