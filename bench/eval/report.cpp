#include "bench/eval/report.h"

#include "schema/errors.h"

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace news::eval {
namespace {

std::string fixed(double v, int decimals = 4) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string pad(std::string s, std::size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
}

// "2" before "10": numeric ids by value, others as strings after them.
bool qid_less(const std::string& a, const std::string& b) {
    const bool da = !a.empty() && std::all_of(a.begin(), a.end(), [](char c) { return c >= '0' && c <= '9'; });
    const bool db = !b.empty() && std::all_of(b.begin(), b.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (da != db) return da;
    if (da && a.size() != b.size()) return a.size() < b.size();
    return a < b;
}

}  // namespace

void print_report(const EvalReport& report, std::ostream& out, bool per_query, bool notes) {
    out << pad("system", 18) << pad("queries", 9) << pad("MAP", 8) << pad("nDCG@10", 9) << pad("P@10", 8)
        << "R@100\n";
    for (const auto& s : report.systems)
        out << pad(s.name, 18) << pad(std::to_string(s.summary.queries), 9) << pad(fixed(s.summary.map), 8)
            << pad(fixed(s.summary.ndcg10), 9) << pad(fixed(s.summary.p10), 8) << fixed(s.summary.r100) << '\n';
    out << "\n" << report.documents << " documents, " << report.queries << " queries, " << report.judged_pairs
        << " judged pairs, " << report.judged_queries << " queries with relevant documents";
    if (report.empty_queries > 0) out << ", " << report.empty_queries << " queries with no searchable words";
    out << "\nindexing " << fixed(report.index_seconds, 2) << " s, newsdex searching " << fixed(report.search_seconds, 2)
        << " s\n";
    if (notes) {
        for (const auto& n : report.notes) out << "note: " << n << '\n';
    } else if (!report.notes.empty()) {
        out << report.notes.size() << " reader notes (collection quirks); --notes lists them\n";
    }
    if (!per_query) return;
    for (const auto& s : report.systems) {
        out << "\n" << s.name << ": qid relevant AP nDCG@10 P@10 R@100\n";
        auto rows = s.summary.per_query;
        std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return qid_less(a.qid, b.qid); });
        for (const auto& q : rows)
            out << q.qid << ' ' << q.relevant << ' ' << fixed(q.ap) << ' ' << fixed(q.ndcg10) << ' ' << fixed(q.p10)
                << ' ' << fixed(q.r100) << '\n';
    }
}

void save_run(const SystemRun& system, const std::filesystem::path& file, const std::string& tag) {
    std::ofstream out(file);
    if (!out) throw Error(file.string() + ": cannot write the run file");
    std::vector<std::string> qids;
    for (const auto& [qid, ranking] : system.run) qids.push_back(qid);
    std::sort(qids.begin(), qids.end(), qid_less);
    for (const auto& qid : qids) write_run(out, qid, system.run.at(qid), tag);
    if (!out.flush()) throw Error(file.string() + ": write failed");
}

}  // namespace news::eval
