#include "schema/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <stdexcept>

namespace news::schema {
namespace {

// Longer "words" are base64, URLs or debris: they keep their position but get no term.
constexpr std::size_t kMaxTermBytes = 120;

bool is_joiner(UChar c) { return c == u'-' || c == 0x2010 || c == 0x2011; }
bool is_currency(UChar32 c) { return u_charType(c) == U_CURRENCY_SYMBOL; }

// A run of text that becomes one word, or several words plus their compound.
struct Part {
    int32_t begin16 = 0, end16 = 0;
    char joiner = 0;  // the separator that preceded this part inside its group ('-' or '.')
};

struct Group {
    std::vector<Part> parts;
    int32_t begin16 = 0, end16 = 0;  // including unit symbols
    std::string prefix, suffix;      // "$" before a number, "%" after it
};

// Replaces typographic apostrophes with ASCII ', drops possessive 's and stray apostrophes.
void fold_apostrophes(std::string& s) {
    static const std::string_view kVariants[] = {"\u2019", "\u2018", "\u02BC", "\u2032"};
    if (s.find_first_of("\xE2\xCA") == std::string::npos) return;  // lead bytes of the variants
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        bool folded = false;
        for (const auto v : kVariants)
            if (std::string_view(s).substr(i, v.size()) == v) {
                out += '\'';
                i += v.size();
                folded = true;
                break;
            }
        if (!folded) out += s[i++];
    }
    s = std::move(out);
}

void drop_possessive(std::string& s) {
    if (s.size() > 2 && s.ends_with("'s")) s.resize(s.size() - 2);
    while (!s.empty() && s.back() == '\'') s.pop_back();
    while (!s.empty() && s.front() == '\'') s.erase(0, 1);
}

bool has_digit(std::string_view s) {
    for (const char c : s)
        if (c >= '0' && c <= '9') return true;
    return false;
}

// "u.s" -> "us", "u.s.a" -> "usa": single ASCII letters joined by dots (the word breaker
// already left the final dot out).
void collapse_abbreviation(std::string& s) {
    if (s.size() < 3) return;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool letter = (s[i] >= 'a' && s[i] <= 'z');
        if (i % 2 == 0 ? !letter : s[i] != '.') return;
    }
    std::erase(s, '.');
}

// "27,000" -> "27000"; "1,234.5" -> "1234.5". Only for purely numeric words.
void drop_digit_separators(std::string& s) {
    for (const char c : s)
        if (!((c >= '0' && c <= '9') || c == ',' || c == '.')) return;
    std::erase(s, ',');
}

}  // namespace

struct Analyzer::Impl {
    std::unique_ptr<icu::BreakIterator> words;
    const icu::Normalizer2* nfkc_cf = nullptr;
    Xapian::Stem stem;
    // Scratch, reused between calls so analysis does not allocate per article.
    icu::UnicodeString text;
    std::vector<std::size_t> byte_at;  // UTF-16 index -> byte offset in the input

    std::string normalize(int32_t begin16, int32_t end16) const;
    void decode(std::string_view utf8);
    std::vector<Group> group(std::string_view utf8);
    void split_dots(std::vector<Part>& parts) const;
};

std::string Analyzer::Impl::normalize(int32_t begin16, int32_t end16) const {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString folded =
        nfkc_cf->normalize(text.tempSubStringBetween(begin16, end16), status);
    std::string out;
    if (U_FAILURE(status)) return out;
    folded.toUTF8String(out);
    fold_apostrophes(out);
    drop_possessive(out);
    drop_digit_separators(out);
    collapse_abbreviation(out);
    return out;
}

void Analyzer::Impl::decode(std::string_view utf8) {
    text.remove();
    byte_at.clear();
    byte_at.reserve(utf8.size() + 1);
    const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto n = static_cast<int32_t>(utf8.size());
    for (int32_t i = 0; i < n;) {
        const int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(p, i, n, c);
        if (c < 0) c = 0xFFFD;
        text.append(c);
        byte_at.push_back(static_cast<std::size_t>(start));
        if (c > 0xFFFF) byte_at.push_back(static_cast<std::size_t>(start));
    }
    byte_at.push_back(utf8.size());
}

