// The extractor's number pass and the word-shape helpers its passes share: years, money
// amounts and percentages, read off the Analyzer's number tokens and the text around them.
#include "schema/internal/entity_state.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace news::schema::internal {
namespace {

struct Unit {
    std::string_view word;
    double factor;
};
// Scales written after the number, apart or attached: "2 billion", "£1.97bn", "€150m".
constexpr Unit kScales[] = {{"thousand", 1e3}, {"k", 1e3},   {"million", 1e6},  {"mln", 1e6},
                            {"mn", 1e6},       {"m", 1e6},   {"billion", 1e9},  {"bln", 1e9},
                            {"bn", 1e9},       {"b", 1e9},   {"trillion", 1e12}, {"tn", 1e12}};
struct Currency {
    std::string_view word;
    std::string_view code;
    double factor;  // pence and cents are hundredths
};
constexpr Currency kCurrencyWords[] = {
    {"dollars", "USD", 1},   {"dollar", "USD", 1}, {"dlrs", "USD", 1},     {"dlr", "USD", 1},
    {"euros", "EUR", 1},     {"euro", "EUR", 1},   {"pounds", "GBP", 1},   {"stg", "GBP", 1},
    {"sterling", "GBP", 1},  {"pence", "GBP", 0.01}, {"yen", "JPY", 1},    {"marks", "DEM", 1},
    {"francs", "FRF", 1},    {"yuan", "CNY", 1},   {"rupees", "INR", 1},   {"lire", "ITL", 1},
    {"roubles", "RUB", 1},   {"rubles", "RUB", 1}, {"cents", "USD", 0.01}};
// Symbols before the number, longest first: "US$2 billion", "US $ 700 million", "£6.3m".
constexpr Currency kCurrencySymbols[] = {{"US$", "USD", 1}, {"A$", "AUD", 1},      {"C$", "CAD", 1},
                                         {"HK$", "HKD", 1}, {"$", "USD", 1},       {"\u20AC", "EUR", 1},
                                         {"\u00A3", "GBP", 1}, {"\u00A5", "JPY", 1}};

// The compound token ("$2020", "29%") that starts at word `i`, if any.
const Token* compound_of(const ExtractionState& state, std::size_t part, std::size_t i) {
    const auto& tokens = state.parts[part].tokens;
    const Word& w = state.words[part][i];
    if (w.index == 0) return nullptr;
    const Token& before = tokens[w.index - 1];
    return before.compound && before.position == w.token->position ? &before : nullptr;
}

// An exact amount, cents kept and trailing zeros dropped: "1970000000", "1.64", "0.5".
std::string exact(double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", value);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return is_lower(c) || is_upper(c); }

// A number as written from `at`: digits, thousands commas, one decimal point. Sets `end`.
double read_number(std::string_view text, std::size_t at, std::size_t& end) {
    std::string digits;
    end = at;
    bool point = false;
    while (end < text.size()) {
        const char c = text[end];
        const bool next_digit = end + 1 < text.size() && is_digit(text[end + 1]);
        if (is_digit(c)) digits += c;
        else if (c == ',' && next_digit && !point) {}
        else if (c == '.' && next_digit && !point) { point = true; digits += c; }
        else break;
        ++end;
    }
    return std::strtod(digits.c_str(), nullptr);
}

// The word of letters at `at` (lower-cased), or "".
std::string word_at(std::string_view text, std::size_t at) {
    std::size_t end = at;
    while (end < text.size() && is_letter(text[end])) ++end;
    std::string w{text.substr(at, end - at)};
    for (auto& c : w)
        if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
    return w;
}

// The currency symbol just before the number at `at` (spaces between allowed), if any.
const Currency* symbol_before(std::string_view text, std::size_t at, std::size_t& begin) {
    std::size_t b = at;
    while (b > 0 && at - b < 2 && text[b - 1] == ' ') --b;
    for (const auto& s : kCurrencySymbols)
        if (b >= s.word.size() && text.substr(b - s.word.size(), s.word.size()) == s.word) {
            begin = b - s.word.size();
            // "US $ 700": the country before a spaced dollar sign belongs to the amount too.
            if (s.word == "$" && begin >= 3 && text.substr(begin - 3, 3) == "US ") return &kCurrencySymbols[0];
            return &s;
        }
    return nullptr;
}

struct Amount {
    double value = 0;
    std::string_view currency;  // empty: a plain number
    bool percent = false;
    std::size_t begin = 0, end = 0;  // bytes of the whole amount in the text
};

// Money or a percentage starting with the number at `at`: "£1.97bn", "$9.3bn", "€150m",
// "US$2 billion", "2.5 million euros", "50p", "29%", "29 per cent", "12 mln dlrs".
Amount read_amount(std::string_view text, std::size_t at) {
    Amount a;
    a.begin = at;
    const Currency* symbol = symbol_before(text, at, a.begin);
    a.value = read_number(text, at, a.end);
    double scale = 1, factor = symbol ? symbol->factor : 1;
    std::string_view code = symbol ? symbol->code : "";
    const std::string attached = word_at(text, a.end);
    if (!attached.empty()) {  // letters right after the digits: a scale, pence, or no amount
        bool known = false;
        for (const auto& u : kScales)
            if (attached == u.word) scale = u.factor, known = true;
        if (attached == "p" && !symbol) code = "GBP", factor = 0.01, known = true;
        if (!known) return {};
        a.end += attached.size();
    } else if (a.end < text.size() && text[a.end] == '%') {
        a.percent = true;
        ++a.end;
        return a;
    }
    auto next_word = [&](std::size_t& after) {
        std::size_t k = a.end;
        while (k < text.size() && text[k] == ' ' && k - a.end < 2) ++k;
        std::string w = k > a.end ? word_at(text, k) : "";
        after = k + w.size();
        return w;
    };
    std::size_t after = 0;
    std::string w = next_word(after);
    if (attached.empty() && !w.empty()) {
        if (w == "percent" || w == "pct") return a.percent = true, a.end = after, a;
        if (w == "per" && text.substr(after).starts_with(" cent")) return a.percent = true, a.end = after + 5, a;
        for (const auto& u : kScales)
            if (w == u.word && u.word.size() > 2) scale = u.factor, a.end = after;  // not "2 m" or "3 b"
        if (a.end == after) w = next_word(after);
    }
    if (code.empty())
        for (const auto& c : kCurrencyWords)
            if (w == c.word) code = c.code, factor = c.factor, a.end = after;
    if (code.empty()) return {};
    a.currency = code;
    a.value = std::round(a.value * scale * factor * 100) / 100;  // cents: "£1.97bn" is 1970000000 exactly
    if (!std::isfinite(a.value)) return {};  // hundreds of digits: no amount anyone wrote
    return a;
}

// Per word: does it sit on a line of a table of figures? Such a line has more numbers than
// words, and at least three numbers, or two set in columns (a tab or two spaces between
// words): "1987   1986   Pct" is a heading of data, not prose, and gives no years. A line of
// prose wrapped after "in 1987 and" keeps its years.
std::vector<bool> table_rows(const ExtractionState& state, std::size_t p) {
    const auto& words = state.words[p];
    const std::string_view text = state.parts[p].text;
    std::vector<bool> out(words.size(), false);
    std::size_t line_start = 0;
    while (line_start < words.size()) {
        std::size_t end = line_start, numbers = 0;
        bool columns = false;
        for (;;) {
            numbers += is_digit(text[words[end].token->begin]);
            ++end;
            if (end == words.size()) break;
            const std::size_t from = words[end - 1].token->end;
            const std::string_view gap = text.substr(from, words[end].token->begin - from);
            if (gap.find('\n') != std::string_view::npos) break;
            columns = columns || gap.find('\t') != std::string_view::npos || gap.find("  ") != std::string_view::npos;
        }
        if ((numbers >= 3 || (numbers == 2 && columns)) && numbers * 2 > end - line_start)
            for (std::size_t k = line_start; k < end; ++k) out[k] = true;
        line_start = end;
    }
    return out;
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
    bool upper = false, lower = false;
    for (const char c : shape) {
        upper = upper || is_upper(c);
        lower = lower || is_lower(c);
    }
    if (!upper) return true;  // the lower-case words of a name ("of", "com") in any case
    // Otherwise as written, or a mixed-case name in an all-capitals headline (AMAZON for
    // Amazon); never a lower-cased abbreviation ("3m" is no 3M, "us" no US).
    return surface == shape || (lower && surface == upper_ascii(shape));
}

bool joinable_gap(std::string_view gap) {
    if (gap == "\n") return true;  // a name wrapped onto the next line ("Clayton\nYeutter")
    if (gap.size() > 3) return false;
    for (const char c : gap)
        if (!(c == ' ' || c == '.' || c == '-' || c == '&' || c == '\'')) return false;
    return true;
}

bool is_currency_word(std::string_view term) {
    for (const Currency& c : kCurrencyWords)
        if (c.word == term) return true;
    return false;
}

void find_numbers(ExtractionState& state) {
    for (std::size_t p = 0; p < state.parts.size(); ++p) {
        const auto& words = state.words[p];
        const std::string_view text = state.parts[p].text;
        const std::vector<bool> table = table_rows(state, p);
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (table[i]) continue;
            const Token& t = *words[i].token;
            if (!is_digit(text[t.begin]) || (t.begin > 0 && (is_digit(text[t.begin - 1]) || text[t.begin - 1] == '.')))
                continue;  // the start of a number, not its decimals ("6.3m" -> "6", "3m")
            const Amount a = read_amount(text, t.begin);
            std::size_t last = i;
            while (last + 1 < words.size() && words[last + 1].token->begin < a.end) ++last;
            if (a.percent || !a.currency.empty()) {
                const EntityKind kind = a.percent ? EntityKind::Percent : EntityKind::Money;
                EntityMention m = state.mention(kind, "", p, i, last);
                m.begin = a.begin;
                m.end = a.end;
                m.surface = std::string(text.substr(a.begin, a.end - a.begin));
                m.value = a.value;
                m.currency = std::string(a.currency);
                m.canonical = a.percent ? exact(a.value) : exact(a.value) + " " + m.currency;
                state.candidates.push_back({std::move(m), p, i, last, SpanSource::Number});
                i = last;
                continue;
            }
            // A year: four digits between 1800 and 2100 written without separators.
            const std::string& w = words[i].surface;
            if (w.size() == 4 && t.term == w && !compound_of(state, p, i) && w >= "1800" && w <= "2100")
                state.candidates.push_back(
                    {state.mention(EntityKind::Year, t.term, p, i, i), p, i, i, SpanSource::Number});
        }
    }
}

}  // namespace news::schema::internal
