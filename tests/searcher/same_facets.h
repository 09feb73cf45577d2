// The facet part of two searches' results compared field by field: the same fields, missing
// and distinct counts, values and counts in the same order. Shared by the tests that check two
// ways of searching against each other (dense arrays and the matcher; shards and one database).
#pragma once

#include "searcher/search.h"

#include <catch2/catch.hpp>

#include <cstddef>

namespace news::test {

inline void same_facets(const news::searcher::SearchResults& a, const news::searcher::SearchResults& b) {
    REQUIRE(a.facets.size() == b.facets.size());
    for (std::size_t f = 0; f < a.facets.size(); ++f) {
        INFO("facet " << a.facets[f].field);
        CHECK(a.facets[f].missing == b.facets[f].missing);
        CHECK(a.facets[f].distinct == b.facets[f].distinct);
        REQUIRE(a.facets[f].values.size() == b.facets[f].values.size());
        for (std::size_t v = 0; v < a.facets[f].values.size(); ++v) {
            CHECK(a.facets[f].values[v].value == b.facets[f].values[v].value);
            CHECK(a.facets[f].values[v].count == b.facets[f].values[v].count);
        }
    }
}

}  // namespace news::test
