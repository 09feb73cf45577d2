// Tests of QueryBuilder: printed QueryAst -> Xapian::Query::get_description() (STYLE.md section 8).
#include "searcher/query_builder.h"

#include "schema/errors.h"
#include "searcher/query_parser.h"

#include <catch2/catch.hpp>

#include <string>

namespace {

using news::searcher::QueryBuilder;

// build() keeps the state of the query it builds and analyses with the shared Analyzer: a
// const QueryBuilder cannot build.
template <class B>
concept can_build = requires(B& b, const news::searcher::QueryNode& root) { b.build(root); };
static_assert(can_build<QueryBuilder>);
static_assert(!can_build<const QueryBuilder>);

std::string built(const std::string& query, bool any_word = false) {
    static news::schema::Analyzer en{"en"};
    QueryBuilder builder{en};
    builder.set_any_word(any_word);
    return builder.build(news::searcher::parse_query(query)).get_description();
}

}  // namespace

TEST_CASE("QueryBuilder turns words into stem terms and phrases into phrases of them", "[searcher][query]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"layoffs", "Query(layoff)"},
        {"layof*", "Query((WILDCARD SYNONYM layof SYNONYM WILDCARD SYNONYM ^layof))"},  // words and acronyms
        {"title:Cloud*", "Query((WILDCARD SYNONYM Scloud SYNONYM WILDCARD SYNONYM S^cloud))"},
        {"AWS Layoffs", "Query((^aws AND layoff))"},
        {"aws layoffs", "Query((aw AND layoff))"},
        {"NASA", "Query((^nasa SYNONYM nasa))"},  // 4+ letters, its own stem: the word too,
        {"AWS's", "Query(^aws)"},
        {"27,000", "Query(27000@1)"},
        {"self-serve", "Query(selfserv@1)"},
        {"e-mail", "Query(email@1)"},
        {"$700", "Query($700@1)"},
        {"29%", "Query(29%@1)"},
        {"amazon.com", "Query(amazon.com@1)"},
        {"U.S.", "Query(^us)"},
        {"OIL PRICES RISE", "Query((oil AND price AND rise))"},  // shouted: no acronyms,
        {"AWS/Azure", "Query((^aws@1 PHRASE 2 azur@2))"},
        {"\"Just Walk Out\"", "Query((just@1 PHRASE 3 walk@2 PHRASE 3 out@3))"},
        {"\"self-serve training\"", "Query((self@1 PHRASE 3 serv@2 PHRASE 3 train@3))"},
        {"\"layoffs\"", "Query(layoff@1)"},
        {"title:training", "Query(Strain)"},
        {"title:\"cloud skills\"",
         "Query(((Scloud@1 AND Sskill@2) FILTER PostingSource(TitleSpan(title:\"cloud skill\"))))"},
        {"title:cloud NEAR skills",
         "Query(((Scloud AND skill) FILTER PostingSource(TitleSpan(title:\"cloud\" NEAR 10 \"skill\"))))"},
        {"a OR b", "Query((a OR b))"},
        {"walk NEAR out", "Query((walk NEAR 10 out))"},
        {"\"gordon brown\" NEAR budget",
         "Query(((gordon AND brown AND budget) FILTER PostingSource(TitleSpan(\"gordon brown\" NEAR 10 \"budget\"))))"},
    }));
    CAPTURE(input);
    CHECK(built(input) == expected);
}

