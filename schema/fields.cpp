#include "schema/fields.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <stdexcept>

namespace news::schema {

const Field& field(FieldId id) {
    for (const auto& f : kFields)
        if (f.id == id) return f;
    throw std::logic_error("schema: field id missing from kFields");
}

const Field* find_field(std::string_view name) {
    for (const auto& f : kFields)
        if (f.name == name) return &f;
    return nullptr;
}

std::string normalize_filter_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (const char c : value) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string word_term(const Field& f, const Token& token) {
    std::string term{f.prefix};
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
