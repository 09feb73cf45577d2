// Tests of schema::Analyzer: the one place text becomes terms (STYLE.md section 4).
#include "schema/analyzer.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <tuple>
#include <vector>

namespace {

using news::schema::Analyzer;
using news::schema::Token;

// "selfserve*@0/selfserv self@0 serve@1/serv ^aws@2/aw": '^' for an acronym, term, '*' for a
// compound, position, stem when it differs.
std::string printed(const std::vector<Token>& tokens) {
    std::string out;
    for (const auto& t : tokens) {
        if (!out.empty()) out += ' ';
        out += (t.acronym ? "^" : "") + t.term + (t.compound ? "*" : "") + "@" + std::to_string(t.position);
        if (!t.stem.empty() && t.stem != t.term) out += "/" + t.stem;
    }
    return out;
}

bool plain_word(std::string_view folded) {  // nothing the analyzer rewrites beyond folding
    return folded.find_first_of("'.,$%-") == std::string_view::npos;
}

// What every token list must satisfy, whatever the input.
void check_tokens(Analyzer& en, std::string_view text, const std::vector<Token>& tokens) {
    CAPTURE(text, printed(tokens));
    std::size_t last_begin = 0;
    std::uint32_t next_position = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        CAPTURE(i, t.term, t.begin, t.end);
        REQUIRE(t.begin < t.end);
        REQUIRE(t.end <= text.size());
        CHECK_FALSE(t.term.empty());
        if (t.compound) {
            // A compound comes right before its first part, which shares its start and position.
            REQUIRE(i + 1 < tokens.size());
            CHECK_FALSE(tokens[i + 1].compound);
            CHECK(tokens[i + 1].position == t.position);
            CHECK(tokens[i + 1].begin >= t.begin);
            CHECK_FALSE(t.acronym);
            // A hyphenated word is its parts joined, stemmed; other compounds have no stem.
            if (!t.stem.empty()) CHECK(t.stem == en.stemmer()(t.term));
            continue;
        }
        CHECK(t.begin >= last_begin);           // never backwards
        CHECK(t.position >= next_position);     // positions count words, increasing
        last_begin = t.begin;
        next_position = t.position + 1;
        const std::string folded = en.fold(text.substr(t.begin, t.end - t.begin));
        if (plain_word(folded)) CHECK(t.term == folded);
        const bool digits = t.term.find_first_of("0123456789") != std::string::npos;
        CHECK(t.stem == (digits ? std::string() : en.stemmer()(t.term)));
        if (t.acronym) CHECK_FALSE(digits);
    }
}

std::string analyzed(Analyzer& en, const std::string& text) {
    const auto tokens = en.analyze(text);
    check_tokens(en, text, tokens);
    return printed(tokens);
}

}  // namespace

// analyze() reuses the Analyzer's buffers: a const Analyzer, which callers could take for
// safe to share between threads, cannot analyze.
template <class A>
concept can_analyze = requires(A& a) { a.analyze(""); };
static_assert(can_analyze<Analyzer>);
static_assert(!can_analyze<const Analyzer>);

TEST_CASE("Analyzer folds case and compatibility forms with NFKC", "[schema][analyzer]") {
    Analyzer en{"en"};
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"AWS Layoffs", "^aws@0/aw layoffs@1/layoff"},
        {"\xEF\xBC\xA1\xEF\xBC\xB7\xEF\xBC\xB3", "^aws@0/aw"},           // full-width ＡＷＳ
        {"\xEF\xAC\x81nance", "finance@0/financ"},                         // "ﬁ" ligature
        {"CAF\xC3\x89 caf\xC3\xA9", "^cafe@0 cafe@1"},                      // precomposed É, accents off
        {"cafe\xCC\x81", "cafe@0"},                                        // e + combining acute
        {"STRASSE Stra\xC3\x9F" "e", "^strasse@0/strass strasse@1/strass"}, // ß folds to ss
    }));
    CAPTURE(input);
    CHECK(analyzed(en, input) == expected);
}

