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

void print_report(const std::string& name, const EvalReport& report, std::ostream& out, bool per_query, bool notes) {
    out << name << ": " << report.documents << " documents, " << report.queries << " queries, " << report.judged_pairs
        << " judged pairs, " << report.judged_queries << " queries with relevant documents";
    if (report.empty_queries > 0) out << ", " << report.empty_queries << " queries with no searchable words";
    out << "; indexing " << fixed(report.index_seconds, 2) << " s, newsdex searching " << fixed(report.search_seconds, 2)
        << " s\n";
    if (notes) {
        for (const auto& n : report.notes) out << "note: " << n << '\n';
    } else if (!report.notes.empty()) {
        out << name << ": " << report.notes.size() << " reader notes (collection quirks); --notes lists them\n";
    }
    if (!per_query) return;
    for (const auto& s : report.systems) {
        out << "\n" << name << ", " << s.name << ": qid relevant AP nDCG@10 P@10 R@100\n";
        auto rows = s.summary.per_query;
        std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return qid_less(a.qid, b.qid); });
        for (const auto& q : rows)
            out << q.qid << ' ' << q.relevant << ' ' << fixed(q.ap) << ' ' << fixed(q.ndcg10) << ' ' << fixed(q.p10)
                << ' ' << fixed(q.r100) << '\n';
    }
}

void print_table(const std::vector<std::pair<std::string, EvalReport>>& reports, std::ostream& out) {
    out << pad("collection", 12) << pad("system", 26) << pad("queries", 9) << pad("MAP", 8) << pad("nDCG@10", 9)
        << pad("P@10", 8) << pad("R@100", 8) << pad("MAP/base", 10) << "nDCG@10/base\n";
    for (const auto& [name, report] : reports) {
        const SystemRun* base = nullptr;
        for (const auto& s : report.systems)
            if (s.name == "xapian-baseline") base = &s;
        const auto ratio = [&](double v, double b) { return base && b > 0 ? fixed(v / b, 3) : std::string("-"); };
        for (const auto& s : report.systems)
            out << pad(name, 12) << pad(s.name, 26) << pad(std::to_string(s.summary.queries), 9)
                << pad(fixed(s.summary.map), 8) << pad(fixed(s.summary.ndcg10), 9) << pad(fixed(s.summary.p10), 8)
                << pad(fixed(s.summary.r100), 8) << pad(ratio(s.summary.map, base ? base->summary.map : 0), 10)
                << ratio(s.summary.ndcg10, base ? base->summary.ndcg10 : 0) << '\n';
    }
}

void print_per_query(const std::vector<std::pair<std::string, EvalReport>>& reports, std::ostream& out) {
    out << "collection\tsystem\tqid\trelevant\tap\tndcg10\n";
    for (const auto& [name, report] : reports)
        for (const auto& s : report.systems)
            for (const auto& q : s.summary.per_query)
                out << name << '\t' << s.name << '\t' << q.qid << '\t' << q.relevant << '\t' << fixed(q.ap, 6) << '\t'
                    << fixed(q.ndcg10, 6) << '\n';
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
