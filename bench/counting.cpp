#include "bench/counting.h"

#include "searcher/search.h"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <string>

namespace news::bench {
namespace {

/// The median CPU time of `repeat` timed runs of `request`, in milliseconds, after one untimed
/// run (which pages in the posting lists); `last` gets the results of the last run.
double median_ms(searcher::Searcher& searcher, const searcher::SearchRequest& request, std::size_t repeat,
                 searcher::SearchResults& last) {
    last = searcher.search(request);
    std::vector<double> ms;
    for (std::size_t r = 0; r < std::max<std::size_t>(repeat, 1); ++r) {
        const double start = thread_cpu_ms();
        last = searcher.search(request);
        ms.push_back(thread_cpu_ms() - start);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

/// The value below which `share` of `sorted` lies (nearest rank).
double percentile(const std::vector<double>& sorted, double share) {
    if (sorted.empty()) return 0;
    const auto rank = static_cast<std::size_t>(std::ceil(share * static_cast<double>(sorted.size())));
    return sorted[std::min(sorted.size(), std::max<std::size_t>(rank, 1)) - 1];
}

struct Row {
    std::size_t matches = 0;
    bool exact_by_default = false;  // the default count limit left the total exact
    double page_ms = 0, exact_ms = 0;
};

Row measure(searcher::Searcher& searcher, const std::string& query, const CountingSettings& settings) {
    searcher::SearchRequest request;
    request.query = query;
    request.limit = 10;
    request.snippets = false;
    request.count_limit = static_cast<Xapian::doccount>(settings.match_limit);
    searcher::SearchResults results = searcher.search(request);
    Row row;
    row.exact_by_default = results.exact;
    request.count_limit = 1;  // what the page needs: Xapian's own early stop
    row.page_ms = median_ms(searcher, request, settings.repeat, results);
    request.count_limit = searcher.doc_count();
    row.exact_ms = median_ms(searcher, request, settings.repeat, results);
    row.matches = results.upper_bound;
    return row;
}

void print_summary(std::ostream& out, std::vector<double> exact, std::vector<double> extra, double budget) {
    std::sort(exact.begin(), exact.end());
    std::sort(extra.begin(), extra.end());
    const auto over = [budget](const std::vector<double>& v) {
        return std::count_if(v.begin(), v.end(), [budget](double ms) { return ms > budget; });
    };
    out << "# queries " << exact.size() << "; exact search CPU ms p50 " << percentile(exact, 0.5) << " p99 "
        << percentile(exact, 0.99) << " max " << (exact.empty() ? 0 : exact.back()) << "; counting alone CPU ms p50 "
        << percentile(extra, 0.5) << " p99 " << percentile(extra, 0.99) << "\n";
    out << "# over the " << budget << " ms budget: exact search " << over(exact) << " of " << exact.size()
        << ", counting alone " << over(extra) << " of " << extra.size() << "\n";
}

}  // namespace

void report_counting(std::ostream& out, searcher::Searcher& searcher, const std::vector<BenchQuery>& queries,
                     const CountingSettings& settings) {
    out << "query\tkind\tmatches\texact_at_limit\tpage_cpu_ms\texact_cpu_ms\tcounting_cpu_ms\tover_budget\ttext\n";
    std::vector<double> exact, extra;
    std::size_t cut_by_limit = 0;
    for (std::size_t q = 0; q < queries.size(); ++q) {
        const Row row = measure(searcher, queries[q].newsdex, settings);
        const double counting = std::max(0.0, row.exact_ms - row.page_ms);
        exact.push_back(row.exact_ms);
        extra.push_back(counting);
        cut_by_limit += row.exact_by_default ? 0 : 1;
        out << q << '\t' << queries[q].kind << '\t' << row.matches << '\t' << (row.exact_by_default ? "yes" : "no")
            << '\t' << row.page_ms << '\t' << row.exact_ms << '\t' << counting << '\t'
            << (counting > settings.budget_ms ? "yes" : "no") << '\t' << queries[q].newsdex << '\n';
    }
    print_summary(out, exact, extra, settings.budget_ms);
    out << "# not exact at the limit of " << settings.match_limit << " matches checked: " << cut_by_limit << " of "
        << queries.size() << "\n";
}

}  // namespace news::bench
