#include "searcher/shards.h"

#include <algorithm>

namespace news::searcher {

Xapian::docid ShardPosition::first_at_or_after(Xapian::docid whole) const {
    if (whole <= index + 1) return 1;
    return (whole - index - 1 + count - 1) / count + 1;
}

Xapian::docid ShardPosition::last_at_or_before(Xapian::docid whole) const {
    if (whole < index + 1) return 0;
    return (whole - index - 1) / count + 1;
}

ShardMap::ShardMap(const Xapian::Database& whole) : count_(static_cast<Xapian::doccount>(std::max<std::size_t>(1, whole.size()))) {
    if (count_ == 1) return;
    // A database of several shards joins its shards' UUIDs with ':' (empty if one has none).
    const std::string joined = whole.get_uuid();
    std::size_t from = 0;
    while (!joined.empty()) {
        const std::size_t colon = joined.find(':', from);
        uuids_.push_back(joined.substr(from, colon - from));
        if (colon == std::string::npos) break;
        from = colon + 1;
    }
}

ShardPosition ShardMap::locate(const Xapian::Database& shard) const {
    if (count_ == 1) return {};
    const std::string uuid = shard.get_uuid();
    if (uuids_.size() != count_ || uuid.empty())
        throw Xapian::InvalidOperationError("the shards of this database cannot be told apart: one has no UUID");
    const auto found = std::find(uuids_.begin(), uuids_.end(), uuid);
    if (found == uuids_.end()) throw Xapian::InvalidOperationError("a posting source was given a database that is not one of its shards");
    if (std::find(found + 1, uuids_.end(), uuid) != uuids_.end())
        throw Xapian::InvalidOperationError("the stub lists the database " + uuid + " twice; list each shard once");
    return {count_, static_cast<Xapian::doccount>(found - uuids_.begin())};
}

}  // namespace news::searcher
