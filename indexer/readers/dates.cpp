#include "indexer/readers/dates.h"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/parsepos.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <array>
#include <cstdio>
#include <memory>
#include <vector>

namespace news::indexer {
namespace {

// ICU SimpleDateFormat patterns, tried in order; each must read the whole text. Strict
// parsing: "2005-02-30" and "February 30, 2005" are refused, not rolled into March.
constexpr std::array kPatterns{
    "yyyy-MM-dd",
    "yyyy/MM/dd",
    // ISO 8601 with a time of day; X reads Z or +01, XX +0100, XXX +01:00.
    "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "yyyy-MM-dd'T'HH:mm:ssXXX", "yyyy-MM-dd'T'HH:mmXXX",
    "yyyy-MM-dd'T'HH:mm:ss.SSSXX", "yyyy-MM-dd'T'HH:mm:ssXX", "yyyy-MM-dd'T'HH:mmXX",
    "yyyy-MM-dd'T'HH:mm:ssX", "yyyy-MM-dd'T'HH:mmX",
    "yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm",
    "yyyy-MM-dd HH:mm:ss.SSSXXX", "yyyy-MM-dd HH:mm:ssXXX", "yyyy-MM-dd HH:mm:ssXX", "yyyy-MM-dd HH:mm:ssX",
    "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm",
    // RFC 2822 (section 3.3): zone as an offset or a name (GMT, UT, UTC; z reads them).
    "EEE, d MMM yyyy HH:mm:ss Z", "EEE, d MMM yyyy HH:mm Z", "EEE, d MMM yyyy HH:mm:ss z", "EEE, d MMM yyyy HH:mm z",
    "d MMM yyyy HH:mm:ss Z", "d MMM yyyy HH:mm Z", "d MMM yyyy HH:mm:ss z", "d MMM yyyy HH:mm z",
    "EEE, d MMM yyyy",
    // Dates in words, as pages and wires print them.
    "MMMM d, yyyy", "MMM d, yyyy", "d MMMM yyyy", "d MMM yyyy", "EEEE, MMMM d, yyyy", "EEEE, d MMMM yyyy",
};

// The formats, built once per thread: ICU formats are costly to build and not safe to share
// between threads while parsing.
class Formats {
  public:
    Formats() {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Locale posix("en_US_POSIX");
        for (const char* pattern : kPatterns) {
            status = U_ZERO_ERROR;
            auto format = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString(pattern), posix, status);
            if (U_FAILURE(status)) continue;
            format->setLenient(false);
            format->adoptTimeZone(icu::TimeZone::getGMT()->clone());  // no zone written: UTC
            formats_.push_back({std::move(format), std::string_view(pattern).find("HH") != std::string_view::npos});
        }
        status = U_ZERO_ERROR;
        utc_ = std::make_unique<icu::GregorianCalendar>(icu::TimeZone::getGMT()->clone(), posix, status);
        if (U_FAILURE(status)) utc_.reset();
    }

    PublicationDate parse(const icu::UnicodeString& text) {
        if (!utc_) return {};
        for (const auto& format : formats_) {
            icu::ParsePosition pos(0);
            const UDate when = format.format->parse(text, pos);
            if (pos.getErrorIndex() >= 0 || pos.getIndex() != text.length()) continue;
            return in_utc(when, format.has_time);
        }
        return {};
    }

  private:
    struct Format {
        std::unique_ptr<icu::SimpleDateFormat> format;
        bool has_time;  // the pattern reads a time of day
    };

    PublicationDate in_utc(UDate when, bool has_time) {
        UErrorCode status = U_ZERO_ERROR;
        utc_->setTime(when, status);
        const int era = utc_->get(UCAL_ERA, status);
        const int year = utc_->get(UCAL_YEAR, status);
        const int month = utc_->get(UCAL_MONTH, status) + 1;
        const int day = utc_->get(UCAL_DATE, status);
        const int hour = utc_->get(UCAL_HOUR_OF_DAY, status);
        const int minute = utc_->get(UCAL_MINUTE, status);
        const int second = utc_->get(UCAL_SECOND, status);
        if (U_FAILURE(status) || era != icu::GregorianCalendar::AD || year < 1 || year > 9999) return {};
        char out[32];
        PublicationDate date;
        std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, day);
        date.day = out;
        if (has_time) {
            std::snprintf(out, sizeof out, "%02d:%02d:%02d", hour, minute, second);
            date.time = out;
        }
        return date;
    }

    std::vector<Format> formats_;
    std::unique_ptr<icu::Calendar> utc_;
};

}  // namespace

PublicationDate parse_date(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' || text.front() == '\n'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
        text.remove_suffix(1);
    if (text.empty() || text.size() > 64) return {};
    thread_local Formats formats;
    return formats.parse(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))));
}

std::string undated_note(std::string_view text) {
    return "invalid date '" + std::string(text) + "'; article kept undated (dates are read as " + std::string(kDateForms) +
           ")";
}

}  // namespace news::indexer
