#include "schema/analyzer.h"

#include "schema/errors.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace news::schema {
namespace {

// Longer "words" are base64, URLs or debris: they keep their position but get no term.
constexpr std::size_t kMaxTermBytes = 120;

// A run of this many words in capitals or more is shouted text (an all-capitals headline), not
// acronyms: see docs/analysis.md. The query builder counts the same for a query.
constexpr std::size_t kShoutedRun = 3;

bool is_joiner(UChar c) { return c == u'-' || c == 0x2010 || c == 0x2011; }
// The only currency symbol in ASCII is '$': no ICU call for the spaces and punctuation of
// plain text.
bool is_currency(UChar32 c) { return c < 0x80 ? c == '$' : u_charType(c) == U_CURRENCY_SYMBOL; }

// u_isalpha() and u_isUUppercase(), with ASCII answered without a call into ICU.
bool is_letter(UChar32 c) { return c < 0x80 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') : u_isalpha(c); }
bool is_upper(UChar32 c) { return c < 0x80 ? c >= 'A' && c <= 'Z' : u_isUUppercase(c); }

bool is_apostrophe(UChar c) { return c == u'\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x2032; }

// Letters without a canonical decomposition that readers take for accented Latin letters,
// spelled as ASCII (after case folding, so only the lower-case forms are here).
std::u16string_view ascii_spelling(UChar32 c) {
    switch (c) {
        case 0x00F8: return u"o";   // ø
        case 0x00E6: return u"ae";  // æ
        case 0x0153: return u"oe";  // œ
        case 0x0142: return u"l";   // ł
        case 0x0111: return u"d";   // đ
        case 0x00F0: return u"d";   // ð
        case 0x00FE: return u"th";  // þ
        case 0x0131: return u"i";   // dotless ı
        case 0x0127: return u"h";   // ħ
        default: return {};
    }
}

// Accents off case-folded NFKC text: NFD, then the combining marks after a Latin, Greek or
// Cyrillic letter dropped, then NFC. Marks of other scripts (Devanagari vowel signs, Hebrew
// points) spell different words there and stay.
icu::UnicodeString without_accents(const icu::UnicodeString& folded) {
    bool plain = true;
    for (int32_t i = 0; i < folded.length() && plain; ++i) plain = folded.charAt(i) < 0x80;
    if (plain) return folded;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return folded;
    const icu::UnicodeString split = nfd->normalize(folded, status);
    if (U_FAILURE(status)) return folded;
    icu::UnicodeString kept;
    UScriptCode base = USCRIPT_COMMON;
    for (int32_t i = 0; i < split.length();) {
        const UChar32 c = split.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) {
            if (base == USCRIPT_LATIN || base == USCRIPT_GREEK || base == USCRIPT_CYRILLIC) continue;
        } else {
            UErrorCode script_status = U_ZERO_ERROR;
            base = uscript_getScript(c, &script_status);
        }
        const std::u16string_view ascii = ascii_spelling(c);
        if (ascii.empty()) kept.append(c);
        else kept.append(ascii.data(), static_cast<int32_t>(ascii.size()));
    }
    const icu::UnicodeString out = nfc->normalize(kept, status);
    return U_FAILURE(status) ? folded : out;
}

// A run of text that becomes one word, or several words plus their compound.
struct Part {
    int32_t begin16 = 0, end16 = 0;
    char joiner = 0;  // the separator that preceded this part inside its group ('-' or '.')
};

struct Group {
    std::size_t first = 0, last = 0;  // its parts: Impl::parts[first, last)
    int32_t begin16 = 0, end16 = 0;   // including unit symbols
    std::string prefix;               // "$" before a number
    bool percent = false;             // "%" after it
};

struct Segment {  // a stretch between two word breaks
    int32_t begin, end;
    bool word;
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

// Words repeat (Zipf): stemming each distinct word once per Analyzer saves most stemmer
// calls. Bounded: cleared when full, so memory stays flat on any input. Open addressing over a
// power-of-two table of 32-bit slots (an entry's index and its hash's high bits), so a look-up
// is one slot read and, when the bits agree, one entry read. Every word of every text asks
// here; a node-based map costs a modulo and a chase through two or three nodes each time.
class StemCache {
  public:
    explicit StemCache(const std::string& language) : stem_(language) {}
    const Xapian::Stem& stemmer() const { return stem_; }
    /// The stem of `word`; the reference holds until the next call.
    const std::string& operator()(const std::string& word) {
        if (slots_.empty()) slots_.assign(kSlots, kEmpty);  // on first use: many Analyzers never stem
        const std::size_t hash = std::hash<std::string_view>{}(word);
        const auto tag = static_cast<std::uint32_t>(hash >> (64 - kTagBits));
        std::size_t at = hash & (kSlots - 1);
        for (;; at = (at + 1) & (kSlots - 1)) {
            const std::uint32_t slot = slots_[at];
            if (slot == kEmpty) break;
            if ((slot >> kIndexBits) != tag) continue;
            const Entry& e = entries_[slot & kIndexMask];
            if (e.word == word) return e.stem;
        }
        if (entries_.size() == kMaxWords) {
            entries_.clear();
            std::fill(slots_.begin(), slots_.end(), kEmpty);
            at = hash & (kSlots - 1);
        }
        slots_[at] = tag << kIndexBits | static_cast<std::uint32_t>(entries_.size());
        entries_.push_back({word, stem_(word)});
        return entries_.back().stem;
    }

  private:
    struct Entry {
        std::string word, stem;
    };
    static constexpr unsigned kIndexBits = 16, kTagBits = 32 - kIndexBits;
    static constexpr std::uint32_t kIndexMask = (1u << kIndexBits) - 1;
    // Index kIndexMask is never used, so kEmpty (all bits set) is never an entry's slot.
    static constexpr std::size_t kMaxWords = kIndexMask;
    static constexpr std::size_t kSlots = std::size_t{1} << (kIndexBits + 1);  // at most half full: short probes
    static_assert(sizeof(std::size_t) == 8, "the tag is the hash's top bits");
    static constexpr std::uint32_t kEmpty = ~std::uint32_t{0};
    Xapian::Stem stem_;
    std::vector<std::uint32_t> slots_;
    std::vector<Entry> entries_;
};

struct Analyzer::Impl {
    explicit Impl(const std::string& language) : stem(language) {}
    std::unique_ptr<icu::BreakIterator> words;
    const icu::Normalizer2* nfkc_cf = nullptr;
    StemCache stem;
    // Scratch, reused between calls so analysis does not allocate per article.
    icu::UnicodeString text;
    std::vector<std::size_t> byte_at;  // UTF-16 index -> byte offset in the input; empty if ascii
    bool ascii = false;                // the input held only ASCII: UTF-16 index == byte offset
    std::size_t byte_offset(int32_t at16) const {
        return ascii ? static_cast<std::size_t>(at16) : byte_at[static_cast<std::size_t>(at16)];
    }

    std::string normalize(int32_t begin16, int32_t end16) const;
    // The letters of text[begin16, end16), a trailing possessive 's left out: how many, or -1
    // when one of them is not upper case.
    int capital_letters(int32_t begin16, int32_t end16) const;
    void decode(std::string_view utf8);
    // Scratch of group(), reused between calls.
    std::vector<Segment> segments;
    std::vector<Group> groups;
    std::vector<Part> parts;

    void group(std::string_view utf8);  // fills groups and parts
    void split_dots(std::size_t first);  // splits parts[first, end) in place
    // analyze() of `utf8`, appended to `tokens`: offsets shifted by `offset`, positions counted
    // on from `position` (left at the next free one).
    void analyze_into(std::string_view utf8, std::size_t offset, std::uint32_t& position, std::vector<Token>& tokens);
};

std::string Analyzer::Impl::normalize(int32_t begin16, int32_t end16) const {
    std::string out;
    if (ascii) {  // NFKC_Casefold leaves ASCII as it is but for A-Z -> a-z: no ICU call needed
        out.resize(static_cast<std::size_t>(end16 - begin16));
        const char16_t* units = text.getBuffer() + begin16;
        for (auto& c : out) {
            const auto u = static_cast<char>(*units++);
            c = u >= 'A' && u <= 'Z' ? static_cast<char>(u - 'A' + 'a') : u;
        }
    } else {
        UErrorCode status = U_ZERO_ERROR;
        const icu::UnicodeString folded =
            nfkc_cf->normalize(text.tempSubStringBetween(begin16, end16), status);
        if (U_FAILURE(status)) return out;
        without_accents(folded).toUTF8String(out);
        fold_apostrophes(out);  // typographic apostrophes are not ASCII: only here
    }
    drop_possessive(out);
    drop_digit_separators(out);
    collapse_abbreviation(out);
    return out;
}

int Analyzer::Impl::capital_letters(int32_t begin16, int32_t end16) const {
    if (end16 - begin16 >= 3 && (text.charAt(end16 - 1) == u's' || text.charAt(end16 - 1) == u'S') &&
        is_apostrophe(text.charAt(end16 - 2)))
        end16 -= 2;
    int letters = 0;
    for (int32_t i = begin16; i < end16;) {
        const UChar32 c = text.char32At(i);
        i += U16_LENGTH(c);
        if (!is_letter(c)) continue;
        if (!is_upper(c)) return -1;
        ++letters;
    }
    return letters;
}

void Analyzer::Impl::decode(std::string_view utf8) {
    text.remove();
    byte_at.clear();
    ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii && !utf8.empty()) {  // one code unit per byte
        char16_t* units = text.getBuffer(static_cast<int32_t>(utf8.size()));
        for (const char c : utf8) *units++ = static_cast<char16_t>(c);
        text.releaseBuffer(static_cast<int32_t>(utf8.size()));
        return;
    }
    ascii = false;
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
void Analyzer::Impl::split_dots(std::size_t first) {
    const std::size_t last = parts.size();
    const char16_t* units = text.getBuffer();
    for (std::size_t p = first; p < last; ++p) {
        const Part part = parts[p];
        if (std::find(units + part.begin16, units + part.end16, u'.') == units + part.end16) {
            parts.push_back(part);  // no dot: nothing to split (most words)
            continue;
        }
        bool alpha = false, single_letters = true, dotted = false;
        int32_t run = 0;
        for (int32_t i = part.begin16; i < part.end16; ++i) {
            const UChar c = text.charAt(i);
            if (c == u'.') {
                dotted = true;
                if (run != 1) single_letters = false;
                run = 0;
                continue;
            }
            if (!alpha && is_letter(c)) alpha = true;
            ++run;
        }
        if (run > 1) single_letters = false;
        if (!dotted || !alpha || single_letters) {
            parts.push_back(part);
            continue;
        }
        int32_t begin = part.begin16;
        char joiner = part.joiner;
        for (int32_t i = part.begin16; i < part.end16; ++i) {
            if (text.charAt(i) != u'.') continue;
            if (i > begin) parts.push_back({begin, i, joiner});
            begin = i + 1;
            joiner = '.';
        }
        if (begin < part.end16) parts.push_back({begin, part.end16, joiner});
    }
    parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(first), parts.begin() + static_cast<std::ptrdiff_t>(last));
}

void Analyzer::Impl::group(std::string_view utf8) {
    decode(utf8);
    segments.clear();
    groups.clear();
    parts.clear();
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
        const std::size_t first = parts.size();
        parts.push_back({segments[i].begin, segments[i].end, 0});
        while (single(i + 1, is_joiner) && i + 2 < segments.size() && segments[i + 2].word) {
            i += 2;
            parts.push_back({segments[i].begin, segments[i].end, '-'});
        }
        g.end16 = segments[i].end;
        if (numeric(i) && single(i + 1, [](UChar c) { return c == u'%'; })) {
            g.percent = true;
            g.end16 = segments[++i].end;
        }
        split_dots(first);
        g.first = first;
        g.last = parts.size();
        groups.push_back(std::move(g));
    }
}

Analyzer::Analyzer(const std::string& language) : impl_(std::make_unique<Impl>(language)) {
    UErrorCode status = U_ZERO_ERROR;
    impl_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale(language.c_str()), status));
    if (U_FAILURE(status) || !impl_->words)
        throw Error("analyzer: ICU word break iterator unavailable for " + language);
    impl_->nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) throw Error("analyzer: ICU NFKC_Casefold unavailable");
}

