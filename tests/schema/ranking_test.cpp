// Index-time BM25 length normalisation: the stored wdfs and the searcher's weight
// together rank as BM25 with k1 = 1.2, b = 0.75 and the pivot as average length.
#include "schema/ranking.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <string>
#include <vector>

using namespace news::schema;

namespace {

double bm25_tf(double count, double length) {  // BM25's term-frequency part, average = pivot
    const double k = kBm25K1 * ((1 - kBm25B) + kBm25B * std::max(length / kLengthPivot, kBm25MinNormLength));
    return (kBm25K1 + 1) * count / (k + count);
}

double stored_tf(double count, double length) {  // what ranking_weight() computes from the wdf
    const double k1 = kBm25K1 * kWdfScale, wdf = normalised_wdf(count, length);
    return (k1 + 1) * wdf / (k1 + wdf);
}

}  // namespace

TEST_CASE("normalised_wdf scales by the pivot and never stores zero", "[schema][ranking]") {
    CHECK(normalised_wdf(1, kLengthPivot) == 16);          // an average article: 16 x count
    CHECK(normalised_wdf(3, kLengthPivot) == 48);
    CHECK(normalised_wdf(1, 4 * kLengthPivot) == 5);       // 16 / (0.25 + 0.75 * 4) = 4.92
    CHECK(normalised_wdf(1, 10) == normalised_wdf(1, kLengthPivot / 2));  // short ones floor at 0.5
    CHECK(normalised_wdf(1, 1e9) == 1);
}

TEST_CASE("Stored wdfs give BM25's term weights up to one constant factor", "[schema][ranking]") {
    const double factor = stored_tf(1, kLengthPivot) / bm25_tf(1, kLengthPivot);
    for (const double count : {1.0, 2.0, 3.0, 5.0, 12.0})
        for (const double length : {20.0, 75.0, 150.0, 400.0, 1500.0}) {
            CAPTURE(count, length);
            CHECK(stored_tf(count, length) / bm25_tf(count, length) == Approx(factor).epsilon(0.03));
        }
}

TEST_CASE("ranking_weight reads no document lengths and prefers the shorter article", "[schema][ranking]") {
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    for (const double length : {600.0, 60.0}) {  // docid 1 long, docid 2 short; one "cloud" each
        Xapian::Document doc;
        doc.add_term("cloud", normalised_wdf(1, length));
        db.add_document(doc);
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("cloud"));
    enquire.set_weighting_scheme(ranking_weight());
    const Xapian::MSet mset = enquire.get_mset(0, 2);
    REQUIRE(mset.size() == 2);
    CHECK(*mset.begin() == 2);
    CHECK(mset.begin().get_weight() > (++mset.begin()).get_weight());
}

TEST_CASE("normalised_wdf with another b normalises more or less strongly", "[schema][ranking]") {
    CHECK(normalised_wdf(1, 4 * kLengthPivot, 0) == 16);  // b 0: no length normalisation
    CHECK(normalised_wdf(1, 4 * kLengthPivot, 1) == 4);   // b 1: count over length / pivot
    CHECK(normalised_wdf(1, 4 * kLengthPivot, kBm25B) == normalised_wdf(1, 4 * kLengthPivot));
}
