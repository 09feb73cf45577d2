#include "schema/gazetteer.h"

#include "schema/analyzer.h"
#include "schema/data_dir.h"
#include "schema/errors.h"

#include <algorithm>
#include <fstream>

namespace news::schema {
namespace fs = std::filesystem;
namespace {

std::vector<std::string> split(const std::string& line, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const auto at = line.find(sep, start);
        out.push_back(line.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) return out;
        start = at + 1;
    }
}

std::vector<std::string> read_lines(const fs::path& file) {
    std::vector<std::string> lines;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

std::optional<EntityKind> kind_of(const std::string& kind, std::string& place_type) {
    if (kind == "company") return EntityKind::Company;
    if (kind == "org") return EntityKind::Org;
    if (kind == "country" || kind == "state" || kind == "city" || kind == "region") {
        place_type = kind;
        return EntityKind::Place;
    }
    return std::nullopt;
}

// "Comcast@2018" -> "Comcast", 2018; "Thorn EMI@1979-1996" -> 1979, 1996; "Viacom@-2019".
DatedName dated(const std::string& text, const std::string& where) {
    const auto at = text.rfind('@');
    if (at == std::string::npos) return {text, 0, 0};
    DatedName d{text.substr(0, at), 0, 0};
    const std::string years = text.substr(at + 1);
    const auto dash = years.find('-');
    try {
        if (dash != 0) d.from = std::stoi(years.substr(0, dash));
        if (dash != std::string::npos && dash + 1 < years.size()) d.to = std::stoi(years.substr(dash + 1));
    } catch (const std::exception&) {
        throw Error(where + "'" + text + "': years after @ are FROM, FROM-TO or -TO (e.g. Viacom@1971-2019)");
    }
    return d;
}

// The parent column: "Germany", "Comcast@2018" (from 2018 on), or several separated by '|' of
// which at most one has no end year: "Germany|West Germany@1949-1990" is West Germany in those
// years and Germany in the others.
void read_parents(const std::string& column, const std::string& where, Entity& e) {
    if (column.empty()) return;
    for (const auto& text : split(column, '|')) {
        DatedName d = dated(text, where);
        if (d.to > 0) {
            e.period_parents.push_back(std::move(d));
        } else if (e.parent.empty()) {
            e.parent = d.name;
            e.parent_from = d.from;
        } else {
            throw Error(where + "'" + column + "': at most one parent without an end year "
                        "(e.g. Germany|West Germany@1949-1990)");
        }
    }
}

// The parent of `e` in `year` (0: undated): a period parent of that year, else the parent when
// it already holds; null for none.
const std::string* parent_in(const Entity& e, int year) {
    for (const auto& d : e.period_parents)
        if (d.covers(year)) return &d.name;
    if (e.parent.empty() || (e.parent_from > 0 && (year == 0 || year < e.parent_from))) return nullptr;
    return &e.parent;
}

}  // namespace

std::string_view to_string(EntityKind kind) {
    switch (kind) {
        case EntityKind::Company: return "company";
        case EntityKind::Org: return "org";
        case EntityKind::Place: return "place";
        case EntityKind::Person: return "person";
        case EntityKind::Year: return "year";
        case EntityKind::Money: return "money";
        case EntityKind::Percent: return "percent";
    }
    return "?";
}

std::string lower_ascii(std::string_view s) {
    std::string out{s};
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::unordered_set<std::string> load_word_list(const fs::path& file) {
    std::unordered_set<std::string> out;
    for (auto& line : read_lines(file))
        if (!line.empty() && line[0] != '#') out.insert(std::move(line));
    return out;
}

fs::path Gazetteer::default_dir() { return data_dir() / "gazetteers"; }

Gazetteer Gazetteer::load(const fs::path& dir) {
    if (!fs::is_directory(dir))
        throw Error(dir.string() + ": no gazetteer folder here; give a data folder with --data-dir DIR");
    Gazetteer g;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() == ".tsv" && !name.starts_with("reuters_")) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        std::size_t number = 0;
        for (const auto& line : read_lines(file)) {
            ++number;
            if (line.empty() || line[0] == '#') continue;
            const auto cols = split(line, '\t');
            const std::string where = file.string() + ":" + std::to_string(number) + ": ";
            if (cols.size() != 5 || cols[0].empty())
                throw Error(where + "expected 5 tab-separated columns: canonical, kind, parent, aliases, flags");
            Entity e;
            e.canonical = cols[0];
            const auto kind = kind_of(cols[1], e.place_type);
            if (!kind) throw Error(where + "unknown kind '" + cols[1] + "' (company, org, country, state, city, region)");
            e.kind = *kind;
            read_parents(cols[2], where, e);
            if (!cols[3].empty())
                for (const auto& alias : split(cols[3], '|')) {
                    DatedName d = dated(alias, where);
                    e.aliases.push_back(d.name);
                    if (d.from || d.to) e.dated_names.push_back(std::move(d));
                }
            e.ambiguous = cols[4].find("ambiguous") != std::string::npos;
            if (g.by_canonical_.contains(e.canonical)) throw Error(where + "'" + e.canonical + "' is defined twice");
            g.by_canonical_[e.canonical] = g.entities_.size();
            g.entities_.push_back(std::move(e));
        }
    }
    for (std::size_t i = 0; i < g.entities_.size(); ++i) {
        const Entity& e = g.entities_[i];
        std::vector<std::string> parents{e.parent};
        for (const auto& d : e.period_parents) parents.push_back(d.name);
        for (const auto& parent : parents)
            if (!parent.empty() && !g.by_canonical_.contains(parent))
                throw Error(dir.string() + ": parent '" + parent + "' of '" + e.canonical + "' is not an entry");
        g.by_folded_name_[fold(e.canonical)].push_back(i);
        for (const auto& alias : e.aliases) g.by_folded_name_[fold(alias)].push_back(i);
    }
    g.first_names_ = load_word_list(dir / "first_names.txt");
    g.ambiguous_first_names_ = load_word_list(dir / "first_names_ambiguous.txt");
    const auto titles = load_word_list(dir / "person_titles.txt");
    g.person_titles_.assign(titles.begin(), titles.end());
    g.nationalities_ = load_word_list(dir / "nationalities.txt");
    return g;
}

