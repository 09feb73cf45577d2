// The analysis rules as a reader meets them (docs/analysis.md): one fold for words, filter
// values and dictionary keys; acronyms found as acronyms; e-mail = email. Small articles
// written for these tests, searched through Searcher as newsdex-search does.
#include "searcher/search.h"

#include "temp_corpus.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using news::searcher::SearchRequest;
using news::searcher::Searcher;

const news::test::TempCorpus& corpus() {
    static const news::test::TempCorpus c{
        R"({"id":"accented","title":"Caf\u00e9 culture in Z\u00fcrich","body":"Nestl\u00e9 opened a caf\u00e9 in Z\u00fcrich, where Beyonc\u00e9 sang.","date":"2005-01-10"})" "\n"
        R"({"id":"plain","title":"Cafe prices","body":"A cafe near Zurich station raised prices; Nestle and Beyonce fans paid.","date":"2005-01-11"})" "\n"
        R"({"id":"aws","title":"AWS cuts jobs","body":"AWS announced layoffs at its cloud unit. Staff were told by e-mail.","date":"2005-02-01"})" "\n"
        R"({"id":"awful","title":"An awful night","body":"The awards night was awful, and the layoffs were announced by email.","date":"2005-02-02"})" "\n"
        R"({"id":"pronoun","title":"Write to us","body":"Tell us your story and send it to us.","date":"2005-03-01"})" "\n"
        R"({"id":"us","title":"Economy grows","body":"The US economy grew in March, and U.S. exports rose.","date":"2005-03-02"})" "\n"
        R"({"id":"shouted","title":"U.S. COCOA MERCHANT SPOT PRICES","body":"Cocoa and sugar were quoted at the spot.","date":"2005-03-03"})" "\n"
        R"({"id":"saopaulo","title":"Floods in S\u00e3o Paulo","body":"Heavy rain hit S\u00e3o Paulo on Monday.","date":"2005-04-01"})" "\n"
        R"({"id":"nasa","title":"Nasa launch","body":"Nasa launched a probe, which NASA engineers built.","date":"2005-05-01"})" "\n"
        R"({"id":"space","title":"Space agency","body":"The agency said NASA would try again.","date":"2005-05-02"})" "\n"};
    return c;
}

std::string ids(const std::string& query, const std::vector<std::pair<std::string, std::string>>& filters = {}) {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    request.query = query;
    request.filters = filters;
    return news::test::sorted_ids(searcher.search(request).hits);
}

}  // namespace

TEST_CASE("Accented and plain spellings find each other, both ways", "[searcher][analysis][fold]") {
    auto [query, expected] = GENERATE(table<std::string, std::string>({
        {"caf\xC3\xA9", "accented plain"},
        {"cafe", "accented plain"},
        {"CAF\xC3\x89", "accented plain"},  // capitals, 4 letters, its own stem: the word too
        {"nestle", "accented plain"},
        {"Nestl\xC3\xA9", "accented plain"},
        {"zurich", "accented plain"},
        {"Z\xC3\xBCrich", "accented plain"},
        {"beyonce", "accented plain"},
        {"Beyonc\xC3\xA9", "accented plain"},
        {"\"caf\xC3\xA9 culture\"", "accented"},
    }));
    CAPTURE(query);
    CHECK(ids(query) == expected);
}

TEST_CASE("Filter values and dictionary keys use the same fold", "[searcher][analysis][fold]") {
    auto [query, expected] = GENERATE(table<std::string, std::string>({
        {"place:\"s\xC3\xA3o paulo\"", "saopaulo"},
        {"place:\"S\xC3\x83O PAULO\"", "saopaulo"},
        {"place:\"sao paulo\"", "saopaulo"},
        {"place:z\xC3\xBCrich", "accented plain"},
        {"place:ZURICH", "accented plain"},
        {"company:nestl\xC3\xA9", "accented plain"},
    }));
    CAPTURE(query);
    CHECK(ids(query) == expected);
    CHECK(ids("", {{"place", "S\xC3\x83O PAULO"}}) == "saopaulo");
}

TEST_CASE("e-mail and email find the same articles", "[searcher][analysis]") {
    CHECK(ids("email") == "awful aws");
    CHECK(ids("e-mail") == "awful aws");
    CHECK(ids("EMAIL") == "awful aws");
}

TEST_CASE("An acronym in capitals finds the acronym, not words that share its stem", "[searcher][analysis][acronym]") {
    auto [query, expected] = GENERATE(table<std::string, std::string>({
        {"AWS", "aws"},                  // not "awful" (both stem to "aw")
        {"AWS layoffs", "aws"},
        {"\"AWS cuts\"", "aws"},
        {"aws", "awful aws"},            // typed in lower case: the word and the acronym
        {"awful", "awful"},              // an acronym is never a stem
        {"US", "us"},                    // the acronym and U.S.; not the pronoun, nor the
        {"U.S.", "us"},                  // shouted headline's "U.S."
        {"us", "pronoun shouted us"},
        {"US economy", "us"},
        {"NASA", "nasa space"},          // four letters, its own stem: "Nasa" too
        {"nasa", "nasa space"},
        {"spot", "shouted"},             // a shouted headline's words are ordinary words
        {"COCOA MERCHANT SPOT", "shouted"},  // and so are a shouted query's
        {"COCOA and SPOT PRICES", "shouted"},  // in capitals but for stop words: shouted too
    }));
    CAPTURE(query);
    CHECK(ids(query) == expected);
}

TEST_CASE("Acronyms in title: phrases match as in body text", "[searcher][analysis][acronym]") {
    auto [query, expected] = GENERATE(table<std::string, std::string>({
        {"\"aws cuts\"", "aws"},         // body text: the word typed in lower case finds the acronym
        {"title:\"aws cuts\"", "aws"},   // and so in the title
        {"title:\"AWS cuts\"", "aws"},
        {"title:\"AWS cuts jobs\"", "aws"},
        {"title:\"NASA launch\"", "nasa"},  // four letters, its own stem: "Nasa" in the title
        {"title:\"nasa launch\"", "nasa"},
        {"title:\"awful night\"", "awful"},  // an ordinary word stays itself
        {"title:\"aws\" NEAR jobs", "aws"},
        {"\"aws cuts\" NEAR jobs", "aws"},
    }));
    CAPTURE(query);
    CHECK(ids(query) == expected);
}
