#include "bench/eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace news::eval {
namespace {

int grade_of(const Judged& judged, const std::string& doc) {
    const auto it = judged.find(doc);
    return it == judged.end() ? 0 : it->second;
}

std::size_t relevant_in_top(const Ranking& ranking, const Judged& judged, std::size_t k) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < std::min(k, ranking.size()); ++i)
        if (grade_of(judged, ranking[i]) > 0) ++n;
    return n;
}

}  // namespace

double average_precision(const Ranking& ranking, const Judged& judged) {
    const std::size_t relevant = relevant_count(judged);
    if (relevant == 0) return 0;
    double sum = 0;
    std::size_t found = 0;
    for (std::size_t i = 0; i < ranking.size(); ++i) {
        if (grade_of(judged, ranking[i]) <= 0) continue;
        ++found;
        sum += static_cast<double>(found) / static_cast<double>(i + 1);
    }
    return sum / static_cast<double>(relevant);
}

double precision_at(const Ranking& ranking, const Judged& judged, std::size_t k) {
    if (k == 0) return 0;
    return static_cast<double>(relevant_in_top(ranking, judged, k)) / static_cast<double>(k);
}

double recall_at(const Ranking& ranking, const Judged& judged, std::size_t k) {
    const std::size_t relevant = relevant_count(judged);
    if (relevant == 0) return 0;
    return static_cast<double>(relevant_in_top(ranking, judged, k)) / static_cast<double>(relevant);
}

double ndcg_at(const Ranking& ranking, const Judged& judged, std::size_t k) {
    const auto discount = [](std::size_t i) { return std::log2(static_cast<double>(i) + 2.0); };  // i 0-based
    double dcg = 0;
    for (std::size_t i = 0; i < std::min(k, ranking.size()); ++i)
        dcg += std::max(grade_of(judged, ranking[i]), 0) / discount(i);
    std::vector<int> ideal;
    for (const auto& [doc, grade] : judged)
        if (grade > 0) ideal.push_back(grade);
    std::sort(ideal.begin(), ideal.end(), std::greater<>());
    double idcg = 0;
    for (std::size_t i = 0; i < std::min(k, ideal.size()); ++i) idcg += ideal[i] / discount(i);
    return idcg > 0 ? dcg / idcg : 0;
}

Summary evaluate(const std::map<std::string, Ranking>& run, const Qrels& qrels) {
    Summary s;
    static const Ranking kNothing;
    for (const auto& [qid, judged] : qrels) {
        const std::size_t relevant = relevant_count(judged);
        if (relevant == 0) continue;
        const auto it = run.find(qid);
        const Ranking& ranking = it == run.end() ? kNothing : it->second;
        QueryScores q{qid, relevant, ranking.size(), average_precision(ranking, judged),
                      ndcg_at(ranking, judged, 10), precision_at(ranking, judged, 10),
                      recall_at(ranking, judged, 100)};
        s.map += q.ap;
        s.ndcg10 += q.ndcg10;
        s.p10 += q.p10;
        s.r100 += q.r100;
        s.per_query.push_back(std::move(q));
    }
    s.queries = s.per_query.size();
    if (s.queries > 0) {
        const double n = static_cast<double>(s.queries);
        s.map /= n;
        s.ndcg10 /= n;
        s.p10 /= n;
        s.r100 /= n;
    }
    return s;
}

}  // namespace news::eval