TEST_CASE("Analyzer folds typographic apostrophes and drops possessives", "[schema][analyzer]") {
    Analyzer en{"en"};
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"AWS's", "^aws@0/aw"},
        {"AWS\xE2\x80\x99s", "^aws@0/aw"},                 // AWS’s
        {"Bezos\xE2\x80\x99 firm", "bezos@0/bezo firm@1"},  // Bezos’
        {"Bezos' firm", "bezos@0/bezo firm@1"},
        {"they\xE2\x80\x99re", "they're@0/they'r"},       // ’ -> ', as typed with '
        {"they're", "they're@0/they'r"},
        {"isn\xCA\xBCt", "isn't@0"},                       // modifier letter apostrophe
    }));
    CAPTURE(input);
    CHECK(analyzed(en, input) == expected);
}

TEST_CASE("Analyzer keeps hyphenated words whole and as parts", "[schema][analyzer]") {
    Analyzer en{"en"};
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"self-serve", "selfserve*@0/selfserv self@0 serve@1/serv"},
        {"Self-Serve Training", "selfserve*@0/selfserv self@0 serve@1/serv training@2/train"},
        {"Covid-19", "covid-19*@0 covid@0 19@1"},
        {"12-week course", "12-week*@0 12@0 week@1 course@2/cours"},
        {"self\xE2\x80\x90serve", "selfserve*@0/selfserv self@0 serve@1/serv"},  // U+2010 hyphen
        {"- Focus", "focus@0"},                                           // a list dash is no joiner
        {"high - growth", "high@0 growth@1"},
    }));
    CAPTURE(input);
    CHECK(analyzed(en, input) == expected);
}

TEST_CASE("Analyzer normalises numbers, currency and percentages", "[schema][analyzer]") {
    Analyzer en{"en"};
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"27,000 workers", "27000@0 workers@1/worker"},
        {"$700 million", "$700*@0 700@0 million@1"},
        {"29%", "29%*@0 29@0"},
        {"1,234.5", "1234.5@0"},
        {"3.5", "3.5@0"},
        {"US $ 700", "^us@0 700@1"},  // a detached currency sign is punctuation
        {"[1]", "1@0"},
    }));
    CAPTURE(input);
    CHECK(analyzed(en, input) == expected);
}

TEST_CASE("Analyzer collapses dotted abbreviations and splits domain names", "[schema][analyzer]") {
    Analyzer en{"en"};
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"U.S.", "^us@0"},                          // capitals: an acronym
        {"U.S. grocery", "^us@0 grocery@1/groceri"},
        {"US", "^us@0"},
        {"u.s.a.", "usa@0"},
        {"amazon.com", "amazon.com*@0 amazon@0 com@1"},
        {"Amazon.com's", "amazon.com*@0 amazon@0 com@1"},
    }));
    CAPTURE(input);
    CHECK(analyzed(en, input) == expected);
}

TEST_CASE("Analyzer stems English words with Snowball", "[schema][analyzer]") {
    Analyzer en{"en"};
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"layoffs", "layoffs@0/layoff"},
        {"layoff", "layoff@0"},
        {"training trained", "training@0/train trained@1/train"},
        {"services", "services@0/servic"},
    }));
    CAPTURE(input);
    CHECK(analyzed(en, input) == expected);
}

TEST_CASE("Analyzer gives byte offsets into multi-byte text", "[schema][analyzer]") {
    Analyzer en{"en"};
    const std::string text = "Na\xC3\xAFve caf\xC3\xA9 \xE2\x80\x9C" "cloud\xE2\x80\x9D 29%";  // Naïve café “cloud” 29%
    const auto tokens = en.analyze(text);
    check_tokens(en, text, tokens);
    REQUIRE(printed(tokens) == "naive@0/naiv cafe@1 cloud@2 29%*@3 29@3");
    auto slice = [&](const Token& t) { return text.substr(t.begin, t.end - t.begin); };
    CHECK(slice(tokens[0]) == "Na\xC3\xAFve");
    CHECK(slice(tokens[1]) == "caf\xC3\xA9");
    CHECK(slice(tokens[2]) == "cloud");
    CHECK(tokens[2].begin == 16);
    CHECK(slice(tokens[3]) == "29%");
    CHECK(slice(tokens[4]) == "29");
}

TEST_CASE("Analyzer counts positions in words, not tokens", "[schema][analyzer]") {
    Analyzer en{"en"};
    const std::string text = "Just Walk Out, self-serve $700 training.";
    const auto tokens = en.analyze(text);
    check_tokens(en, text, tokens);
    std::vector<std::uint32_t> positions;
    for (const auto& t : tokens)
        if (!t.compound) positions.push_back(t.position);
    CHECK(positions == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6});
}

