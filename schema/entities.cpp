#include "schema/entities.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <unordered_set>

namespace news::schema {
namespace {

// Words near an ambiguous name that say it is the company ("Apple said", "Amazon shares").
const std::unordered_set<std::string> kCompanyCues{
    "inc", "corp", "co", "ltd", "llc", "plc", "company", "companies", "firm", "shares", "stock", "stocks",
    "ceo", "chief", "executive", "executives", "announced", "said", "says", "reported", "revenue", "sales",
    "earnings", "profit", "acquire", "acquired", "acquisition", "deal", "customers", "employees", "workers",
    "staff", "cloud", "e-commerce", "commerce", "tech", "technology", "giant", "subsidiary", "division",
    "investors", "nasdaq", "nyse", "quarter", "services", "platform", "app", "software", "hire", "hiring",
    "layoffs", "jobs", "retailer", "startup", "rival", "rivals", "offer", "offers", "unit", "owned", "products",
    "video", "meetings", "store", "stores", "prime", "devices", "iphone", "founder", "board", "billion", "million"};
// Words that say it is not: Amazon the river, Apple the fruit.
const std::unordered_set<std::string> kNotCompanyCues{
    "river", "rainforest", "forest", "basin", "jungle", "fruit", "fruits", "juice", "pie", "orchard", "tree",
    "trees", "tribe", "tribes", "warrior", "warriors", "mythology", "rain", "cider"};
const std::unordered_set<std::string> kPlacePrepositions{
    "in", "at", "from", "to", "near", "across", "throughout", "outside", "inside", "into", "via", "of"};
// Capitalised words that start sentences or name times, never people.
const std::unordered_set<std::string> kNotNameWords{
    "The", "This", "That", "These", "Those", "A", "An", "In", "On", "At", "For", "But", "And", "Or", "If",
    "When", "While", "After", "Before", "Despite", "However", "Thanks", "Last", "Next", "Our", "We", "It",
    "Its", "He", "She", "They", "His", "Her", "Their", "As", "By", "With", "From", "To", "Of", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "June", "July", "August", "September", "October", "November", "December", "Mr", "Mrs", "Ms",
    "Dr", "President", "Chairman", "Minister", "Secretary", "Senator", "Governor", "Inc", "Corp", "Ltd",
    "Co", "Group", "Bank", "Street", "Road", "Avenue", "University", "Department", "Ministry"};
// Endings of organisation names not in the dictionary: "Allegheny International Inc".
const std::unordered_set<std::string> kLegalSuffixes{"Inc", "Corp", "Corporation", "Co", "Ltd", "LLC", "PLC",
                                                     "Plc", "AG", "SA", "NV", "GmbH", "Group", "Bank",
                                                     "Holdings", "Bancorp"};
const std::unordered_set<std::string> kDroppedSuffixes{"Inc", "Corp", "Corporation", "Co", "Ltd", "LLC", "PLC",
                                                       "Plc", "AG", "SA", "NV", "GmbH"};

struct Scale {
    const char* word;
    double factor;
};
constexpr Scale kScales[] = {{"thousand", 1e3}, {"million", 1e6}, {"mln", 1e6},       {"billion", 1e9},
                             {"bln", 1e9},      {"bn", 1e9},      {"trillion", 1e12}, {"m", 1e6}};
struct Currency {
    const char* word;
    const char* code;
};
constexpr Currency kCurrencyWords[] = {
    {"dollars", "USD"}, {"dollar", "USD"}, {"dlrs", "USD"},  {"dlr", "USD"},   {"euros", "EUR"},
    {"euro", "EUR"},    {"pounds", "GBP"}, {"stg", "GBP"},   {"sterling", "GBP"}, {"yen", "JPY"},
    {"marks", "DEM"},   {"francs", "FRF"}, {"yuan", "CNY"},  {"rupees", "INR"}, {"lire", "ITL"}};
struct Symbol {
    const char* symbol;
    const char* code;
};
constexpr Symbol kCurrencySymbols[] = {{"US$", "USD"}, {"$", "USD"}, {"\u20AC", "EUR"}, {"\u00A3", "GBP"},
                                       {"\u00A5", "JPY"}};

struct Word {  // a non-compound token with its surface, as the rules see it
    const Token* token;
    std::string surface;  // the text slice, possessive dropped: "Bezos’" -> "Bezos"
    std::size_t index;    // into the part's token vector
};

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

bool capitalised(const std::string& s) { return !s.empty() && is_upper(s[0]); }

bool all_caps(const std::string& s) {
    int letters = 0;
    for (const char c : s) {
        if (is_lower(c)) return false;
        letters += is_upper(c);
    }
    return letters >= 2;
}

std::string strip_possessive(std::string s) {
    for (const std::string_view tail : {"\u2019s", "'s", "\u2019", "'"})
        if (s.size() > tail.size() && s.ends_with(tail)) return s.substr(0, s.size() - tail.size());
    return s;
}

std::string upper_ascii(std::string s) {
    for (auto& c : s)
        if (is_lower(c)) c = static_cast<char>(c - 'a' + 'A');
    return s;
}

// Does the text as written fit the dictionary name's case? "AWS" only as AWS; "Amazon" as
// Amazon or AMAZON; lower-case words of a name ("of", "com") in any case.
bool shape_fits(const std::string& shape, const std::string& surface) {
    if (all_caps(shape)) return surface == shape;
    if (capitalised(shape)) return surface == shape || surface == upper_ascii(shape);
    return true;
}

// What separates two words of one name: spaces, or the dot/dash/ampersand inside it.
bool joinable_gap(std::string_view gap) {
    if (gap == "\n") return true;  // a name wrapped onto the next line ("Clayton\nYeutter")
    if (gap.size() > 3) return false;
    for (const char c : gap)
        if (!(c == ' ' || c == '.' || c == '-' || c == '&' || c == '\'')) return false;
    return true;
}

std::vector<Word> words_of(const TextPart& part) {
    std::vector<Word> words;
    for (std::size_t i = 0; i < part.tokens.size(); ++i) {
        const Token& t = part.tokens[i];
        if (t.compound) continue;
        words.push_back({&t, strip_possessive(std::string(part.text.substr(t.begin, t.end - t.begin))), i});
    }
    return words;
}

std::string gap_between(const TextPart& part, const Word& a, const Word& b) {
    return std::string(part.text.substr(a.token->end, b.token->begin - a.token->end));
}

}  // namespace

EntityExtractor::EntityExtractor(const Gazetteer& gazetteer, const Analyzer& analyzer) : gazetteer_(gazetteer) {
    for (std::size_t i = 0; i < gazetteer.entities().size(); ++i) {
        const Entity& e = gazetteer.entities()[i];
        std::vector<std::string> names{e.canonical};
        names.insert(names.end(), e.aliases.begin(), e.aliases.end());
        for (const auto& name : names) {
            Pattern p{{}, {}, i};
            for (const auto& t : analyzer.analyze(name)) {
                if (t.compound) continue;
                p.terms.push_back(t.term);
                p.shapes.push_back(strip_possessive(name.substr(t.begin, t.end - t.begin)));
            }
            // One-letter names ("X") would match everywhere; they need an explicit longer alias.
            if (p.terms.empty() || (p.terms.size() == 1 && p.shapes[0].size() < 2)) continue;
            patterns_[p.terms.front()].push_back(std::move(p));
        }
    }
    for (auto& [term, list] : patterns_)
        std::stable_sort(list.begin(), list.end(),
                         [](const Pattern& a, const Pattern& b) { return a.terms.size() > b.terms.size(); });
    for (const auto& title : gazetteer.person_titles()) {
        std::string t = lower_ascii(title);
        if (!t.empty() && t.back() == '.') t.pop_back();
        title_words_[t] = static_cast<std::size_t>(std::count(t.begin(), t.end(), ' ') + 1);
    }
}

std::vector<EntityMention> EntityExtractor::extract(const std::vector<TextPart>& parts) const {
    struct Found {
        EntityMention mention;
        std::size_t part, first, last;  // word range in that part
        bool tentative = false;         // an ambiguous name, waiting for context
        std::size_t entity = 0;
    };
    std::vector<Found> found;
    std::vector<std::vector<Word>> all_words;
    std::vector<std::vector<bool>> taken;
    const auto& entities = gazetteer_.entities();

    auto mention = [&](EntityKind kind, std::string canonical, const TextPart& part, const Word& a, const Word& b) {
        EntityMention m;
        m.kind = kind;
        m.canonical = std::move(canonical);
        m.field = std::string(part.field);
        m.begin = a.token->begin;
        m.end = b.token->begin + b.surface.size();
        m.surface = std::string(part.text.substr(m.begin, m.end - m.begin));
        return m;
    };

    // 1. Dictionary names, longest match first; ambiguous ones stay tentative.
    for (std::size_t p = 0; p < parts.size(); ++p) {
        all_words.push_back(words_of(parts[p]));
        const auto& words = all_words.back();
        taken.emplace_back(words.size(), false);
        for (std::size_t i = 0; i < words.size(); ++i) {
            const auto it = patterns_.find(words[i].token->term);
            if (it == patterns_.end()) continue;
            for (const Pattern& pat : it->second) {
                const std::size_t n = pat.terms.size();
                if (i + n > words.size()) continue;
                bool ok = true;
                for (std::size_t k = 0; k < n && ok; ++k) {
                    ok = words[i + k].token->term == pat.terms[k] && shape_fits(pat.shapes[k], words[i + k].surface);
                    if (ok && k > 0) ok = joinable_gap(gap_between(parts[p], words[i + k - 1], words[i + k]));
                }
                if (!ok) continue;
                const Entity& e = entities[pat.entity];
                // "US $ 700", "HK$": a country name before a dollar sign marks the currency.
                if (e.kind == EntityKind::Place &&
                    parts[p].text.substr(words[i + n - 1].token->end).find_first_not_of(' ') ==
                        parts[p].text.substr(words[i + n - 1].token->end).find('$'))
                    continue;
                Found f{mention(e.kind, e.canonical, parts[p], words[i], words[i + n - 1]), p, i, i + n - 1,
                        e.ambiguous, pat.entity};
                found.push_back(std::move(f));
                for (std::size_t k = i; k < i + n; ++k) taken.back()[k] = true;
                i += n - 1;
                break;
            }
        }
    }

    // 2. Context for ambiguous names: a sure mention of the same family, cue words nearby,
    //    a list of other companies, a place preposition or a dateline.
    auto family = [&](const std::string& a, const std::string& b) {
        if (a == b) return true;
        for (const auto& up : gazetteer_.ancestors(a))
            if (up == b) return true;
        for (const auto& up : gazetteer_.ancestors(b))
            if (up == a) return true;
        return false;
    };
    auto near_terms = [&](const Found& f, std::size_t radius) {
        std::vector<std::string> out;
        const auto& words = all_words[f.part];
        const std::size_t lo = f.first > radius ? f.first - radius : 0;
        for (std::size_t k = lo; k < std::min(words.size(), f.last + radius + 1); ++k)
            if (k < f.first || k > f.last) out.push_back(words[k].token->term);
        return out;
    };
    for (auto& f : found) {
        if (!f.tentative) continue;
        const Entity& e = entities[f.entity];
        bool sure = false, blocked = false;
        for (const auto& other : found)
            if (!other.tentative && family(other.mention.canonical, e.canonical)) sure = true;
        for (const auto& t : near_terms(f, 6)) {
            if (kNotCompanyCues.contains(t)) blocked = true;
            if (e.kind != EntityKind::Place && kCompanyCues.contains(t)) sure = true;
        }
        if (e.kind == EntityKind::Place) {
            const auto& words = all_words[f.part];
            if (f.first > 0 && kPlacePrepositions.contains(words[f.first - 1].token->term)) sure = true;
            // Dateline: "WASHINGTON, March 3 - ..." at the start of the text.
            if (f.mention.begin < 3 && all_caps(words[f.first].surface)) sure = true;
        } else {
            for (const auto& other : found)
                if (&other != &f && !other.tentative && other.part == f.part && other.mention.kind == e.kind &&
                    (other.last + 3 >= f.first && other.first <= f.last + 3))
                    sure = true;  // "Microsoft, Google and Zoom"
        }
        f.tentative = !(sure && !blocked);
    }
    std::erase_if(found, [&](const Found& f) {
        if (!f.tentative) return false;
        for (std::size_t k = f.first; k <= f.last; ++k) taken[f.part][k] = false;
        return true;
    });

    // 3. Organisations not in the dictionary: capitalised words ending in a legal suffix.
    for (std::size_t p = 0; p < parts.size(); ++p) {
        const auto& words = all_words[p];
        for (std::size_t i = 1; i < words.size(); ++i) {
            if (taken[p][i] || !kLegalSuffixes.contains(words[i].surface)) continue;
            std::size_t first = i;
            while (first > 0 && i - first < 5 && !taken[p][first - 1] && capitalised(words[first - 1].surface) &&
                   !kNotNameWords.contains(words[first - 1].surface) &&
                   joinable_gap(gap_between(parts[p], words[first - 1], words[first])))
                --first;
            if (first == i) continue;
            std::string name;
            const std::size_t name_end = kDroppedSuffixes.contains(words[i].surface) ? i : i + 1;
            for (std::size_t k = first; k < name_end; ++k) name += (name.empty() ? "" : " ") + words[k].surface;
            const Entity* known = gazetteer_.resolve(name);
            Found f{mention(known ? known->kind : EntityKind::Company, known ? known->canonical : name, parts[p],
                            words[first], words[i]),
                    p, first, i};
            found.push_back(std::move(f));
            for (std::size_t k = first; k <= i; ++k) taken[p][k] = true;
        }
    }

    // 4. People: a first name or a title before a run of capitalised words; later, the
    //    surname alone refers back to the full name.
    auto title_before = [&](const std::vector<Word>& words, std::size_t i) {
        std::string phrase;
        for (std::size_t n = 1; n <= 3 && n <= i; ++n) {
            phrase = lower_ascii(words[i - n].surface) + (phrase.empty() ? "" : " " + phrase);
            if (title_words_.contains(phrase)) return true;
        }
        return false;
    };
    std::vector<std::pair<std::string, std::string>> surnames;  // surname -> full name
    for (std::size_t p = 0; p < parts.size(); ++p) {
        const auto& words = all_words[p];
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (taken[p][i] || !capitalised(words[i].surface) || kNotNameWords.contains(words[i].surface)) continue;
            std::size_t last = i;
            while (last + 1 < words.size() && last - i < 3 && !taken[p][last + 1] &&
                   capitalised(words[last + 1].surface) && !kNotNameWords.contains(words[last + 1].surface) &&
                   (gap_between(parts[p], words[last], words[last + 1]) == " " ||
                    gap_between(parts[p], words[last], words[last + 1]) == "\n"))
                ++last;
            const bool first_name = gazetteer_.is_first_name(words[i].surface);
            const bool titled = title_before(words, i);
            const bool ok = (first_name && last > i) || (titled && (last > i || !gazetteer_.is_first_name(words[i].surface)));
            if (!ok) {
                // "Exchequer Nigel Lawson": a first name later in the run may still start a name.
                std::size_t next = last;
                for (std::size_t k = i + 1; k < last && next == last; ++k)
                    if (gazetteer_.is_first_name(words[k].surface)) next = k - 1;
                i = next;
                continue;
            }
            std::string name;
            for (std::size_t k = i; k <= last; ++k) name += (name.empty() ? "" : " ") + words[k].surface;
            found.push_back({mention(EntityKind::Person, name, parts[p], words[i], words[last]), p, i, last});
            if (last > i) surnames.emplace_back(words[last].surface, name);
            for (std::size_t k = i; k <= last; ++k) taken[p][k] = true;
            i = last;
        }
    }
    for (std::size_t p = 0; p < parts.size(); ++p) {
        const auto& words = all_words[p];
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (taken[p][i]) continue;
            for (const auto& [surname, full] : surnames)
                if (words[i].surface == surname) {
                    found.push_back({mention(EntityKind::Person, full, parts[p], words[i], words[i]), p, i, i});
                    taken[p][i] = true;
                    break;
                }
        }
    }

    // 5. Years, money and percentages, from the numbers.
    for (std::size_t p = 0; p < parts.size(); ++p) {
        const TextPart& part = parts[p];
        const auto& words = all_words[p];
        for (std::size_t i = 0; i < words.size(); ++i) {
            const Token& t = *words[i].token;
            if (t.term.empty() || !(t.term[0] >= '0' && t.term[0] <= '9')) continue;
            char* end = nullptr;
            const double number = std::strtod(t.term.c_str(), &end);
            if (*end != '\0') continue;  // "covid-19" parts are fine; "3g" is not a number
            const Token* compound = words[i].index > 0 && part.tokens[words[i].index - 1].compound &&
                                            part.tokens[words[i].index - 1].position == t.position
                                        ? &part.tokens[words[i].index - 1]
                                        : nullptr;
            const std::string next = i + 1 < words.size() ? words[i + 1].token->term : "";
            const std::string surface = words[i].surface;
            // Percent: "29%", "29 percent", "5 pct".
            if ((compound && compound->term.ends_with("%")) || next == "percent" || next == "pct") {
                EntityMention m = mention(EntityKind::Percent, t.term, part, words[i], i + 1 < words.size() && !compound ? words[i + 1] : words[i]);
                if (compound) m.end = compound->end, m.surface = std::string(part.text.substr(m.begin, m.end - m.begin));
                m.value = number;
                found.push_back({m, p, i, i});
                continue;
            }
            // Money: a currency symbol just before, or a currency word after the scale.
            std::string currency;
            std::size_t symbol_at = std::string::npos;
            const std::size_t before_start = t.begin >= 4 ? t.begin - 4 : 0;
            const std::string_view before = part.text.substr(before_start, t.begin - before_start);
            for (const auto& s : kCurrencySymbols)
                if (const auto at = before.rfind(s.symbol); at != std::string_view::npos) {
                    currency = s.code;
                    symbol_at = before_start + at;
                    break;
                }
            double scale = 1;
            std::size_t last = i;
            for (const auto& s : kScales)
                if (next == s.word && (std::string_view(s.word) != "m" || !currency.empty())) {
                    scale = s.factor;
                    last = i + 1;
                }
            if (currency.empty() && last + 1 < words.size())
                for (const auto& c : kCurrencyWords)
                    if (words[last + 1].token->term == c.word) {
                        currency = c.code;
                        ++last;
                        break;
                    }
            if (!currency.empty()) {
                EntityMention m = mention(EntityKind::Money, "", part, words[i], words[last]);
                if (symbol_at != std::string::npos) {
                    m.begin = symbol_at;
                    m.surface = std::string(part.text.substr(m.begin, m.end - m.begin));
                }
                m.value = number * scale;
                m.currency = currency;
                char buf[64];
                std::snprintf(buf, sizeof buf, "%.0f %s", m.value, currency.c_str());
                m.canonical = buf;
                found.push_back({m, p, i, last});
                i = last;
                continue;
            }
            // A year: four digits between 1800 and 2100 written without separators.
            if (t.term.size() == 4 && surface.size() == 4 && number >= 1800 && number <= 2100 && !compound)
                found.push_back({mention(EntityKind::Year, t.term, part, words[i], words[i]), p, i, i});
        }
    }

    std::vector<EntityMention> out;
    for (auto& f : found) out.push_back(std::move(f.mention));
    std::stable_sort(out.begin(), out.end(), [&](const EntityMention& a, const EntityMention& b) {
        return a.field != b.field ? a.field == "title" : a.begin < b.begin;
    });
    return out;
}

std::vector<std::string> distinct(const std::vector<EntityMention>& mentions, EntityKind kind,
                                  const Gazetteer* with_ancestors) {
    std::set<std::string> values;
    for (const auto& m : mentions) {
        if (m.kind != kind) continue;
        values.insert(m.canonical);
        if (with_ancestors)
            for (auto& up : with_ancestors->ancestors(m.canonical)) values.insert(std::move(up));
    }
    return {values.begin(), values.end()};
}

}  // namespace news::schema
