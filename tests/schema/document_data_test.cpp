// Tests of schema::encode / decode: what the indexer stores per article and every search reads.
#include "schema/document_data.h"

#include "schema/errors.h"
#include "schema/fields.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using news::schema::StoredArticle;

namespace {

StoredArticle full_article() {
    StoredArticle a;
    a.id = "reuters-42";
    a.title = "AWS \"cuts\" jobs \xE2\x80\x94 again";  // quotes and an em dash
    a.title_derived = true;
    a.date = "2023-04-26";
    a.time = "17:05:09";
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
    CHECK(b.time == a.time);
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
    CHECK(b.time.empty());
    CHECK(news::schema::encode(a).find("time") == std::string::npos);  // a day alone stores no time
    CHECK(b.companies.empty());
    CHECK(b.amounts.empty());
    CHECK(b.percents.empty());
    const StoredArticle c = news::schema::decode(
        R"({"id": "y", "extra": {"body": "not this", "list": [1, {"a": "b"}]}, "more": ["z"], "body": "this"})");
    CHECK(c.id == "y");
    CHECK(c.body == "this");
    CHECK(c.companies.empty());
}

TEST_CASE("decode reads JSON's escapes, surrogate pairs, spacing and numbers in any form", "[schema][document_data]") {
    const StoredArticle a = news::schema::decode(
        " {\"body\" : \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\udcf0\\u0000e\" ,\n"
        "  \"companies\": [\"A\", \"B\"], \"companies\": [\"C\"], \"title\": \"old\", \"title\": \"new\",\r\n"
        "  \"title_derived\": false, \"amounts\": [{\"value\": -1.5e3, \"text\": \"x\"}, {}],\t"
        "  \"percents\": [0, 12, 3.25, 1E2, -0.5]} ");
    CHECK(a.body == std::string("a\"b\\c/d\b\f\n\r\t\xC3\xA9\xE2\x82\xAC\xF0\x9F\x93\xB0\0e", 23));
    CHECK(a.companies == std::vector<std::string>{"A", "B", "C"});  // a repeated list adds to the first
    CHECK(a.title == "new");                                         // a repeated text: the last
    CHECK_FALSE(a.title_derived);
    REQUIRE(a.amounts.size() == 2);
    CHECK(a.amounts[0].value == -1500);
    CHECK(a.amounts[0].text == "x");
    CHECK(a.amounts[1].text.empty());
    CHECK(a.percents == std::vector<double>{0, 12, 3.25, 100, -0.5});
}

TEST_CASE("decode reads values of types encode() never writes as it always did", "[schema][document_data]") {
    const StoredArticle a = news::schema::decode(
        R"({"id": null, "body": 3, "title": "t", "places": ["P", 4, null], "amounts": [{"text": "y", "note": "n"}]})");
    CHECK(a.id.empty());
    CHECK(a.body.empty());
    CHECK(a.title == "t");
    CHECK(a.places == std::vector<std::string>{"P"});
    REQUIRE(a.amounts.size() == 1);
    CHECK(a.amounts[0].text == "y");
}

TEST_CASE("decode refuses data that is not a stored article", "[schema][document_data]") {
    const std::string bad = GENERATE(as<std::string>{}, "", "   ", "null", "3", "[1, 2]", "\"text\"", "{\"id\": ",
                                     "{\"id\": \"a\"} trailing", "not json at all", "{\"id\": \"a\",}",
                                     "{\"id\": \"\\ud800\"}", "{\"id\": \"\\udc00\"}", "{\"id\": \"tab\there\"}",
                                     "{\"id\": \"\xC3\"}", "{\"id\": \"\\x\"}", "{\"percents\": [01]}",
                                     "{\"percents\": [1.]}", "{\"title_derived\": tru}");
    CAPTURE(bad);
    CHECK_THROWS_AS(news::schema::decode(bad), news::Error);
}

namespace {

// Articles of the same shape and different words, as a news archive has.
std::vector<std::string> training_articles(std::size_t n) {
    const char* words[] = {"shares", "rose", "fell", "company", "said", "quarter", "profit", "bank", "oil", "prices"};
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i) {
        StoredArticle a;
        a.id = "wire-" + std::to_string(i);
        a.title = std::string(words[i % 10]) + " " + words[(i / 10) % 10];
        a.date = "1987-03-" + std::to_string(10 + i % 20);
        a.body = "NEW YORK, March " + std::to_string(i % 30) + " - The " + words[i % 7] + " " + words[(i * 3) % 10] +
                 " said its " + words[(i * 7) % 10] + " " + words[(i / 3) % 10] + " in the first quarter. Reuter";
        out.push_back(news::schema::encode(a));
    }
    return out;
}

}  // namespace

