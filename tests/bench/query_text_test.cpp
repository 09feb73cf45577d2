#include "bench/eval/query_text.h"

#include <catch2/catch.hpp>

TEST_CASE("Query syntax in test-collection queries is neutralised", "[eval][query]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        // Cranfield query 200-ish: parentheses and a stray '?'.
        {"slender bodies (the ?transverse curvature effect) .", "slender bodies  the ?transverse curvature effect  ."},
        {"interference-free models", "interference-free models"},  // inner '-' kept: a compound
        {"-free +fixed a - b", " free  fixed a   b"},                // leading '-'/'+' are not syntax
        {"\"blunt\" \u201Cnose\u201D", " blunt   nose "},
        {"title:wing", "title wing"},
        {"WING AND FLUTTER OR NOT NEAR ANDERSON", "WING and FLUTTER or not near ANDERSON"},
    }));
    CAPTURE(input);
    CHECK(news::eval::to_any_word_query(input) == expected);
}
