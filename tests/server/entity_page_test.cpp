#include "server/entity_page.h"

#include <catch2/catch.hpp>

using news::server::associate;

TEST_CASE("Association is zero at chance and signed by direction", "[server][entity]") {
    // 1,000 articles; the entity in 100, the value in 50: chance is 5 together.
    const auto chance = associate(5, 100, 50, 1000);
    CHECK(chance.pmi == Approx(0).margin(1e-9));
    CHECK(chance.log_likelihood == Approx(0).margin(1e-9));
    const auto more = associate(40, 100, 50, 1000);
    CHECK(more.pmi == Approx(3.0));  // 8 times chance
    CHECK(more.log_likelihood > 0);
    CHECK(associate(1, 100, 50, 1000).log_likelihood < 0);  // together less often than chance
}

TEST_CASE("A value in nearly every article scores below a rarer, closer one", "[server][entity]") {
    // "Amazon" is in 900 of 1,000 articles and in 95 of the entity's 100; "Twitch" is in 20
    // articles, 15 of them with the entity.
    const auto everywhere = associate(95, 100, 900, 1000);
    const auto close = associate(15, 100, 20, 1000);
    CHECK(close.log_likelihood > everywhere.log_likelihood);
    CHECK(close.pmi > everywhere.pmi);
}

TEST_CASE("Association of empty cells is zero, not NaN", "[server][entity]") {
    const auto none = associate(0, 10, 10, 100);
    CHECK(none.pmi == 0);
    CHECK(none.log_likelihood == 0);
    const auto all = associate(10, 10, 10, 10);  // every article has both: no information
    CHECK(all.log_likelihood == Approx(0).margin(1e-9));
}
