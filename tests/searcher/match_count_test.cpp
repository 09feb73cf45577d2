// Counting matches from posting lists must give the count Xapian's matcher gives when it
// checks every match (get_mset's checkatleast), for every query shape it accepts.
#include "searcher/match_count.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <string>
#include <vector>

namespace {

using Q = Xapian::Query;

/// `op` over several subqueries (Xapian 1.4 takes them as an iterator range).
Q many(Q::op op, const std::vector<Q>& subqueries) { return Q(op, subqueries.begin(), subqueries.end()); }

/// 500 documents of terms "a".."h", each term in a different share of them (from every
/// document to one in 17), so that ANDs, ORs and AND_NOTs of them overlap in uneven ways.
Xapian::WritableDatabase fixture() {
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    const unsigned every[] = {1, 2, 3, 5, 7, 11, 13, 17};
    for (unsigned d = 1; d <= 500; ++d) {
        Xapian::Document doc;
        for (unsigned t = 0; t < 8; ++t)
            if ((d * 7 + t) % every[t] == 0) doc.add_term(std::string(1, static_cast<char>('a' + t)), 1 + d % 4);
        if (d % 50 == 0) doc.add_boolean_term("Y2020");
        db.add_document(doc);
    }
    db.delete_document(42);  // a deleted article matches nothing
    return db;
}

Xapian::doccount xapian_count(const Xapian::Database& db, const Q& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    const Xapian::MSet mset = enquire.get_mset(0, 10, db.get_doccount());
    REQUIRE(mset.get_matches_lower_bound() == mset.get_matches_upper_bound());
    return mset.get_matches_estimated();
}

}  // namespace

TEST_CASE("Counting from posting lists gives the matcher's exact count", "[searcher][count]") {
    const auto db = fixture();
    const std::vector<Q> queries{
        Q("c"),
        Q("nosuchterm"),
        Q::MatchAll,
        Q(),
        Q(Q::OP_AND, Q("b"), Q("c")),
        many(Q::OP_AND, {Q("b"), Q("c"), Q("d")}),
        Q(Q::OP_OR, Q("f"), Q("g")),
        Q(Q::OP_SYNONYM, Q("e"), Q("h")),
        Q(Q::OP_MAX, Q("e"), Q("h")),
        Q(Q::OP_OR, Q("c"), Q("c")),                    // counted from the frequencies:
        Q(Q::OP_SYNONYM, Q("a"), Q("nosuchterm")),      // a term, or an OR of two terms
        Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_OR, Q("h"), Q("b")), 2.0),
        Q(Q::OP_AND, Q(Q::OP_SYNONYM, Q("b"), Q("h")), Q(Q::OP_OR, Q("c"), Q("e"))),
        Q(Q::OP_AND_NOT, Q("b"), Q("c")),
        many(Q::OP_AND_NOT, {Q("a"), Q("b"), Q("c")}),
        Q(Q::OP_FILTER, Q("b"), Q("Y2020")),
        Q(Q::OP_AND_MAYBE, Q("d"), Q("e")),
        Q(Q::OP_SCALE_WEIGHT, Q("f"), 0.0),
        Q(Q::OP_AND_NOT, Q::MatchAll, Q(Q::OP_OR, Q("b"), Q("c"))),
        Q(Q::OP_AND, Q("b"), Q("nosuchterm")),
    };
    for (const auto& q : queries) {
        CAPTURE(q.get_description());
        const auto counted = news::searcher::count_matches_upto(db, q, db.get_doccount());
        REQUIRE(counted);
        CHECK(*counted == xapian_count(db, q));
    }
}

TEST_CASE("Counting stops one past the limit", "[searcher][count]") {
    const auto db = fixture();
    const Q q(Q::OP_OR, Q("b"), Q("c"));
    const Xapian::doccount all = xapian_count(db, q);
    CHECK(news::searcher::count_matches_upto(db, q, all) == all);
    CHECK(news::searcher::count_matches_upto(db, q, all - 1) == all);
    CHECK(news::searcher::count_matches_upto(db, q, 10) == 11u);
    CHECK(news::searcher::count_matches_upto(db, q, 0) == 1u);
}

TEST_CASE("Counting leaves phrases, value ranges and posting sources to Xapian", "[searcher][count]") {
    const auto db = fixture();
    Xapian::ValueWeightPostingSource source(0);
    const std::vector<Q> queries{
        Q(Q::OP_PHRASE, Q("b"), Q("c")),
        Q(Q::OP_AND, Q("a"), Q(Q::OP_NEAR, Q("b"), Q("c"))),
        Q(Q::OP_VALUE_RANGE, 0, "a", "b"),
        Q(&source),
        Q(Q::OP_OR, Q("a"), Q(Q::OP_WILDCARD, "b")),
    };
    for (const auto& q : queries) {
        CAPTURE(q.get_description());
        CHECK_FALSE(news::searcher::count_matches_upto(db, q, 1000));
    }
}
