// Tests of SearcherPool: Workers lent one request at a time, waiting requests served in order.
#include "server/searcher_pool.h"

#include "searcher/temp_corpus.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using news::server::PoolBusy;
using news::server::SearcherPool;

TEST_CASE("SearcherPool serves the requests that wait in the order they came", "[server][pool]") {
    const news::test::TempCorpus corpus{R"({"id":"1","title":"One","body":"Cloud news.","date":"2024-01-10"})" "\n"};
    SearcherPool pool{corpus.db(), 1, {}};
    std::optional<SearcherPool::Lease> held;
    held.emplace(pool.acquire(1s));

    // Nothing free: a request that waits too long is refused, and leaves the line.
    CHECK_THROWS_AS(pool.acquire(20ms), PoolBusy);

    std::vector<int> order;
    std::mutex order_mutex;
    std::vector<std::thread> waiting;
    for (int i = 0; i < 4; ++i) {
        waiting.emplace_back([&, i] {
            const auto lease = pool.acquire(10s);
            const std::lock_guard lock(order_mutex);
            order.push_back(i);
        });
        std::this_thread::sleep_for(50ms);  // each is waiting before the next comes
    }
    held.reset();
    for (auto& t : waiting) t.join();
    CHECK(order == std::vector<int>{0, 1, 2, 3});
    CHECK_NOTHROW(pool.acquire(20ms));  // all given back
}