Analyzer::~Analyzer() = default;

const Xapian::Stem& Analyzer::stemmer() const { return impl_->stem.stemmer(); }

std::string fold(std::string_view utf8) {
    std::string out;
    if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
        out.reserve(utf8.size());  // NFKC_Casefold leaves ASCII as it is but for A-Z -> a-z
        for (const char c : utf8) out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        return out;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) return out;
    const auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    const icu::UnicodeString folded = nfkc_cf->normalize(text, status);
    if (U_FAILURE(status)) return out;
    without_accents(folded).toUTF8String(out);
    fold_apostrophes(out);
    return out;
}

namespace {

// Acronyms: in each run of words written in capitals (every letter upper case; words without
// letters neither extend nor end a run), the words of two or more letters and no digit, unless
// the run is kShoutedRun words or longer. `letters` is capital_letters() of each token.
// Only tokens[first, end) are looked at; letters[i] belongs to tokens[first + i].
void mark_acronyms(std::vector<Token>& tokens, std::size_t first, const std::vector<int>& letters) {
    std::size_t run_begin = first, run_words = 0;
    auto close_run = [&](std::size_t end) {
        if (run_words > 0 && run_words < kShoutedRun)
            for (std::size_t i = run_begin; i < end; ++i)
                tokens[i].acronym = !tokens[i].compound && letters[i - first] >= 2 && !has_digit(tokens[i].term);
        run_words = 0;
    };
    for (std::size_t i = first; i < tokens.size(); ++i) {
        if (tokens[i].compound || letters[i - first] == 0) continue;
        if (letters[i - first] < 0) {
            close_run(i);
            continue;
        }
        if (run_words++ == 0) run_begin = i;
    }
    close_run(tokens.size());
}

}  // namespace

