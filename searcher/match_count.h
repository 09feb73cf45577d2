// The exact number of articles a query matches, counted from its terms' posting lists beside
// Xapian's matcher: the total of a page that the matcher ranks with early termination.
//
// Why: Xapian 1.4 counts exactly only by treating every match as a candidate for the page
// (get_mset's checkatleast keeps its minimum weight at 0 until that many were seen), several
// times the cost of reading the posting lists, whatever the weighting scheme
// (docs/architecture.md, Counting the matches).
#pragma once

#include <xapian.h>

#include <optional>

namespace news::searcher {

/// How many articles `query` matches, when at most `limit`; `limit` + 1 when more (counting
/// stops there). Nothing when the query has a part this cannot count from posting lists alone
/// (phrases, NEAR, wildcards, value ranges, posting sources, ELITE_SET): the caller asks Xapian.
/// Counts terms under AND, OR, SYNONYM, MAX, AND_NOT, FILTER, AND_MAYBE (its left side) and
/// SCALE_WEIGHT: the articles Xapian's matcher would match, weights playing no part.
std::optional<Xapian::doccount> count_matches_upto(const Xapian::Database& db, const Xapian::Query& query,
                                                   Xapian::doccount limit);

}  // namespace news::searcher
