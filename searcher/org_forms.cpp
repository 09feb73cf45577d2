#include "searcher/org_forms.h"

#include "schema/fields.h"
#include "searcher/stored_values.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace news::searcher {
namespace {

// The articles with both terms, counted until `enough`: the longer name's postlist, each
// article looked up in the shorter one's.
Xapian::doccount shared_articles(const Xapian::Database& db, const std::string& longer, const std::string& shorter,
                                 Xapian::doccount enough) {
    Xapian::doccount both = 0, left = db.get_termfreq(longer);
    auto other = db.postlist_begin(shorter);
    for (auto d = db.postlist_begin(longer); d != db.postlist_end(longer) && both + left >= enough; ++d, --left) {
        other.skip_to(*d);
        if (other == db.postlist_end(shorter)) break;
        if (*other == *d && ++both >= enough) break;
    }
    return both;
}

// Union-find over value positions, each set named by its root.
struct Sets {
    std::vector<std::size_t> parent;
    explicit Sets(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    std::size_t root(std::size_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }
    void join(std::size_t a, std::size_t b) { parent[root(a)] = root(b); }
};

std::size_t word_count(const std::string& value) { return 1 + std::count(value.begin(), value.end(), ' '); }

}  // namespace

OrgForms::OrgForms(const std::vector<std::pair<std::string, Xapian::doccount>>& values, const Listed& listed,
                   const Shared& shared) {
    std::unordered_map<std::string, std::size_t> unlisted;  // value -> its position in `values`
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!listed(values[i].first)) unlisted.emplace(values[i].first, i);
    Sets sets{values.size()};
    for (const auto& [value, i] : unlisted) {
        const Xapian::doccount articles = values[i].second;
        const auto enough = std::max(kMinShared, static_cast<Xapian::doccount>(std::ceil(kMinShare * articles)));
        if (articles < enough) continue;
        // Each shorter name it adds whole words to: the value cut before each of its spaces.
        for (auto space = value.find(' '); space != std::string::npos; space = value.find(' ', space + 1)) {
            const auto shorter = unlisted.find(value.substr(0, space));
            if (shorter == unlisted.end() || values[shorter->second].second < enough) continue;
            if (shared(value, shorter->first, enough) >= enough) sets.join(i, shorter->second);
        }
    }
    std::unordered_map<std::size_t, std::vector<std::size_t>> groups;  // root -> members
    for (const auto& [value, i] : unlisted) groups[sets.root(i)].push_back(i);
    for (auto& [root, members] : groups) {
        if (members.size() < 2) continue;
        // The form most articles use; among equals the fewest words, then the first in byte order.
        const std::size_t best = *std::min_element(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
            if (values[a].second != values[b].second) return values[a].second > values[b].second;
            const std::size_t wa = word_count(values[a].first), wb = word_count(values[b].first);
            return wa != wb ? wa < wb : values[a].first < values[b].first;
        });
        std::vector<std::string>& forms = forms_[values[best].first];
        for (const std::size_t m : members) {
            forms.push_back(values[m].first);
            if (m != best) shown_.emplace(values[m].first, values[best].first);
        }
        std::sort(forms.begin(), forms.end());
    }
}

OrgForms::OrgForms(const Xapian::Database& db, const schema::Field& field, const Listed& listed)
    : OrgForms(field_values(db, field), listed,
               [&db, prefix = std::string(field.prefix)](const std::string& longer, const std::string& shorter,
                                                          Xapian::doccount enough) {
                   return shared_articles(db, prefix + longer, prefix + shorter, enough);
               }) {
    for (const auto& [shown, forms] : forms_) written_.emplace(shown, written_value(db, field, shown));
}

const std::string* OrgForms::shown(const std::string& value) const {
    const auto it = shown_.find(value);
    return it == shown_.end() ? nullptr : &it->second;
}

std::vector<std::string> OrgForms::forms(const std::string& value) const {
    const std::string* to = shown(value);
    const auto it = forms_.find(to ? *to : value);
    return it == forms_.end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> OrgForms::attach(const std::vector<std::string>& values) const {
    if (shown_.empty()) return values;
    std::set<std::string> out;
    for (const auto& value : values) {
        const std::string* to = shown(schema::normalize_filter_value(value));
        const auto written = to ? written_.find(*to) : written_.end();
        out.insert(written == written_.end() ? value : written->second);
    }
    return {out.begin(), out.end()};
}

}  // namespace news::searcher
