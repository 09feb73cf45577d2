#include "bench/eval/qrels.h"

#include <catch2/catch.hpp>

#include <sstream>

using news::eval::QrelsFormat;

TEST_CASE("Cranfield codes map to TREC grades 5 - code, and -1 to not relevant", "[eval][qrels]") {
    auto [code, grade] = GENERATE(table<int, int>({{1, 4}, {2, 3}, {3, 2}, {4, 1}, {-1, 0}, {5, 0}, {0, 0}}));
    CAPTURE(code);
    CHECK(news::eval::cranfield_grade(code) == grade);
}

TEST_CASE("Cranfield qrels are read by column count, trailing spaces and all", "[eval][qrels]") {
    // As in cran.qrels: "qid docid code", a trailing space, one -1 pair per query.
    std::istringstream in("1 184 2 \n1 29 2 \n1 13 4 \n1 57 -1\n2 12 1\n\n");
    std::vector<news::eval::QrelsNote> notes;
    const auto qrels = news::eval::read_qrels(in, "cran.qrels", QrelsFormat::Auto, notes);
    CHECK(notes.empty());
    REQUIRE(qrels.size() == 2);
    CHECK(qrels.at("1").at("184") == 3);
    CHECK(qrels.at("1").at("13") == 1);
    CHECK(qrels.at("1").at("57") == 0);  // judged, not relevant
    CHECK(news::eval::relevant_count(qrels.at("1")) == 3);
    CHECK(qrels.at("2").at("12") == 4);
}

TEST_CASE("TREC qrels keep their grades; malformed lines become notes", "[eval][qrels]") {
    std::istringstream in("401 0 FT911-3 2\n401 0 FT911-4 0\n402 0 LA-1 -1\n402 0 LA-2\n402 0 LA-3 x\n");
    std::vector<news::eval::QrelsNote> notes;
    const auto qrels = news::eval::read_qrels(in, "q.txt", QrelsFormat::Auto, notes);
    CHECK(qrels.at("401").at("FT911-3") == 2);
    CHECK(qrels.at("401").at("FT911-4") == 0);
    CHECK(qrels.at("402").at("LA-1") == 0);  // negative: not relevant
    REQUIRE(notes.size() == 2);
    CHECK(notes[0].where == "q.txt:4");
    CHECK(notes[1].where == "q.txt:5");
}

TEST_CASE("Pair lists (CISI.REL) make every listed pair relevant, tabs and CRLF allowed", "[eval][qrels]") {
    // As in CISI.REL: "qid docid 0 0.000000", the last two columns unused.
    std::istringstream in("     1     28\t0\t0.000000\r\n     1     35\t0\t0.000000\r\n     2     12\t0\t0.000000\r\n");
    std::vector<news::eval::QrelsNote> notes;
    const auto qrels = news::eval::read_qrels(in, "CISI.REL", QrelsFormat::Auto, notes);
    CHECK(notes.empty());
    REQUIRE(qrels.size() == 2);
    CHECK(qrels.at("1").at("28") == 1);
    CHECK(qrels.at("1").at("35") == 1);
    CHECK(qrels.at("2").at("12") == 1);
}