TEST_CASE("DocumentCodec packs with a trained dictionary and loads back every field", "[schema][document_data]") {
    using news::schema::DocumentCodec;
    const DocumentCodec codec = DocumentCodec::train(training_articles(DocumentCodec::kMinSamples));
    REQUIRE_FALSE(codec.dictionary().empty());
    const StoredArticle a = full_article();
    Xapian::Document doc;
    codec.store(a, doc);
    const std::string packed = doc.get_value(news::schema::slot::kStored);
    CHECK(packed.size() < news::schema::encode(a).size());
    CHECK(packed.rfind("\x28\xb5\x2f\xfd", 0) == 0);  // a zstd frame
    CHECK(news::schema::encode(codec.load(doc)) == news::schema::encode(a));
    // Another codec of the same dictionary (a searcher's, read from the metadata) reads it too.
    CHECK(news::schema::encode(DocumentCodec(codec.dictionary()).unpack(packed)) == news::schema::encode(a));
}

TEST_CASE("DocumentCodec without a dictionary stores JSON, and says to rebuild for data it cannot read",
          "[schema][document_data]") {
    using news::schema::DocumentCodec;
    CHECK(DocumentCodec::train(training_articles(DocumentCodec::kMinSamples - 1)).dictionary().empty());
    const DocumentCodec plain;
    const StoredArticle a = full_article();
    CHECK(plain.pack(a) == news::schema::encode(a));
    const DocumentCodec trained = DocumentCodec::train(training_articles(300));
    CHECK(trained.unpack(plain.pack(a)).body == a.body);  // plain JSON reads with any codec
    CHECK_THROWS_WITH(plain.unpack(trained.pack(a)), Catch::Contains("--rebuild"));
    std::string damaged = trained.pack(a);
    damaged.resize(damaged.size() / 2);
    CHECK_THROWS_WITH(trained.unpack(damaged), Catch::Contains("--rebuild"));
    // A header claiming 7.2e16 bytes (ZSTD_getFrameContentSize reads it so): refused unallocated.
    const std::string huge{"\x28\xb5\x2f\xfd\xc0\x00\x00\x00\x00\x00\x01\x00\x00\x01\x00\x00", 16};
    CHECK_THROWS_WITH(trained.unpack(huge), Catch::Contains("damaged"));
    // A header declaring 150 MB over one RLE block of one byte: the blocks make 1 byte at most,
    // so the frame is refused as damaged before anything is allocated for it.
    const std::string inflated{"\x28\xb5\x2f\xfd\x80\x00\x00\x00\x60\x09\x0b\x00\x00x", 14};
    CHECK_THROWS_WITH(trained.unpack(inflated),
                      "stored document data is damaged; rebuild the index with --rebuild");
}

TEST_CASE("iso_instant() gives the UTC instant of a day and time, nothing for a day alone", "[schema][document_data]") {
    news::schema::ArticleFields a;
    a.date = "2005-02-16";
    a.time = "04:30:00";
    CHECK(news::schema::iso_instant(a) == "2005-02-16T04:30:00Z");
    a.time.clear();
    CHECK(news::schema::iso_instant(a).empty());
}
