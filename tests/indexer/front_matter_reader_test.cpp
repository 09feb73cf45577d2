// Tests for the front-matter reader and the YAML metadata shared with .meta.yaml sidecars.
#include "indexer/readers/front_matter_reader.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using news::indexer::Article;
using news::indexer::ReadReport;

Article read_ok(const std::string& content, bool markdown, ReadReport& report) {
    auto article = news::indexer::read_front_matter(content, markdown, "doc.md", report);
    REQUIRE(article.has_value());
    return *article;
}

}  // namespace

TEST_CASE("Front matter gives title, date, source and url; other keys are ignored", "[indexer][reader]") {
    const std::string input =
        "---\n"
        "title: Cloud skills for 29 million people\n"
        "date: 2020-12-15\n"
        "source: Reuters\n"
        "url: https://example.com/a\n"
        "tags: [cloud, training]\n"
        "places:\n"
        "  - Seattle\n"
        "  - Luxembourg\n"
        "unknown: ignored\n"
        "nested: {a: b}\n"
        "---\n"
        "# Heading stays in the body\n\nBody text.\n";
    ReadReport report;
    const Article a = read_ok(input, true, report);
    CHECK(report.warnings.empty());
    CHECK(a.title == "Cloud skills for 29 million people");
    CHECK_FALSE(a.title_derived);
    CHECK(a.date == "2020-12-15");
    CHECK(a.source == "Reuters");
    CHECK(a.url == "https://example.com/a");
    CHECK(a.id.empty());  // the caller sets the path-derived id
    CHECK(a.body == "# Heading stays in the body\n\nBody text.");
}

TEST_CASE("An id in front matter is used as is and a date-time keeps its date and time",
          "[indexer][reader]") {
    ReadReport report;
    const Article a =
        read_ok("---\nid: story-42\ndate: 2021-03-04T05:06:07Z\n---\nHeadline\nText.", false,
                report);
    CHECK(a.id == "story-42");
    CHECK(a.date == "2021-03-04");
    CHECK(a.time == "05:06:07");
    CHECK(a.title == "Headline");
    CHECK(a.body == "Text.");
}

TEST_CASE("Without a title key a Markdown heading becomes the title", "[indexer][reader]") {
    ReadReport report;
    const Article a = read_ok("---\ndate: 2020-01-02\n---\n\n## My Heading ##\n\nText.\n", true,
                              report);
    CHECK(a.title == "My Heading");
    CHECK_FALSE(a.title_derived);
    CHECK(a.body == "Text.");
}

TEST_CASE("Markdown without front matter follows the headline rules", "[indexer][reader]") {
    ReadReport report;
    CHECK(read_ok("# Title?\nBody.", true, report).title == "Title?");
    const Article derived = read_ok("A first sentence. A second one.\n", true, report);
    CHECK(derived.title == "A first sentence.");
    CHECK(derived.title_derived);
    CHECK(derived.body == "A first sentence. A second one.");
    CHECK(report.rejected.empty());
}

TEST_CASE("Malformed front matter YAML rejects the file with its line", "[indexer][reader]") {
    auto [input, where, message] = GENERATE(table<std::string, std::string, std::string>({
        {"---\ntitle: ok\nbad: [unclosed\n---\nBody", "doc.md:4",
         "front matter: end of sequence flow not found"},
        {"---\ntitle: a\n  b: c\n---\nBody", "doc.md:3", "front matter: illegal map value"},
        {"---\n- a\n- b\n---\nBody", "doc.md:2",
         "front matter: expected a mapping of keys to values"},
        {"---\ntitle: never closed\nBody", "doc.md:1", "front matter: no closing '---' line"},
    }));
    CAPTURE(input);
    ReadReport report;
    CHECK_FALSE(news::indexer::read_front_matter(input, true, "doc.md", report));
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].where == where);
    CHECK(report.rejected[0].message == message);
}

TEST_CASE("Front matter nested past the YAML parser's depth names its line and the fix",
          "[indexer][reader]") {
    const std::string input = "---\ntitle: x\ntags: " + std::string(5000, '[') + std::string(5000, ']') + "\n---\nBody";
    ReadReport report;
    CHECK_FALSE(news::indexer::read_front_matter(input, true, "doc.md", report));
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].where == "doc.md:3");
    CHECK_THAT(report.rejected[0].message,
               Catch::Matchers::StartsWith("front matter: lists or mappings nested ") &&
                   Catch::Matchers::EndsWith(" deep, past what the YAML parser allows; flatten the metadata"));
}

TEST_CASE("An invalid front matter date is a warning and the article stays undated",
          "[indexer][reader]") {
    ReadReport report;
    const Article a = read_ok("---\ntitle: T\ndate: 2021-02-30\n---\nBody.", true, report);
    CHECK(a.date.empty());
    REQUIRE(report.warnings.size() == 1);
    CHECK(report.warnings[0].where == "doc.md:3");
    CHECK_THAT(report.warnings[0].message,
               Catch::Matchers::StartsWith("invalid date '2021-02-30'; article kept undated (dates are read as 2005-02-15"));
}

TEST_CASE("Front matter dates in words and RFC 2822 are read", "[indexer][reader][dates]") {
    ReadReport report;
    const Article words = read_ok("---\ntitle: T\ndate: 15 February 2005\n---\nBody.", true, report);
    CHECK(words.date == "2005-02-15");
    CHECK(words.time.empty());
    const Article rfc = read_ok("---\ntitle: T\ndate: Tue, 15 Feb 2005 10:00:00 GMT\n---\nBody.", true, report);
    CHECK(rfc.date == "2005-02-15");
    CHECK(rfc.time == "10:00:00");
    const Article late = read_ok("---\ntitle: T\ndate: 2005-02-15T22:00:00-05:00\n---\nBody.", true, report);
    CHECK(late.date == "2005-02-16");
    CHECK(late.time == "03:00:00");
    CHECK(report.warnings.empty());
}

TEST_CASE("Front matter with no body text is rejected", "[indexer][reader]") {
    ReadReport report;
    CHECK_FALSE(news::indexer::read_front_matter("---\ntitle: T\n---\n\n", true, "doc.md", report));
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].message == "no article text after the front matter");
}

TEST_CASE("has_front_matter needs an opening and a closing line", "[indexer][reader]") {
    CHECK(news::indexer::has_front_matter("---\na: b\n---\nx"));
    CHECK(news::indexer::has_front_matter("---\r\na: b\r\n...\r\n"));
    CHECK(news::indexer::has_front_matter("---\n---\n"));
    CHECK_FALSE(news::indexer::has_front_matter("---\na: b\n"));
    CHECK_FALSE(news::indexer::has_front_matter("text\n---\na: b\n---\n"));
    CHECK_FALSE(news::indexer::has_front_matter(" ---\na: b\n---\n"));
}

TEST_CASE("apply_metadata overrides detected values", "[indexer][reader]") {
    news::indexer::YamlError error;
    const auto meta =
        news::indexer::parse_metadata("title: Given\nid: 7\ntopics: [a]\nsource: ''\n", error);
    REQUIRE(meta);
    Article a;
    a.title = "Derived.";
    a.title_derived = true;
    a.id = "x.txt";
    a.source = "Detected";
    news::indexer::apply_metadata(*meta, a);
    CHECK(a.title == "Given");
    CHECK_FALSE(a.title_derived);
    CHECK(a.id == "7");
    CHECK(a.source.empty());
}
