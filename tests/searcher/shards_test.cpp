// A database of several shards (newsdex-index --shards N) must answer exactly as one database
// of the same articles: the same docids in the same order, the same weights, counts, facets,
// date orders, filters and spelling suggestions, whichever path the search takes.
#include "searcher/shards.h"

#include "schema/fields.h"
#include "searcher/facets.h"
#include "searcher/search.h"

#include "shard_fixture.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <string>
#include <vector>

namespace {

using news::searcher::SearchRequest;
using news::searcher::Searcher;
using news::test::archives;
using news::test::same_results;
using news::test::requests;

}  // namespace

TEST_CASE("ShardPosition maps docids between a shard and the whole", "[searcher][shards]") {
    const news::searcher::ShardPosition second{3, 1};  // docids 2, 5, 8, ... of the whole
    CHECK(second.whole(1) == 2);
    CHECK(second.whole(3) == 8);
    CHECK(second.holds(5));
    CHECK_FALSE(second.holds(6));
    CHECK(second.local(8) == 3);
    CHECK(second.first_at_or_after(1) == 1);
    CHECK(second.first_at_or_after(3) == 2);   // 5
    CHECK(second.first_at_or_after(5) == 2);
    CHECK(second.last_at_or_before(1) == 0);
    CHECK(second.last_at_or_before(7) == 2);   // 5
    CHECK(second.last_at_or_before(8) == 3);
}

TEST_CASE("Three shards give every search of one database: docids, order, weights, counts, facets",
          "[searcher][shards]") {
    const auto& a = archives();
    {
        const Xapian::Database three{a.three.string()};
        REQUIRE(three.size() == 3);
        REQUIRE(three.get_doccount() == 240);
    }
    // Every path: the matcher, the facet pass that ranks, and (words in most articles) the
    // dense arrays; facets from value slots and from rows.
    for (const bool dense : {false, true}) {
        for (const bool rows : {false, true}) {
            Searcher one{a.one}, three{a.three};
            if (dense) {
                one.set_dense(0.3, 0);
                three.set_dense(0.3, 0);
            }
            if (rows) {
                one.prepare_facets({"company", "place", "year"});
                three.prepare_facets({"company", "place", "year"});
            }
            for (const auto& request : requests()) {
                INFO("query '" << request.query << "' similar '" << request.similar_to << "' dense " << dense
                               << " rows " << rows);
                same_results(one.search(request), three.search(request));
            }
        }
    }
}

TEST_CASE("A respelled query and its suggestion are the same over shards", "[searcher][shards]") {
    const auto& a = archives();
    Searcher one{a.one}, three{a.three};
    SearchRequest request;
    request.query = "markte golld";
    const auto x = one.search(request), y = three.search(request);
    CHECK_FALSE(x.respelled.empty());
    CHECK(x.respelled == y.respelled);
    same_results(x, y);
}

TEST_CASE("Facet passes split by docid range count each shard's share once", "[searcher][shards]") {
    const auto& a = archives();
    const Xapian::Database one{a.one.string()}, three{a.three.string()};
    const news::searcher::FacetColumn company_one{one, *news::schema::find_field("company")};
    const news::searcher::FacetColumn company_three{three, *news::schema::find_field("company")};
    const Xapian::Query query("market");
    // Two handles, split from one match: each thread's DocidRange keeps its range in every shard.
    // Each thread needs a handle of its own (copies of one Database share its state).
    const auto x = news::searcher::count_facets(std::vector<Xapian::Database>{one, Xapian::Database{a.one.string()}},
                                                query, 10, {&company_one}, {"company"}, 10, 1);
    const auto y = news::searcher::count_facets(
        std::vector<Xapian::Database>{three, Xapian::Database{a.three.string()}}, query, 10, {&company_three},
        {"company"}, 10, 1);
    CHECK(x.matches == y.matches);
    CHECK(x.matches > 50);
    REQUIRE(x.facets.size() == 1);
    REQUIRE(x.facets[0].values.size() == y.facets[0].values.size());
    for (std::size_t v = 0; v < x.facets[0].values.size(); ++v) {
        CHECK(x.facets[0].values[v].value == y.facets[0].values[v].value);
        CHECK(x.facets[0].values[v].count == y.facets[0].values[v].count);
    }
}
