// Several databases searched as one (a stub file listing shards). Xapian interleaves their
// docids: docid d of shard i of n is docid (d - 1) * n + i + 1 of the whole. A PostingSource
// is cloned for each shard and its init() sees that shard alone, with the shard's own docids,
// so a source holding docids of the whole (DocidSource, DocidRange) translates them here.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace news::searcher {

/// One shard's place among `count` shards.
struct ShardPosition {
    Xapian::doccount count = 1;
    Xapian::doccount index = 0;  // 0-based

    /// The whole database's docid of this shard's docid `local`.
    Xapian::docid whole(Xapian::docid local) const { return (local - 1) * count + index + 1; }
    /// Whether the whole database's docid `whole` is in this shard.
    bool holds(Xapian::docid whole) const { return (whole - 1) % count == index; }
    /// The shard's docid of a whole docid this shard holds.
    Xapian::docid local(Xapian::docid whole) const { return (whole - 1) / count + 1; }
    /// The shard's first docid whose whole docid is at least `whole`.
    Xapian::docid first_at_or_after(Xapian::docid whole) const;
    /// The shard's last docid whose whole docid is at most `whole`; 0 if none.
    Xapian::docid last_at_or_before(Xapian::docid whole) const;
};

/// The shards of a database, told apart by their UUIDs, so that PostingSource::init() can
/// tell which one it was handed. Cheap to copy.
class ShardMap {
  public:
    ShardMap() = default;  // one shard
    explicit ShardMap(const Xapian::Database& whole);

    Xapian::doccount count() const { return count_; }

    /// Where `shard` (a database of one shard, as init() gets it) sits in the whole.
    /// @throws Xapian::InvalidOperationError when it is none of the shards, or the shards
    ///         cannot be told apart (listed twice, or without UUIDs, as in-memory databases).
    ShardPosition locate(const Xapian::Database& shard) const;

  private:
    Xapian::doccount count_ = 1;
    std::vector<std::string> uuids_;  // by shard index; empty with one shard
};

}  // namespace news::searcher
