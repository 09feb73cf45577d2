// money: over the amounts an article mentions (schema/money.h), searched end to end, and the
// amounts shown in text and JSON results.
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
        R"({"id":"fields","title":"BP buys fields","body":"BP agreed to pay £1.97bn for the fields."})" "\n"
        R"({"id":"grant","title":"A grant","body":"The grant was $5m and the fee $1.64 a share."})" "\n"
        R"({"id":"euros","title":"Sales","body":"Sales were 2.5 million euros against a debt of US$2 billion."})" "\n"
        R"({"id":"percent","title":"Profit","body":"Profit rose 29 per cent in 1,000,000,000 ways."})" "\n"
        R"({"id":"apart","title":"Far apart","body":"It paid 50p a share; the bid values it at £1 trillion."})" "\n"};
    return c;
}

std::string ids(const std::string& query) {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    request.query = query;
    request.limit = 20;
    return news::test::sorted_ids(searcher.search(request).hits);
}

}  // namespace

TEST_CASE("money: finds the articles with an amount in the range, in any or one currency", "[searcher][money]") {
    auto [query, expected] = GENERATE(table<std::string, std::string>({
        {"money:1e9..", "apart euros fields"},
        {"money:1e9..1e10", "euros fields"},  // "apart" has 0.5 and 1e12, neither in the range
        {"money:GBP:1e6..1e10", "fields"},
        {"money:GBP:1.97bn", "fields"},
        {"money:gbp:1970000000..1970000000", "fields"},
        {"money:GBP:1970000000.01..", "apart"},
        {"money:USD", "euros grant"},
        {"money:1.64", "grant"},
        {"money:..1", "apart"},
        {"money:EUR:2.5m", "euros"},
        {"money:2.5e6..5e6", "euros grant"},
        {"money:JPY", ""},
        {"shares -money:1e9..", "grant"},
        {"money:1e9.. OR money:..1", "apart euros fields"},
    }));
    CAPTURE(query);
    CHECK(ids(query) == expected);
}

TEST_CASE("Results show each amount as written and as read, in text and JSON", "[searcher][money]") {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    request.query = "money:GBP";
    request.limit = 20;
    request.sort = news::searcher::SortOrder::Date;
    const auto results = searcher.search(request);
    const std::string text = news::searcher::render_text(results, news::searcher::TextStyle{});
    CHECK(text.find("   money: \u00A31.97bn (1970000000 GBP)\n") != std::string::npos);
    CHECK(text.find("   money: 50p (0.5 GBP), \u00A31 trillion (1000000000000 GBP)\n") != std::string::npos);
    const std::string json = news::searcher::render_json(results);
    CHECK(json.find(R"("money": [
        {
          "currency": "GBP",
          "text": "£1.97bn",
          "value": 1970000000.0
        }
      ])") != std::string::npos);
}
