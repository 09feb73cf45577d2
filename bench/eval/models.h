// Weighting models to measure against newsdex's BM25 (schema/ranking.h): a model's name ->
// the Xapian::Weight a SearchRequest ranks with (SearchRequest::weighting). Serves newsdex-eval.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>

namespace news::eval {

/// BM25+ (Lv and Zhai, 2011) on the index's normalised wdfs: RankingWeight's BM25 plus
/// delta x the term's weight for every query word an article has (a lower bound on a
/// matching word's frequency part, which long articles otherwise push towards zero). `delta`
/// in the textbook's units, where one occurrence in an article of pivot length weighs 1.
class NormalisedBm25Plus : public Xapian::Weight {
  public:
    explicit NormalisedBm25Plus(double delta);
    std::string name() const override { return "news::eval::NormalisedBm25Plus"; }
    NormalisedBm25Plus* clone() const override { return new NormalisedBm25Plus(delta_); }
    void init(double factor) override;
    double get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen, Xapian::termcount uniqterms) const override;
    double get_maxpart() const override;
    double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
    double get_maxextra() const override { return 0; }

  private:
    double delta_;
    double tw_ = 0;
};

/// True when `model` ranks on raw wdfs and document lengths (an index written with
/// --index-raw), false when on the normalised wdfs of newsdex's schema.
bool needs_raw_wdfs(const std::string& model);

/// "bm25": null (newsdex's RankingWeight); "bm25plus<delta>" (NormalisedBm25Plus); on raw
/// wdfs, Xapian 1.4's classes: "lm<mu>" (language model, Dirichlet smoothing), "pl2<c>",
/// "inl2<c>", "dph" (divergence from randomness), "xbm25" (BM25Weight k1 2, b 0.75) and
/// "xbm25plus" (BM25PlusWeight k1 2, b 0.75, delta 1). @throws news::Error for another name.
std::shared_ptr<const Xapian::Weight> make_weight(const std::string& model);

}  // namespace news::eval
