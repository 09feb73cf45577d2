// The evaluation run behind newsdex-eval: a SMART-style collection -> a temporary newsdex
// database (through the real indexer library) -> every query through the real Searcher in
// any-word mode -> rankings -> figures against the qrels; optionally the plain-Xapian baseline.
#pragma once

#include "bench/eval/metrics.h"
#include "bench/eval/qrels.h"
#include "bench/eval/run_file.h"
#include "bench/eval/smart_reader.h"
#include "schema/analyzer.h"
#include "schema/ranking.h"
#include "searcher/search.h"

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace news::eval {

enum class QueryKey {
    Ordinal,  // the k-th query is qrels query "k" (Cranfield, whose .I numbers have gaps)
    Id,       // the .I value, leading zeros removed (CACM, CISI, MED)
};

/// One way of ranking to measure: a named set of the SearchRequest's ranking settings.
struct RankingConfig {
    std::string name = "newsdex";
    searcher::Expand expand = searcher::Expand::Auto;  // Auto: feedback on, the queries being any-word
    searcher::FeedbackSettings feedback;
    std::string model = "bm25";  // the weighting model (models.h): "bm25" is newsdex's RankingWeight
    double max_word_share = 1;   // query words in more than this share of the articles are left out
};

struct EvalOptions {
    std::filesystem::path documents, queries, qrels;
    QrelsFormat qrels_format = QrelsFormat::Auto;
    QueryKey query_key = QueryKey::Ordinal;
    std::filesystem::path db;       // newsdex database to build; empty: a temporary one, removed after
    std::size_t depth = 1000;       // documents retrieved per query
    double length_b = schema::kBm25B;  // BM25's b the index is written with (schema/ranking.h);
                                       // schema::kRawWdfs: counts, for models that read lengths
    bool baseline = false;          // also run plain Xapian (baseline.h)
    bool upper_case = false;        // send queries in ASCII capitals (checks case-insensitivity)
    std::string tag = "newsdex";    // run tag in run files
    std::size_t max_queries = 0;    // only the first N queries (a quick slice); 0: all
    std::vector<RankingConfig> configs{RankingConfig{}};  // one SystemRun each, over one index
};

struct SystemRun {
    std::string name;                                   // a RankingConfig's name, "xapian-baseline"
    std::map<std::string, std::vector<RunEntry>> run;   // qid -> ranking
    Summary summary;
};

struct EvalReport {
    std::size_t documents = 0, queries = 0, judged_queries = 0, judged_pairs = 0;
    std::size_t empty_queries = 0;  // queries with no searchable words (empty ranking)
    std::vector<std::string> notes; // reader and qrels notes, "file:line: message"
    std::vector<SystemRun> systems; // one per RankingConfig, in order, then the baseline if asked for
    double index_seconds = 0, search_seconds = 0;
};

/// Lists of FeedbackSettings values and weighting models; an empty list keeps the base
/// configuration's value.
struct FeedbackGrid {
    std::vector<std::size_t> docs, terms, min_docs, coverages, rounds;
    std::vector<double> weights, gaps, max_shares, proximities, coverage_powers, length_powers;
    std::vector<searcher::DocWeights> doc_weights;
    std::vector<std::string> models;
    std::vector<double> max_word_shares;
    bool empty() const {
        return docs.empty() && terms.empty() && min_docs.empty() && weights.empty() && gaps.empty() && max_shares.empty() && proximities.empty() &&
               coverages.empty() && coverage_powers.empty() && length_powers.empty() && rounds.empty() &&
               doc_weights.empty() && models.empty() && max_word_shares.empty();
    }
};

/// For each model: feedback off ("no-feedback"), then feedback on with every combination of
/// the listed values ("fb-d5-t30-w2"; after it "-m2" when a word must be in 2 or more of the
/// articles, "-p0.25" with proximity pairs, "-s0.1" when words in more than that share of the articles are not added, "-g0.8" with a score-gap rule, "-c20" with the articles chosen among the best 20
/// by query words they have ("-c20-e1" by score x their share of them), "-r2" with two rounds, "-l0.5" with the added words' weight
/// growing as (query words)^0.5, "-uniform" or "-exp" for the articles' weights);
/// a model other than bm25 before them ("lm1000/no-feedback"), and a share of common query
/// words left out before that ("df0.1/no-feedback").
std::vector<RankingConfig> feedback_grid(const FeedbackGrid& grid, RankingConfig base);

/// A system's name in reports and files: `config`'s, after "b<B>/" when the index was written
/// with another b than kBm25B ("raw/" with raw wdfs), so that runs over several indexes can be pooled.
std::string system_name(const RankingConfig& config, const EvalOptions& options);

/// @throws news::Error for unreadable files; Xapian::Error from the index.
EvalReport run_evaluation(const EvalOptions& options);

/// `query` without the words whose term is in more than `share` of `db`'s articles (a
/// collection's own stop words, by idf); `query` itself when that would leave no word.
std::string without_common_words(const std::string& query, double share, const Xapian::Database& db,
                                 schema::Analyzer& analyzer);

/// Scores a run given as RunEntry lists (ids only matter) against `qrels`.
Summary score_run(const std::map<std::string, std::vector<RunEntry>>& run, const Qrels& qrels);

}  // namespace news::eval
