// Tests of SearcherPool: requests run on the pool's own threads one at a time, waiting requests
// served in order, answers and failures handed back to the caller.
#include "server/searcher_pool.h"

#include "searcher/temp_corpus.h"
#include "server/thread_priority.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using news::server::PoolBusy;
using news::server::SearcherPool;
using news::server::Worker;

namespace {

const char* kOneArticle = R"({"id":"1","title":"One","body":"Cloud news.","date":"2024-01-10"})" "\n";

// A gate a job waits at until the test opens it: keeps the pool's only thread busy.
class Gate {
  public:
    void wait() {
        std::unique_lock lock(mutex_);
        opened_.wait(lock, [&] { return open_; });
    }
    void open() {
        {
            const std::lock_guard lock(mutex_);
            open_ = true;
        }
        opened_.notify_all();
    }

  private:
    std::mutex mutex_;
    std::condition_variable opened_;
    bool open_ = false;
};

}  // namespace

TEST_CASE("SearcherPool serves the requests that wait in the order they came", "[server][pool]") {
    const news::test::TempCorpus corpus{kOneArticle};
    SearcherPool pool{corpus.db(), 1, {}};
    Gate gate;
    std::thread holder([&] { pool.run(10s, [&](Worker&) { gate.wait(); return 0; }); });
    std::this_thread::sleep_for(50ms);  // the pool's thread is inside the holder's job

    // Nothing free: a request that waits too long is refused, and leaves the line.
    CHECK_THROWS_AS(pool.run(20ms, [](Worker&) { return 0; }), PoolBusy);

    std::vector<int> order;
    std::mutex order_mutex;
    std::vector<std::thread> waiting;
    for (int i = 0; i < 4; ++i) {
        waiting.emplace_back([&, i] {
            pool.run(10s, [&](Worker&) {
                const std::lock_guard lock(order_mutex);
                order.push_back(i);
                return 0;
            });
        });
        std::this_thread::sleep_for(50ms);  // each is waiting before the next comes
    }
    gate.open();
    holder.join();
    for (auto& t : waiting) t.join();
    CHECK(order == std::vector<int>{0, 1, 2, 3});
    CHECK(pool.run(20ms, [](Worker&) { return 7; }) == 7);  // the thread is free again
}

TEST_CASE("SearcherPool runs a request on a thread of its own and hands back its answer or its failure",
          "[server][pool]") {
    const news::test::TempCorpus corpus{kOneArticle};
    SearcherPool pool{corpus.db(), 2, {}};
    const auto caller = std::this_thread::get_id();
    const auto ran_on = pool.run(1s, [](Worker&) { return std::this_thread::get_id(); });
    CHECK(ran_on != caller);
    CHECK(pool.run(1s, [](Worker& worker) { return worker.searcher.doc_count(); }) == 1);
    CHECK_THROWS_WITH(pool.run(1s, [](Worker&) -> int { throw std::runtime_error("no such article"); }),
                      "no such article");
    CHECK(pool.run(1s, [](Worker& worker) { return worker.searcher.doc_count(); }) == 1);  // still serving
}

TEST_CASE("Searcher threads keep the priority of the thread that made the pool, not their callers'",
          "[server][pool][priority]") {
    const news::test::TempCorpus corpus{kOneArticle};
    const int made_at = news::server::thread_nice();
    SearcherPool pool{corpus.db(), 1, {}};
    int caller_nice = 0, searcher_nice = 0;
    std::thread caller([&] {  // as a connection thread does: lowers its own priority for good
        caller_nice = news::server::lower_thread_priority(5);
        searcher_nice = pool.run(1s, [](Worker&) { return news::server::thread_nice(); });
    });
    caller.join();
    CHECK(caller_nice == std::min(made_at + 5, 19));
    CHECK(searcher_nice == made_at);
    CHECK(news::server::thread_nice() == made_at);
}

TEST_CASE("lower_thread_priority raises only the calling thread's nice value, at most to 19",
          "[server][priority]") {
    const int before = news::server::thread_nice();
    auto lowered_by = [](int steps) {
        int nice = 0;
        std::thread t([&] { nice = news::server::lower_thread_priority(steps); });
        t.join();
        return nice;
    };
    CHECK(lowered_by(0) == before);
    CHECK(lowered_by(3) == std::min(before + 3, 19));
    CHECK(lowered_by(19) == 19);
    CHECK(lowered_by(40) == 19);  // past 19: 19
    CHECK(news::server::thread_nice() == before);
}