TEST_CASE("QueryBuilder joins filter fields with OP_FILTER and NOT with AND_NOT", "[searcher][query]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"cloud company:AWS", "Query((cloud FILTER XCOaws))"},
        {"cloud year:2020", "Query((cloud FILTER Y2020))"},
        {"cloud year:2020 company:aws", "Query((cloud FILTER (Y2020 AND XCOaws)))"},
        {"cloud date:2020-12-15", "Query((cloud FILTER D20201215))"},
        {"cloud date:2020-02-29", "Query((cloud FILTER D20200229))"},  // a leap day
        {"place:\"S\xC3\x83O PAULO\"", "Query(0 * XPLsao paulo)"},   // the one fold: accents off
        {"cloud year:2020..2024", "Query((cloud FILTER VALUE_RANGE 1 2020 2024))"},
        {"cloud year:2020..", "Query((cloud FILTER VALUE_GE 1 2020))"},
        {"cloud year:..2020", "Query((cloud FILTER VALUE_LE 1 2020))"},
        {"cloud date:2020-12-01..2020-12-31", "Query((cloud FILTER VALUE_RANGE 0 20201201 20201231))"},
        {"cloud mentions:2022..2024", "Query((cloud FILTER (XMY2022 OR XMY2023 OR XMY2024)))"},
        {"cloud -microsoft", "Query((cloud AND_NOT microsoft))"},
        {"cloud NOT microsoft -google", "Query((cloud AND_NOT (microsoft OR googl)))"},
        {"cloud -company:aws", "Query((cloud AND_NOT XCOaws))"},
        {"year:2020", "Query(0 * Y2020)"},
        {"company:aws year:2020", "Query(0 * (XCOaws AND Y2020))"},
        {"-microsoft", "Query((<alldocuments> AND_NOT microsoft))"},
        {"id:corpus/A.txt", "Query(0 * Qcorpus/A.txt)"},
    }));
    CAPTURE(input);
    CHECK(built(input) == expected);
}

TEST_CASE("QueryBuilder in any-word mode turns the implicit AND into OR", "[searcher][query]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"AWS layoffs", "Query((^aws OR layoff))"},
        {"AWS layoffs year:2020", "Query(((^aws OR layoff) FILTER Y2020))"},
        {"AWS layoffs -microsoft", "Query(((^aws OR layoff) AND_NOT microsoft))"},
        {"\"Just Walk\" stores", "Query(((just@1 PHRASE 2 walk@2) OR store))"},
    }));
    CAPTURE(input);
    CHECK(built(input, true) == expected);
    CHECK(built(input, false) != expected);
}

TEST_CASE("QueryBuilder refuses values a field cannot take", "[searcher][query]") {
    auto [input, column, message] = GENERATE(table<std::string, std::size_t, std::string>({
        {"year:20x0", 1, "year '20x0' is not YYYY"},
        {"cloud year:202", 7, "year '202' is not YYYY"},
        {"year:2024..2020", 1, "year: range 2024..2020 is backwards"},
        {"year:2020..20x4", 1, "year '20x4' is not YYYY"},
        {"date:2020-13", 1, "date '2020-13' is not YYYY-MM-DD"},
        {"date:2005-13-45", 1, "date '2005-13-45' is not a day of the calendar (YYYY-MM-DD, years 0001-9999)"},
        {"date:2020-02-30", 1, "date '2020-02-30' is not a day of the calendar (YYYY-MM-DD, years 0001-9999)"},
        {"date:2021-02-29..2021-03-01", 1, "date '2021-02-29' is not a day of the calendar (YYYY-MM-DD, years 0001-9999)"},
        {"company:aws NEAR cloud", 1, "NEAR joins words and phrases of text fields; 'company:' is a filter"},
        {"clou* NEAR budget", 1, "NEAR does not take wildcards ('clou*')"},
        {"date:0000-01-01", 1, "date '0000-01-01' is not a day of the calendar (YYYY-MM-DD, years 0001-9999)"},
        {"title:2020..2024", 1, "field 'title' does not take ranges (year, date, mentions and money do)"},
        {"company:a..b", 1, "field 'company' does not take ranges (year, date, mentions and money do)"},
        {"mentions:1000..2000", 1, "mentions: give a range of at most 500 years"},
        {"money:abc..", 1, "money: 'abc' is not an amount; write digits with an optional exponent or scale, as in "
                           "money:1e9.., money:2500000, money:GBP:1.5m..2bn"},
        {"oil money:1e9..1bx", 5, "money: '1bx' is not an amount; write digits with an optional exponent or scale, "
                                  "as in money:1e9.., money:2500000, money:GBP:1.5m..2bn"},
        {"money:-5..", 1, "money: '-5' is not an amount; write digits with an optional exponent or scale, as in "
                          "money:1e9.., money:2500000, money:GBP:1.5m..2bn"},
        {"money:1e9..1e6", 1, "money: range 1e9..1e6 is backwards"},
        {"money:GBP:..", 1, "money: a range needs at least one end, as in money:1e9.. or money:..1e6"},
        {"money:US:1e6..", 1, "money: 'US' is not a currency code; write its three letters (USD, GBP, EUR, JPY ...) "
                              "as in money:GBP:1e6..1e8"},
        {"money:pounds", 1, "money: 'pounds' is not an amount; write digits with an optional exponent or scale, as in "
                            "money:1e9.., money:2500000, money:GBP:1.5m..2bn"},
        {"...", 1, "the query has no searchable words (only punctuation?)"},
    }));
    CAPTURE(input);
    try {
        built(input);
        FAIL("no QueryError for: " << input);
    } catch (const news::QueryError& e) {
        CHECK(e.column == column);
        CHECK(std::string(e.what()) == message);
    }
}

