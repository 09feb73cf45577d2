#include "indexer/readers/text_reader.h"

#include "indexer/readers/utf8.h"

#include <algorithm>
#include <array>
#include <vector>

namespace news::indexer {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals_ascii(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(),
                      [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}
std::string_view rtrim(std::string_view s) {
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

// Navigation and furniture of the news sites the corpus was scraped from.
constexpr std::array kDebrisLines{
    std::string_view{"No items found."}, std::string_view{"Related"},
    std::string_view{"Related story"},   std::string_view{"Related stories"},
    std::string_view{"Read more"},       std::string_view{"Read also"},
    std::string_view{"Advertisement"},   std::string_view{"Share this article"},
    std::string_view{"Subscribe"},
};
constexpr std::string_view kRelatedBlock = "In the same category";  // + one related headline

bool is_debris(std::string_view trimmed) {
    return std::any_of(kDebrisLines.begin(), kDebrisLines.end(),
                       [&](std::string_view d) { return iequals_ascii(trimmed, d); });
}

// A '.' after these words does not end a sentence (compared exactly: "no." may end one).
constexpr std::array kAbbreviations{
    std::string_view{"Mr"},   std::string_view{"Mrs"},  std::string_view{"Ms"},
    std::string_view{"Dr"},   std::string_view{"Prof"}, std::string_view{"Sr"},
    std::string_view{"Jr"},   std::string_view{"St"},   std::string_view{"Mt"},
    std::string_view{"Inc"},  std::string_view{"Ltd"},  std::string_view{"Corp"},
    std::string_view{"Co"},   std::string_view{"Bros"}, std::string_view{"vs"},
    std::string_view{"Gov"},  std::string_view{"Sen"},  std::string_view{"Rep"},
    std::string_view{"Gen"},  std::string_view{"Col"},  std::string_view{"Lt"},
    std::string_view{"Capt"}, std::string_view{"Rev"},  std::string_view{"No"},
    std::string_view{"Jan"},  std::string_view{"Feb"},  std::string_view{"Mar"},
    std::string_view{"Apr"},  std::string_view{"Jun"},  std::string_view{"Jul"},
    std::string_view{"Aug"},  std::string_view{"Sep"},  std::string_view{"Sept"},
    std::string_view{"Oct"},  std::string_view{"Nov"},  std::string_view{"Dec"},
    std::string_view{"approx"}, std::string_view{"est"},
};

bool is_closing_quote(std::string_view text, std::size_t i, std::size_t& length) {
    static constexpr std::array kClosers{std::string_view{"\""}, std::string_view{"'"},
                                         std::string_view{")"},  std::string_view{"]"},
                                         std::string_view{"\u201D"}, std::string_view{"\u2019"},
                                         std::string_view{"\u00BB"}};
    for (const auto closer : kClosers) {
        if (text.substr(i, closer.size()) == closer) {
            length = closer.size();
            return true;
        }
    }
    return false;
}

/// True if the '.' at `dot` follows an abbreviation rather than ending a sentence.
bool dot_ends_abbreviation(std::string_view text, std::size_t dot) {
    std::size_t start = dot;
    while (start > 0 && !is_space(text[start - 1]) && text[start - 1] != '(' &&
           text[start - 1] != '"')
        --start;
    const std::string_view word = text.substr(start, dot - start);
    if (word.size() == 1 && is_ascii_letter(word[0])) return true;  // "J. Smith"
    if (word.find('.') != std::string_view::npos) return true;       // "U.S.", "e.g."
    return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

/// Byte length of the first sentence of `text` (which starts with a non-space).
std::size_t first_sentence_length(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {  // a blank line ends a paragraph, and with it the sentence
            std::size_t j = i + 1;
            while (j < text.size() && text[j] != '\n' && is_space(text[j])) ++j;
            if (j >= text.size() || text[j] == '\n') return i;
            continue;
        }
        if (c != '.' && c != '!' && c != '?') continue;
        std::size_t end = i + 1, closer = 0;
        while (end < text.size() && is_closing_quote(text, end, closer)) end += closer;
        if (end < text.size() && !is_space(text[end])) continue;  // "3.5", "Amazon.com"
        if (c == '.' && end < text.size() && dot_ends_abbreviation(text, i)) continue;
        return end;
    }
    return text.size();
}

std::string collapse_spaces(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (is_space(c)) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

/// Byte offset just past the first `n` code points of valid UTF-8 `text`.
std::size_t code_point_offset(std::string_view text, std::size_t n) {
    std::size_t i = 0;
    while (i < text.size() && n > 0) {
        ++i;
        while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
        --n;
    }
    return i;
}

std::string cut_title(std::string sentence) {
    if (count_code_points(sentence) <= kMaxDerivedTitleChars) return sentence;
    const std::size_t limit = code_point_offset(sentence, kMaxDerivedTitleChars);
    std::size_t cut = limit;
    if (sentence[limit] != ' ') {  // mid-word: back up to the last space, if any
        const std::size_t space = sentence.rfind(' ', limit);
        if (space != std::string::npos && space > 0) cut = space;
    }
    sentence.resize(cut);
    while (!sentence.empty() &&
           (sentence.back() == ' ' || sentence.back() == ',' || sentence.back() == ';' ||
            sentence.back() == ':' || sentence.back() == '-'))
        sentence.pop_back();
    return sentence + "\u2026";
}

bool ends_with_sentence_punctuation(std::string_view line) {
    std::size_t closer = 0;
    // Strip closing quotes from the end first: 'Why now?"' ends in '?'.
    bool stripped = true;
    while (stripped && !line.empty()) {
        stripped = false;
        for (std::size_t len = 1; len <= 3 && len <= line.size(); ++len) {
            if (is_closing_quote(line, line.size() - len, closer) && closer == len) {
                line.remove_suffix(len);
                stripped = true;
                break;
            }
        }
    }
    return !line.empty() &&
           (line.back() == '.' || line.back() == '!' || line.back() == '?' || line.back() == ':');
}

/// "# Heading #" -> "Heading"; empty when `line` is not an ATX heading.
std::string_view markdown_heading(std::string_view line) {
    std::size_t hashes = 0;
    while (hashes < line.size() && line[hashes] == '#') ++hashes;
    if (hashes == 0 || hashes > 6 || hashes >= line.size() || line[hashes] != ' ') return {};
    std::string_view heading = trim(line.substr(hashes));
    while (!heading.empty() && heading.back() == '#') heading.remove_suffix(1);
    return trim(heading);
}

}  // namespace

bool is_calendar_date(std::string_view date) {
    if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
    for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!is_digit(date[i])) return false;
    const auto number = [&](std::size_t pos, std::size_t len) {
        int value = 0;
        for (std::size_t i = pos; i < pos + len; ++i) value = value * 10 + (date[i] - '0');
        return value;
    };
    const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
    if (month < 1 || month > 12 || day < 1) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    constexpr std::array kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int days_in_month = (month == 2 && leap) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
    return day <= days_in_month;
}

std::string clean_body(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_break = false;  // a blank line (or removed debris) since the last kept line
    bool skip_related_headline = false;
    for (const std::string_view raw : split_lines(text)) {
        const std::string_view line = rtrim(raw);
        const std::string_view trimmed = trim(line);
        if (trimmed.empty()) {
            pending_break = true;
            continue;
        }
        if (skip_related_headline) {
            skip_related_headline = false;
            continue;
        }
        if (iequals_ascii(trimmed, kRelatedBlock)) {
            skip_related_headline = true;
            continue;
        }
        if (is_debris(trimmed)) continue;
        if (!out.empty()) out += pending_break ? "\n\n" : "\n";
        out.append(line);
        pending_break = false;
    }
    return out;
}

std::string derive_title(std::string_view body) {
    body = trim(body);
    return cut_title(collapse_spaces(body.substr(0, first_sentence_length(body))));
}

TitledBody split_headline(std::string_view text, bool markdown) {
    text = trim(text);
    const std::size_t newline = text.find('\n');
    const std::string_view first = trim(text.substr(0, newline));
    const std::string_view rest =
        newline == std::string_view::npos ? std::string_view{} : trim(text.substr(newline + 1));
    if (markdown) {
        const std::string_view heading = markdown_heading(first);
        if (!heading.empty()) return {std::string{heading}, false, std::string{rest}};
    }
    if (!rest.empty() && count_code_points(first) <= kMaxHeadlineChars &&
        !ends_with_sentence_punctuation(first))
        return {std::string{first}, false, std::string{rest}};
    return {derive_title(text), true, std::string{text}};
}

std::optional<Article> read_text(std::string_view content, const std::string& where,
                                 ReadReport& report) {
    Article article;
    // "date YYYY-MM-DD" at the very start (after whitespace), as some scrapes carry it.
    std::string_view text = content;
    std::size_t i = 0;
    while (i < text.size() && is_space(text[i])) ++i;
    if (iequals_ascii(text.substr(i, 4), "date") && i + 4 < text.size() &&
        (text[i + 4] == ' ' || text[i + 4] == '\t')) {
        std::size_t j = i + 4;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
        const std::string_view candidate = text.substr(j, 10);
        const bool shaped = candidate.size() == 10 && candidate[4] == '-' &&
                            candidate[7] == '-' &&
                            std::all_of(candidate.begin(), candidate.end(),
                                        [](char c) { return is_digit(c) || c == '-'; });
        if (shaped && (j + 10 == text.size() || is_space(text[j + 10]))) {
            if (is_calendar_date(candidate))
                article.date = std::string{candidate};
            else
                report.warnings.push_back(
                    {where, "invalid date marker '" + std::string{candidate} +
                                "'; article kept undated"});
            text.remove_prefix(j + 10);
        }
    }
    auto titled = split_headline(clean_body(text));
    if (titled.body.empty()) {
        report.rejected.push_back({where, "no article text after removing the date marker and "
                                          "page debris"});
        return std::nullopt;
    }
    article.title = std::move(titled.title);
    article.title_derived = titled.title_derived;
    article.body = std::move(titled.body);
    return article;
}

}  // namespace news::indexer
