// Tests of the two renderings of SearchResults: text for people, JSON for scripts.
#include "searcher/render.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

namespace {

using news::searcher::SearchResults;
using news::searcher::StyleChoice;
using news::searcher::text_style;

SearchResults one_hit() {
    SearchResults r;
    r.query = "cafe";
    r.estimate = r.lower_bound = r.upper_bound = 1;
    r.exact = true;
    r.limit = 10;
    news::searcher::Hit h;
    h.rank = 1;
    h.percent = 100;
    h.article.id = "news.jsonl#7";
    h.article.path = "news.jsonl";
    h.article.title = "Caf\xC3\xA9 culture";
    h.article.date = "2005-01-10";
    h.article.mentions = {"2004", "2005"};
    h.snippet.text = "\xE2\x80\xA6" "a caf\xC3\xA9 opened";  // "…a café opened"
    h.snippet.highlights = {{5, 10}};                          // "café": bytes 5-10
    r.hits.push_back(h);
    return r;
}

}  // namespace

TEST_CASE("Colour follows --color, NO_COLOR and TERM=dumb; markers only when asked", "[searcher][render]") {
    auto [color, highlight, terminal, no_color, dumb, mark, title] =
        GENERATE(table<std::string, std::string, bool, bool, bool, std::string, std::string>({
            {"auto", "auto", true, false, false, "\033[1m", "\033[1m"},
            {"auto", "auto", false, false, false, "", ""},          // piped: plain, no markers
            {"auto", "auto", true, true, false, "", ""},            // NO_COLOR
            {"auto", "auto", true, false, true, "", ""},            // TERM=dumb
            {"always", "auto", false, true, true, "\033[1m", "\033[1m"},
            {"never", "auto", true, false, false, "", ""},
            {"auto", "markers", false, false, false, "**", ""},
            {"always", "markers", false, false, false, "**", "\033[1m"},
            {"always", "none", true, false, false, "", "\033[1m"},
        }));
    CAPTURE(color, highlight, terminal, no_color, dumb);
    const auto style = text_style(StyleChoice{color, highlight, terminal, no_color, dumb});
    CHECK(style.mark_open == mark);
    CHECK(style.title_open == title);
}

TEST_CASE("Text output shows each hit's id and no markers when plain", "[searcher][render]") {
    auto style = text_style(StyleChoice{});
    style.show_relevance = false;
    CHECK(render_text(one_hit(), style) ==
          "Results 1-1 of 1 for: cafe\n"
          "\n"
          "1. Caf\xC3\xA9 culture\n"
          "   2005-01-10 | id news.jsonl#7 | news.jsonl\n"
          "   \xE2\x80\xA6" "a caf\xC3\xA9 opened\n");
    style.mark_open = style.mark_close = "**";
    CHECK_THAT(render_text(one_hit(), style), Catch::Matchers::Contains("a **caf\xC3\xA9** opened"));
}

TEST_CASE("Text output shows the time of day in UTC beside the date when the source gave one", "[searcher][render]") {
    auto style = text_style(StyleChoice{});
    style.show_relevance = false;
    auto timed = one_hit();
    timed.hits[0].article.date = "2005-02-16";
    timed.hits[0].article.time = "04:30:00";
    CHECK_THAT(render_text(timed, style), Catch::Matchers::Contains("\n   2005-02-16 04:30:00 UTC | id news.jsonl#7 | news.jsonl\n"));
    CHECK_THAT(render_text(one_hit(), style), Catch::Matchers::Contains("\n   2005-01-10 | id news.jsonl#7"));
}

TEST_CASE("Text output says when the total is a range, and gives the count without hits", "[searcher][render]") {
    SearchResults r;
    r.query = "oil";
    r.limit = 0;
    r.estimate = 63;
    r.lower_bound = r.upper_bound = 63;
    r.exact = true;
    CHECK(render_text(r, {}) == "63 results for: oil\n");
    r.limit = 10;
    r.offset = 100;
    CHECK(render_text(r, {}) == "63 results for: oil (none at this offset)\n");
    r = one_hit();
    r.lower_bound = 1;
    r.upper_bound = 40;
    r.estimate = 9;
    r.exact = false;
    CHECK_THAT(render_text(r, {}), Catch::Matchers::StartsWith("Results 1-1 of between 1 and 40 for: cafe\n"));
    r.upper_bound = r.lower_bound = r.estimate = 0;
    r.hits.clear();
    CHECK(render_text(r, {}) == "No results for: cafe\n");
}

TEST_CASE("JSON gives null for absent values, numbers for years, code points for offsets", "[searcher][render][json]") {
    const auto j = nlohmann::json::parse(render_json(one_hit()));
    const auto& hit = j["results"][0];
    CHECK(hit["source"].is_null());
    CHECK(hit["url"].is_null());
    CHECK(hit["year"] == 2005);
    CHECK(hit["mentions"] == nlohmann::json::array({2004, 2005}));
    CHECK(hit["date"] == "2005-01-10");
    // "…a café opened": café is code points 3 to 7 (bytes 5 to 10).
    CHECK(hit["snippet"]["highlights"][0]["start"] == 3);
    CHECK(hit["snippet"]["highlights"][0]["end"] == 7);
    CHECK(j["total"]["exact"] == true);
    auto undated = one_hit();
    undated.hits[0].article.date.clear();
    const auto u = nlohmann::json::parse(render_json(undated))["results"][0];
    CHECK(u["year"].is_null());
    CHECK(u["date"].is_null());
    CHECK(u["time"].is_null());
}

TEST_CASE("JSON gives the publication time as an ISO 8601 UTC instant, null for a day alone", "[searcher][render][json]") {
    auto timed = one_hit();
    timed.hits[0].article.date = "2005-02-16";
    timed.hits[0].article.time = "04:30:00";
    const auto t = nlohmann::json::parse(render_json(timed))["results"][0];
    CHECK(t["date"] == "2005-02-16");
    CHECK(t["time"] == "2005-02-16T04:30:00Z");
    const auto day = nlohmann::json::parse(render_json(one_hit()))["results"][0];
    CHECK(day["date"] == "2005-01-10");
    CHECK(day["time"].is_null());
}
