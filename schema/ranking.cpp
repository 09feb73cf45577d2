#include "schema/ranking.h"

#include <algorithm>
#include <cmath>

namespace news::schema {

Xapian::termcount normalised_wdf(double count, double length, double b) {
    const double norm = (1 - b) + b * std::max(length / kLengthPivot, kBm25MinNormLength);
    return std::max<Xapian::termcount>(1, static_cast<Xapian::termcount>(std::lround(kWdfScale * count / norm)));
}

double term_weight(double docs, double tf) {
    double ratio = (docs - tf + 0.5) / (tf + 0.5);
    if (ratio < 2) ratio = ratio / 2 + 1;
    return std::log(ratio);
}

double leaf_weight(double docs, double tf, double factor, double wqf) {
    return factor == 0 ? 0 : factor * term_weight(docs, tf) * (2 * wqf / (1 + wqf));
}

RankingWeight::RankingWeight() {
    need_stat(COLLECTION_SIZE);
    need_stat(TERMFREQ);
    need_stat(WDF);
    need_stat(WDF_MAX);
    need_stat(WQF);
}

void RankingWeight::init(double factor) {
    tw_ = leaf_weight(get_collection_size(), get_termfreq(), factor, get_wqf());
}

double RankingWeight::get_sumpart(Xapian::termcount wdf, Xapian::termcount, Xapian::termcount) const {
    return wdf_weight(tw_, wdf);
}

double RankingWeight::get_maxpart() const { return wdf_weight(tw_, std::max<Xapian::termcount>(1, get_wdf_upper_bound())); }

}  // namespace news::schema
