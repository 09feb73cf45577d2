// Reader for raw scraped article text (corpus/*.txt), plus the title, date and debris rules
// every reader shares. Serves the arrow: corpus file -Reader-> Article.
#pragma once

#include "indexer/article.h"
#include "indexer/readers/corpus_reader.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace news::indexer {

inline constexpr std::size_t kMaxHeadlineChars = 150;      // longer first lines are prose
inline constexpr std::size_t kMaxDerivedTitleChars = 120;  // before the appended "…"

/// A display title and the article text it was taken from.
struct TitledBody {
    std::string title;
    bool title_derived = false;  // true when no headline was found (see split_headline)
    std::string body;
};

/// True if `date` is exactly "YYYY-MM-DD" and names a real day of the Gregorian calendar.
bool is_calendar_date(std::string_view date);


/// Removes page debris lines ("No items found.", "Read more", "In the same category" and the
/// related headline after it, ...; compared trimmed and ASCII case-insensitively), trims
/// trailing whitespace from every line, turns each run of blank lines into one blank line
/// (a paragraph break) and drops blank lines at both ends. Other text is kept byte for byte.
std::string clean_body(std::string_view text);

/// The first sentence of `body` with whitespace runs collapsed to one space. A sentence ends
/// at '.', '!' or '?' (plus closing quotes) before whitespace or the end, or at a blank line;
/// a '.' after a one-letter word, a dotted word ("U.S.") or a known abbreviation ("Mr.",
/// "Inc.") does not end it. Longer than kMaxDerivedTitleChars code points: cut at the last
/// word boundary within that many code points, then "…" appended.
std::string derive_title(std::string_view body);

/// Headline rule shared by all readers: the first non-empty line is the headline (and leaves
/// the body) if it is at most kMaxHeadlineChars code points, does not end in . ! ? or : and
/// more text follows it; with `markdown`, a first line "# Heading" always is (the '#'s are
/// stripped). Otherwise the title is derive_title(text) and the body is the whole text.
/// `text` should already have gone through clean_body().
TitledBody split_headline(std::string_view text, bool markdown = false);

/// Reads one raw text file (valid UTF-8): an optional leading "date YYYY-MM-DD" marker
/// (removed; an impossible date leaves the article undated with a warning), page debris,
/// then the headline rule. Sets title, title_derived, body and date; the caller sets id and
/// path. Returns nothing, with a rejected note at `where`, when no article text remains.
std::optional<Article> read_text(std::string_view content, const std::string& where,
                                 ReadReport& report);

}  // namespace news::indexer
