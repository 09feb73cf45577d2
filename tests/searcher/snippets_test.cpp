// Tests of match_terms() and make_snippet(): the passage shown with each hit.
#include "searcher/snippets.h"

#include "searcher/query_builder.h"
#include "searcher/query_parser.h"

#include <catch2/catch.hpp>

#include <string>

namespace {

using news::searcher::MatchTerms;
using news::searcher::Snippet;

news::schema::Analyzer& analyzer() {
    static news::schema::Analyzer en{"en"};
    return en;
}

MatchTerms terms_of(const std::string& query) {
    news::searcher::QueryBuilder builder{analyzer()};
    const Xapian::Query q = builder.build(news::searcher::parse_query(query));
    return news::searcher::match_terms({q.get_terms_begin(), q.get_terms_end()});
}

std::string printed(const MatchTerms& m) {
    std::string out = "words:";
    for (const auto& w : m.words) out += " " + w;
    return out;
}

// The snippet with highlights in [brackets], for one-line comparisons.
std::string marked(const Snippet& s) {
    std::string out;
    std::size_t at = 0;
    for (const auto& h : s.highlights) {
        REQUIRE(h.begin >= at);
        REQUIRE(h.end <= s.text.size());
        out += s.text.substr(at, h.begin - at) + "[" + s.text.substr(h.begin, h.end - h.begin) + "]";
        at = h.end;
    }
    return out + s.text.substr(at);
}

std::string snippet(const std::string& text, const std::string& query, std::size_t length = 240) {
    return marked(news::searcher::make_snippet(analyzer(), text, terms_of(query), length));
}

}  // namespace

TEST_CASE("match_terms() keeps the words of free-text terms, drops filters and prefixes", "[searcher][snippets]") {
    auto [query, expected] = GENERATE(table<std::string, std::string>({
        {"layoffs", "words: layoff"},
        {"AWS layoffs", "words: ^aws layoff"},  // an acronym (schema::kAcronymMark)
        {"\"Just Walk Out\"", "words: just out walk"},
        {"self-serve", "words: selfserv"},       // a hyphenated word: its parts joined
        {"title:training", "words: train"},
        {"title:\"cloud skills\"", "words: cloud skill"},
        {"cloud company:aws year:2020", "words: cloud"},
        {"cloud year:2020..2024", "words: cloud"},
        {"cloud -microsoft", "words: cloud microsoft"},  // a NOT term never matches a hit
        {"27,000", "words: 27000"},
    }));
    CAPTURE(query);
    CHECK(printed(terms_of(query)) == expected);
}

TEST_CASE("match_terms() ignores terms of filter prefixes", "[searcher][snippets]") {
    const auto m = news::searcher::match_terms({"XCOaws", "Y2020", "Qcorpus/a.txt", "XPEjane doe", "Scloud", "27000", "word"});
    CHECK(printed(m) == "words: 27000 cloud word");
}

TEST_CASE("make_snippet() highlights stemmed forms of the query words", "[searcher][snippets]") {
    auto [text, query, expected] = GENERATE(table<std::string, std::string, std::string>({
        {"These layoffs are part of it.", "layoff", "These [layoffs] are part of it."},
        {"AWS's staff and AWS staffing.", "AWS staff", "[AWS's staff] and [AWS] staffing."},
        {"Awful staff, AWS staff.", "AWS staff", "Awful [staff], [AWS staff]."},  // not "awful"
        {"Self-serve training, self serve.", "self-serve", "[Self-serve] training, self serve."},
        {"It stopped Just Walk Out technology.", "\"just walk out\"", "It stopped [Just Walk Out] technology."},
        {"Walk, out.", "\"walk out\"", "[Walk], [out]."},  // punctuation between: separate spans
        {"no match here", "cloud", "no match here"},
    }));
    CAPTURE(text, query);
    CHECK(snippet(text, query) == expected);
}

TEST_CASE("make_snippet() picks the window with the most distinct matched terms", "[searcher][snippets]") {
    std::string text = "Cloud at the start. ";
    for (int i = 0; i < 20; ++i) text += "Filler words fill this sentence. ";
    text += "Here cloud and training meet. ";
    for (int i = 0; i < 20; ++i) text += "More filler follows here. ";
    CHECK(snippet(text, "cloud training", 60) == "\u2026Here [cloud] and [training] meet. More filler follows here. More\u2026");
}

TEST_CASE("make_snippet() cuts with an ellipsis and folds newlines", "[searcher][snippets]") {
    const std::string text = "First line.\nSecond line has layoffs\nthird line.";
    CHECK(snippet(text, "layoffs") == "First line. Second line has [layoffs] third line.");
    std::string longer;
    for (int i = 0; i < 30; ++i) longer += "word" + std::to_string(i) + " ";
    longer += "layoffs end";
    const std::string s = snippet(longer, "layoffs", 40);
    CHECK(s.starts_with("\u2026"));
    CHECK(s.find("[layoffs] end") != std::string::npos);
    CHECK(s.find('\n') == std::string::npos);
}

TEST_CASE("make_snippet() folds a paragraph break into one space", "[searcher][snippets]") {
    // Was "Services.  Last year" in the corpus goldens: each '\n' became its own space.
    CHECK(snippet("Web Services.\n\nLast year layoffs.", "layoffs") == "Web Services. Last year [layoffs].");
    CHECK(snippet("End of line  \r\n\n  layoffs\n\nand AWS", "layoffs AWS") == "End of line [layoffs] and [AWS]");
}

