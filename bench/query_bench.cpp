// newsdex-bench-query: query latencies of newsdex in one warm process, through the same
// library call newsdex-search makes (news::searcher::Searcher::search).
//
//   newsdex-bench-query --db DB --queries bench/queries.txt [--repeat N] [--modes top10,snippets]
//                       [--count-limit N] [--no-dense] [--no-facet-ranking] [--any] [--no-expand] [--dump FILE]
// Prints tab-separated lines "mode query run microseconds matches cpu-microseconds" (see
// query_set.h) for the modes top10, snippets (top 10 + snippets) and facets (top 10 + snippets +
// company and year). --dump writes each query's results in each mode as newsdex-search --json
// prints them, one line each, to compare two builds' answers.
// With --counting, instead, what an exact total costs per query (bench/counting.h).
#include "bench/counting.h"
#include "bench/query_set.h"
#include "schema/errors.h"
#include "searcher/render.h"
#include "searcher/search.h"

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

struct Mode {
    std::string name;
    bool snippets;
    std::vector<std::string> facets;
};

const std::vector<Mode>& all_modes() {
    static const std::vector<Mode> modes{{"top10", false, {}}, {"snippets", true, {}}, {"facets", true, {"company", "year"}}};
    return modes;
}

// The modes named in `list` ("top10,facets"), in the order of all_modes(); every mode when empty.
std::vector<Mode> chosen_modes(const std::string& list) {
    if (list.empty()) return all_modes();
    std::vector<std::string> names;
    std::stringstream in(list);
    for (std::string name; std::getline(in, name, ',');) names.push_back(name);
    std::vector<Mode> out;
    for (const Mode& mode : all_modes())
        if (std::find(names.begin(), names.end(), mode.name) != names.end()) out.push_back(mode);
    if (out.size() != names.size()) throw CLI::ValidationError("--modes", "'" + list + "': modes are top10, snippets, facets");
    return out;
}

struct Settings {
    std::size_t repeat = 5;
    Xapian::doccount count_limit = news::searcher::SearchRequest{}.count_limit;
    bool any = false, no_expand = false;
    std::string modes, dump;
};

// Each mode's timed runs over the query set; with a dump file, each query's last results there.
void time_modes(news::searcher::Searcher& searcher, const std::vector<news::bench::BenchQuery>& queries,
                const Settings& settings) {
    std::ofstream dump;
    if (!settings.dump.empty()) {
        dump.open(settings.dump);
        if (!dump) throw std::runtime_error(settings.dump + ": cannot write the dump");
    }
    for (const Mode& mode : chosen_modes(settings.modes)) {
        news::searcher::SearchRequest request;
        request.limit = 10;
        request.snippets = mode.snippets;
        request.facets = mode.facets;
        request.any_word = settings.any;
        request.count_limit = settings.count_limit;
        if (settings.no_expand) request.expand = news::searcher::Expand::Off;
        news::bench::time_queries(std::cout, mode.name, queries.size(), settings.repeat, [&](std::size_t q) {
            request.query = queries[q].newsdex;
            const auto results = searcher.search(request);
            return static_cast<std::size_t>(results.estimate);
        });
        if (!dump.is_open()) continue;
        for (const auto& query : queries) {
            request.query = query.newsdex;
            std::string json = news::searcher::render_json(searcher.search(request));
            json.erase(std::remove(json.begin(), json.end(), '\n'), json.end());
            dump << mode.name << '\t' << json << '\n';
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::string db, queries_file;
    Settings settings;
    bool no_dense = false, no_facet_ranking = false, counting = false;
    CLI::App app{"newsdex-bench-query: time the benchmark query set against a newsdex database"};
    app.add_option("--db", db, "newsdex database directory")->required();
    app.add_option("--queries", queries_file, "query set (bench/queries.txt)")->required();
    app.add_option("--repeat", settings.repeat, "timed runs per query after one warm-up (default 5)");
    app.add_option("--modes", settings.modes, "comma-separated: top10, snippets, facets (default all three)");
    app.add_option("--dump", settings.dump, "write each query's results in each mode, as JSON, one line each");
    app.add_flag("--no-dense", no_dense, "leave every query to Xapian's matcher (no dense path: searcher/dense.h)");
    app.add_flag("--no-facet-ranking", no_facet_ranking,
                 "rank facet queries in a pass of their own, not in the facet pass (Searcher::set_facet_ranking)");
    app.add_flag("--any", settings.any, "any-word queries, as newsdex-search --any (with its feedback second pass)");
    app.add_flag("--no-expand", settings.no_expand, "no feedback second pass, as newsdex-search --no-expand");
    app.add_option("--count-limit", settings.count_limit, "matches checked to count a total exactly, as newsdex-search (0: all)");
    app.add_flag("--counting", counting,
                 "per query: exact count, time of a search counting every match against one counting "
                 "only its page, and whether counting exceeds a 5 ms budget (bench/counting.h)");
    try {
        app.parse(argc, argv);
        chosen_modes(settings.modes);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    try {
        const auto queries = news::bench::load_query_set(queries_file);
        news::searcher::Searcher searcher{db};
        if (no_dense) searcher.set_dense(2, 0);
        if (no_facet_ranking) searcher.set_facet_ranking(false);
        if (counting) {
            const Xapian::doccount limit = settings.count_limit == 0 ? searcher.doc_count() : settings.count_limit;
            news::bench::report_counting(std::cout, searcher, queries, {settings.repeat, 5, limit});
            return 0;
        }
        // A warm process holds its facet rows (searcher/facets.h): read them before timing, and
        // say how long that took.
        const auto started = std::chrono::steady_clock::now();
        searcher.prepare_facets({"company", "year"});
        std::cerr << "newsdex-bench-query: facet rows for company and year read in "
                  << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() << " s\n";
        time_modes(searcher, queries, settings);
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
