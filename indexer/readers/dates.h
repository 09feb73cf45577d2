// Publication dates as feeds, pages and front matter write them -> the UTC day and time of
// day of schema::ArticleFields, for the readers (corpus file -Reader-> Article).
#pragma once

#include <string>
#include <string_view>

namespace news::indexer {

/// The forms parse_date() reads, for messages about a date it cannot read.
inline constexpr std::string_view kDateForms =
    "2005-02-15, 2005/02/15, 2005-02-15T10:00:00+01:00, Tue, 15 Feb 2005 10:00:00 GMT, February 15, 2005, "
    "15 February 2005";

/// A publication date in UTC, as schema::ArticleFields keeps it.
struct PublicationDate {
    std::string day;   // "YYYY-MM-DD"; empty when the text is no date
    std::string time;  // "hh:mm:ss"; empty when the text gives only a day
};

/// A publication date in UTC: its day, and its time of day when `text` has one (fractions of a
/// second dropped). Both empty when `text` is none of these forms or names a day the calendar
/// does not have (month and day names in English, any case):
/// - 2005-02-15 and 2005/02/15;
/// - ISO 8601 with a time of day, seconds and their fractions optional, and an offset: Z,
///   +01:00, +0100 or +01 ("2005-02-15T23:30:00-05:00" is 2005-02-16 in UTC), 'T' or a space
///   between date and time;
/// - RFC 2822 (feeds, e-mail): "Tue, 15 Feb 2005 10:00:00 GMT", "15 Feb 2005 10:00 +0100",
///   the weekday and the seconds optional, the zone GMT, UT, UTC, Z or an offset;
/// - "February 15, 2005", "Feb 15, 2005", "15 February 2005", "15 Feb 2005".
/// A time of day with a zone or offset is converted to UTC, which may move the day
/// ("2005-02-15T23:30:00-05:00" is 2005-02-16 04:30:00); one without is taken as UTC.
PublicationDate parse_date(std::string_view text);

/// The note for a date parse_date() cannot read: "invalid date 'x'; article kept undated
/// (dates are read as ...)".
std::string undated_note(std::string_view text);

}  // namespace news::indexer
