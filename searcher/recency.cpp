#include "searcher/recency.h"

#include "schema/fields.h"

#include <cmath>

namespace news::searcher {

long day_number(const std::string& d) {
    if (d.size() != 8) return -1;
    for (const char c : d)
        if (c < '0' || c > '9') return -1;
    long y = std::stol(d.substr(0, 4));
    const long m = std::stol(d.substr(4, 2)), day = std::stol(d.substr(6, 2));
    // Days from civil (proleptic Gregorian), counting from 0000-03-01.
    if (m <= 2) --y;
    const long era = y / 400, yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy;
}

double instant_number(const std::string& t) {
    if (t.size() != 14) return -1;
    for (const char c : t)
        if (c < '0' || c > '9') return -1;
    const long day = day_number(t.substr(0, 8));
    if (day < 0) return -1;
    const long seconds = std::stol(t.substr(8, 2)) * 3600 + std::stol(t.substr(10, 2)) * 60 + std::stol(t.substr(12, 2));
    return static_cast<double>(day) + static_cast<double>(seconds) / 86400.0;
}

RecencySource::RecencySource(double boost, double half_life_days, const Xapian::Database& whole)
    : RecencySource(boost, half_life_days, instant_number(whole.get_value_upper_bound(schema::slot::kInstant))) {}

RecencySource::RecencySource(double boost, double half_life_days, double newest)
    : Xapian::ValuePostingSource(schema::slot::kInstant), boost_(boost), half_life_(half_life_days), newest_(newest) {}

void RecencySource::init(const Xapian::Database& db) {
    Xapian::ValuePostingSource::init(db);
    set_maxweight(boost_);
}

double RecencySource::get_weight() const {
    const double day = instant_number(get_value());
    if (day < 0 || newest_ < 0) return 0;
    return recency_weight(boost_, half_life_, newest_, day);
}

double recency_weight(double boost, double half_life_days, double newest, double day) {
    return boost * std::exp2(-(newest - day) / half_life_days);
}

}  // namespace news::searcher
