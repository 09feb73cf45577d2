#include "server/params.h"

#include "server/request_error.h"
#include "searcher/request.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace news::server {
namespace {

std::string known_list(std::span<const std::string_view> known) {
    std::string out;
    for (const auto name : known) out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

bool boolean(const Params& params, const std::string& name) {
    const auto value = single(params, name);
    if (!value) return false;
    if (value->empty() || *value == "1" || *value == "true") return true;
    if (*value == "0" || *value == "false") return false;
    throw RequestError(400, name, name + ": expected true or false, not '" + *value + "'");
}

}  // namespace

void check_known(const Params& params, std::span<const std::string_view> known) {
    for (const auto& [name, value] : params)
        if (std::find(known.begin(), known.end(), name) == known.end())
            throw RequestError(400, name, "unknown parameter '" + name + "'; this route takes " +
                                              (known.empty() ? std::string("none") : known_list(known)));
}

std::optional<std::string> single(const Params& params, const std::string& name) {
    const auto [first, last] = params.equal_range(name);
    if (first == last) return std::nullopt;
    return std::prev(last)->second;
}

long long integer(const Params& params, const std::string& name, long long min, long long max, long long fallback) {
    const auto value = single(params, name);
    if (!value) return fallback;
    long long n = 0;
    const auto* end = value->data() + value->size();
    const auto [stop, error] = std::from_chars(value->data(), end, n);
    if (error != std::errc{} || stop != end || value->empty())
        throw RequestError(400, name, name + ": expected a whole number from " + std::to_string(min) + " to " +
                                          std::to_string(max) + ", not '" + *value + "'");
    if (n < min || n > max)
        throw RequestError(400, name, name + ": " + *value + " is out of range; give a number from " +
                                          std::to_string(min) + " to " + std::to_string(max));
    return n;
}

searcher::SearchRequest search_request(const Params& params, const ApiLimits& limits) {
    using namespace news::searcher;
    SearchRequest req;
    req.query = single(params, "q").value_or("");
    if (req.query.size() > limits.max_query_bytes)
        throw RequestError(413, "q", "q: the query is " + std::to_string(req.query.size()) + " bytes long; at most " +
                                         std::to_string(limits.max_query_bytes) + " are searched");
    const auto [first, last] = params.equal_range("filter");
    for (auto it = first; it != last; ++it) {
        auto filter = parse_filter(it->second);
        if (!filter) throw RequestError(400, "filter", "filter " + it->second + ": expected FIELD=VALUE");
        req.filters.push_back(std::move(*filter));
    }
    const auto [facets_begin, facets_end] = params.equal_range("facet");
    for (auto it = facets_begin; it != facets_end; ++it) {
        std::string_view list = it->second;
        while (!list.empty()) {
            const auto comma = list.find(',');
            const auto name = list.substr(0, comma);
            if (!name.empty()) req.facets.emplace_back(name);
            list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
        }
    }
    req.limit = integer(params, "limit", kLimitRange.min, std::min(kLimitRange.max, limits.max_limit), 10);
    req.offset = integer(params, "offset", kOffsetRange.min, std::min(kOffsetRange.max, limits.max_offset), 0);
    req.facet_limit = integer(params, "facet_limit", kFacetLimitRange.min,
                              std::min(kFacetLimitRange.max, limits.max_facet_limit), 10);
    req.snippet_length = integer(params, "snippet_length", kSnippetLengthRange.min, kSnippetLengthRange.max, 240);
    if (const auto sort = single(params, "sort")) {
        const auto order = parse_sort(*sort);
        if (!order) throw RequestError(400, "sort", "sort: expected relevance, date or date-asc, not '" + *sort + "'");
        req.sort = *order;
    }
    req.any_word = boolean(params, "any");
    req.collapse = boolean(params, "collapse");
    req.respell = !boolean(params, "as_typed");
    if (const auto expand = single(params, "expand")) req.expand = boolean(params, "expand") ? Expand::On : Expand::Off;
    if (const auto recent = single(params, "recent")) {
        char* end = nullptr;
        const double days = std::strtod(recent->c_str(), &end);
        if (recent->empty() || *end != '\0' || !std::isfinite(days) || days <= 0 || days > kMaxRecentDays)
            throw RequestError(400, "recent", "recent: DAYS must be a number of days over 0 and at most 1000000, not " +
                                                  *recent);
        req.recency_half_life = days;
    }
    req.similar_to = single(params, "similar").value_or("");
    return req;
}

}  // namespace news::server