namespace {

// What analyze_wanted() and analyze_between() read: the text between blanks, a chunk at a time.
// No token spans a blank (ICU breaks a word at white space; the analyzer joins only adjacent
// segments: "$" and a number, hyphenated parts, a number and "%").
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

struct Chunk {
    enum Kind {
        NoWord,  // ASCII without letters, digits or '_': no token, no position
        Plain,   // one word: one token, its term the word's letters and digits (see read_chunk())
        Other,   // anything else: only analysis tells
    };
    std::size_t begin = 0, end = 0;      // [begin, end): bytes between blanks
    std::size_t core = 0, core_end = 0;  // a Plain chunk's word, without a possessive 's
    Kind kind = Other;
    // Analysis may start here and give the tokens it gives in the whole text: the chunk follows
    // a blank and starts with an ASCII lower-case letter, all ASCII and at most kMaxTermBytes
    // long, so its first token has a term, is no acronym and ends any run of words in capitals
    // before it (mark_acronyms()); ICU breaks after a blank before an ASCII letter whatever
    // came before; and the analyzer joins nothing across a blank.
    bool fresh = false;
};

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// A Plain chunk: opening punctuation, the word, closing punctuation. None of these characters
// joins a word to another (ICU's MidLetter and MidNum need a letter or digit on both sides, and
// '$', '%', '-' and '_', which the analyzer or ICU join, are not among them).
constexpr std::string_view kOpening = "(\"'[", kClosing = ".,;:!?)\"']";

// The word of a Plain chunk is one of:
// - ASCII letters and digits: the term is the word in lower case ("Showers" -> "showers");
// - the same ending in a letter, then 's or 'S: one ICU word whose possessive normalize() drops
//   ("AWS's" -> "aws"; capital_letters() leaves the 's out too);
// - digits with single '.' or ',' between them: one ICU word (MidNum), kept whole by
//   split_dots() (no letter), its commas dropped ("27,000" -> "27000", "1.5").
Chunk read_chunk(std::string_view text, std::size_t begin) {
    Chunk c;
    c.begin = begin;
    bool ascii = true, wordish = false;
    std::size_t at = begin;
    for (; at < text.size() && !is_blank(text[at]); ++at) {
        if (static_cast<unsigned char>(text[at]) >= 0x80) ascii = false;
        else if (is_ascii_alnum(text[at]) || text[at] == '_') wordish = true;
    }
    c.end = at;
    c.fresh = begin > 0 && text[begin] >= 'a' && text[begin] <= 'z' && ascii && c.end - begin <= kMaxTermBytes;
    if (!ascii) return c;
    if (!wordish) {
        c.kind = Chunk::NoWord;
        return c;
    }
    at = begin;
    while (at < c.end && kOpening.find(text[at]) != std::string_view::npos) ++at;
    c.core = at;
    bool digits = true;
    for (; at < c.end && is_ascii_alnum(text[at]); ++at) digits = digits && is_ascii_digit(text[at]);
    if (at == c.core) return c;
    c.core_end = at;
    if (at + 1 < c.end && text[at] == '\'' && (text[at + 1] == 's' || text[at + 1] == 'S') &&
        !is_ascii_digit(text[at - 1])) {
        at += 2;
    } else if (digits) {
        while (at + 1 < c.end && (text[at] == '.' || text[at] == ',') && is_ascii_digit(text[at + 1]))
            for (++at; at < c.end && is_ascii_digit(text[at]);) ++at;
        c.core_end = at;
    }
    while (at < c.end && kClosing.find(text[at]) != std::string_view::npos) ++at;
    if (at == c.end) c.kind = Chunk::Plain;
    return c;
}

}  // namespace

