// End to end on a four-document collection: the real indexer and searcher, any-word mode.
#include "bench/eval/evaluation.h"

#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

struct TempCollection {
    TempCollection() {
        std::string pattern = (fs::temp_directory_path() / "eval-test-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()));
        dir = pattern;
        write("docs", ".I 1\n.T\nwing flutter .\n.W\nflutter of a swept wing at high speed .\n"
                      ".I 2\n.T\nheat conduction .\n.W\nheat conduction in composite slabs .\n"
                      ".I 3\n.T\nboundary layers .\n.W\nlaminar boundary layer on a flat plate .\n"
                      ".I 4\n.T\n.W\n");
        // Query 2 is all syntax for the newsdex parser until neutralised.
        write("qry", ".I 001\r\n.W\r\nwhat causes wing flutter .\r\n.I 007\r\n.W\r\n(heat) AND -conduction OR slabs\r\n");
        write("qrels", "1 1 1\n1 3 -1\n2 2 2\n");
    }
    ~TempCollection() { fs::remove_all(dir); }
    void write(const std::string& name, const std::string& text) const { std::ofstream(dir / name) << text; }
    news::eval::EvalOptions options() const {
        news::eval::EvalOptions o;
        o.documents = dir / "docs";
        o.queries = dir / "qry";
        o.qrels = dir / "qrels";
        o.depth = 100;
        return o;
    }
    fs::path dir;
};

}  // namespace

TEST_CASE("newsdex-eval indexes a collection, runs its queries and scores them", "[eval][e2e]") {
    const TempCollection c;
    auto opt = c.options();
    opt.baseline = true;
    const auto report = news::eval::run_evaluation(opt);
    CHECK(report.documents == 4);
    CHECK(report.queries == 2);
    CHECK(report.judged_queries == 2);
    REQUIRE(report.systems.size() == 2);
    const auto& newsdex = report.systems[0];
    REQUIRE(newsdex.run.at("1").size() >= 1);
    CHECK(newsdex.run.at("1")[0].docid == "1");
    REQUIRE(newsdex.run.at("2").size() >= 1);
    CHECK(newsdex.run.at("2")[0].docid == "2");  // "-conduction" is not an exclusion
    CHECK(newsdex.summary.map == Approx(1.0));
    CHECK(report.systems[1].name == "xapian-baseline");
    // Plain Xapian reads "-conduction" as an exclusion, so only query 1 is its to win.
    CHECK(report.systems[1].run.at("1")[0].docid == "1");
}

TEST_CASE("Queries in capitals rank exactly as in lower case", "[eval][e2e]") {
    const TempCollection c;
    auto opt = c.options();
    const auto lower = news::eval::run_evaluation(opt);
    opt.upper_case = true;
    const auto upper = news::eval::run_evaluation(opt);
    for (const auto& [qid, ranking] : lower.systems[0].run) {
        const auto& other = upper.systems[0].run.at(qid);
        REQUIRE(other.size() == ranking.size());
        for (std::size_t i = 0; i < ranking.size(); ++i) {
            CHECK(other[i].docid == ranking[i].docid);
            CHECK(other[i].score == ranking[i].score);
        }
    }
}
