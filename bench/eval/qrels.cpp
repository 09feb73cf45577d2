#include "bench/eval/qrels.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <sstream>

namespace news::eval {
namespace {

std::optional<int> to_int(const std::string& s) {
    int v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace

int cranfield_grade(int code) { return code >= 1 && code <= 4 ? 5 - code : 0; }

Qrels read_qrels(std::istream& in, const std::string& file, QrelsFormat format, std::vector<QrelsNote>& notes) {
    Qrels qrels;
    std::string line;
    std::size_t line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        const std::string where = file + ":" + std::to_string(line_no);
        std::istringstream fields(line);
        std::vector<std::string> cols;
        for (std::string c; fields >> c;) cols.push_back(c);
        if (cols.empty()) continue;
        if (format == QrelsFormat::Auto)
            format = cols.size() == 3 ? QrelsFormat::Cranfield
                     : cols.size() == 4 && !to_int(cols[3]) ? QrelsFormat::Pairs
                                                            : QrelsFormat::Trec;
        const std::size_t want = format == QrelsFormat::Cranfield ? 3 : 4;
        if (cols.size() != want) {
            notes.push_back({where, "expected " + std::to_string(want) + " columns, found " +
                                        std::to_string(cols.size()) + "; line skipped"});
            continue;
        }
        const auto code = format == QrelsFormat::Pairs ? std::optional<int>(1) : to_int(cols.back());
        if (!code) {
            notes.push_back({where, "relevance '" + cols.back() + "' is not an integer; line skipped"});
            continue;
        }
        const std::string& docid = format == QrelsFormat::Trec ? cols[2] : cols[1];
        const int grade = format == QrelsFormat::Cranfield ? cranfield_grade(*code) : std::max(*code, 0);
        auto& judged = qrels[cols[0]];
        if (const auto it = judged.find(docid); it != judged.end())
            notes.push_back({where, "query " + cols[0] + " judges document " + docid + " twice; the last wins"});
        judged[docid] = grade;
    }
    return qrels;
}

std::size_t relevant_count(const std::map<std::string, int>& judged) {
    std::size_t n = 0;
    for (const auto& [doc, grade] : judged)
        if (grade > 0) ++n;
    return n;
}

}  // namespace news::eval
