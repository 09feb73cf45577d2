#include "server/response_cache.h"

namespace news::server {
namespace {

// What an entry costs beyond its strings: the list node, the map's node and bucket, roughly.
constexpr std::size_t kEntryOverhead = 160;

}  // namespace

std::optional<Response> ResponseCache::find(const std::string& contents, const std::string& key) {
    if (max_bytes_ == 0 || contents.empty()) return std::nullopt;
    const std::lock_guard lock(mutex_);
    const auto found = contents == contents_ ? by_key_.find(key) : by_key_.end();
    if (found == by_key_.end()) {
        ++misses_;
        return std::nullopt;
    }
    ++hits_;
    recent_.splice(recent_.begin(), recent_, found->second);
    return found->second->response;
}

void ResponseCache::store(const std::string& contents, const std::string& key, const Response& response) {
    if (max_bytes_ == 0 || contents.empty()) return;
    const std::size_t bytes = 2 * key.size() + response.body.size() + response.content_type.size() + kEntryOverhead;
    if (bytes > max_bytes_ / 8) return;
    const std::lock_guard lock(mutex_);
    if (contents != contents_) {
        recent_.clear();
        by_key_.clear();
        bytes_ = 0;
        contents_ = contents;
    }
    if (const auto old = by_key_.find(key); old != by_key_.end()) {  // two workers computed it at once
        bytes_ -= old->second->bytes;
        recent_.erase(old->second);
        by_key_.erase(old);
    }
    while (!recent_.empty() && bytes_ + bytes > max_bytes_) drop_oldest();
    recent_.push_front({key, response, bytes});
    by_key_.emplace(key, recent_.begin());
    bytes_ += bytes;
}

void ResponseCache::drop_oldest() {
    bytes_ -= recent_.back().bytes;
    by_key_.erase(recent_.back().key);
    recent_.pop_back();
}

ResponseCache::Stats ResponseCache::stats() const {
    const std::lock_guard lock(mutex_);
    return {max_bytes_, bytes_, recent_.size(), hits_, misses_};
}

}  // namespace news::server