// Splits "amazon.com" into its parts; keeps "U.S" (single letters) and "3.5" (numbers) whole.
void Analyzer::Impl::split_dots(std::vector<Part>& parts) const {
    std::vector<Part> out;
    for (const auto& part : parts) {
        bool alpha = false, single_letters = true;
        std::vector<int32_t> dots;
        int32_t run = 0;
        for (int32_t i = part.begin16; i < part.end16; ++i) {
            const UChar c = text.charAt(i);
            if (c == u'.') {
                dots.push_back(i);
                if (run != 1) single_letters = false;
                run = 0;
                continue;
            }
            if (u_isalpha(c)) alpha = true;
            ++run;
        }
        if (run > 1) single_letters = false;
        if (dots.empty() || !alpha || single_letters) {
            out.push_back(part);
            continue;
        }
        int32_t begin = part.begin16;
        char joiner = part.joiner;
        for (const int32_t dot : dots) {
            if (dot > begin) out.push_back({begin, dot, joiner});
            begin = dot + 1;
            joiner = '.';
        }
        if (begin < part.end16) out.push_back({begin, part.end16, joiner});
    }
    parts = std::move(out);
}

std::vector<Group> Analyzer::Impl::group(std::string_view utf8) {
    decode(utf8);
    struct Segment {
        int32_t begin, end;
        bool word;
    };
    std::vector<Segment> segments;
    words->setText(text);
    int32_t start = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE; start = end, end = words->next())
        segments.push_back({start, end, words->getRuleStatus() >= UBRK_WORD_NONE_LIMIT});

    auto single = [&](std::size_t i, auto predicate) {
        return i < segments.size() && !segments[i].word &&
               segments[i].end - segments[i].begin == 1 && predicate(text.charAt(segments[i].begin));
    };
    auto numeric = [&](std::size_t i) {
        return i < segments.size() && segments[i].word && u_isdigit(text.char32At(segments[i].begin));
    };

    std::vector<Group> groups;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        Group g;
        if (single(i, is_currency) && numeric(i + 1)) {
            text.tempSubStringBetween(segments[i].begin, segments[i].end).toUTF8String(g.prefix);
            g.begin16 = segments[i].begin;
            ++i;
        } else if (!segments[i].word) {
            continue;
        } else {
            g.begin16 = segments[i].begin;
        }
        g.parts.push_back({segments[i].begin, segments[i].end, 0});
        while (single(i + 1, is_joiner) && i + 2 < segments.size() && segments[i + 2].word) {
            i += 2;
            g.parts.push_back({segments[i].begin, segments[i].end, '-'});
        }
        g.end16 = segments[i].end;
        if (numeric(i) && single(i + 1, [](UChar c) { return c == u'%'; })) {
            g.suffix.push_back('%');
            g.end16 = segments[++i].end;
        }
        split_dots(g.parts);
        groups.push_back(std::move(g));
    }
    return groups;
}

Analyzer::Analyzer(const std::string& language) : impl_(std::make_unique<Impl>()) {
    UErrorCode status = U_ZERO_ERROR;
    impl_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale(language.c_str()), status));
    if (U_FAILURE(status) || !impl_->words)
        throw std::runtime_error("analyzer: ICU word break iterator unavailable for " + language);
    impl_->nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("analyzer: ICU NFKC_Casefold unavailable");
    impl_->stem = Xapian::Stem(language);
}

Analyzer::~Analyzer() = default;

const Xapian::Stem& Analyzer::stemmer() const { return impl_->stem; }

std::string Analyzer::fold(std::string_view utf8) const {
    impl_->decode(utf8);
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString folded = impl_->nfkc_cf->normalize(impl_->text, status);
    std::string out;
    if (U_SUCCESS(status)) folded.toUTF8String(out);
    fold_apostrophes(out);
    return out;
}

std::vector<Token> Analyzer::analyze(std::string_view utf8) const {
    Impl& im = *impl_;
    std::vector<Token> tokens;
    std::uint32_t position = 0;
    for (const Group& g : im.group(utf8)) {
        std::vector<Token> parts;
        std::string whole = g.prefix;
        for (const Part& part : g.parts) {
            Token t;
            t.term = im.normalize(part.begin16, part.end16);
            if (t.term.empty()) continue;
            if (!parts.empty()) whole += part.joiner;
            whole += t.term;
            t.begin = im.byte_at[part.begin16];
            t.end = im.byte_at[part.end16];
            parts.push_back(std::move(t));
        }
        if (parts.empty()) continue;
        whole += g.suffix;
        if (parts.size() > 1 || !g.prefix.empty() || !g.suffix.empty()) {
            Token c;
            c.term = std::move(whole);
            c.begin = im.byte_at[g.begin16];
            c.end = im.byte_at[g.end16];
            c.position = position;
            c.compound = true;
            if (c.term.size() <= kMaxTermBytes) tokens.push_back(std::move(c));
        }
        for (auto& t : parts) {
            t.position = position++;
            if (t.term.size() > kMaxTermBytes) continue;
            if (!has_digit(t.term)) t.stem = im.stem(t.term);
            tokens.push_back(std::move(t));
        }
    }
    return tokens;
}

}  // namespace news::schema
