// Metric functions against rankings worked out by hand (arithmetic in the comments).
#include "bench/eval/metrics.h"

#include <catch2/catch.hpp>

using news::eval::Judged;
using news::eval::Ranking;

namespace {

// Five retrieved documents; judged: d1 grade 3, d3 grade 1, d6 grade 2 (never retrieved),
// d2 grade 0 (judged not relevant). R = 3: d1, d3, d6.
const Ranking kRanking{"d1", "d2", "d3", "d4", "d5"};
const Judged kJudged{{"d1", 3}, {"d2", 0}, {"d3", 1}, {"d6", 2}};

}  // namespace

TEST_CASE("Average precision sums precision at each relevant rank over R", "[eval][metrics]") {
    // Relevant at ranks 1 and 3: (1/1 + 2/3) / 3 = (5/3) / 3 = 5/9 = 0.5556; d6 adds 0.
    CHECK(news::eval::average_precision(kRanking, kJudged) == Approx(5.0 / 9.0));
    // All three first: (1/1 + 2/2 + 3/3) / 3 = 1.
    CHECK(news::eval::average_precision({"d6", "d3", "d1"}, kJudged) == Approx(1.0));
    CHECK(news::eval::average_precision({}, kJudged) == 0.0);
    CHECK(news::eval::average_precision(kRanking, Judged{{"d2", 0}}) == 0.0);  // R = 0
}

TEST_CASE("Precision at 10 divides by 10 even when fewer were retrieved", "[eval][metrics]") {
    // 2 relevant (d1, d3) among 5 retrieved: 2/10 = 0.2, not 2/5.
    CHECK(news::eval::precision_at(kRanking, kJudged, 10) == Approx(0.2));
    // Relevant at rank 11 does not count: 12 documents, d1 at rank 11 -> 0/10.
    Ranking late{"x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "d1", "x12"};
    CHECK(news::eval::precision_at(late, kJudged, 10) == 0.0);
    CHECK(news::eval::precision_at(kRanking, kJudged, 2) == Approx(0.5));  // d1 of d1, d2
}

TEST_CASE("Recall at 100 counts relevant retrieved in the first 100 over R", "[eval][metrics]") {
    CHECK(news::eval::recall_at(kRanking, kJudged, 100) == Approx(2.0 / 3.0));  // d1, d3 of 3
    CHECK(news::eval::recall_at(kRanking, kJudged, 2) == Approx(1.0 / 3.0));    // d1 only
    // d3 at rank 101 is past the cut: 1/3 (only d1 at rank 1).
    Ranking long_run{"d1"};
    for (int i = 2; i <= 100; ++i) long_run.push_back(std::string("x").append(std::to_string(i)));
    long_run.push_back("d3");
    CHECK(news::eval::recall_at(long_run, kJudged, 100) == Approx(1.0 / 3.0));
}

TEST_CASE("nDCG at 10 uses the grade as gain and log2(rank + 1) as discount", "[eval][metrics]") {
    // DCG = 3/log2(2) + 0/log2(3) + 1/log2(4) = 3 + 0 + 0.5 = 3.5
    // ideal grades 3, 2, 1: IDCG = 3/1 + 2/log2(3) + 1/2 = 3 + 1.2618595 + 0.5 = 4.7618595
    // nDCG@10 = 3.5 / 4.7618595 = 0.7350070
    CHECK(news::eval::ndcg_at(kRanking, kJudged, 10) == Approx(0.7350070).epsilon(1e-6));
    // Cut at 1: DCG = 3, IDCG = 3 -> 1.
    CHECK(news::eval::ndcg_at(kRanking, kJudged, 1) == Approx(1.0));
    // The ideal order scores 1.
    CHECK(news::eval::ndcg_at({"d1", "d6", "d3"}, kJudged, 10) == Approx(1.0));
    // Swapped: 2/1 + 3/log2(3) + 1/2 = 2 + 1.8927893 + 0.5 = 4.3927893; / 4.7618595 = 0.9224938
    CHECK(news::eval::ndcg_at({"d6", "d1", "d3"}, kJudged, 10) == Approx(0.9224938).epsilon(1e-6));
    CHECK(news::eval::ndcg_at({}, kJudged, 10) == 0.0);
}

TEST_CASE("evaluate averages over judged queries and scores missing ones as zero", "[eval][metrics]") {
    news::eval::Qrels qrels;
    qrels["1"] = kJudged;                  // AP 5/9 with kRanking
    qrels["2"] = Judged{{"d9", 4}};        // not in the run: AP 0, counted (trec_eval -c)
    qrels["3"] = Judged{{"d1", 0}};        // no relevant document: left out
    const std::map<std::string, Ranking> run{{"1", kRanking}, {"4", kRanking}};  // "4" unjudged: ignored
    const auto s = news::eval::evaluate(run, qrels);
    CHECK(s.queries == 2);
    CHECK(s.map == Approx((5.0 / 9.0 + 0.0) / 2));        // 0.2778
    CHECK(s.p10 == Approx((0.2 + 0.0) / 2));              // 0.1
    CHECK(s.r100 == Approx((2.0 / 3.0 + 0.0) / 2));       // 0.3333
    CHECK(s.ndcg10 == Approx((0.7350070 + 0.0) / 2).epsilon(1e-6));
    REQUIRE(s.per_query.size() == 2);
    CHECK(s.per_query[0].qid == "1");
    CHECK(s.per_query[0].relevant == 3);
    CHECK(s.per_query[1].retrieved == 0);
}
