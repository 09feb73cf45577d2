// The extractor's number pass and the word-shape helpers its passes share: years, money
// amounts and percentages, read off the Analyzer's number tokens and the text around them.
#include "schema/internal/entity_state.h"

#include <cstdio>
#include <cstdlib>

namespace news::schema::internal {
namespace {

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

// The compound token ("29%", "$700") that starts at word `i`, if any.
const Token* compound_of(const ExtractionState& state, std::size_t part, std::size_t i) {
    const auto& tokens = state.parts[part].tokens;
    const Word& w = state.words[part][i];
    if (w.index == 0) return nullptr;
    const Token& before = tokens[w.index - 1];
    return before.compound && before.position == w.token->position ? &before : nullptr;
}

// "29%", "29 percent", "5 pct".
bool add_percent(ExtractionState& state, std::size_t p, std::size_t i, double number) {
    const auto& words = state.words[p];
    const Token* compound = compound_of(state, p, i);
    const std::string next = i + 1 < words.size() ? words[i + 1].token->term : "";
    if (!((compound && compound->term.ends_with("%")) || next == "percent" || next == "pct")) return false;
    const std::size_t last = i + 1 < words.size() && !compound ? i + 1 : i;
    EntityMention m = state.mention(EntityKind::Percent, words[i].token->term, p, i, last);
    if (compound) {
        m.end = compound->end;
        m.surface = std::string(state.parts[p].text.substr(m.begin, m.end - m.begin));
    }
    m.value = number;
    state.candidates.push_back({std::move(m), p, i, i, SpanSource::Number});
    return true;
}

// A currency symbol just before the number, or a currency word after its scale. Returns the
// last word of the amount, or `i - 1` (nothing) when it is no money.
std::size_t add_money(ExtractionState& state, std::size_t p, std::size_t i, double number) {
    const auto& words = state.words[p];
    const Token& t = *words[i].token;
    const std::string_view text = state.parts[p].text;
    std::string currency;
    std::size_t symbol_at = std::string::npos;
    const std::size_t before_start = t.begin >= 4 ? t.begin - 4 : 0;
    const std::string_view before = text.substr(before_start, t.begin - before_start);
    for (const auto& s : kCurrencySymbols)
        if (const auto at = before.rfind(s.symbol); at != std::string_view::npos) {
            currency = s.code;
            symbol_at = before_start + at;
            break;
        }
    const std::string next = i + 1 < words.size() ? words[i + 1].token->term : "";
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
    if (currency.empty()) return i - 1;
    EntityMention m = state.mention(EntityKind::Money, "", p, i, last);
    if (symbol_at != std::string::npos) {
        m.begin = symbol_at;
        m.surface = std::string(text.substr(m.begin, m.end - m.begin));
    }
    m.value = number * scale;
    m.currency = currency;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f %s", m.value, currency.c_str());
    m.canonical = buf;
    state.candidates.push_back({std::move(m), p, i, last, SpanSource::Number});
    return last;
}

}  // namespace

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

bool shape_fits(const std::string& shape, const std::string& surface) {
    if (all_caps(shape)) return surface == shape;
    if (capitalised(shape)) return surface == shape || surface == upper_ascii(shape);
    return true;
}

bool joinable_gap(std::string_view gap) {
    if (gap == "\n") return true;  // a name wrapped onto the next line ("Clayton\nYeutter")
    if (gap.size() > 3) return false;
    for (const char c : gap)
        if (!(c == ' ' || c == '.' || c == '-' || c == '&' || c == '\'')) return false;
    return true;
}

void find_numbers(ExtractionState& state) {
    for (std::size_t p = 0; p < state.parts.size(); ++p) {
        const auto& words = state.words[p];
        for (std::size_t i = 0; i < words.size(); ++i) {
            const Token& t = *words[i].token;
            if (t.term.empty() || !(t.term[0] >= '0' && t.term[0] <= '9')) continue;
            char* end = nullptr;
            const double number = std::strtod(t.term.c_str(), &end);
            if (*end != '\0') continue;  // "covid-19" parts are fine; "3g" is not a number
            if (add_percent(state, p, i, number)) continue;
            if (const std::size_t last = add_money(state, p, i, number); last + 1 != i) {
                i = last;
                continue;
            }
            // A year: four digits between 1800 and 2100 written without separators.
            if (t.term.size() == 4 && words[i].surface.size() == 4 && number >= 1800 && number <= 2100 &&
                !compound_of(state, p, i))
                state.candidates.push_back(
                    {state.mention(EntityKind::Year, t.term, p, i, i), p, i, i, SpanSource::Number});
        }
    }
}

}  // namespace news::schema::internal