TEST_CASE("QueryBuilder turns money: amounts and ranges into the terms that cover them", "[searcher][query]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"money:GBP", "Query(0 * XMOgbp)"},
        {"money:gbp:5", "Query(0 * XMOgbp=1005)"},
        {"money:5", "Query(0 * XMO=1005)"},
        {"money:1e9..1.5e9", "Query(0 * (XMO=1091 OR XMO/10910 OR XMO/10911 OR XMO/10912 OR XMO/10913 OR "
                             "XMO/10914 OR XMO=10915))"},
        {"money:GBP:1e12..", "Query(0 * (XMOgbp/2 OR XMOgbp/3 OR XMOgbp/4 OR XMOgbp/5 OR XMOgbp/6 OR XMOgbp/7 OR "
                             "XMOgbp/8 OR XMOgbp/9 OR XMOgbp/12 OR XMOgbp/13 OR XMOgbp/14 OR XMOgbp/15 OR "
                             "XMOgbp/16 OR XMOgbp/17 OR XMOgbp/18 OR XMOgbp/19 OR XMOgbp/113 OR XMOgbp/114 OR "
                             "XMOgbp/115 OR XMOgbp/116 OR XMOgbp/117 OR XMOgbp/118 OR XMOgbp/119 OR XMOgbp/1122 OR "
                             "XMOgbp/1123 OR XMOgbp/1124 OR XMOgbp/1125 OR XMOgbp/1126 OR XMOgbp/1127 OR "
                             "XMOgbp/1128 OR XMOgbp/1129 OR XMOgbp/1121))"},
        {"oil money:..0.5", "Query((oil FILTER (XMO/00 OR XMO/01 OR XMO/02 OR XMO/03 OR XMO/04 OR XMO/05 OR "
                            "XMO/06 OR XMO/07 OR XMO/08 OR XMO/090 OR XMO/091 OR XMO/092 OR XMO/093 OR XMO/094 OR "
                            "XMO/095 OR XMO/096 OR XMO/097 OR XMO/098 OR XMO=099 OR XMO/0990 OR XMO/0991 OR "
                            "XMO/0992 OR XMO/0993 OR XMO/0994 OR XMO=0995)))"},
    }));
    CAPTURE(input);
    CHECK(built(input) == expected);
}

TEST_CASE("QueryBuilder refuses one typed word that analyses into more than kMaxQueryTerms words",
          "[searcher][query]") {
    std::string word = "a";
    for (int i = 0; i < 3000; ++i) word += "/b";  // no space: the parser sees one word
    CHECK_THROWS_WITH(built(word), "a phrase or word of 3001 words; the limit is 1000");
    CHECK_THROWS_WITH(built("\"" + word + "\""), "a phrase or word of 3001 words; the limit is 1000");
}
