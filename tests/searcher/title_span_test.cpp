// Title phrases, answered from the default field's positions up to the title's end
// (searcher/title_span.h): exactly the articles whose title holds the phrase.
#include "searcher/search.h"

#include "schema/fields.h"
#include "searcher/facets.h"
#include "searcher/query_builder.h"
#include "searcher/query_parser.h"

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
        R"({"id":"1","title":"Crude oil prices rise","body":"Markets were calm.","date":"2020-01-02"})" "\n"
        // Both words in the title, apart; the phrase in the body: not a title phrase.
        R"({"id":"2","title":"Oil and crude stocks fall","body":"Traders watched crude oil closely.","date":"2020-03-04"})" "\n"
        R"({"id":"3","title":"Markets","body":"Crude oil fell.","date":"2021-05-06"})" "\n"
        // No title: the first sentence is the title, and the body's opening words its span.
        R"({"id":"4","body":"Crude oil output rose. Then more text about markets.","date":"2021-07-08"})" "\n"
        R"({"id":"5","title":"Job cuts at the plant","body":"The plant will close.","date":"2022-09-10"})" "\n"
        R"({"id":"6","title":"Cuts to jobs","body":"Job cuts were announced.","date":"2022-11-12"})" "\n"};
    return c;
}

// The ids of the articles `query` finds ("1 4": the numbers after news.jsonl#), sorted.
std::string ids_for(const std::string& query) {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    request.query = query;
    std::vector<std::string> ids;
    for (const auto& h : searcher.search(request).hits) ids.push_back(h.article.id.substr(h.article.id.find('#') + 1));
    std::sort(ids.begin(), ids.end());
    std::string out;
    for (const auto& id : ids) out.append(out.empty() ? "" : " ").append(id);
    return out;
}

}  // namespace

TEST_CASE("A title phrase finds the titles that hold it, not a body that does", "[searcher][title]") {
    auto [query, expected] = GENERATE(table<std::string, std::string>({
        {"title:\"crude oil\"", "1 4"},
        {"title:\"oil prices rise\"", "1"},
        {"title:\"crude oil prices\" markets", "1"},
        {"\"crude oil\"", "1 2 3 4"},           // the default field has both title and body
        {"title:\"oil crude\"", ""},            // in order
        {"title:\"crude oil output\"", "4"},    // a derived title
        {"title:\"more text\"", ""},            // the body after a derived title's sentence
        {"title:\"calm markets\"", ""},
        {"title:oil NEAR stocks", "2"},
        {"title:crude NEAR oil", "1 2 4"},      // crude in the title, oil anywhere near it
        {"title:layoffs", "5"},                 // the synonym "job cuts" as a title phrase
        {"title:(crude oil)", "1 2 4"},         // words, not a phrase: no span needed
    }));
    CAPTURE(query);
    CHECK(ids_for(query) == expected);
}

TEST_CASE("A title phrase's facet counts and total are exact", "[searcher][title][facets]") {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    request.query = "title:\"crude oil\"";
    request.facets = {"year"};
    const auto r = searcher.search(request);
    CHECK(r.exact);
    CHECK(r.estimate == 2);
    REQUIRE(r.facets.size() == 1);
    std::string counts;
    for (const auto& v : r.facets[0].values) counts += v.value + "=" + std::to_string(v.count) + " ";
    CHECK(counts == "2020=1 2021=1 ");
}

TEST_CASE("A title phrase counts the same on one handle and split over three threads", "[searcher][title][facets]") {
    const std::string path = (corpus().db() / "XAPIANDB").string();
    const Xapian::Database db(path);
    news::schema::Analyzer analyzer{"en"};
    const Xapian::Query query =
        news::searcher::QueryBuilder{analyzer}.build(news::searcher::parse_query("title:\"crude oil\""));
    news::searcher::FacetColumn year{db, news::schema::field(news::schema::FieldId::Year)};
    // Three handles, counted from docid ranges on a thread each (min_parallel 0): each Enquire
    // works on its own clone of the posting source.
    std::vector<Xapian::Database> handles{db, Xapian::Database(path), Xapian::Database(path)};
    for (const std::size_t threads : {1, 3}) {
        CAPTURE(threads);
        const std::vector<Xapian::Database> used(handles.begin(), handles.begin() + static_cast<std::ptrdiff_t>(threads));
        const auto counted = news::searcher::count_facets(used, query, 0, {&year}, {"year"}, 10, 0);
        CHECK(counted.matches == 2);
        REQUIRE(counted.facets.size() == 1);
        std::string counts;
        for (const auto& v : counted.facets[0].values) counts += v.value + "=" + std::to_string(v.count) + " ";
        CHECK(counts == "2020=1 2021=1 ");
    }
}
