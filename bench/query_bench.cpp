// newsdex-bench-query: query latencies of newsdex in one warm process, through the same
// library call newsdex-search makes (news::searcher::Searcher::search).
//
//   newsdex-bench-query --db DB --queries bench/queries.txt [--repeat N] [--no-dense] [--no-facet-ranking] [--any] [--no-expand]
// Prints tab-separated lines "mode query run microseconds matches" (see query_set.h) for the
// modes top10, snippets (top 10 + snippets) and facets (top 10 + snippets + company and year).
// With --counting, instead, what an exact total costs per query (bench/counting.h).
#include "bench/counting.h"
#include "bench/query_set.h"
#include "schema/errors.h"
#include "searcher/search.h"

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <chrono>
#include <iostream>

int main(int argc, char** argv) {
    std::string db, queries_file;
    std::size_t repeat = 5;
    Xapian::doccount count_limit = news::searcher::SearchRequest{}.count_limit;
    bool no_dense = false, no_facet_ranking = false, any = false, no_expand = false, counting = false;
    CLI::App app{"newsdex-bench-query: time the benchmark query set against a newsdex database"};
    app.add_option("--db", db, "newsdex database directory")->required();
    app.add_option("--queries", queries_file, "query set (bench/queries.txt)")->required();
    app.add_option("--repeat", repeat, "timed runs per query after one warm-up (default 5)");
    app.add_flag("--no-dense", no_dense, "leave every query to Xapian's matcher (no dense path: searcher/dense.h)");
    app.add_flag("--no-facet-ranking", no_facet_ranking,
                 "rank facet queries in a pass of their own, not in the facet pass (Searcher::set_facet_ranking)");
    app.add_flag("--any", any, "any-word queries, as newsdex-search --any (with its feedback second pass)");
    app.add_flag("--no-expand", no_expand, "no feedback second pass, as newsdex-search --no-expand");
    app.add_option("--count-limit", count_limit, "matches checked to count a total exactly, as newsdex-search (0: all)");
    app.add_flag("--counting", counting,
                 "per query: exact count, time of a search counting every match against one counting "
                 "only its page, and whether counting exceeds a 5 ms budget (bench/counting.h)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    try {
        const auto queries = news::bench::load_query_set(queries_file);
        news::searcher::Searcher searcher{db};
        if (no_dense) searcher.set_dense(2, 0);
        if (no_facet_ranking) searcher.set_facet_ranking(false);
        if (counting) {
            news::bench::report_counting(std::cout, searcher, queries, {repeat, 5, count_limit == 0 ? searcher.doc_count() : count_limit});
            return 0;
        }
        // A warm process holds its facet rows (searcher/facets.h): read them before timing, and
        // say how long that took.
        const auto started = std::chrono::steady_clock::now();
        searcher.prepare_facets({"company", "year"});
        std::cerr << "newsdex-bench-query: facet rows for company and year read in "
                  << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() << " s\n";
        struct Mode {
            const char* name;
            bool snippets;
            std::vector<std::string> facets;
        };
        const Mode modes[] = {{"top10", false, {}},
                              {"snippets", true, {}},
                              {"facets", true, {"company", "year"}}};
        for (const Mode& mode : modes) {
            news::searcher::SearchRequest request;
            request.limit = 10;
            request.snippets = mode.snippets;
            request.facets = mode.facets;
            request.any_word = any;
            request.count_limit = count_limit;
            if (no_expand) request.expand = news::searcher::Expand::Off;
            news::bench::time_queries(std::cout, mode.name, queries.size(), repeat, [&](std::size_t q) {
                request.query = queries[q].newsdex;
                const auto results = searcher.search(request);
                return static_cast<std::size_t>(results.estimate);
            });
        }
        return 0;
    } catch (const news::QueryError& e) {
        std::cerr << "newsdex-bench-query: query column " << e.column << ": " << e.what() << "\n";
        return 2;
    } catch (const Xapian::Error& e) {
        std::cerr << "newsdex-bench-query: " << e.get_description() << "\n";
        return 3;
    } catch (const std::exception& e) {
        std::cerr << "newsdex-bench-query: " << e.what() << "\n";
        return 3;
    }
}
