#include "searcher/timeline.h"

#include "schema/document_layout.h"
#include "schema/fields.h"

#include <catch2/catch.hpp>

using news::searcher::Interval;

TEST_CASE("Timeline buckets name the first day of their interval", "[searcher][timeline]") {
    auto [key, interval, expected] = GENERATE(table<std::string, Interval, std::string>({
        {"20201215", Interval::Day, "2020-12-15"},
        {"20201215", Interval::Month, "2020-12"},
        {"20201215", Interval::Year, "2020"},
        {"20201215", Interval::Week, "2020-12-14"},  // a Tuesday: its week starts on Monday
        {"20201214", Interval::Week, "2020-12-14"},
        {"20210103", Interval::Week, "2020-12-28"},  // a Sunday: the week began the year before
        {"20000301", Interval::Week, "2000-02-28"},  // across the leap day
        {"19691231", Interval::Week, "1969-12-29"},  // before the day count's epoch
        {"2020121", Interval::Month, ""},
        {"2020x215", Interval::Day, ""},
    }));
    CAPTURE(key);
    CHECK(news::searcher::bucket_of(key, interval) == expected);
}

TEST_CASE("Timeline counts every match per month and the undated apart", "[searcher][timeline]") {
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    for (const char* date : {"2020-12-15", "2020-12-01", "2021-01-09", ""}) {
        Xapian::Document doc;
        doc.add_term("Xall");
        if (*date) doc.add_value(news::schema::slot::kDate, news::schema::date_key(date));
        db.add_document(doc);
    }
    const auto t = news::searcher::count_timeline(db, Xapian::Query("Xall"), Interval::Month);
    CHECK(t.matches == 4);
    CHECK(t.undated == 1);
    REQUIRE(t.buckets.size() == 2);
    CHECK(t.buckets[0].start == "2020-12");
    CHECK(t.buckets[0].count == 2);
    CHECK(t.buckets[1].start == "2021-01");
    CHECK(t.buckets[1].count == 1);
    CHECK(news::searcher::parse_interval("decade") == std::nullopt);
    CHECK(news::searcher::parse_interval("week") == Interval::Week);
}
