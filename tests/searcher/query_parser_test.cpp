// Tests of parse_query(): query string -> printed QueryAst, and the errors broken queries get.
#include "searcher/query_parser.h"

#include "schema/errors.h"

#include <catch2/catch.hpp>

#include <string>

namespace {

using news::searcher::parse_query;
using news::searcher::to_string;

std::string parsed(const std::string& query) { return to_string(parse_query(query)); }

}  // namespace

TEST_CASE("QueryParser prints words, phrases and operators as a tree", "[searcher][parser]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"aws", "aws"},
        {"AWS layoffs", "AND(AWS, layoffs)"},
        {"  AWS \t layoffs  ", "AND(AWS, layoffs)"},
        {"\"Just Walk Out\"", "\"Just Walk Out\""},
        {"\xE2\x80\x9CJust Walk Out\xE2\x80\x9D stores", "AND(\"Just Walk Out\", stores)"},  // “…”
        {"a OR b", "OR(a, b)"},
        {"a b OR c", "AND(a, OR(b, c))"},             // OR binds tighter than the implicit AND
        {"a OR b c", "AND(OR(a, b), c)"},
        {"a OR b OR c", "OR(a, b, c)"},
        {"a AND b", "AND(a, b)"},
        {"a AND b OR c", "AND(a, OR(b, c))"},
        {"a NOT b", "AND(a, NOT(b))"},
        {"a -b", "AND(a, NOT(b))"},
        {"-b a", "AND(NOT(b), a)"},
        {"a +b", "AND(a, b)"},
        {"a -\"walk out\"", "AND(a, NOT(\"walk out\"))"},
        {"(a OR b) c", "AND(OR(a, b), c)"},
        {"a (b c)", "AND(a, b, c)"},
        {"(a b) OR c", "OR(AND(a, b), c)"},
        {"((a))", "a"},
        {"self-serve", "self-serve"},                  // a hyphen inside a word is no operator
        {"or and not", "AND(or, and, not)"},           // operators are upper case only
        {"title:training", "title:training"},
        {"title:\"cloud skills\"", "title:\"cloud skills\""},
        {"title:(a OR b)", "OR(title:a, title:b)"},
        {"title:(a b) c", "AND(title:a, title:b, c)"},
        {"company:aws cloud", "AND(company:aws, cloud)"},
        {"-company:aws", "NOT(company:aws)"},
        {"year:2020..2024", "year:2020..2024"},
        {"year:2020..", "year:2020.."},
        {"year:..2020", "year:..2020"},
        {"date:2020-12-01..2020-12-31", "date:2020-12-01..2020-12-31"},
        {"http://example.com", "http://example.com"},  // a URL is a word
        {"https://news.example/a?b=c", "https://news.example/a?b=c"},
        {"mailto:desk@example.com", "mailto:desk@example.com"},
        {"10:30 meeting", "AND(10:30, meeting)"},        // a time is a word
        {"\"re:invent\"", "\"re:invent\""},             // quoted: text, whatever precedes the colon
        {"Note: this", "AND(Note:, this)"},              // a colon then a space: a word
        {"skills:", "skills:"},                          // a colon at the end: a word
        {"title: training", "AND(title:, training)"},  // "title:" then a space: a plain word
        {"walk NEAR out", "NEAR(walk, out)"},
        {"walk NEAR \"out technology\"", "NEAR(walk, \"out technology\")"},
        {"a NEAR b NEAR c", "NEAR(a, b, c)"},
        {"AWS\xE2\x80\x9D layoffs", "AND(AWS, layoffs)"},  // a stray closing ” is ignored
        {"a - b", "AND(a, b)"},                          // a lone '-' is ignored
        {"- a", "a"},
        {"\xE2\x80\x9D" "said Teresa", "AND(said, Teresa)"},     // ”said, pasted from an article
        {"\"\" a", "a"},                                 // an empty phrase is ignored
    }));
    CAPTURE(input);
    CHECK(parsed(input) == expected);
}

TEST_CASE("QueryParser records 1-based columns in code points", "[searcher][parser]") {
    const auto root = parse_query("caf\xC3\xA9 \xE2\x80\x9Cwalk out\xE2\x80\x9D -title:aws");
    REQUIRE(root.children.size() == 3);
    CHECK(root.children[0].column == 1);
    CHECK(root.children[1].column == 6);
    CHECK(root.children[2].column == 17);
    CHECK(root.children[2].children.at(0).column == 18);
}

