// --sort: relevance (default), date (newest first) and date-asc, undated articles last.
#include "searcher/search.h"

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

std::string ids(SortOrder sort) {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    request.query = "cloud";
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
