// End to end on a four-document collection: the real indexer and searcher, any-word mode.
#include "bench/eval/evaluation.h"

#include "bench/eval/collection.h"
#include "schema/errors.h"
#include "schema/ranking.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

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

TEST_CASE("A feedback grid names each setting, and an index of another b prefixes the names", "[eval][grid]") {
    news::eval::FeedbackGrid grid;
    grid.docs = {5, 10};
    grid.min_docs = {1, 2};
    const auto configs = news::eval::feedback_grid(grid, {});
    std::vector<std::string> names;
    for (const auto& c : configs) names.push_back(c.name);
    CHECK(names == std::vector<std::string>{"no-feedback", "fb-d5-t30-w2", "fb-d5-t30-w2-m2", "fb-d10-t30-w2",
                                            "fb-d10-t30-w2-m2"});
    CHECK(configs[2].feedback.min_docs == 2);
    CHECK(configs[0].expand == news::searcher::Expand::Off);
    grid = {};
    grid.max_shares = {1, 0.1};
    names.clear();
    for (const auto& c : news::eval::feedback_grid(grid, {})) names.push_back(c.name);
    CHECK(names == std::vector<std::string>{"no-feedback", "fb-d5-t30-w2", "fb-d5-t30-w2-s0.1"});
    CHECK(news::eval::feedback_grid(grid, {})[2].feedback.max_share == 0.1);
    grid = {};
    grid.proximities = {0, 0.25};
    names.clear();
    for (const auto& c : news::eval::feedback_grid(grid, {})) names.push_back(c.name);
    CHECK(names == std::vector<std::string>{"no-feedback", "fb-d5-t30-w2", "fb-d5-t30-w2-p0.25"});
    grid = {};
    grid.coverages = {0, 100};
    grid.coverage_powers = {0, 1};
    grid.length_powers = {0.5};
    grid.rounds = {1, 2};
    names.clear();
    const auto more = news::eval::feedback_grid(grid, {});
    for (const auto& c : more) names.push_back(c.name);
    CHECK(names == std::vector<std::string>{"no-feedback", "fb-d5-t30-w2-l0.5", "fb-d5-t30-w2-l0.5-r2",
                                            "fb-d5-t30-w2-l0.5", "fb-d5-t30-w2-l0.5-r2", "fb-d5-t30-w2-c100-l0.5",
                                            "fb-d5-t30-w2-c100-l0.5-r2", "fb-d5-t30-w2-c100-e1-l0.5",
                                            "fb-d5-t30-w2-c100-e1-l0.5-r2"});
    CHECK(more[8].feedback.coverage == 100);
    CHECK(more[8].feedback.coverage_power == 1);
    CHECK(more[8].feedback.length_power == 0.5);
    CHECK(more[8].feedback.rounds == 2);
    news::eval::EvalOptions opt;
    CHECK(news::eval::system_name(configs[1], opt) == "fb-d5-t30-w2");
    opt.length_b = 0.5;
    CHECK(news::eval::system_name(configs[1], opt) == "b0.5/fb-d5-t30-w2");
}

TEST_CASE("An index written with another b ranks the shorter of two matches otherwise", "[eval][e2e]") {
    const TempCollection c;
    // "wing" once in a 2-word title and a 9-word body (document 1); add a long document with it once.
    std::string long_doc = ".I 5\n.T\n.W\nwing";
    for (int i = 0; i < 400; ++i) long_doc += " word" + std::to_string(i % 50);
    c.write("docs", ".I 1\n.T\n.W\nwing flutter .\n" + long_doc + "\n");
    c.write("qry", ".I 1\n.W\nwing\n");
    c.write("qrels", "1 5 1\n");
    auto opt = c.options();
    opt.configs.front().expand = news::searcher::Expand::Off;  // BM25 alone
    const auto normalised = news::eval::run_evaluation(opt);
    opt.length_b = 0;
    const auto flat = news::eval::run_evaluation(opt);
    const auto& n = normalised.systems[0].run.at("1");
    const auto& f = flat.systems[0].run.at("1");
    REQUIRE(n.size() == 2);
    REQUIRE(f.size() == 2);
    CHECK(n[0].docid == "1");  // b 0.75: the short document first
    CHECK(n[0].score > n[1].score);
    CHECK(f[0].score == Approx(f[1].score));  // b 0: one occurrence each weighs the same
    CHECK(flat.systems[0].name == "b0/newsdex");
}