TEST_CASE("Analyzer reads invalid UTF-8 as U+FFFD without crashing", "[schema][analyzer]") {
    Analyzer en{"en"};
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"a\xFF" "b c", "a@0 b@1 c@2"},
        {"\xC3", ""},                                   // truncated sequence at the end
        {"cloud\xE2\x80 computing", "cloud@0 computing@1/comput"},
        {"\xED\xA0\x80x", "x@0"},                       // an encoded surrogate
        {"\xF8\x88\x80\x80\x80", ""},                   // a 5-byte form
    }));
    CAPTURE(input);
    CHECK(analyzed(en, input) == expected);
    // fold() replaces the bad bytes with U+FFFD rather than dropping them.
    CHECK(en.fold("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
}

TEST_CASE("Analyzer returns no tokens for empty or punctuation-only text", "[schema][analyzer]") {
    Analyzer en{"en"};
    auto input = GENERATE(as<std::string>{}, "", " \n\t ", "...", "\xE2\x80\x9C\xE2\x80\x9D", "- -", "$", "%");
    CAPTURE(input);
    CHECK(analyzed(en, input).empty());
}

TEST_CASE("Analyzer splits CJK text into dictionary words", "[schema][analyzer]") {
    Analyzer en{"en"};
    const std::string text = "\xE4\xBA\x9A\xE9\xA9\xAC\xE9\x80\x8A\xE4\xBA\x91\xE8\xAE\xA1\xE7\xAE\x97";  // 亚马逊云计算
    const auto tokens = en.analyze(text);
    check_tokens(en, text, tokens);
    CHECK(printed(tokens) == "\xE4\xBA\x9A\xE9\xA9\xAC\xE9\x80\x8A@0 \xE4\xBA\x91@1 \xE8\xAE\xA1\xE7\xAE\x97@2");
}

TEST_CASE("Analyzer gives the same terms at index and query time", "[schema][analyzer]") {
    // A query word typed as it appears in the text must produce one of the text's terms.
    Analyzer en{"en"};
    auto [typed, indexed_as] = GENERATE(table<std::string, std::string>({
        {"U.S.", "US"},
        {"AWS\xE2\x80\x99s", "AWS's"},
        {"\xEF\xAC\x81" "nance", "finance"},
    }));
    CAPTURE(typed, indexed_as);
    CHECK(analyzed(en, typed) == analyzed(en, indexed_as));
}

// ASCII text takes a short path (no ICU normalizer: only A-Z fold); a non-ASCII character
// anywhere sends the whole text through ICU. Both must give the same tokens.
TEST_CASE("Analyzer gives ASCII text the same tokens as the ICU path", "[schema][analyzer]") {
    Analyzer en{"en"};
    std::string every_ascii;  // each printable and control character between letters and digits
    for (int c = 1; c < 0x80; ++c) every_ascii += std::string("Ab9") + static_cast<char>(c) + "Cd7 " + static_cast<char>(c) + " ";
    auto text = GENERATE_COPY(as<std::string>{}, every_ascii, "U.S. AMAZON.COM Inc's $700 29% SELF-SERVE 27,000 1,234.5",
                              "Layoffs AT Amazon Web Services' ShoWs 'quoted' WALK-OUT-TECH e.g. x_y __ A.B.C.D");
    CAPTURE(text);
    const std::string marked = text + " \xC3\xA9";  // "é": forces the ICU path, adds one last token
    auto plain = en.analyze(text);
    auto via_icu = en.analyze(marked);
    REQUIRE(via_icu.size() == plain.size() + 1);
    via_icu.pop_back();
    CHECK(printed(plain) == printed(via_icu));
    for (std::size_t i = 0; i < plain.size(); ++i) {
        CAPTURE(i, plain[i].term);
        CHECK(plain[i].begin == via_icu[i].begin);
        CHECK(plain[i].end == via_icu[i].end);
    }
    check_tokens(en, text, plain);
}

TEST_CASE("Analyzer stems correctly after its stem cache fills and is cleared", "[schema][analyzer]") {
    Analyzer en{"en"};
    std::string text;  // 70,000 distinct letter-only words: more than the cache holds (65,536)
    for (int n = 0; n < 70000; ++n) {
        std::string word = "ing";
        for (int v = n; v > 0; v /= 26) word.insert(word.begin(), static_cast<char>('a' + v % 26));
        text += word + ' ';
    }
    for (int pass = 0; pass < 2; ++pass) {  // the second pass meets words both in and out of the cache
        const auto tokens = en.analyze(text);
        REQUIRE(tokens.size() == 70000);
        for (const auto& t : tokens)
            if (t.stem != en.stemmer()(t.term)) FAIL("stem of " << t.term << ": " << t.stem);
    }
}

TEST_CASE("fold() takes accents and compatibility forms off, for every use alike", "[schema][analyzer][fold]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"caf\xC3\xA9", "cafe"},                               // café
        {"Nestl\xC3\xA9", "nestle"},                           // Nestlé
        {"Z\xC3\xBCrich", "zurich"},                           // Zürich
        {"Beyonc\xC3\xA9", "beyonce"},                         // Beyoncé
        {"S\xC3\x83O PAULO", "sao paulo"},                     // SÃO PAULO, spaces kept
        {"s\xC3\xA3o paulo", "sao paulo"},                     // são paulo
        {"cafe\xCC\x81", "cafe"},                              // e + combining acute
        {"\xEF\xBC\xA1\xEF\xBC\xB7\xEF\xBC\xB3", "aws"},  // full-width ＡＷＳ
        {"K\xC3\xB8" "benhavn", "kobenhavn"},                 // København: ø has no decomposition
        {"\xC5\x81\xC3\xB3" "d\xC5\xBA", "lodz"},           // Łódź
        {"\xC3\x86sop", "aesop"},                              // Æsop
        {"Stra\xC3\x9F" "e", "strasse"},                       // ß
        {"\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1", "\xCE\xB1\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xB1"},  // Αθήνα -> αθηνα
        {"\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\x82\xE0\xA4\xA6\xE0\xA5\x80",
         "\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\x82\xE0\xA4\xA6\xE0\xA5\x80"},  // हिंदी: its signs are letters there
        {"O\xE2\x80\x99Neill", "o'neill"},                    // O’Neill
    }));
    CAPTURE(input);
    CHECK(news::schema::fold(input) == expected);
    Analyzer en{"en"};
    CHECK(en.fold(input) == expected);
}

