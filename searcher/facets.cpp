#include "searcher/facets.h"

#include <algorithm>
#include <string_view>

namespace news::searcher {

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    const std::string value = doc.get_value(slot_);
    if (value.empty()) {
        ++missing_;
        return;
    }
    // Values in a slot are sorted and unique per document (the indexer writes them so), so
    // each one is counted once per article however often the article mentions it.
    std::string_view rest = value;
    while (!rest.empty()) {
        const auto nl = rest.find('\n');
        ++counts_[std::string(rest.substr(0, nl))];
        if (nl == std::string_view::npos) break;
        rest.remove_prefix(nl + 1);
    }
}

Facet FacetSpy::result(const std::string& field, std::size_t limit) const {
    Facet f;
    f.field = field;
    f.missing = missing_;
    f.distinct = counts_.size();
    for (const auto& [value, count] : counts_) f.values.push_back({value, count});
    std::stable_sort(f.values.begin(), f.values.end(),
                     [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
    if (f.values.size() > limit) f.values.resize(limit);
    return f;
}

}  // namespace news::searcher