TEST_CASE("QueryParser refuses broken queries with the column and a reason", "[searcher][parser]") {
    auto [input, column, message] = GENERATE(table<std::string, std::size_t, std::string>({
        {"(a b", 5, "missing ')' for the '(' at column 1"},
        {"a (b (c)", 9, "missing ')' for the '(' at column 3"},
        {"a b)", 4, "unmatched ')': remove it or add a '(' before it"},
        {")", 1, "unmatched ')': remove it or add a '(' before it"},
        {"OR", 1, "OR needs a term on each side"},
        {"a OR", 3, "OR needs a term on each side"},
        {"OR a", 1, "OR needs a term on each side"},
        {"a OR OR b", 6, "OR needs a term on each side"},  // the second OR has no left side
        {"AND b", 1, "AND needs a term on each side"},
        {"a AND", 3, "AND needs a term on each side"},
        {"a NEAR", 3, "NEAR needs a word or phrase on each side"},
        {"(a b) NEAR c", 2, "NEAR joins words and phrases only"},
        {"a NOT", 3, "NOT needs a term after it"},
        {"", 1, "the query is empty: type some words to search for"},
        {"   ", 1, "the query is empty: type some words to search for"},
        {"()", 1, "the query is empty: type some words to search for"},
        {"title:", 1, "title: needs a value, e.g. title:word"},
        {"cloud title:", 7, "title: needs a value, e.g. title:word"},
        {"a title:()", 3, "title: needs a value, e.g. title:word"},
        {"compnay:aws", 1, "unknown field 'compnay'; did you mean 'company'? (newsdex-search --schema lists them; "
                           "to search for the text, quote it: \"compnay:aws\")"},
        {"cloud plac:\"sao paulo\"", 7, "unknown field 'plac'; did you mean 'place'? (newsdex-search --schema lists "
                                        "them; to search for the text, quote it: \"plac:\")"},
        {"yaer:2005", 1, "unknown field 'yaer'; did you mean 'year'? (newsdex-search --schema lists them; to search "
                         "for the text, quote it: \"yaer:2005\")"},
    }));
    CAPTURE(input);
    try {
        parse_query(input);
        FAIL("no QueryError for: " << input);
    } catch (const news::QueryError& e) {
        CHECK(e.column == column);
        CHECK(std::string(e.what()) == message);
    }
}

TEST_CASE("QueryParser refuses nesting deeper than the limit", "[searcher][parser]") {
    const std::size_t ok = news::searcher::kMaxQueryDepth / 2 - 1;  // two levels per parenthesis
    CHECK(parsed(std::string(ok, '(') + "a" + std::string(ok, ')')) == "a");
    const std::size_t deep = news::searcher::kMaxQueryDepth;
    const std::string query = std::string(deep, '(') + "a" + std::string(deep, ')');
    CHECK_THROWS_AS(parse_query(query), news::QueryError);
    CHECK_THROWS_WITH(parse_query(query), Catch::Matchers::Contains("nested more than 100 levels"));
    // Very deep input fails the same way instead of overflowing the stack.
    CHECK_THROWS_AS(parse_query(std::string(100000, '(')), news::QueryError);
}

TEST_CASE("QueryParser refuses more than kMaxQueryTerms terms", "[searcher][parser]") {
    auto words = [](std::size_t n) {
        std::string q;
        for (std::size_t i = 0; i < n; ++i) q.append("w").append(std::to_string(i)).append(" ");
        return q;
    };
    CHECK_NOTHROW(parse_query(words(news::searcher::kMaxQueryTerms)));
    try {
        parse_query(words(news::searcher::kMaxQueryTerms + 1));
        FAIL("no QueryError");
    } catch (const news::QueryError& e) {
        CHECK(std::string(e.what()) == "the query has 1001 terms; the limit is 1000");
        CHECK(e.column == 1);
    }
}

TEST_CASE("QueryParser counts each word of a quoted phrase against kMaxQueryTerms",
          "[searcher][parser]") {
    std::string phrase = "\"";
    for (int i = 0; i < 25000; ++i) phrase += "w ";
    phrase += "\"";
    try {
        parse_query(phrase);
        FAIL("no QueryError");
    } catch (const news::QueryError& e) {
        CHECK(std::string(e.what()) == "the query has 25000 terms; the limit is 1000");
    }
    CHECK_NOTHROW(parse_query("\"" + std::string(999 * 2, ' ').replace(0, 1, "a") + "b\" c"));
}
