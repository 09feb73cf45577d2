// Every article's instant (schema::slot::kInstant) by docid, read once: a date order looks its
// sort key up in an array instead of reading a value slot per match (Enquire -> MSet).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>

namespace news::searcher {

class DateColumn {
  public:
    /// Reads the slot of every article of `db` (one value stream). Nothing when `db` has several
    /// subdatabases (a sort key is handed shard docids there) or a value is not "YYYYMMDDhhmmss".
    static std::optional<DateColumn> read(const Xapian::Database& db);

    /// The instant of article `docid` as stored; empty when it has none.
    std::string at(Xapian::docid docid) const {
        const std::size_t from = static_cast<std::size_t>(docid) * kWidth;
        if (from + kWidth > bytes_.size() || bytes_[from] == '\0') return {};
        return bytes_.substr(from, kWidth);
    }

  private:
    static constexpr std::size_t kWidth = 14;  // "YYYYMMDDhhmmss"
    std::string bytes_;  // kWidth bytes per docid from 0, '\0'-filled for an article without one
};

}  // namespace news::searcher
