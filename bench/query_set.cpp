#include "bench/query_set.h"

#include <chrono>
#include <ctime>
#include <fstream>
#include <ostream>
#include <stdexcept>

namespace news::bench {
namespace {

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

std::vector<std::string> split_fields(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t bar; (bar = line.find(" | ", start)) != std::string::npos; start = bar + 3)
        fields.push_back(trim(line.substr(start, bar - start)));
    fields.push_back(trim(line.substr(start)));
    return fields;
}

}  // namespace

std::vector<BenchQuery> load_query_set(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path.string() + ": cannot read the query set");
    std::vector<BenchQuery> queries;
    std::string line;
    for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
        const std::string text = trim(line);
        if (text.empty() || text.front() == '#') continue;
        auto fields = split_fields(text);
        if (fields.size() != 4)
            throw std::runtime_error(path.string() + ":" + std::to_string(line_no) +
                                     ": expected 'kind | newsdex | reference | fts5'");
        queries.push_back({fields[0], fields[1], fields[2], fields[3]});
    }
    return queries;
}

double thread_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

void time_queries(std::ostream& out, const std::string& mode, std::size_t query_count,
                  std::size_t repeat, const RunQuery& run) {
    using Clock = std::chrono::steady_clock;
    for (std::size_t q = 0; q < query_count; ++q) {
        run(q);  // warm-up: pages in the posting lists this query touches
        for (std::size_t r = 0; r < repeat; ++r) {
            const double cpu_start = thread_cpu_ms();
            const auto start = Clock::now();
            const std::size_t matches = run(q);
            const auto micros = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
            const double cpu_micros = (thread_cpu_ms() - cpu_start) * 1e3;
            out << mode << '\t' << q << '\t' << r << '\t' << micros << '\t' << matches << '\t' << cpu_micros << '\n';
        }
    }
}

}  // namespace news::bench
