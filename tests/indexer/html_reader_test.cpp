// The HTML reader on pages written like common news sites: metadata in <meta> tags, <time> or
// JSON-LD; the article inside navigation, share bars, scripts, related links and comments.
#include "indexer/readers/html_reader.h"

#include <catch2/catch.hpp>

#include <string>

using news::indexer::ReadReport;
using news::indexer::read_html;

namespace {

// A newspaper page: Open Graph tags, a site header and menu, the article with a byline and a
// share bar, an inline script, a related-stories aside, a comment and a footer.
const std::string kNewspaper = R"(<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Oil prices hit record high | The Daily Ledger</title>
<meta property="og:title" content="Oil prices hit record high">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2005-02-15T10:00:00+01:00">
<link rel="canonical" href="https://ledger.example/business/oil-record">
<style>body { font-family: serif; } .ad { display: none }</style>
<script>window.dataLayer = [{"page": "article"}];</script>
</head><body>
<header><a href="/">The Daily Ledger</a><nav><ul><li>Home</li><li>Business</li><li>Sport</li></ul></nav></header>
<main>
<article>
<h1>Oil prices hit record high</h1>
<div class="byline">By Ann Smith</div>
<div class="share"><button>Share</button></div>
<p>Crude oil rose to <b>$55</b> a barrel on Tuesday, a record.</p>
<!-- ad slot: sponsoredcontent -->
<script>trackView("oil");</script>
<p>Traders blamed the cold winter
   and low stocks.</p>
<figure><img src="rig.jpg"><figcaption>An oil rig</figcaption></figure>
<aside><h2>Related</h2><a href="/x">Petrol stations run dry</a></aside>
</article>
</main>
<footer>Copyright The Daily Ledger. Cookie policy.</footer>
</body></html>)";

}  // namespace

TEST_CASE("HTML: title, date, source and url come from the page's metadata", "[indexer][html]") {
    ReadReport report;
    const auto article = read_html(kNewspaper, "oil.html", report);
    REQUIRE(article);
    CHECK(article->title == "Oil prices hit record high");
    CHECK_FALSE(article->title_derived);
    CHECK(article->date == "2005-02-15");
    CHECK(article->time == "09:00:00");  // 10:00 at +01:00
    CHECK(article->source == "The Daily Ledger");
    CHECK(article->url == "https://ledger.example/business/oil-record");
    CHECK(report.rejected.empty());
    CHECK(report.warnings.empty());
}

TEST_CASE("HTML: the body is the article's text without navigation, scripts, styles and comments",
          "[indexer][html]") {
    ReadReport report;
    const auto article = read_html(kNewspaper, "oil.html", report);
    REQUIRE(article);
    CHECK(article->body ==
          "By Ann Smith\n\n"
          "Crude oil rose to $55 a barrel on Tuesday, a record.\n\n"
          "Traders blamed the cold winter and low stocks.");
    for (const char* never : {"Home", "trackView", "dataLayer", "font-family", "sponsoredcontent", "Related",
                              "Petrol", "Cookie", "Share", "oil rig"})
        CHECK(article->body.find(never) == std::string::npos);
}

TEST_CASE("HTML: a blog page with <time datetime> and the headline in <h1>", "[indexer][html]") {
    const std::string page = R"(<html><head><title>Tech notes</title></head><body>
<div id="menu"><nav>Archive | About</nav></div>
<article class="post"><h1 class="entry-title">Chip makers expand in Taiwan</h1>
<time datetime="2021-06-03T08:30:00Z">3 June</time>
<div class="entry-content"><p>Two chip makers said they would build plants.</p><p>Output doubles by 2023.</p></div>
</article>
<article class="teaser"><p>Short.</p></article>
</body></html>)";
    ReadReport report;
    const auto article = read_html(page, "blog.html", report);
    REQUIRE(article);
    CHECK(article->title == "Chip makers expand in Taiwan");  // og:title absent: the article's h1
    CHECK(article->date == "2021-06-03");
    CHECK(article->time == "08:30:00");
    CHECK(article->body == "3 June\n\nTwo chip makers said they would build plants.\n\nOutput doubles by 2023.");
}

