#include "bench/eval/query_text.h"

#include <array>

namespace news::eval {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

constexpr std::array<std::string_view, 3> kTypographicQuotes{"\u201C", "\u201D", "\u201E"};
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kOperators{{
    {"AND", "and"}, {"OR", "or"}, {"NOT", "not"}, {"NEAR", "near"}}};

}  // namespace

std::string to_any_word_query(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool quote = false;
        for (const auto q : kTypographicQuotes)
            if (text.substr(i, q.size()) == q) {
                out += ' ';
                i += q.size() - 1;
                quote = true;
                break;
            }
        if (quote) continue;
        const char c = text[i];
        const bool chunk_start = out.empty() || is_space(out.back());
        if (c == '(' || c == ')' || c == '"' || c == ':' || ((c == '-' || c == '+') && chunk_start))
            out += ' ';
        else
            out += c;
    }
    // Operator words: whole chunks only ("ANDERSON" stays).
    std::string result;
    std::size_t i = 0;
    while (i < out.size()) {
        if (is_space(out[i])) { result += out[i++]; continue; }
        std::size_t j = i;
        while (j < out.size() && !is_space(out[j])) ++j;
        std::string_view word{out.data() + i, j - i};
        for (const auto& [op, lower] : kOperators)
            if (word == op) word = lower;
        result += word;
        i = j;
    }
    return result;
}

}  // namespace news::eval
