// What both front ends (newsdex-search's options, newsdex-serve's query parameters) share on the
// way to Searcher::search(): the limits of each setting, the parsing of --filter and --sort, and
// the one call that answers a request with the JSON document of docs/json.md.
#pragma once

#include "searcher/search.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace news::searcher {

/// The accepted range of a numeric setting, inclusive.
struct Range {
    long long min, max;
};
inline constexpr Range kLimitRange{0, 10000};          // --limit
inline constexpr Range kOffsetRange{0, 10000000};      // --offset
inline constexpr Range kFacetLimitRange{1, 10000};     // --facet-limit
inline constexpr Range kSnippetLengthRange{20, 100000};  // --snippet-length
inline constexpr Range kCountLimitRange{0, 4294967295};  // --count-limit (0: no limit)
inline constexpr double kMaxRecentDays = 1e6;          // --recent: over 0, at most this

/// "company=Amazon" -> {"company", "Amazon"}; nullopt without a '=' after a field name.
std::optional<std::pair<std::string, std::string>> parse_filter(std::string_view text);

/// "relevance", "date", "date-asc" -> the order; nullopt for anything else.
std::optional<SortOrder> parse_sort(std::string_view name);

/// The search as newsdex-search --json prints it (render_json()).
/// @throws what Searcher::search() throws.
std::string search_json(Searcher& searcher, const SearchRequest& request);

}  // namespace news::searcher