TEST_CASE("Analyzer folds accents the way fold() does, so both spellings are one term", "[schema][analyzer][fold]") {
    Analyzer en{"en"};
    CHECK(analyzed(en, "Caf\xC3\xA9 cafe Z\xC3\xBCrich zurich") == "cafe@0 cafe@1 zurich@2 zurich@3");
    CHECK(analyzed(en, "Nestl\xC3\xA9's Beyonc\xC3\xA9") == "nestle@0/nestl beyonce@1/beyonc");
}

TEST_CASE("Analyzer writes a hyphenated word as its parts joined, so e-mail is email", "[schema][analyzer]") {
    Analyzer en{"en"};
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"e-mail", "email*@0 e@0 mail@1"},
        {"email", "email@0"},
        {"start-ups", "startups*@0/startup start@0 ups@1/up"},
        {"Covid-19", "covid-19*@0 covid@0 19@1"},  // with a number: as written
    }));
    CAPTURE(input);
    CHECK(analyzed(en, input) == expected);
}

TEST_CASE("Analyzer marks words written in capitals as acronyms, unless the text shouts", "[schema][analyzer][acronym]") {
    Analyzer en{"en"};
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"AWS layoffs", "^aws@0/aw layoffs@1/layoff"},
        {"awful layoffs", "awful@0/aw layoffs@1/layoff"},
        {"AWS's results", "^aws@0/aw results@1/result"},          // possessive 's is no lower case
        {"the US economy and us", "the@0 ^us@1 economy@2/economi and@3 us@4"},
        {"U.S. trade", "^us@0 trade@1"},                      // dotted capitals too
        {"US SEC filing", "^us@0 ^sec@1 filing@2/file"},           // two in a row: still acronyms
        {"I met the CEO", "i@0 met@1 the@2 ^ceo@3"},               // one letter: no acronym
        {"EC2 prices", "ec2@0 prices@1/price"},                    // a digit: no stem to avoid
        {"U.S. COCOA MERCHANT SPOT PRICES", "us@0 cocoa@1 merchant@2 spot@3 prices@4/price"},  // shouted
        {"OIL PRICES RISE - Brent up", "oil@0 prices@1/price rise@2 brent@3 up@4"},
        {"Nasa and Nato", "nasa@0 and@1 nato@2"},                   // capitalised, not capitals
    }));
    CAPTURE(input);
    CHECK(analyzed(en, input) == expected);
}