TEST_CASE("HTML: a date from JSON-LD, a title from <title> without the site's name", "[indexer][html]") {
    const std::string page = R"(<html><head>
<title>Council approves budget - City Gazette</title>
<meta property="og:site_name" content="City Gazette">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "City Gazette"},
  {"@type": "NewsArticle", "headline": "Council approves budget", "datePublished": "2019-11-05T17:45:00-05:00"}]}
</script></head>
<body><div itemprop="articleBody"><p>The council approved the budget by seven votes to two.</p></div>
<div class="comments"><nav>Page 2</nav></div></body></html>)";
    ReadReport report;
    const auto article = read_html(page, "gazette.html", report);
    REQUIRE(article);
    CHECK(article->title == "Council approves budget");
    CHECK(article->date == "2019-11-05");
    CHECK(article->time == "22:45:00");
    CHECK(article->body == "The council approved the budget by seven votes to two.");
}

TEST_CASE("HTML: a page without article text is rejected; tag soup is repaired", "[indexer][html]") {
    ReadReport report;
    CHECK_FALSE(read_html("<html><head><title>Empty</title><script>x()</script></head><body><nav>Menu</nav></body></html>",
                          "empty.html", report));
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].where == "empty.html");
    const auto soup = read_html("<p>Unclosed <b>bold<p>Second paragraph &amp; more", "soup.html", report);
    REQUIRE(soup);
    CHECK(soup->body == "Unclosed bold\n\nSecond paragraph & more");
    CHECK(soup->title_derived);
}

TEST_CASE("HTML: a page in Windows-1252 that says so reads as UTF-8", "[indexer][html]") {
    const std::string page = "<html><head><meta charset=\"windows-1252\"></head><body><p>Profits of \xA3"
                             "15.8m \x96 up 4%.</p></body></html>";
    ReadReport report;
    const auto article = read_html(page, "latin.html", report);
    REQUIRE(article);
    CHECK(article->body == "Profits of \xC2\xA3" "15.8m \xE2\x80\x93 up 4%.");
}

TEST_CASE("HTML: a published time late in the evening west of Greenwich is the next day in UTC",
          "[indexer][html][dates]") {
    const std::string page = "<html><head><meta property=\"article:published_time\" "
                             "content=\"2005-02-15T22:15:00-05:00\"></head><body><article><p>Late news from "
                             "New York.</p></article></body></html>";
    ReadReport report;
    const auto article = read_html(page, "late.html", report);
    REQUIRE(article);
    CHECK(article->date == "2005-02-16");
    CHECK(article->time == "03:15:00");
}

TEST_CASE("HTML: an RFC 2822 date in JSON-LD", "[indexer][html][dates]") {
    const std::string page = "<html><head><script type=\"application/ld+json\">{\"datePublished\": \"Tue, 15 Feb 2005 "
                             "10:00:00 GMT\"}</script></head><body><article><p>Feed text.</p></article></body></html>";
    ReadReport report;
    const auto article = read_html(page, "feed.html", report);
    REQUIRE(article);
    CHECK(article->date == "2005-02-15");
    CHECK(article->time == "10:00:00");
    CHECK(report.warnings.empty());
}

TEST_CASE("HTML: a <time datetime> with a day alone has no time of day", "[indexer][html][dates]") {
    const std::string page = "<html><head></head><body><article><time datetime=\"2005-02-15\">15 Feb</time>"
                             "<p>Day-only news.</p></article></body></html>";
    ReadReport report;
    const auto article = read_html(page, "day.html", report);
    REQUIRE(article);
    CHECK(article->date == "2005-02-15");
    CHECK(article->time.empty());
}