bool Gazetteer::is_nationality(std::string_view word) const {
    if (nationalities_.contains(std::string(word))) return true;
    return word.size() > 3 && word.back() == 's' && nationalities_.contains(std::string(word.substr(0, word.size() - 1)));
}

const Entity* Gazetteer::find(std::string_view canonical) const {
    const auto it = by_canonical_.find(std::string(canonical));
    return it == by_canonical_.end() ? nullptr : &entities_[it->second];
}

const Entity* Gazetteer::resolve(std::string_view name, std::optional<EntityKind> kind) const {
    const auto it = by_folded_name_.find(fold(name));
    if (it == by_folded_name_.end()) return nullptr;
    for (const std::size_t i : it->second)
        if (!kind || entities_[i].kind == *kind) return &entities_[i];
    return nullptr;
}

std::vector<const Entity*> Gazetteer::resolve_all(std::string_view name, std::optional<EntityKind> kind) const {
    std::vector<const Entity*> out;
    const auto it = by_folded_name_.find(fold(name));
    if (it == by_folded_name_.end()) return out;
    for (const std::size_t i : it->second)
        if ((!kind || entities_[i].kind == *kind) &&
            std::find(out.begin(), out.end(), &entities_[i]) == out.end())
            out.push_back(&entities_[i]);
    return out;
}

std::string Gazetteer::name_at(const Entity& e, int year, std::string_view written) const {
    for (const auto& d : e.dated_names)
        if (year > 0 ? d.covers(year) : lower_ascii(d.name) == lower_ascii(written)) return d.name;
    return e.canonical;
}

std::vector<std::string> Gazetteer::indexed_names(const Entity& e) const {
    std::vector<std::string> out{e.canonical};
    for (const auto& d : e.dated_names) out.push_back(d.name);
    return out;
}

const Entity* Gazetteer::find_named(std::string_view name) const {
    if (const Entity* e = find(name)) return e;
    const auto it = by_folded_name_.find(fold(name));
    if (it == by_folded_name_.end()) return nullptr;
    for (const std::size_t i : it->second)
        for (const auto& d : entities_[i].dated_names)
            if (d.name == name) return &entities_[i];
    return nullptr;
}

std::vector<std::string> Gazetteer::ancestors(std::string_view canonical, int year) const {
    std::vector<std::string> out;
    const Entity* e = find_named(canonical);
    while (e && out.size() < 16) {  // 16: a guard against a cycle in user data
        const std::string* parent = parent_in(*e, year);
        if (!parent) break;
        out.push_back(*parent);
        e = find(*parent);
    }
    return out;
}

std::vector<std::string> Gazetteer::relatives(std::string_view canonical) const {
    std::vector<std::string> out;
    std::vector<const Entity*> todo{find_named(canonical)};
    for (std::size_t i = 0; i < todo.size() && out.size() < 32; ++i) {  // 32: a guard against cycles in user data
        if (!todo[i]) continue;
        std::vector<const std::string*> parents;
        if (!todo[i]->parent.empty()) parents.push_back(&todo[i]->parent);
        for (const auto& d : todo[i]->period_parents) parents.push_back(&d.name);
        for (const std::string* p : parents) {
            if (*p == canonical || std::find(out.begin(), out.end(), *p) != out.end()) continue;
            out.push_back(*p);
            todo.push_back(find(*p));
        }
    }
    return out;
}

}  // namespace news::schema
