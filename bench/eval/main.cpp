// newsdex-eval: options -> run_evaluation() -> figures table (+ run files) -> exit code.
#include "bench/eval/evaluation.h"
#include "bench/eval/report.h"
#include "schema/errors.h"

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <iostream>
#include <map>

namespace {

enum Exit { kOk = 0, kUsage = 2, kFailure = 3 };

int fail(const std::string& where, const std::string& what) {
    std::cerr << "newsdex-eval: " << where << ": " << what << "\n";
    return kFailure;
}

const char* kFooter = R"(
Example (Cranfield, from the repository root; these are also the defaults):
  newsdex-eval --collection ../shared/corpora/cranfield --compare-baseline --run cran.newsdex.run
Exit status: 0 done, 2 usage error, 3 failure (unreadable file, index error).)";

}  // namespace

int main(int argc, char** argv) {
    namespace eval = news::eval;
    eval::EvalOptions opt;
    std::filesystem::path collection = NEWSDEX_DEFAULT_COLLECTION, run_file, baseline_run_file;
    bool per_query = false, notes = false;
    CLI::App app{"newsdex-eval: MAP, nDCG@10, P@10 and R@100 of newsdex on a SMART-style test collection"};
    app.footer(kFooter);
    app.add_option("--collection", collection, "directory with cran.all.1400, cran.qry, cran.qrels")
        ->capture_default_str();
    app.add_option("--docs", opt.documents, "documents file (.I/.T/.A/.B/.W); default: in --collection");
    app.add_option("--queries", opt.queries, "queries file (.I/.W); default: in --collection");
    app.add_option("--qrels", opt.qrels, "judgments, TREC or Cranfield columns; default: in --collection");
    app.add_option("--qrels-format", opt.qrels_format, "auto (by column count), trec, cranfield")
        ->transform(CLI::CheckedTransformer(std::map<std::string, eval::QrelsFormat>{
            {"auto", eval::QrelsFormat::Auto}, {"trec", eval::QrelsFormat::Trec},
            {"cranfield", eval::QrelsFormat::Cranfield}}));
    app.add_option("--query-key", opt.query_key, "qrels name queries by: ordinal (k-th query; Cranfield) or id (.I)")
        ->transform(CLI::CheckedTransformer(std::map<std::string, eval::QueryKey>{
            {"ordinal", eval::QueryKey::Ordinal}, {"id", eval::QueryKey::Id}}));
    app.add_option("--depth", opt.depth, "documents retrieved per query")->check(CLI::Range(100, 100000))
        ->capture_default_str();
    app.add_option("--db", opt.db, "build the newsdex database here and keep it (default: temporary)");
    app.add_option("--run", run_file, "write the newsdex run (TREC format) to this file");
    app.add_option("--baseline-run", baseline_run_file, "write the baseline run to this file (implies --compare-baseline)");
    app.add_option("--tag", opt.tag, "run tag in the newsdex run file")->capture_default_str();
    app.add_flag("--compare-baseline", opt.baseline, "also run plain Xapian (TermGenerator + QueryParser, BM25)");
    app.add_flag("--upper-case-queries", opt.upper_case, "send the queries in capitals (figures must not change)");
    app.add_flag("--per-query", per_query, "print the figures of every query");
    app.add_flag("--notes", notes, "list the collection quirks the readers met");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? kOk : kUsage;
    }
    if (opt.documents.empty()) opt.documents = collection / "cran.all.1400";
    if (opt.queries.empty()) opt.queries = collection / "cran.qry";
    if (opt.qrels.empty()) opt.qrels = collection / "cran.qrels";
    if (!baseline_run_file.empty()) opt.baseline = true;
    try {
        const auto report = eval::run_evaluation(opt);
        eval::print_report(report, std::cout, per_query, notes);
        if (!run_file.empty()) eval::save_run(report.systems.front(), run_file, opt.tag);
        if (!baseline_run_file.empty()) eval::save_run(report.systems.back(), baseline_run_file, "xapian-baseline");
        return kOk;
    } catch (const Xapian::Error& e) {
        return fail("index", e.get_description());
    } catch (const std::exception& e) {
        return fail("error", e.what());
    }
}
