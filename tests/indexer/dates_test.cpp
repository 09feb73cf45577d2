// Tests for parse_date(): the date forms of feeds, pages and front matter, normalised to the
// publication day in UTC.
#include "indexer/readers/dates.h"

#include <catch2/catch.hpp>

#include <string>

using news::indexer::parse_date;

TEST_CASE("parse_date reads ISO dates and date-times, moving offsets to UTC", "[indexer][dates]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"2020-12-15", "2020-12-15"},
        {" 2020-12-15T10:30:00Z", "2020-12-15"},
        {"2020-12-15 10:30", "2020-12-15"},
        {"2020-12-15T10:30:00", "2020-12-15"},
        {"2005-02-15T23:30:00-05:00", "2005-02-16"},
        {"2005-02-16T00:30:00+01:00", "2005-02-15"},
        {"2005-02-16T00:30:00+0100", "2005-02-15"},
        {"2005-02-16T00:30+01", "2005-02-15"},
        {"2005-02-15T23:59:59.250-01:00", "2005-02-16"},
        {"2005-02-15 22:00:00-03:00", "2005-02-16"},
        {"2005/02/15", "2005-02-15"},
    }));
    CAPTURE(input);
    CHECK(parse_date(input) == expected);
}

TEST_CASE("parse_date reads RFC 2822 dates of feeds", "[indexer][dates]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"Tue, 15 Feb 2005 10:00:00 GMT", "2005-02-15"},
        {"Tue, 15 Feb 2005 23:00:00 -0500", "2005-02-16"},
        {"15 Feb 2005 00:30 +0100", "2005-02-14"},
        {"Tue, 1 Mar 2005 10:00:00 UTC", "2005-03-01"},
        {"tue, 15 feb 2005 10:00:00 gmt", "2005-02-15"},
    }));
    CAPTURE(input);
    CHECK(parse_date(input) == expected);
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
    CHECK(parse_date(input) == expected);
}

TEST_CASE("parse_date refuses days the calendar does not have and other text", "[indexer][dates]") {
    auto input = GENERATE(as<std::string>{}, "", "2020-12-15x", "2020-02-30T00:00:00", "2021-02-29", "February 30, 2005",
                          "Tue, 32 Feb 2005 10:00:00 GMT", "2005-13-01", "yesterday", "15/02/2005", "2005-02-15T25:00:00Z",
                          "2005-02-15 and more");
    CAPTURE(input);
    CHECK(parse_date(input).empty());
}
