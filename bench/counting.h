// What an exact total costs, per query of the benchmark set: the match count, the time of a
// search that counts every match against one that counts only what its page needs, and whether
// a time budget on counting would cut it. newsdex-bench-query --counting.
#pragma once

#include "bench/query_set.h"

#include <cstddef>
#include <iosfwd>
#include <vector>

namespace news::searcher {
class Searcher;
}

namespace news::bench {

struct CountingSettings {
    std::size_t repeat = 5;          // timed runs per variant after one warm-up; the median is kept
    double budget_ms = 5;            // the budget a count is compared with
    std::size_t match_limit = 10000;  // matches checked: SearchRequest::count_limit's default, or --count-limit
};

/// For each query: the exact count and, as medians of `repeat` runs of a top-10 search without
/// snippets or facets, its CPU time counting only what the page needs (count_limit 1) and counting
/// every match (count_limit: all articles), and the difference, which is what exactness costs.
/// Prints a tab-separated line per query and a summary: p50 and p99 over the queries, and the
/// share whose exact search or whose counting alone takes longer than the budget.
void report_counting(std::ostream& out, searcher::Searcher& searcher, const std::vector<BenchQuery>& queries,
                     const CountingSettings& settings);

}  // namespace news::bench
