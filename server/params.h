// Query parameters -> a SearchRequest, checked: each bad value is a RequestError naming its
// parameter, with the limits of searcher/request.h and the server's ApiLimits.
#pragma once

#include "server/api.h"
#include "searcher/search.h"

#include <array>
#include <span>
#include <optional>
#include <string>
#include <string_view>

namespace news::server {

/// Refuses a parameter not in `known` (a misspelt "fiter=" would otherwise be ignored).
void check_known(const Params& params, std::span<const std::string_view> known);

/// The last value of `name`, or nullopt.
std::optional<std::string> single(const Params& params, const std::string& name);

/// An integer parameter within [min, max], or `fallback` when absent.
long long integer(const Params& params, const std::string& name, long long min, long long max, long long fallback);

/// The parameters of a search (docs/server.md, /api/search) as the request newsdex-search
/// would build from the same options.
searcher::SearchRequest search_request(const Params& params, const ApiLimits& limits);

/// The parameters /api/search accepts.
inline constexpr std::array<std::string_view, 14> kSearchParams = {
    "q", "filter", "facet", "facet_limit", "sort", "offset", "limit", "any", "recent",
    "collapse", "similar", "as_typed", "expand", "snippet_length"};

}  // namespace news::server