std::vector<Token> Analyzer::analyze_wanted(std::string_view utf8, const std::function<bool(const Token&)>& wanted) {
    std::vector<Token> tokens;
    std::uint32_t position = 0;
    std::size_t stretch = 0;  // where the stretch being read starts: 0 or a fresh chunk
    bool analyse = false;     // it holds a chunk that is not Plain, or a Plain one `wanted` may want
    std::uint32_t words = 0;  // its Plain chunks, a position each
    std::size_t pending = 0, pending_end = 0;  // stretches to analyse, next to each other: one call
    Token probe;                               // a Plain chunk's token, but for offsets and position
    auto may_want = [&](const Chunk& c) {
        if (!wanted) return false;
        const std::string_view word = utf8.substr(c.core, c.core_end - c.core);
        probe.term.clear();
        bool capitals = word.size() >= 2;
        for (const char ch : word) {
            capitals = capitals && ch >= 'A' && ch <= 'Z';
            if (ch != ',') probe.term += ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
        }
        if (probe.term.size() > kMaxTermBytes) return false;  // no token
        if (has_digit(probe.term)) probe.stem.clear();
        else probe.stem = impl_->stem(probe.term);
        probe.acronym = false;
        if (wanted(probe)) return true;
        probe.acronym = true;
        return capitals && wanted(probe);
    };
    auto flush = [&] {
        if (pending_end > pending)
            impl_->analyze_into(utf8.substr(pending, pending_end - pending), pending, position, tokens);
        pending = pending_end = 0;
    };
    auto close = [&](std::size_t end) {
        if (analyse) {
            if (pending_end != stretch) flush();
            if (pending_end == 0) pending = stretch;
            pending_end = end;
        } else {
            flush();
            position += words;
        }
        stretch = end;
        analyse = false;
        words = 0;
    };
    for (std::size_t at = 0;;) {
        while (at < utf8.size() && is_blank(utf8[at])) ++at;
        if (at == utf8.size()) break;
        const Chunk c = read_chunk(utf8, at);
        at = c.end;
        if (c.fresh) close(c.begin);
        if (c.kind == Chunk::Plain) {
            ++words;
            analyse = analyse || may_want(c);
        } else if (c.kind == Chunk::Other) {
            analyse = true;
        }
    }
    close(utf8.size());
    flush();
    return tokens;
}

