#include "schema/fields.h"

#include "schema/errors.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace news::schema {

const Field& field(FieldId id) {
    for (const auto& f : kFields)
        if (f.id == id) return f;
    throw Error("schema: field id missing from kFields");
}

const Field* find_field(std::string_view name) {
    for (const auto& f : kFields)
        if (f.name == name) return &f;
    return nullptr;
}

std::string_view closest_field(std::string_view name) {
    // Levenshtein distance, case-insensitive, one row at a time.
    auto distance = [](std::string_view a, std::string_view b) {
        std::vector<std::size_t> row(b.size() + 1);
        for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
        for (std::size_t i = 1; i <= a.size(); ++i) {
            std::size_t diagonal = row[0];
            row[0] = i;
            for (std::size_t j = 1; j <= b.size(); ++j) {
                const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) == b[j - 1];
                const std::size_t next = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
                diagonal = row[j];
                row[j] = next;
            }
        }
        return row[b.size()];
    };
    std::string_view best = kFields.front().name;
    std::size_t best_distance = distance(name, best);
    for (const auto& f : kFields)
        if (const std::size_t d = distance(name, f.name); d < best_distance) {
            best = f.name;
            best_distance = d;
        }
    return best;
}

std::string normalize_filter_value(std::string_view value) { return fold(value); }

std::string word_term(const Field& f, const Token& token) {
    std::string term{f.prefix};
    if (token.acronym) return term.append(kAcronymMark).append(token.term);
    return term.append(token.stem.empty() ? token.term : token.stem);
}

std::string describe() {
    std::string out = "field         prefix  kind       slot  facet  multi  meaning\n";
    char line[256];
    for (const auto& f : kFields) {
        const std::string slot_text = f.slot == kNoSlot ? "-" : std::to_string(f.slot);
        std::snprintf(line, sizeof line, "%-13s %-7s %-10s %-5s %-6s %-6s %s\n",
                      std::string(f.name).c_str(),
                      f.prefix.empty() ? "(none)" : std::string(f.prefix).c_str(),
                      f.kind == Kind::FreeText ? "free-text" : "filter", slot_text.c_str(),
                      f.facet ? "yes" : "no", f.multi ? "yes" : "no", std::string(f.help).c_str());
        out += line;
    }
    out += "schema version " + std::to_string(kSchemaVersion) + "\n";
    return out;
}

}  // namespace news::schema
