#include "schema/ranking.h"

#include <algorithm>
#include <cmath>

namespace news::schema {

Xapian::termcount normalised_wdf(double count, double length) {
    const double norm = (1 - kBm25B) + kBm25B * std::max(length / kLengthPivot, kBm25MinNormLength);
    return std::max<Xapian::termcount>(1, static_cast<Xapian::termcount>(std::lround(kWdfScale * count / norm)));
}

Xapian::BM25Weight ranking_weight() {
    return Xapian::BM25Weight(kBm25K1 * kWdfScale, 0, 1, 0, kBm25MinNormLength);
}

}  // namespace news::schema
