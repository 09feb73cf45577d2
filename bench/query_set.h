// The benchmark's fixed query set (bench/queries.txt) and the timing loop every query program
// shares, so the newsdex and reference programs measure and print latencies the same way.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace news::bench {

/// One line of queries.txt: "kind | newsdex syntax | reference syntax | fts5 syntax".
struct BenchQuery {
    std::string kind;       // word, and, phrase, rare, year, place, most, ...
    std::string newsdex;
    std::string reference;  // Xapian::QueryParser syntax
    std::string fts5;       // FTS5 MATCH expression, optionally "; year=YYYY"
};

/// Reads queries.txt; '#' lines and blank lines are skipped.
/// @throws std::runtime_error naming the file and line when a line has not four fields.
std::vector<BenchQuery> load_query_set(const std::filesystem::path& path);

/// Runs one query, returns its match count (estimate) so the work cannot be optimised away.
using RunQuery = std::function<std::size_t(std::size_t query_index)>;

/// CPU time of the calling thread in milliseconds: on a shared machine, wall time is mostly
/// the wait for a core. A search without facets runs on the calling thread only.
double thread_cpu_ms();

/// For each query: one untimed warm-up run, then `repeat` timed runs. Prints one line per
/// timed run, tab-separated: mode, query index (0-based), run, wall microseconds, matches, CPU
/// microseconds of the calling thread (facet passes of 20,000 matches or more also run on
/// other threads, which this leaves out).
void time_queries(std::ostream& out, const std::string& mode, std::size_t query_count,
                  std::size_t repeat, const RunQuery& run);

}  // namespace news::bench
