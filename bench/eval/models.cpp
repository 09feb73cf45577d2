#include "bench/eval/models.h"

#include "schema/errors.h"
#include "schema/ranking.h"

#include <algorithm>

namespace news::eval {
namespace {

// The number after a model's name ("lm1000" -> 1000), or `fallback` when there is none.
double parameter(const std::string& model, const std::string& name, double fallback) {
    const std::string rest = model.substr(name.size());
    if (rest.empty()) return fallback;
    std::size_t used = 0;
    const double value = std::stod(rest, &used);
    if (used != rest.size() || value < 0) throw Error("weighting model " + model + ": a number expected after " + name);
    return value;
}

bool named(const std::string& model, const std::string& name) {
    return model.compare(0, name.size(), name) == 0 &&
           (model.size() == name.size() || model.find_first_not_of("0123456789.", name.size()) == std::string::npos);
}

}  // namespace

NormalisedBm25Plus::NormalisedBm25Plus(double delta) : delta_(delta) {
    need_stat(COLLECTION_SIZE);
    need_stat(TERMFREQ);
    need_stat(WDF);
    need_stat(WDF_MAX);
    need_stat(WQF);
}

void NormalisedBm25Plus::init(double factor) {
    tw_ = schema::leaf_weight(get_collection_size(), get_termfreq(), factor, get_wqf());
}

// The stored wdfs are kWdfScale x the frequencies, so RankingWeight's frequency part reaches
// (kBm25K1 x kWdfScale + 1) where the textbook's reaches kBm25K1 + 1: delta is scaled alike.
double NormalisedBm25Plus::get_sumpart(Xapian::termcount wdf, Xapian::termcount, Xapian::termcount) const {
    constexpr double scale = (schema::kBm25K1 * schema::kWdfScale + 1) / (schema::kBm25K1 + 1);
    return wdf == 0 ? 0 : schema::wdf_weight(tw_, wdf) + delta_ * scale * tw_;
}

double NormalisedBm25Plus::get_maxpart() const {
    return get_sumpart(std::max<Xapian::termcount>(1, get_wdf_upper_bound()), 0, 0);
}

bool needs_raw_wdfs(const std::string& model) {
    return model != "bm25" && !named(model, "bm25plus");
}

std::shared_ptr<const Xapian::Weight> make_weight(const std::string& model) {
    if (model == "bm25") return nullptr;
    if (named(model, "bm25plus")) return std::make_shared<NormalisedBm25Plus>(parameter(model, "bm25plus", 1));
    if (named(model, "lm"))
        return std::make_shared<Xapian::LMWeight>(0, Xapian::Weight::DIRICHLET_SMOOTHING, parameter(model, "lm", 2000), 0);
    if (named(model, "pl2")) return std::make_shared<Xapian::PL2Weight>(parameter(model, "pl2", 1));
    if (named(model, "inl2")) return std::make_shared<Xapian::InL2Weight>(parameter(model, "inl2", 1));
    if (model == "dph") return std::make_shared<Xapian::DPHWeight>();
    if (model == "xbm25") return std::make_shared<Xapian::BM25Weight>(schema::kBm25K1, 0, 1, schema::kBm25B, 0.5);
    if (model == "xbm25plus")
        return std::make_shared<Xapian::BM25PlusWeight>(schema::kBm25K1, 0, 1, schema::kBm25B, 0.5, 1.0);
    throw Error("weighting model " + model + ": not one of bm25, bm25plus<delta>, lm<mu>, pl2<c>, inl2<c>, dph, "
                "xbm25, xbm25plus");
}

}  // namespace news::eval
