// newsdex-serve's response cache: the answers of recent API requests, kept for the database
// contents they were computed from and dropped the moment a worker sees other contents (a
// rebuild's new generation, an update's commit). Bounded in bytes, least recently used first out.
#pragma once

#include "server/response.h"

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace news::server {

class ResponseCache {
  public:
    struct Stats {
        std::size_t max_bytes = 0, bytes = 0, entries = 0;
        std::uint64_t hits = 0, misses = 0;
    };

    /// `max_bytes` 0: nothing is kept (every find() misses without counting).
    explicit ResponseCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    /// The response stored under `key` for the database contents `contents`, or nullopt. An
    /// empty `contents` (a database whose contents cannot be named) never hits.
    std::optional<Response> find(const std::string& contents, const std::string& key);

    /// Keeps `response` for `key`, computed on `contents`. Contents other than the ones held
    /// replace them: everything kept for the old ones is dropped. A response over an eighth of
    /// the budget is not kept; older ones go until the new one fits.
    void store(const std::string& contents, const std::string& key, const Response& response);

    Stats stats() const;
    bool enabled() const { return max_bytes_ > 0; }

  private:
    struct Entry {
        std::string key;
        Response response;
        std::size_t bytes = 0;
    };
    void drop_oldest();

    const std::size_t max_bytes_;
    mutable std::mutex mutex_;
    std::string contents_;     // what every entry was computed on
    std::list<Entry> recent_;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
    std::size_t bytes_ = 0;
    std::uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace news::server
