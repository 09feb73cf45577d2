// A date histogram of a query's matches: Xapian::Query -> exact counts of matching articles per
// day, week, month or year, read from the date slot of every match (undated ones counted apart).
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace news::searcher {

enum class Interval { Day, Week, Month, Year };

/// "day", "week", "month", "year" -> the interval; nullopt for anything else.
std::optional<Interval> parse_interval(std::string_view name);
std::string_view to_string(Interval interval);

struct Bucket {
    std::string start;  // the interval's first day, as far as the interval needs: "2020-12-15"
                        // (day), "2020-12-14" (week: its Monday, ISO 8601), "2020-12", "2020"
    Xapian::doccount count = 0;
};

struct Timeline {
    Interval interval = Interval::Month;
    std::vector<Bucket> buckets;   // oldest first; intervals without a match are left out
    Xapian::doccount matches = 0;  // every match, dated or not
    Xapian::doccount undated = 0;  // matches without a date
};

/// Exact counts: the matcher visits every match of `query` in `db` (no time limit).
Timeline count_timeline(const Xapian::Database& db, const Xapian::Query& query, Interval interval);

/// The bucket of a "YYYYMMDD" date key (schema slot::kDate) for `interval`; empty if malformed.
std::string bucket_of(std::string_view date_key, Interval interval);

}  // namespace news::searcher
