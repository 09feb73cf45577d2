// Effectiveness measures in trec_eval's conventions: a ranking (document ids, best first)
// against one query's judgments. Serves the arrow: run + Qrels -> figures.
#pragma once

#include "bench/eval/qrels.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace news::eval {

using Ranking = std::vector<std::string>;  // document ids, rank 1 first; no duplicates
using Judged = std::map<std::string, int>;  // docid -> grade, > 0 relevant (see qrels.h)

/// Average precision: the sum of precision at the rank of each relevant retrieved document,
/// divided by the number of relevant documents R (unretrieved relevant ones add 0). 0 if R = 0.
double average_precision(const Ranking& ranking, const Judged& judged);

/// Relevant documents in the first k, divided by k (fewer than k retrieved still divides by k).
double precision_at(const Ranking& ranking, const Judged& judged, std::size_t k);

/// Relevant documents in the first k, divided by R. 0 if R = 0.
double recall_at(const Ranking& ranking, const Judged& judged, std::size_t k);

/// nDCG@k as trec_eval's ndcg_cut: gain = grade, discount log2(rank + 1), divided by the DCG
/// of the ideal ranking (all judged grades, best first, cut at k). 0 if no grade > 0.
double ndcg_at(const Ranking& ranking, const Judged& judged, std::size_t k);

struct QueryScores {
    std::string qid;
    std::size_t relevant = 0, retrieved = 0;
    double ap = 0, ndcg10 = 0, p10 = 0, r100 = 0;
};

struct Summary {
    std::size_t queries = 0;  // queries averaged over
    double map = 0, ndcg10 = 0, p10 = 0, r100 = 0;
    std::vector<QueryScores> per_query;  // in qid order (as strings sort)
};

/// Scores every query of `qrels` that has at least one relevant document; a query missing
/// from `run` scores 0 (trec_eval -c). Queries with no relevant document are left out, as
/// trec_eval does, because AP and recall are undefined for them.
Summary evaluate(const std::map<std::string, Ranking>& run, const Qrels& qrels);

}  // namespace news::eval
