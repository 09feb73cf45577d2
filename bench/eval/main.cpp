// newsdex-eval: options -> run_evaluation() per collection -> one figures table -> exit code.
#include "bench/eval/collection.h"
#include "bench/eval/evaluation.h"
#include "bench/eval/report.h"
#include "schema/errors.h"
#include "schema/ranking.h"

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <fstream>
#include <iostream>
#include <map>

namespace {

enum Exit { kOk = 0, kUsage = 2, kFailure = 3 };

int fail(const std::string& where, const std::string& what) {
    std::cerr << "newsdex-eval: " << where << ": " << what << "\n";
    return kFailure;
}

const char* kFooter = R"(
Examples (from the repository root):
  newsdex-eval                                  Cranfield, CISI and MEDLINE from ../shared/corpora
  newsdex-eval --collection ../shared/corpora/cisi --expand off --runs /tmp/runs
  newsdex-eval --grid-docs 5,10 --grid-terms 10,20 --grid-weight 0.5,1 --per-query-file grid.tsv
Exit status: 0 done, 2 usage error, 3 failure (unreadable file, index error).)";

// The ranking settings to measure: one configuration, or a grid of them, and the index's b.
void add_ranking_options(CLI::App& app, news::eval::RankingConfig& config, news::eval::FeedbackGrid& grid,
                         news::eval::EvalOptions& opt) {
    app.add_option("--expand", config.expand, "pseudo-relevance feedback: auto (on: the queries are any-word), on, off")
        ->transform(CLI::CheckedTransformer(std::map<std::string, news::searcher::Expand>{
            {"auto", news::searcher::Expand::Auto}, {"on", news::searcher::Expand::On},
            {"off", news::searcher::Expand::Off}}));
    app.add_option("--fb-docs", config.feedback.docs, "feedback articles")->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, news::searcher::FeedbackSettings::kMaxDocs));
    app.add_option("--fb-terms", config.feedback.terms, "feedback words added")->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, news::searcher::FeedbackSettings::kMaxTerms));
    app.add_option("--fb-weight", config.feedback.weight, "feedback words' weight over the query's")
        ->capture_default_str()->check(CLI::Range(0.0, 10.0));
    app.add_option("--fb-min-docs", config.feedback.min_docs, "feedback words must be in this many of the articles")
        ->capture_default_str()->check(CLI::Range(std::size_t{1}, news::searcher::FeedbackSettings::kMaxDocs));
    app.add_option("--grid-docs", grid.docs, "a grid of settings (plus feedback off): --fb-docs values")->delimiter(',');
    app.add_option("--grid-terms", grid.terms, "--fb-terms values of the grid")->delimiter(',');
    app.add_option("--grid-weight", grid.weights, "--fb-weight values of the grid")->delimiter(',');
    app.add_option("--grid-min-docs", grid.min_docs, "--fb-min-docs values of the grid")->delimiter(',');
    app.add_option("--grid-fb-max-share", grid.max_shares,
                   "feedback words in more than this share of the articles not added (1: none)")->delimiter(',');
    app.add_option("--grid-proximity", grid.proximities,
                   "weight of consecutive query words near each other, under feedback (0: none)")->delimiter(',');
    app.add_option("--grid-coverage", grid.coverages,
                   "feedback articles chosen among the first pass's best N by query words they have (0: by score)")
        ->delimiter(',');
    app.add_option("--grid-coverage-power", grid.coverage_powers,
                   "with --grid-coverage: the articles by score x (share of query words)^power (0: by words, then score)")
        ->delimiter(',');
    app.add_option("--grid-length-power", grid.length_powers,
                   "feedback words weigh --fb-weight x (query words)^power in all (1: as many times the query's)")
        ->delimiter(',');
    app.add_option("--grid-rounds", grid.rounds, "feedback rounds (2: the expanded query's best give the words again)")
        ->delimiter(',')->check(CLI::Range(std::size_t{1}, std::size_t{2}));
    app.add_option("--grid-gap", grid.gaps, "score-gap rule values of the grid (0: none; --fb-docs is the most)")
        ->delimiter(',');
    app.add_option("--grid-doc-weights", grid.doc_weights, "feedback articles' weights: score, uniform, exp")
        ->delimiter(',')
        ->transform(CLI::CheckedTransformer(std::map<std::string, news::searcher::DocWeights>{
            {"score", news::searcher::DocWeights::Score}, {"uniform", news::searcher::DocWeights::Uniform},
            {"exp", news::searcher::DocWeights::Exp}}));
    app.add_option("--grid-model", grid.models, "weighting models (bench/eval/models.h): bm25, bm25plus<delta>; "
                                                "with --index-raw lm<mu>, pl2<c>, inl2<c>, dph, xbm25, xbm25plus")
        ->delimiter(',');
    app.add_option("--grid-max-word-share", grid.max_word_shares,
                   "query words in more than this share of the articles left out (1: none)")->delimiter(',');
    app.add_flag_callback("--index-raw", [&opt] { opt.length_b = news::schema::kRawWdfs; },
                          "write the evaluation index with raw wdfs (systems named raw/...), for --grid-model");
    app.add_option("--index-b", opt.length_b, "BM25's b the evaluation index is written with (systems named b<B>/...)")
        ->capture_default_str()->check(CLI::Range(0.0, 1.0));
}

}  // namespace