TEST_CASE("Analyzer stems right past its stem table's capacity, and again after it starts over",
          "[schema][analyzer]") {
    // 70,000 distinct letter words (more than the 65,535 the table holds), in two rounds: the
    // second meets words the table dropped and words it kept. Every stem is the stemmer's.
    std::string text;
    for (int i = 0; i < 70000; ++i) {
        std::string word;
        for (int n = i; word.size() < 4 || n > 0; n /= 26) word += static_cast<char>('a' + n % 26);
        text += word + (i % 3 == 0 ? "ings " : i % 3 == 1 ? "ed " : "ation ");
    }
    Analyzer en{"en"};
    for (int round = 0; round < 2; ++round) {
        const auto tokens = en.analyze(text);
        REQUIRE(tokens.size() == 70000);
        std::size_t wrong = 0;
        for (const auto& t : tokens) wrong += t.stem != en.stemmer()(t.term);
        CHECK(wrong == 0);
    }
}

namespace {

// Every field of a token, for comparisons.
std::string fields(const Token& t) {
    return t.term + "|" + t.stem + "|" + std::to_string(t.begin) + "-" + std::to_string(t.end) + "@" +
           std::to_string(t.position) + (t.compound ? "*" : "") + (t.acronym ? "^" : "");
}

// Whether `part` is `whole` with some tokens left out, each kept one equal in every field.
bool subsequence(const std::vector<Token>& part, const std::vector<Token>& whole) {
    std::size_t at = 0;
    for (const auto& t : part) {
        while (at < whole.size() && fields(whole[at]) != fields(t)) ++at;
        if (at == whole.size()) return false;
        ++at;
    }
    return true;
}

std::vector<Token> only(std::vector<Token> tokens, const std::function<bool(const Token&)>& wanted) {
    std::erase_if(tokens, [&](const Token& t) { return !wanted || !wanted(t); });
    return tokens;
}

}  // namespace

TEST_CASE("analyze_wanted() gives every token of analyze() that is wanted, the same in every field",
          "[schema][analyzer][wanted]") {
    std::string long_word(130, 'x'), just_short(120, 'y');
    const std::string text = GENERATE_COPY(values<std::string>({
        "SALVADOR, Feb 26 - Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought",
        "The U.S. and U.K. trade; AWS's results and IBM's; e-mail, start-ups, Covid-19, $700 million, 29% rise, "
        "27,000 jobs, 1.5 pct, amazon.com and mid-1987 layoffs",
        "the AWS 12 IBM 34 SEC said, and AWS 12 IBM said",  // capitals joined into a run across numbers
        "results: OIL PRICES RISE 1987 - Brent up; US SEC filing by the US",
        "Nestl\xC3\xA9's caf\xC3\xA9 in Z\xC3\xBCrich, Beyonc\xC3\xA9; \xEF\xBC\xA1\xEF\xBC\xB7\xEF\xBC\xB3 layoffs, na\xC3\xAFve",
        "AWS\xE2\x80\x99s staff don\xE2\x80\x99t \xE2\x80\x98quote\xE2\x80\x99 layoffs\xE2\x80\x94" "and AWS",
        "a " + long_word + " AWS IBM " + long_word + " SEC and " + just_short + " results " + long_word,
        "one\ttwo\r\nthree  four\n\nLayoffs five\r\n",
        "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xA7 layoffs \xE4\xBC\x9A\xE8\xAD\xB0 results",
        "bad \xFF\xFE bytes layoffs \xC3",
        "(Reuters) \"quoted,\" 'single' [bracket] layoffs. end.) 'tis the 1990s'",
        "snake_case layoffs_here -- ... $ % words",
        "  AWS layoffs at the start",
        "the 1980's, 3M's and A1's results; it's AWS'S, don't; 1,000.5 and 1.5.3 or abc1.5 (27,000) 1.5, US's",
        "",
        "   ",
    }));
    using Wanted = std::function<bool(const Token&)>;
    const Wanted wanted = GENERATE(values<Wanted>({
        [](const Token& t) { return t.stem == "layoff"; },
        [](const Token& t) { return t.acronym && t.term == "aws"; },
        [](const Token& t) { return !t.acronym && t.stem == "aw"; },  // "AWS" not as an acronym
        [](const Token& t) { return t.term == "us" || t.term == "sec"; },
        [](const Token& t) { return t.term == "27000" || t.term == "1987" || t.term == "$700" || t.term == "1.5"; },
        [](const Token& t) { return t.term == "3m" || t.term == "1980" || t.term == "it" || t.term == "1000.5"; },
        [](const Token& t) { return !t.compound && t.term.starts_with("re"); },
        [](const Token& t) { return t.stem == "result" || t.term == "email" || t.term == "zurich"; },
        [](const Token&) { return true; },
        Wanted{},
    }));
    Analyzer en{"en"};
    const auto all = en.analyze(text);
    const auto some = en.analyze_wanted(text, wanted);
    CAPTURE(text, printed(all), printed(some));
    CHECK(subsequence(some, all));
    CHECK(printed(only(some, wanted)) == printed(only(all, wanted)));
    CHECK(subsequence(only(all, wanted), some));
}

