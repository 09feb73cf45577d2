// Tests of QueryBuilder: printed QueryAst -> Xapian::Query::get_description() (STYLE.md section 8).
#include "searcher/query_builder.h"

#include "schema/errors.h"
#include "searcher/query_parser.h"

#include <catch2/catch.hpp>

#include <string>

namespace {

using news::searcher::QueryBuilder;

std::string built(const std::string& query, bool any_word = false) {
    static const news::schema::Analyzer en{"en"};
    QueryBuilder builder{en};
    builder.set_any_word(any_word);
    return builder.build(news::searcher::parse_query(query)).get_description();
}

}  // namespace

TEST_CASE("QueryBuilder turns words into stem terms and phrases into phrases of them", "[searcher][query]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"layoffs", "Query(Zlayoff)"},
        {"layof*", "Query((WILDCARD SYNONYM layof SYNONYM WILDCARD SYNONYM Zlayof))"},
        {"title:Cloud*", "Query((WILDCARD SYNONYM Scloud SYNONYM WILDCARD SYNONYM ZScloud))"},
        {"AWS Layoffs", "Query((Zaw AND Zlayoff))"},
        {"AWS's", "Query(Zaw)"},
        {"27,000", "Query(27000@1)"},
        {"self-serve", "Query(self-serve@1)"},
        {"$700", "Query($700@1)"},
        {"29%", "Query(29%@1)"},
        {"amazon.com", "Query(amazon.com@1)"},
        {"U.S.", "Query(Zus)"},
        {"AWS/Azure", "Query((Zaw@1 PHRASE 2 Zazur@2))"},
        {"\"Just Walk Out\"", "Query((Zjust@1 PHRASE 3 Zwalk@2 PHRASE 3 Zout@3))"},
        {"\"self-serve training\"", "Query((Zself@1 PHRASE 3 Zserv@2 PHRASE 3 Ztrain@3))"},
        {"\"layoffs\"", "Query(Zlayoff@1)"},
        {"title:training", "Query(ZStrain)"},
        {"title:\"cloud skills\"", "Query((ZScloud@1 PHRASE 2 ZSskill@2))"},
        {"a OR b", "Query((Za OR Zb))"},
        {"walk NEAR out", "Query((Zwalk NEAR 10 Zout))"},
    }));
    CAPTURE(input);
    CHECK(built(input) == expected);
}

TEST_CASE("QueryBuilder joins filter fields with OP_FILTER and NOT with AND_NOT", "[searcher][query]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"cloud company:AWS", "Query((Zcloud FILTER XCOaws))"},
        {"cloud year:2020", "Query((Zcloud FILTER Y2020))"},
        {"cloud year:2020 company:aws", "Query((Zcloud FILTER (Y2020 AND XCOaws)))"},
        {"cloud date:2020-12-15", "Query((Zcloud FILTER D20201215))"},
        {"cloud year:2020..2024", "Query((Zcloud FILTER VALUE_RANGE 1 2020 2024))"},
        {"cloud year:2020..", "Query((Zcloud FILTER VALUE_GE 1 2020))"},
        {"cloud year:..2020", "Query((Zcloud FILTER VALUE_LE 1 2020))"},
        {"cloud date:2020-12-01..2020-12-31", "Query((Zcloud FILTER VALUE_RANGE 0 20201201 20201231))"},
        {"cloud mentions:2022..2024", "Query((Zcloud FILTER (XMY2022 OR XMY2023 OR XMY2024)))"},
        {"cloud -microsoft", "Query((Zcloud AND_NOT Zmicrosoft))"},
        {"cloud NOT microsoft -google", "Query((Zcloud AND_NOT (Zmicrosoft OR Zgoogl)))"},
        {"cloud -company:aws", "Query((Zcloud AND_NOT XCOaws))"},
        {"year:2020", "Query(0 * Y2020)"},
        {"company:aws year:2020", "Query(0 * (XCOaws AND Y2020))"},
        {"-microsoft", "Query((<alldocuments> AND_NOT Zmicrosoft))"},
        {"id:corpus/A.txt", "Query(0 * Qcorpus/A.txt)"},
    }));
    CAPTURE(input);
    CHECK(built(input) == expected);
}

TEST_CASE("QueryBuilder in any-word mode turns the implicit AND into OR", "[searcher][query]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"AWS layoffs", "Query((Zaw OR Zlayoff))"},
        {"AWS layoffs year:2020", "Query(((Zaw OR Zlayoff) FILTER Y2020))"},
        {"AWS layoffs -microsoft", "Query(((Zaw OR Zlayoff) AND_NOT Zmicrosoft))"},
        {"\"Just Walk\" stores", "Query(((Zjust@1 PHRASE 2 Zwalk@2) OR Zstore))"},
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
        {"title:2020..2024", 1, "field 'title' does not take ranges (year, date and mentions do)"},
        {"company:a..b", 1, "field 'company' does not take ranges (year, date and mentions do)"},
        {"mentions:1000..2000", 1, "mentions: give a range of at most 500 years"},
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