std::vector<Token> Analyzer::analyze_between(std::string_view utf8, std::size_t from, std::size_t to) {
    from = std::min(from, utf8.size());
    std::size_t begin = 0;  // the last fresh chunk at or before `from`, else the text's start
    for (std::size_t at = from; at > 0; --at)
        if (is_blank(utf8[at - 1]) && at < utf8.size() && !is_blank(utf8[at]) && read_chunk(utf8, at).fresh) {
            begin = at;
            break;
        }
    std::size_t end = std::max(to, begin);  // the first fresh chunk at or after `to`, else the text's end
    while (end < utf8.size() && end > 0 && !is_blank(utf8[end - 1])) ++end;  // off a chunk's middle
    for (;;) {
        while (end < utf8.size() && is_blank(utf8[end])) ++end;
        if (end >= utf8.size()) {
            end = utf8.size();
            break;
        }
        const Chunk c = read_chunk(utf8, end);
        if (c.fresh && c.begin > begin) break;
        end = c.end;
    }
    std::vector<Token> tokens;
    std::uint32_t position = 0;
    impl_->analyze_into(utf8.substr(begin, end - begin), begin, position, tokens);
    return tokens;
}

std::vector<Token> Analyzer::analyze(std::string_view utf8) {
    std::vector<Token> tokens;
    std::uint32_t position = 0;
    impl_->analyze_into(utf8, 0, position, tokens);
    return tokens;
}