TEST_CASE("A grid over models, word shares, gaps and article weights names each system", "[eval][grid]") {
    news::eval::FeedbackGrid grid;
    grid.gaps = {0.8};
    grid.doc_weights = {news::searcher::DocWeights::Uniform, news::searcher::DocWeights::Exp};
    grid.models = {"bm25", "lm1000"};
    grid.max_word_shares = {1, 0.2};
    const auto configs = news::eval::feedback_grid(grid, {});
    std::vector<std::string> names;
    for (const auto& c : configs) names.push_back(c.name);
    CHECK(names == std::vector<std::string>{
                       "no-feedback", "fb-d5-t30-w2-g0.8-uniform", "fb-d5-t30-w2-g0.8-exp",
                       "lm1000/no-feedback", "lm1000/fb-d5-t30-w2-g0.8-uniform", "lm1000/fb-d5-t30-w2-g0.8-exp",
                       "df0.2/no-feedback", "df0.2/fb-d5-t30-w2-g0.8-uniform", "df0.2/fb-d5-t30-w2-g0.8-exp",
                       "df0.2/lm1000/no-feedback", "df0.2/lm1000/fb-d5-t30-w2-g0.8-uniform",
                       "df0.2/lm1000/fb-d5-t30-w2-g0.8-exp"});
    CHECK(configs[4].model == "lm1000");
    CHECK(configs[4].feedback.gap == 0.8);
    CHECK(configs[7].max_word_share == 0.2);
    news::eval::EvalOptions opt;
    opt.length_b = news::schema::kRawWdfs;
    CHECK(news::eval::system_name(configs[3], opt) == "raw/lm1000/no-feedback");
}

TEST_CASE("A model that reads document lengths runs on a raw index, and only there", "[eval][e2e]") {
    const TempCollection c;
    auto opt = c.options();
    opt.configs.front().expand = news::searcher::Expand::Off;
    opt.configs.front().model = "lm1000";
    CHECK_THROWS_AS(news::eval::run_evaluation(opt), news::Error);
    opt.length_b = news::schema::kRawWdfs;
    const auto lm = news::eval::run_evaluation(opt);
    CHECK(lm.systems[0].run.at("1").front().docid == "1");  // "wing flutter" in document 1 only
    opt.configs.front().model = "bm25";
    CHECK_THROWS_AS(news::eval::run_evaluation(opt), news::Error);
}

TEST_CASE("Query words in more than a share of the articles are left out, unless all are", "[eval][query]") {
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    for (const char* terms : {"wing flutter", "wing heat", "wing plate", "slab"}) {
        Xapian::Document doc;
        news::schema::Analyzer en{"en"};
        for (const auto& t : en.analyze(terms)) doc.add_term(t.stem);
        db.add_document(doc);
    }
    news::schema::Analyzer en{"en"};
    CHECK(news::eval::without_common_words("wings flutter", 0.5, db, en) == "flutter");  // "wing" in 3 of 4
    CHECK(news::eval::without_common_words("wings flutter", 0.8, db, en) == "wings flutter");
    CHECK(news::eval::without_common_words("wings", 0.5, db, en) == "wings");
}

TEST_CASE("A kept index is left in a directory named after its collection, one per collection",
          "[eval][e2e]") {
    const TempCollection c;
    auto opt = c.options();
    opt.db = c.dir / "kept";
    const news::eval::Collection tiny{"tiny", c.dir / "docs", c.dir / "qry", c.dir / "qrels",
                                      news::eval::QueryKey::Ordinal};
    auto other = tiny;
    other.name = "other";
    const auto reports = news::eval::run_collections({tiny, other}, opt);
    REQUIRE(reports.size() == 2);
    for (const auto* name : {"tiny", "other"}) {
        const Xapian::Database db((c.dir / "kept" / name).string());
        CHECK(db.get_doccount() == 4);
        CHECK(db.get_termfreq("Q3") == 1);
    }
}
