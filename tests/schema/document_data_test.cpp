// Tests of schema::encode / decode: what the indexer stores per article and every search reads.
#include "schema/document_data.h"

#include "schema/errors.h"

#include <catch2/catch.hpp>

#include <string>

using news::schema::StoredArticle;

namespace {

StoredArticle full_article() {
    StoredArticle a;
    a.id = "reuters-42";
    a.title = "AWS \"cuts\" jobs \xE2\x80\x94 again";  // quotes and an em dash
    a.title_derived = true;
    a.date = "2023-04-26";
    a.source = "Reuters";
    a.url = "https://example.com/a?b=1&c=2";
    a.path = "corpus/aws.md";
    a.body = "Line one.\n\nLine two\twith a tab and a backslash \\ and \xC3\xA9.";
    a.companies = {"Amazon", "Amazon Web Services"};
    a.orgs = {"Federal Reserve"};
    a.people = {"Adam Selipsky"};
    a.places = {"Seattle", "United States"};
    a.mentions = {"2022", "2023"};
    a.amounts = {{"$700 million", 7e8, "USD"}, {"27,000", 27000, ""}};
    a.percents = {29, 3.5};
    return a;
}

}  // namespace

TEST_CASE("decode gives back every field encode stored", "[schema][document_data]") {
    const StoredArticle a = full_article();
    const StoredArticle b = news::schema::decode(news::schema::encode(a));
    CHECK(b.id == a.id);
    CHECK(b.title == a.title);
    CHECK(b.title_derived);
    CHECK(b.date == a.date);
    CHECK(b.source == a.source);
    CHECK(b.url == a.url);
    CHECK(b.path == a.path);
    CHECK(b.body == a.body);
    CHECK(b.companies == a.companies);
    CHECK(b.orgs == a.orgs);
    CHECK(b.people == a.people);
    CHECK(b.places == a.places);
    CHECK(b.mentions == a.mentions);
    REQUIRE(b.amounts.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(b.amounts[i].text == a.amounts[i].text);
        CHECK(b.amounts[i].value == a.amounts[i].value);
        CHECK(b.amounts[i].currency == a.amounts[i].currency);
    }
    CHECK(b.percents == a.percents);
}

TEST_CASE("decode leaves empty what was not stored and skips keys it does not know", "[schema][document_data]") {
    StoredArticle a;
    a.id = "x";
    const StoredArticle b = news::schema::decode(news::schema::encode(a));
    CHECK(b.id == "x");
    CHECK_FALSE(b.title_derived);
    CHECK(b.companies.empty());
    CHECK(b.amounts.empty());
    CHECK(b.percents.empty());
    const StoredArticle c = news::schema::decode(
        R"({"id": "y", "extra": {"body": "not this", "list": [1, {"a": "b"}]}, "more": ["z"], "body": "this"})");
    CHECK(c.id == "y");
    CHECK(c.body == "this");
    CHECK(c.companies.empty());
}

TEST_CASE("decode refuses data that is not a stored article", "[schema][document_data]") {
    const std::string bad = GENERATE(as<std::string>{}, "", "   ", "null", "3", "[1, 2]", "\"text\"", "{\"id\": ",
                                     "{\"id\": \"a\"} trailing", "not json at all");
    CAPTURE(bad);
    CHECK_THROWS_AS(news::schema::decode(bad), news::Error);
}