void Analyzer::Impl::analyze_into(std::string_view utf8, std::size_t offset, std::uint32_t& position,
                                  std::vector<Token>& tokens) {
    Impl& im = *this;
    im.group(utf8);
    const std::size_t first = tokens.size();
    std::vector<int> letters;  // capital_letters() of each new token, for mark_acronyms()
    tokens.reserve(first + im.parts.size() + im.parts.size() / 8);
    letters.reserve(im.parts.size() + im.parts.size() / 8);
    for (const Group& g : im.groups) {
        const std::size_t compound_at = tokens.size();  // a compound goes before its parts
        // Only a group of several parts, or with a unit, can make a compound: the others skip
        // building its term.
        const bool may_compound = g.last - g.first > 1 || !g.prefix.empty() || g.percent;
        std::string whole = g.prefix;
        std::size_t words = 0;
        bool hyphenated_word = g.prefix.empty() && !g.percent;  // "e-mail": words joined by '-'
        std::string joined;                                      // "email"
        for (std::size_t p = g.first; p < g.last; ++p) {
            const Part& part = im.parts[p];
            Token t;
            t.term = im.normalize(part.begin16, part.end16);
            if (t.term.empty()) continue;
            if (words++ > 0 && may_compound) whole += part.joiner;
            if (may_compound) {
                whole += t.term;
                joined += t.term;
            }
            hyphenated_word = hyphenated_word && (words == 1 || part.joiner == '-') && !has_digit(t.term);
            t.begin = offset + im.byte_offset(part.begin16);
            t.end = offset + im.byte_offset(part.end16);
            t.position = position++;
            if (t.term.size() > kMaxTermBytes) continue;
            if (!has_digit(t.term)) t.stem = im.stem(t.term);
            tokens.push_back(std::move(t));
            letters.push_back(im.capital_letters(part.begin16, part.end16));
        }
        if (g.percent) whole += '%';
        if (words > 0 && (words > 1 || !g.prefix.empty() || g.percent) && whole.size() <= kMaxTermBytes) {
            Token c;
            // A hyphenated word is also its parts written together, stemmed: "e-mail" is
            // "email", "start-ups" "startup"; one with a number or a dot stays as written.
            if (hyphenated_word) {
                c.term = std::move(joined);
                c.stem = im.stem(c.term);
            } else {
                c.term = std::move(whole);
            }
            c.begin = offset + im.byte_offset(g.begin16);
            c.end = offset + im.byte_offset(g.end16);
            c.position = position - static_cast<std::uint32_t>(words);
            c.compound = true;
            tokens.insert(tokens.begin() + static_cast<std::ptrdiff_t>(compound_at), std::move(c));
            letters.insert(letters.begin() + static_cast<std::ptrdiff_t>(compound_at - first), 0);
        }
    }
    mark_acronyms(tokens, first, letters);
}

}  // namespace news::schema
