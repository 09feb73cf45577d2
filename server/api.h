// The JSON API of newsdex-serve (docs/server.md): a request's route and query parameters ->
// status and JSON body. No HTTP here: server/http_server.h maps requests to these calls.
#pragma once

#include "server/response.h"
#include "server/response_cache.h"
#include "server/searcher_pool.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>

namespace news::server {

/// Version of the API's contract (docs/server.md); every response that is not a search carries
/// it as "api_version" (a search carries the JSON format version of docs/json.md).
inline constexpr int kApiVersion = 1;

/// Query parameters, as decoded from the URL; a parameter may repeat (filter=...&filter=...).
using Params = std::multimap<std::string, std::string>;

/// The limits of one request; over them a request gets 400 (413 for the query's length).
struct ApiLimits {
    std::size_t max_query_bytes = 1024;
    long long max_limit = 1000;          // results per page
    long long max_offset = 100000;
    long long max_facet_limit = 1000;
    std::chrono::milliseconds wait{10000};  // for a free searcher; then 503
};

class Api {
  public:
    /// @throws what SearcherPool's constructor throws (no database, another schema version).
    /// `cache_bytes`: the response cache's budget (server/response_cache.h); 0 turns it off.
    Api(const std::filesystem::path& db, std::size_t searchers, ApiLimits limits = {}, std::size_t cache_bytes = 0);

    Response search(const Params& params);
    Response article(const std::string& id, const Params& params);
    Response similar(const std::string& id, const Params& params);
    Response timeline(const Params& params);
    Response entity(const std::string& kind, const std::string& name, const Params& params);
    Response health();
    Response stats();
    /// 404 with the JSON error body, for a path no route serves.
    static Response not_found(const std::string& path);

  private:
    /// `job(worker)` run on a searcher thread (counted as a request served); what it returns.
    template <typename Job>
    auto on_searcher(Job&& job);
    /// The cached answer of this route and these parameters on the database's live contents,
    /// found without waiting for a Searcher (a hit never queues behind searches); else
    /// `compute(worker)`'s on a searcher thread, kept when it is a 200.
    template <typename Compute>
    Response cached(std::initializer_list<std::string> route, const Params& params, Compute&& compute);

    SearcherPool pool_;
    ApiLimits limits_;
    ResponseCache cache_;
    searcher::ContentsProbe live_;  // what the cache is looked up under
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    std::atomic<std::uint64_t> served_{0};  // API requests answered, errors included
};

}  // namespace news::server