TEST_CASE("make_snippet() highlight offsets point at the matched bytes", "[searcher][snippets]") {
    const std::string text = "Caf\xC3\xA9 \xE2\x80\x9CJust Walk Out\xE2\x80\x9D: \xE2\x80\x9Cseveral hundred\xE2\x80\x9D layoffs at AWS\xE2\x80\x99s stores.";
    const Snippet s = news::searcher::make_snippet(analyzer(), text, terms_of("layoffs AWS"));
    REQUIRE(s.highlights.size() == 2);
    CHECK(s.text == text);
    CHECK(s.text.substr(s.highlights[0].begin, s.highlights[0].end - s.highlights[0].begin) == "layoffs");
    CHECK(s.text.substr(s.highlights[1].begin, s.highlights[1].end - s.highlights[1].begin) == "AWS\xE2\x80\x99s");
}

TEST_CASE("make_snippet() returns the start of the text when nothing matches", "[searcher][snippets]") {
    std::string text;
    for (int i = 0; i < 100; ++i) text += "alpha ";
    const Snippet s = news::searcher::make_snippet(analyzer(), text, terms_of("beta"), 30);
    CHECK(s.highlights.empty());
    CHECK(s.text == "alpha alpha alpha alpha alpha\u2026");
}

TEST_CASE("SnippetCache gives make_snippet()'s snippet, kept by article, highlights and length",
          "[searcher][snippets]") {
    news::searcher::SnippetCache cache{4};
    const std::string text = "Layoffs at the plant. The union said the layoffs were expected.";
    const MatchTerms layoffs = terms_of("layoffs"), union_ = terms_of("union");
    CHECK(marked(cache.get(analyzer(), 7, text, layoffs, 240)) == snippet(text, "layoffs"));
    // Kept by docid: the same article, words and length is not cut again (another text shows it).
    CHECK(marked(cache.get(analyzer(), 7, "Nothing here.", layoffs, 240)) == snippet(text, "layoffs"));
    // Other words, another length or another article: cut anew.
    CHECK(marked(cache.get(analyzer(), 7, text, union_, 240)) == snippet(text, "union"));
    CHECK(marked(cache.get(analyzer(), 7, text, layoffs, 20)) == snippet(text, "layoffs", 20));
    CHECK(marked(cache.get(analyzer(), 8, "Layoffs ahead.", layoffs, 240)) == "[Layoffs] ahead.");
    CHECK(cache.size() <= 4);
    // Two generations of two: article 7's first snippet went to the older generation when its
    // length-20 one started a newer one, and is dropped when two more fill the newer again.
    cache.get(analyzer(), 9, "Layoffs again.", layoffs, 240);
    cache.get(analyzer(), 10, "Layoffs once more.", layoffs, 240);
    CHECK(cache.size() <= 4);
    CHECK(marked(cache.get(analyzer(), 7, "Nothing here.", layoffs, 240)) == "Nothing here.");
    cache.clear();
    CHECK(cache.size() == 0);
}

// make_snippet() analyses only around the matches and the passage (Analyzer::analyze_wanted()):
// these are the snippets it cut when it analysed each whole text.
TEST_CASE("make_snippet() cuts the same snippet from tricky text as from whole-text analysis", "[searcher][snippets]") {
    std::string filler;
    for (int i = 0; i < 40; ++i) filler += "Filler words fill this sentence. ";
    auto [text, query, length, expected] = GENERATE_COPY(table<std::string, std::string, std::size_t, std::string>({
        // Accents, typographic apostrophes and a number near the end of a long body.
        {filler + "Nestl\xC3\xA9\xE2\x80\x99s caf\xC3\xA9 in Z\xC3\xBCrich cut 1,500 jobs at AWS\xE2\x80\x99s plant.",
         "nestle cafe 1,500 AWS", 240,
         "\u2026[Nestl\xC3\xA9\xE2\x80\x99s caf\xC3\xA9] in Z\xC3\xBC" "rich cut [1,500] jobs at [AWS\xE2\x80\x99s] plant."},
        // Shouted capitals are ordinary words: only the second AWS is the acronym asked for.
        {"OIL PRICES RISE AT AWS - the AWS unit said", "AWS", 240, "OIL PRICES RISE AT AWS - the [AWS] unit said"},
        // Possessives and numbers of plain text, matched without analysing their neighbours.
        {filler + "Brazil's coffee exports rose to 1,500,000 bags in 1986/87, the IBC's figures show.",
         "brazil 1,500,000 IBC", 60, "\u2026[Brazil's] coffee exports rose to [1,500,000] bags in 1986/87\u2026"},
        // The match is the last word, with no punctuation after it.
        {filler + filler + "and then the layoffs", "layoffs", 50, "\u2026then the [layoffs]"},
        {"U.S. layoffs, e-mail and start-ups: mid-1987 Layoffs'", "layoffs email", 240,
         "U.S. [layoffs], [e-mail] and start-ups: mid-1987 [Layoffs]\u2026"},
    }));
    CAPTURE(query, length);
    CHECK(snippet(text, query, length) == expected);
}
