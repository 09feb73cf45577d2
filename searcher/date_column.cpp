#include "searcher/date_column.h"

#include "schema/fields.h"

namespace news::searcher {

std::optional<DateColumn> DateColumn::read(const Xapian::Database& db) {
    if (db.size() != 1) return std::nullopt;
    DateColumn column;
    column.bytes_.assign((static_cast<std::size_t>(db.get_lastdocid()) + 1) * kWidth, '\0');
    for (auto v = db.valuestream_begin(schema::slot::kInstant); v != db.valuestream_end(schema::slot::kInstant); ++v) {
        const std::string value = *v;
        if (value.size() != kWidth || value[0] == '\0') return std::nullopt;
        column.bytes_.replace(static_cast<std::size_t>(v.get_docid()) * kWidth, kWidth, value);
    }
    return column;
}

}  // namespace news::searcher
