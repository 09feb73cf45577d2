#include "server/response_cache.h"

#include <catch2/catch.hpp>

#include <string>

using news::server::Response;
using news::server::ResponseCache;

namespace {

Response body_of(std::size_t bytes, char fill = 'x') { return {200, std::string(bytes, fill)}; }

}  // namespace

TEST_CASE("The cache answers a request only for the contents it was computed on", "[server][cache]") {
    ResponseCache cache{1 << 20};
    CHECK_FALSE(cache.find("uuid:1", "search q=oil"));
    cache.store("uuid:1", "search q=oil", {200, "one"});
    REQUIRE(cache.find("uuid:1", "search q=oil"));
    CHECK(cache.find("uuid:1", "search q=oil")->body == "one");
    CHECK_FALSE(cache.find("uuid:1", "search q=gold"));
    CHECK_FALSE(cache.find("uuid:2", "search q=oil"));  // a commit since: another revision
    const auto stats = cache.stats();
    CHECK(stats.hits == 2);
    CHECK(stats.misses == 3);
}

TEST_CASE("New database contents drop everything kept for the old ones", "[server][cache]") {
    ResponseCache cache{1 << 20};
    cache.store("gen-1:5", "a", {200, "old a"});
    cache.store("gen-1:5", "b", {200, "old b"});
    cache.store("gen-2:1", "a", {200, "new a"});
    CHECK(cache.stats().entries == 1);
    CHECK(cache.find("gen-2:1", "a")->body == "new a");
    CHECK_FALSE(cache.find("gen-1:5", "b"));
    CHECK_FALSE(cache.find("gen-2:1", "b"));
}

TEST_CASE("The cache stays within its budget, the least recently used going first", "[server][cache]") {
    ResponseCache cache{64 * 1024};
    for (char c = 'a'; c <= 'z'; ++c) {
        cache.store("v", std::string(1, c), body_of(4000));
        CHECK(cache.find("v", "a"));  // used at every step: kept
    }
    const auto stats = cache.stats();
    CHECK(stats.bytes <= stats.max_bytes);
    CHECK(stats.entries < 26);
    CHECK(cache.find("v", "a"));
    CHECK(cache.find("v", "z"));
    CHECK_FALSE(cache.find("v", "b"));
}

TEST_CASE("The cache keeps nothing without a budget, without a name for the contents, or over an eighth",
          "[server][cache]") {
    ResponseCache off{0};
    off.store("v", "a", {200, "x"});
    CHECK_FALSE(off.find("v", "a"));
    CHECK(off.stats().misses == 0);
    ResponseCache cache{80 * 1024};
    cache.store("", "a", {200, "x"});  // several shards: no revision names them
    CHECK_FALSE(cache.find("", "a"));
    cache.store("v", "big", body_of(20 * 1024));
    CHECK_FALSE(cache.find("v", "big"));
    CHECK(cache.stats().entries == 0);
}

TEST_CASE("Storing a key twice keeps one entry and counts its bytes once", "[server][cache]") {
    ResponseCache cache{1 << 20};
    cache.store("v", "a", body_of(100));
    const auto once = cache.stats().bytes;
    cache.store("v", "a", body_of(100, 'y'));
    CHECK(cache.stats().entries == 1);
    CHECK(cache.stats().bytes == once);
    CHECK(cache.find("v", "a")->body == std::string(100, 'y'));
}
