#include "searcher/request.h"

#include "searcher/render.h"

namespace news::searcher {

std::optional<std::pair<std::string, std::string>> parse_filter(std::string_view text) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0) return std::nullopt;
    return std::pair{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

std::optional<SortOrder> parse_sort(std::string_view name) {
    if (name == "relevance") return SortOrder::Relevance;
    if (name == "date") return SortOrder::Date;
    if (name == "date-asc") return SortOrder::DateAsc;
    return std::nullopt;
}

std::string search_json(Searcher& searcher, const SearchRequest& request) {
    return render_json(searcher.search(request));
}

}  // namespace news::searcher
