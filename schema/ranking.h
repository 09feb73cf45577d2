// BM25 with its document-length normalisation done at index time: the contract between the
// DocumentBuilder, which stores each term's length-normalised frequency as its wdf, and the
// Searcher, which ranks with BM25 on those wdfs and no per-match length lookup.
//
// Why: Xapian's BM25 reads every candidate's document length from a second postlist, most of
// the time of a one-word query (docs/architecture.md, Ranking). Normalising at index time against a fixed pivot length gives the
// same ranking as BM25 with that average length, up to the rounding of the stored wdfs.
#pragma once

#include <xapian.h>

#include <string>

namespace news::schema {

inline constexpr double kBm25K1 = 2.0;          // chosen by cross-validation over three test collections (docs/ranking.md)
inline constexpr double kBm25B = 0.75;
inline constexpr double kBm25MinNormLength = 0.5;  // as Xapian's BM25: normalised lengths floor at 0.5
inline constexpr double kLengthPivot = 150;     // words: the "average" article length of BM25
inline constexpr double kWdfScale = 16;         // stored wdf = 16 x normalised frequency, rounded
inline constexpr double kRawWdfs = -1;          // as a b: wdfs left as counts (evaluation indexes only)

/// The wdf to store for a term that occurs `count` times (title occurrences weighted) in an
/// article of `length` words: kWdfScale * count / (1 - b + b * max(length / pivot, 0.5)), at least 1.
/// `b` other than kBm25B only for evaluation indexes (bench/eval: --index-b).
Xapian::termcount normalised_wdf(double count, double length, double b = kBm25B);

/// BM25's inverse document frequency of a term in `tf` of `docs` articles:
/// log((docs - tf + 0.5) / (tf + 0.5)), the ratio taken as r / 2 + 1 below 2 so that a word in
/// most articles still weighs a little (never zero or negative).
double term_weight(double docs, double tf);

/// The weight of one query leaf: term_weight times the query's scale `factor` (0 for filters)
/// and BM25's query-frequency part with k3 = 1, 2 wqf / (1 + wqf) (1 for a word typed once).
double leaf_weight(double docs, double tf, double factor, double wqf);

/// One term's share of an article's score: BM25's saturating frequency on the stored
/// (length-normalised) wdf, times the term's weight: tw * (k1 + 1) * wdf / (k1 + wdf).
inline double wdf_weight(double tw, Xapian::termcount wdf) {
    constexpr double k1 = kBm25K1 * kWdfScale;
    return tw * ((k1 + 1) * wdf / (k1 + wdf));
}

/// BM25 over normalised wdfs, so no document lengths are read: every term's weight is BM25's
/// with the pivot length as average, times one constant, so rankings are BM25's. A Weight of
/// our own (not Xapian::BM25Weight with b = 0) so that the searcher's dense path
/// (searcher/dense.h) computes bit-for-bit the scores the Xapian matcher computes.
class RankingWeight : public Xapian::Weight {
  public:
    RankingWeight();
    std::string name() const override { return "news::schema::RankingWeight"; }
    RankingWeight* clone() const override { return new RankingWeight(); }
    void init(double factor) override;
    double get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen, Xapian::termcount uniqterms) const override;
    double get_maxpart() const override;
    double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
    double get_maxextra() const override { return 0; }

  private:
    double tw_ = 0;  // term_weight x query factor (0 for filters and the term-independent part)
};

inline RankingWeight ranking_weight() { return RankingWeight(); }

/// RankingWeight's formula in Xapian's built-in class, for remote shards (a stock xapian-tcpsrv
/// runs no Weight of ours): BM25 with k1 = kBm25K1 x kWdfScale, k2 = 0, k3 = 1 (the query-frequency
/// part 2 wqf / (1 + wqf)), b = 0 (lengths are normalised in the wdfs) and min_normlen 0.5, whose
/// idf floors as term_weight() does. Same scores up to the order of floating-point operations.
inline Xapian::BM25Weight builtin_ranking_weight() {
    return Xapian::BM25Weight(kBm25K1 * kWdfScale, 0, 1, 0, kBm25MinNormLength);
}

}  // namespace news::schema
