#include "schema/money.h"

#include <cstdio>

namespace news::schema {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Powers of ten a scale word after the digits stands for: "150m", "1.97bn".
std::optional<int> scale_exponent(std::string_view word) {
    std::string w;
    for (const char c : word) w += lower(c);
    if (w.empty()) return 0;
    if (w == "k") return 3;
    if (w == "m" || w == "mn") return 6;
    if (w == "b" || w == "bn") return 9;
    if (w == "tn") return 12;
    return std::nullopt;
}

std::string lower_code(std::string_view code) {
    std::string out;
    for (const char c : code) out += lower(c);
    return out;
}

struct Cover {  // the terms of a range: key prefixes covered whole, and exact keys
    std::string base;  // prefix + currency
    std::vector<std::string> terms;
    void subtree(const std::string& p) { terms.push_back(base + "/" + p); }
    void exact(const std::string& k) {
        if (k.size() >= 3) terms.push_back(base + "=" + k);  // shorter strings are no keys
    }
    // The keys that start with low[0, j) and are >= low.
    void at_least(const std::string& low, std::size_t j) {
        for (; j < low.size(); ++j)
            for (char d = static_cast<char>(low[j] + 1); d <= '9'; ++d) subtree(low.substr(0, j) + d);
        subtree(low);
    }
    // The keys that start with high[0, j) and are <= high: a proper prefix of high sorts before it.
    void at_most(const std::string& high, std::size_t j) {
        for (; j < high.size(); ++j) {
            if (j > 0) exact(high.substr(0, j));
            for (char d = '0'; d < high[j]; ++d) subtree(high.substr(0, j) + d);
        }
        exact(high);
    }
};

}  // namespace

std::optional<std::string> amount_key(std::string_view typed) {
    std::string digits;  // integer part then fraction, as written
    std::size_t i = 0, point = std::string::npos;
    for (; i < typed.size(); ++i) {
        const char c = typed[i];
        if (digit(c)) {
            digits += c;
        } else if (c == ',' && !digits.empty() && point == std::string::npos && i + 1 < typed.size() &&
                   digit(typed[i + 1])) {
        } else if (c == '.' && point == std::string::npos && i + 1 < typed.size() && digit(typed[i + 1])) {
            point = digits.size();
        } else {
            break;
        }
    }
    if (digits.empty()) return std::nullopt;
    if (point == std::string::npos) point = digits.size();
    long exponent = 0;
    if (i < typed.size() && (typed[i] == 'e' || typed[i] == 'E') && i + 1 < typed.size() &&
        (digit(typed[i + 1]) || ((typed[i + 1] == '-' || typed[i + 1] == '+') && i + 2 < typed.size() &&
                                 digit(typed[i + 2])))) {
        const bool negative = typed[++i] == '-';
        if (!digit(typed[i])) ++i;
        for (; i < typed.size() && digit(typed[i]); ++i)
            if ((exponent = exponent * 10 + (typed[i] - '0')) > 10000) return std::nullopt;
        if (negative) exponent = -exponent;
    }
    const auto scale = scale_exponent(typed.substr(i));
    if (!scale) return std::nullopt;
    const std::size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) return "000";
    // d1.d2d3... x 10^e, where d1 is the first significant digit.
    const long e = static_cast<long>(point) - 1 - static_cast<long>(first) + exponent + *scale;
    if (e < -99 || e > 899) return std::nullopt;
    std::string mantissa = digits.substr(first, kMoneyDigits);
    while (mantissa.back() == '0') mantissa.pop_back();
    char head[8];
    std::snprintf(head, sizeof head, "%03ld", e + 100);
    return head + mantissa;
}

std::string amount_key(double value) {
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.2f", value < 0 ? 0.0 : value);
    return amount_key(std::string_view(buf)).value_or("000");
}

std::vector<std::string> money_terms(std::string_view prefix, std::string_view currency, const std::string& key) {
    std::vector<std::string> out;
    for (const std::string& code : {lower_code(currency), std::string()}) {
        const std::string base = std::string(prefix) + code;
        if (!code.empty()) out.push_back(base);
        out.push_back(base + "=" + key);
        for (std::size_t n = 1; n <= key.size(); ++n) out.push_back(base + "/" + key.substr(0, n));
    }
    return out;
}

std::vector<std::string> money_range_terms(std::string_view prefix, std::string_view currency,
                                           const std::optional<std::string>& low,
                                           const std::optional<std::string>& high) {
    Cover c{std::string(prefix) + lower_code(currency), {}};
    if (!low && !high) {  // any amount: the currency's term, or every key (they start with 0..9)
        if (!currency.empty()) c.terms.push_back(c.base);
        else
            for (char d = '0'; d <= '9'; ++d) c.subtree(std::string(1, d));
    } else if (!high) {
        c.at_least(*low, 0);
    } else if (!low) {
        c.at_most(*high, 0);
    } else if (*low == *high) {
        c.exact(*low);
    } else {
        std::size_t i = 0;  // the common prefix
        while (i < low->size() && i < high->size() && (*low)[i] == (*high)[i]) ++i;
        if (i == low->size()) {  // low is a prefix of high: low, then keys low + d... up to high
            c.exact(*low);
            for (char d = '0'; d < (*high)[i]; ++d) c.subtree(low->substr(0, i) + d);
            c.at_most(*high, i + 1);
        } else {
            c.at_least(*low, i + 1);
            for (char d = static_cast<char>((*low)[i] + 1); d < (*high)[i]; ++d) c.subtree(low->substr(0, i) + d);
            c.at_most(*high, i + 1);
        }
    }
    return c.terms;
}

bool currency_code(std::string_view code) {
    if (code.size() != 3) return false;
    for (const char c : code)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    return true;
}

}  // namespace news::schema
