#include "searcher/surnames.h"

#include "schema/analyzer.h"
#include "schema/document_layout.h"
#include "schema/entities.h"
#include "schema/fields.h"
#include "searcher/stored_values.h"

#include <algorithm>
#include <set>
#include <string_view>

namespace news::searcher {

SurnameAttachment::SurnameAttachment(const std::vector<std::pair<std::string, Xapian::doccount>>& values) {
    struct Candidates {
        Xapian::doccount total = 0, best = 0;
        std::string best_name;
        bool lone = false;  // some article has the surname alone
    };
    std::unordered_map<std::string, Candidates> by_surname;
    for (const auto& [value, articles] : values) {
        const std::string surname = schema::surname_of(value);
        Candidates& c = by_surname[surname];
        if (surname == value) {
            c.lone = true;
            continue;
        }
        c.total += articles;
        // The most articles; among equals the first in term order, so the choice is stable.
        if (articles > c.best) c.best = articles, c.best_name = value;
    }
    for (const auto& [surname, c] : by_surname)
        if (c.lone && c.best >= kMinArticles && c.best >= kMinShare * c.total) full_.emplace(surname, c.best_name);
}

SurnameAttachment::SurnameAttachment(const Xapian::Database& db)
    : SurnameAttachment(field_values(db, schema::field(schema::FieldId::Person))) {
    const schema::Field& person = schema::field(schema::FieldId::Person);
    for (const auto& [surname, full] : full_) written_.emplace(full, written_value(db, person, full));
}

const std::string* SurnameAttachment::full_name(const std::string& surname) const {
    const auto it = full_.find(surname);
    return it == full_.end() ? nullptr : &it->second;
}

std::vector<std::string> SurnameAttachment::surnames(const std::string& full_name) const {
    std::vector<std::string> out;
    for (const auto& [surname, full] : full_)
        if (full == full_name) out.push_back(surname);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> SurnameAttachment::attach(const std::vector<std::string>& people) const {
    if (full_.empty()) return people;
    std::set<std::string> out;
    for (const auto& name : people) {
        const auto it = full_.find(schema::fold(name));
        const auto written = it == full_.end() ? written_.end() : written_.find(it->second);
        out.insert(written == written_.end() ? name : written->second);
    }
    return {out.begin(), out.end()};
}

}  // namespace news::searcher
