#include "searcher/stored_values.h"

#include "schema/document_layout.h"

#include <string_view>

namespace news::searcher {

std::vector<std::pair<std::string, Xapian::doccount>> field_values(const Xapian::Database& db,
                                                                   const schema::Field& field) {
    const std::string prefix{field.prefix};
    std::vector<std::pair<std::string, Xapian::doccount>> out;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
        out.emplace_back((*t).substr(prefix.size()), t.get_termfreq());
    return out;
}

std::string written_value(const Xapian::Database& db, const schema::Field& field, const std::string& value) {
    const std::string term = std::string(field.prefix) + value;
    const auto first = db.postlist_begin(term);
    if (field.slot == schema::kNoSlot || first == db.postlist_end(term)) return value;
    const std::string slot = db.get_document(*first).get_value(field.slot);
    std::string_view joined = slot;
    while (!joined.empty()) {
        const auto nl = joined.find('\n');
        const std::string_view written = joined.substr(0, nl);
        if (schema::term(field, written) == term) return std::string(written);
        if (nl == std::string_view::npos) break;
        joined.remove_prefix(nl + 1);
    }
    return value;
}

}  // namespace news::searcher