int main(int argc, char** argv) {
    namespace eval = news::eval;
    namespace fs = std::filesystem;
    eval::EvalOptions opt;
    eval::RankingConfig config;
    std::vector<fs::path> dirs;
    fs::path runs, per_query_file;
    eval::FeedbackGrid grid;
    bool per_query = false, notes = false, no_baseline = false;
    CLI::App app{"newsdex-eval: MAP, nDCG@10, P@10 and R@100 of newsdex on SMART-style test collections"};
    app.footer(kFooter);
    app.add_option("--collection", dirs, "a collection directory, repeatable (default: cranfield, cisi, medline in "
                                         NEWSDEX_DEFAULT_CORPORA ")");
    auto* docs = app.add_option("--docs", opt.documents, "documents file (.I/.T/.A/.B/.W) of one other collection");
    auto* queries = app.add_option("--queries", opt.queries, "its queries file (.I/.W)")->needs(docs);
    app.add_option("--qrels", opt.qrels, "its judgments: TREC, Cranfield or pair columns")->needs(queries);
    docs->needs(queries);
    app.add_option("--qrels-format", opt.qrels_format, "auto (by columns), trec, cranfield, pairs")
        ->transform(CLI::CheckedTransformer(std::map<std::string, eval::QrelsFormat>{
            {"auto", eval::QrelsFormat::Auto}, {"trec", eval::QrelsFormat::Trec},
            {"cranfield", eval::QrelsFormat::Cranfield}, {"pairs", eval::QrelsFormat::Pairs}}));
    app.add_option("--query-key", opt.query_key, "with --docs: qrels name queries by ordinal (k-th query) or id (.I)")
        ->transform(CLI::CheckedTransformer(std::map<std::string, eval::QueryKey>{
            {"ordinal", eval::QueryKey::Ordinal}, {"id", eval::QueryKey::Id}}));
    app.add_option("--depth", opt.depth, "documents retrieved per query")->check(CLI::Range(10, 100000))
        ->capture_default_str();
    app.add_option("--slice", opt.max_queries, "only the first N queries of each collection (a quick check)");
    add_ranking_options(app, config, grid, opt);
    app.add_flag("--no-baseline", no_baseline, "leave out plain Xapian (TermGenerator + QueryParser, BM25)");
    app.add_option("--runs", runs, "write TREC run files here: <collection>.<system>.run");
    app.add_option("--keep-index", opt.db, "keep each collection's newsdex database in DIR/<collection> (for analysis)");
    app.add_option("--per-query-file", per_query_file, "write every query's AP and nDCG@10 here (tab-separated)");
    app.add_flag("--upper-case-queries", opt.upper_case, "send the queries in capitals (figures must not change)");
    app.add_flag("--per-query", per_query, "print the figures of every query");
    app.add_flag("--notes", notes, "list the collection quirks the readers met");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? kOk : kUsage;
    }
    opt.baseline = !no_baseline;
    opt.configs = grid.empty() ? std::vector{config} : eval::feedback_grid(grid, config);
    std::vector<eval::Collection> collections;
    if (!opt.documents.empty()) {
        collections.push_back({opt.documents.stem().string(), opt.documents, opt.queries, opt.qrels, opt.query_key});
    } else if (dirs.empty()) {
        collections = eval::find_collections(NEWSDEX_DEFAULT_CORPORA);
        if (collections.empty())
            return fail(NEWSDEX_DEFAULT_CORPORA, "no test collection here; name one with --collection or --docs");
    }
    for (const auto& dir : dirs) {
        auto c = eval::find_collection(dir);
        if (!c) return fail(dir.string(), "no cran.all.1400, CISI.ALL or MED.ALL with its queries and judgments here");
        collections.push_back(std::move(*c));
    }
    try {
        const auto reports = eval::run_collections(collections, opt);
        eval::print_table(reports, std::cout);
        std::cout << '\n';
        for (const auto& [name, report] : reports) eval::print_report(name, report, std::cout, per_query, notes);
        if (!per_query_file.empty()) {
            std::ofstream out(per_query_file);
            eval::print_per_query(reports, out);
            if (!out.flush()) return fail(per_query_file.string(), "cannot write");
        }
        if (!runs.empty()) {
            fs::create_directories(runs);
            for (const auto& [name, report] : reports)
                for (const auto& s : report.systems) eval::save_run(s, runs / (name + "." + s.name + ".run"), s.name);
        }
        return kOk;
    } catch (const Xapian::Error& e) {
        return fail("index", e.get_description());
    } catch (const std::exception& e) {
        return fail("error", e.what());
    }
}
