#include "bench/eval/run_file.h"

#include <cstdio>

namespace news::eval {

void write_run(std::ostream& out, const std::string& qid, const std::vector<RunEntry>& ranking,
               const std::string& tag) {
    std::string safe_tag = tag.empty() ? "run" : tag;
    for (char& c : safe_tag)
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') c = '_';
    char score[64];
    for (std::size_t i = 0; i < ranking.size(); ++i) {
        std::snprintf(score, sizeof score, "%.6f", ranking[i].score);
        out << qid << " Q0 " << ranking[i].docid << ' ' << (i + 1) << ' ' << score << ' ' << safe_tag << '\n';
    }
}

}  // namespace news::eval
