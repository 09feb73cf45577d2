#include "searcher/timeline.h"

#include "schema/fields.h"

#include <array>
#include <map>

namespace news::searcher {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's civil-date
// algorithms): weeks are counted on the day number.
long days_from_civil(long y, long m, long d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::array<long, 3> civil_from_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp + (mp < 10 ? 3 : -9);
    return {yoe + era * 400 + (m <= 2), m, d};
}

std::string two(long n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

std::optional<Interval> parse_interval(std::string_view name) {
    if (name == "day") return Interval::Day;
    if (name == "week") return Interval::Week;
    if (name == "month") return Interval::Month;
    if (name == "year") return Interval::Year;
    return std::nullopt;
}

std::string_view to_string(Interval interval) {
    switch (interval) {
        case Interval::Day: return "day";
        case Interval::Week: return "week";
        case Interval::Month: return "month";
        case Interval::Year: return "year";
    }
    return "month";
}

std::string bucket_of(std::string_view key, Interval interval) {
    if (key.size() != 8) return {};
    for (const char c : key)
        if (c < '0' || c > '9') return {};
    const std::string y{key.substr(0, 4)}, m{key.substr(4, 2)}, d{key.substr(6, 2)};
    switch (interval) {
        case Interval::Year: return y;
        case Interval::Month: return y + "-" + m;
        case Interval::Day: return y + "-" + m + "-" + d;
        case Interval::Week: {
            const long days = days_from_civil(std::stol(y), std::stol(m), std::stol(d));
            const long weekday = ((days % 7) + 7 + 3) % 7;  // 0 = Monday; 1970-01-01 was a Thursday
            const auto [wy, wm, wd] = civil_from_days(days - weekday);
            return std::to_string(wy) + "-" + two(wm) + "-" + two(wd);
        }
    }
    return {};
}

Timeline count_timeline(const Xapian::Database& db, const Xapian::Query& query, Interval interval) {
    Timeline out;
    out.interval = interval;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());  // counts only: no scores to compute
    Xapian::ValueCountMatchSpy dates(schema::slot::kDate);
    enquire.add_matchspy(&dates);
    const Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
    out.matches = mset.get_matches_estimated();
    std::map<std::string, Xapian::doccount> counts;  // ordered: keys sort as dates do
    Xapian::doccount dated = 0;
    for (auto v = dates.values_begin(); v != dates.values_end(); ++v) {
        const std::string bucket = bucket_of(*v, interval);
        if (bucket.empty()) continue;  // not a date: counted as undated
        counts[bucket] += v.get_termfreq();
        dated += v.get_termfreq();
    }
    out.undated = out.matches - dated;
    for (auto& [start, count] : counts) out.buckets.push_back({start, count});
    return out;
}

}  // namespace news::searcher
