// Tests for parse_date(): the date forms of feeds, pages and front matter, normalised to the
// publication day and time of day in UTC.
#include "indexer/readers/dates.h"

#include <catch2/catch.hpp>

#include <string>

using news::indexer::parse_date;

namespace {

// "YYYY-MM-DD hh:mm:ss", or the day alone when the text has no time, or "" for no date.
std::string parsed(const std::string& text) {
    const auto [day, time] = parse_date(text);
    return time.empty() ? day : day + " " + time;
}

}  // namespace

TEST_CASE("parse_date reads ISO dates and date-times, moving offsets to UTC", "[indexer][dates]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"2020-12-15", "2020-12-15"},
        {" 2020-12-15T10:30:00Z", "2020-12-15 10:30:00"},
        {"2020-12-15 10:30", "2020-12-15 10:30:00"},
        {"2020-12-15T10:30:00", "2020-12-15 10:30:00"},
        {"2005-02-15T23:30:00-05:00", "2005-02-16 04:30:00"},
        {"2005-02-16T00:30:00+01:00", "2005-02-15 23:30:00"},
        {"2005-02-16T00:30:00+0100", "2005-02-15 23:30:00"},
        {"2005-02-16T00:30+01", "2005-02-15 23:30:00"},
        {"2005-02-15T23:59:59.250-01:00", "2005-02-16 00:59:59"},
        {"2005-02-15T10:00:00.999Z", "2005-02-15 10:00:00"},
        {"2005-02-15 22:00:00-03:00", "2005-02-16 01:00:00"},
        {"2005-02-15T00:00:00Z", "2005-02-15 00:00:00"},
        {"2005/02/15", "2005-02-15"},
    }));
    CAPTURE(input);
    CHECK(parsed(input) == expected);
}

TEST_CASE("parse_date reads RFC 2822 dates of feeds", "[indexer][dates]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"Tue, 15 Feb 2005 10:00:00 GMT", "2005-02-15 10:00:00"},
        {"Tue, 15 Feb 2005 10:00:00 +0100", "2005-02-15 09:00:00"},
        {"Tue, 15 Feb 2005 23:00:00 -0500", "2005-02-16 04:00:00"},
        {"15 Feb 2005 00:30 +0100", "2005-02-14 23:30:00"},
        {"Tue, 1 Mar 2005 10:00:00 UTC", "2005-03-01 10:00:00"},
        {"tue, 15 feb 2005 10:00:00 gmt", "2005-02-15 10:00:00"},
        {"Tue, 15 Feb 2005", "2005-02-15"},
    }));
    CAPTURE(input);
    CHECK(parsed(input) == expected);
}

TEST_CASE("parse_date reads dates written in words", "[indexer][dates]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"February 15, 2005", "2005-02-15"},
        {"Feb 15, 2005", "2005-02-15"},
        {"15 February 2005", "2005-02-15"},
        {"15 Feb 2005", "2005-02-15"},
        {"Tuesday, February 15, 2005", "2005-02-15"},
        {"december 5, 2020", "2020-12-05"},
    }));
    CAPTURE(input);
    CHECK(parsed(input) == expected);  // a day alone: no time of day
}

TEST_CASE("parse_date refuses days the calendar does not have and other text", "[indexer][dates]") {
    auto input = GENERATE(as<std::string>{}, "", "2020-12-15x", "2020-02-30T00:00:00", "2021-02-29", "February 30, 2005",
                          "Tue, 32 Feb 2005 10:00:00 GMT", "2005-13-01", "yesterday", "15/02/2005", "2005-02-15T25:00:00Z",
                          "2005-02-15 and more");
    CAPTURE(input);
    const auto [day, time] = parse_date(input);
    CHECK(day.empty());
    CHECK(time.empty());
}
