// Text output escapes: what an indexed article or a typed query holds cannot drive the terminal.
#include "searcher/render.h"
#include "searcher/search.h"

#include "temp_corpus.h"

#include <catch2/catch.hpp>

#include <string>

namespace {

/// `text` without the style's own escapes; what is left must hold no control character.
std::string without_marks(std::string text, const news::searcher::TextStyle& style) {
    for (const std::string& mark : {style.mark_open, style.mark_close})
        for (std::size_t at; (at = text.find(mark)) != std::string::npos;) text.erase(at, mark.size());
    return text;
}

bool has_controls(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7F) return true;
        if (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(text[i + 1]) <= 0x9F)
            return true;
    }
    return false;
}

}  // namespace

TEST_CASE("printable escapes control characters and keeps the rest", "[searcher][render]") {
    using news::searcher::printable;
    CHECK(printable("a\x1b]0;pwned\x07\x1b[2Jb") == "a\\x1b]0;pwned\\x07\\x1b[2Jb");
    CHECK(printable("caf\u00e9 \u009b2J\r\t\n\x7f") == "caf\u00e9 \\u009b2J \t\n\\x7f");
    CHECK(printable("plain text, “quoted” — 日本") == "plain text, “quoted” — 日本");
}

TEST_CASE("Text output shows escape sequences of titles, sources, snippets and the query, never sends them",
          "[searcher][render]") {
    const news::test::TempCorpus corpus{
        R"({"id":"1","title":"\u001b]0;pwned\u0007\u001b[2JHeadline","body":"Trick \u001b[31mred\u001b[0m body \u009b2J here.","source":"Wire\u001b[8m","places":["\u001b[5mParis"]})"
        "\n"};
    news::searcher::Searcher searcher{corpus.db()};
    news::searcher::SearchRequest request;
    request.query = "trick \x1b[2J";
    request.facets = {"place"};
    const auto results = searcher.search(request);
    REQUIRE(results.hits.size() == 1);
    news::searcher::StyleChoice choice;
    choice.color = "always";
    auto style = news::searcher::text_style(choice);
    style.show_query = true;
    const std::string text = news::searcher::render_text(results, style);
    INFO(text);
    CHECK_FALSE(has_controls(without_marks(text, style)));
    CHECK_THAT(text, Catch::Matchers::Contains("\\x1b]0;pwned\\x07\\x1b[2JHeadline"));
    CHECK_THAT(text, Catch::Matchers::Contains("for: trick \\x1b[2J"));
}