TEST_CASE("analyze_wanted() analyses only around wanted words and keeps their positions", "[schema][analyzer][wanted]") {
    Analyzer en{"en"};
    const std::string text = "Showers hit the cocoa zone. Layoffs at U.S. plants; more layoffs.";
    // "Layoffs" (capitalised) starts no stretch of its own: the one before it, "zone.", does.
    // "U.S." is analysed wherever it is (its dots); the plain words nobody wants are not.
    CHECK(printed(en.analyze_wanted(text, [](const Token& t) { return t.stem == "layoff"; })) ==
          "zone@4 layoffs@5/layoff at@6 ^us@7 layoffs@10/layoff");
    CHECK(printed(en.analyze_wanted(text, {})) == "at@6 ^us@7");
    CHECK(printed(en.analyze_wanted("plain words only", {})).empty());
}

TEST_CASE("analyze_between() gives the tokens around a range as analyze() does", "[schema][analyzer][wanted]") {
    Analyzer en{"en"};
    const std::string text = "one two Three FOUR five six";
    // From "two" (the last lower-case word before byte 8) to "five": FOUR is an acronym only
    // because "five" ends its run of capitals.
    CHECK(printed(en.analyze_between(text, 8, 13)) == "two@0 three@1 ^four@2");
    CHECK(printed(en.analyze_between(text, 0, 3)) == "one@0");
    CHECK(printed(en.analyze_between(text, 20, 100)) == "five@0 six@1");
    const std::string shouted = "the AWS 12 IBM 34 SEC said";
    CHECK(printed(en.analyze_between(shouted, 8, 9)) == "the@0 aws@1/aw 12@2 ibm@3 34@4 sec@5");
    // Every range of a tricky text: the same tokens as analyze() but for positions.
    const std::string tricky = "The U.S. and AWS\xE2\x80\x99s e-mail; Z\xC3\xBCrich caf\xC3\xA9 27,000 $700 29% OIL PRICES RISE up";
    const auto all = en.analyze(tricky);
    for (std::size_t from = 0; from < tricky.size(); from += 3)
        for (std::size_t to = from; to <= tricky.size() + 2; to += 5) {
            CAPTURE(from, to);
            const auto some = en.analyze_between(tricky, from, to);
            std::vector<std::string> got, expected;
            for (const auto& t : some) got.push_back(printed({t}).substr(0, printed({t}).find('@')) + std::to_string(t.begin));
            for (const auto& t : all) {
                const std::string p = printed({t}).substr(0, printed({t}).find('@')) + std::to_string(t.begin);
                if (t.begin >= from && t.begin < to) CHECK(std::find(got.begin(), got.end(), p) != got.end());
                expected.push_back(p);
            }
            // A run of analyze()'s tokens, in order.
            const auto first = std::search(expected.begin(), expected.end(), got.begin(), got.end());
            CHECK((got.empty() || first != expected.end()));
        }
}
