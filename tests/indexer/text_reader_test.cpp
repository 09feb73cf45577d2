// Tests for the raw text reader and the title/date/debris rules all readers share.
#include "indexer/readers/text_reader.h"

#include "indexer/readers/utf8.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

using news::indexer::Article;
using news::indexer::ReadReport;

std::string load_corpus_file(const std::string& name) {
    const std::filesystem::path path = std::filesystem::path{CORPUS_DIR} / name;
    std::ifstream in{path, std::ios::binary};
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Article read_ok(const std::string& content, ReadReport& report) {
    auto article = news::indexer::read_text(content, "test.txt", report);
    REQUIRE(article.has_value());
    return *article;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("The corpus article with a date marker gets its date and a derived, cut title",
          "[indexer][reader]") {
    ReadReport report;
    const Article a = read_ok(load_corpus_file("2020-amazon-cloud-training.txt"), report);
    CHECK(report.warnings.empty());
    CHECK(a.date == "2020-12-15");
    CHECK(a.title ==
          "This Thursday, December 10, 2020, Amazon announced its intention to train 29 million "
          "people to work in cloud computing\u2026");
    CHECK(a.title_derived);
    CHECK(a.body.starts_with("This Thursday, December 10, 2020, Amazon announced"));
    CHECK_FALSE(contains(a.body, "date 2020-12-15"));
    CHECK_FALSE(contains(a.body, "In the same category"));
    CHECK_FALSE(contains(a.body, "China enforces antitrust regulations and first fines Alibaba, "
                                 "Tencent"));
    CHECK(contains(a.body, "compared to the same period last year.\n\nHowever, Jeff Bezos\u2019 "
                           "firm"));
    CHECK(contains(a.body, "Jarred Gaines"));
    CHECK(a.body.ends_with("a change that Amazon is keen to accommodate with its new program."));
}

TEST_CASE("The corpus article without a headline takes its first sentence as title",
          "[indexer][reader]") {
    ReadReport report;
    const Article a = read_ok(load_corpus_file("aws-job-cuts-key-update.txt"), report);
    CHECK(report.warnings.empty());
    CHECK(a.date.empty());
    // Exactly 120 characters, so it is not cut.
    CHECK(a.title == "Amazon, a global tech giant known for its e-commerce and cloud services, is "
                     "making significant changes to its workforce.");
    CHECK(a.title_derived);
    CHECK(a.body.starts_with("Amazon, a global tech giant known for its e-commerce"));
    CHECK_FALSE(contains(a.body, "No items found."));
    CHECK(contains(a.body, "\n\nKey Update\n\nAmazon announced it is reducing"));
    CHECK(contains(a.body, "Technical Terms"));
    CHECK(a.body.ends_with("opportunities for leveraging new technologies."));
}

TEST_CASE("The corpus article with a headline line uses it as title and drops it from the body",
          "[indexer][reader]") {
    ReadReport report;
    const Article a = read_ok(load_corpus_file("aws-lays-off-several-hundred.txt"), report);
    CHECK(report.warnings.empty());
    CHECK(a.date.empty());
    CHECK(a.title == "Amazon Web Services lays off several hundred tech and sales staff");
    CHECK_FALSE(a.title_derived);
    CHECK(a.body.starts_with("As a whole, tech giant Amazon has cut more than 27,000 workers over "
                             "the past 2 years:\nAmazon Web Services (AWS), the cloud"));
    CHECK(contains(a.body, "\u201Cseveral hundred\u201D employees"));
    CHECK(a.body.ends_with("are crucial for long-term"));
}

TEST_CASE("A date marker is case-insensitive and may stand on its own line", "[indexer][reader]") {
    ReadReport report;
    const Article a = read_ok("  DATE 2024-02-29\nLeap day headline\nText of the day.\n", report);
    CHECK(a.date == "2024-02-29");
    CHECK(a.title == "Leap day headline");
    CHECK(a.body == "Text of the day.");
}

TEST_CASE("An impossible date marker leaves the article undated with a warning",
          "[indexer][reader]") {
    ReadReport report;
    const Article a = read_ok("date 2021-02-30 Some text here. More text.", report);
    CHECK(a.date.empty());
    CHECK(a.body == "Some text here. More text.");
    CHECK(a.title == "Some text here.");
    REQUIRE(report.warnings.size() == 1);
    CHECK(report.warnings[0].where == "test.txt");
    CHECK(report.warnings[0].message == "invalid date marker '2021-02-30'; article kept undated");
}

TEST_CASE("Text that only looks like a date marker stays in the article", "[indexer][reader]") {
    ReadReport report;
    const Article a = read_ok("Date night ideas\nDinner and a film.", report);
    CHECK(a.date.empty());
    CHECK(a.title == "Date night ideas");
    CHECK(a.body == "Dinner and a film.");
}

TEST_CASE("A first line ending in a question mark is a sentence, not a headline",
          "[indexer][reader]") {
    ReadReport report;
    const Article a = read_ok("Will AWS cut more jobs?\nAnalysts expect more. Others do not.", report);
    CHECK(a.title == "Will AWS cut more jobs?");
    CHECK(a.title_derived);
    CHECK(a.body == "Will AWS cut more jobs?\nAnalysts expect more. Others do not.");
}

TEST_CASE("A short first line with nothing after it is not a headline", "[indexer][reader]") {
    ReadReport report;
    const Article a = read_ok("Just one line\n", report);
    CHECK(a.title == "Just one line");
    CHECK(a.title_derived);
    CHECK(a.body == "Just one line");
}

TEST_CASE("A first line longer than 150 characters is not a headline", "[indexer][reader]") {
    const std::string first(151, 'x');
    ReadReport report;
    const Article a = read_ok(first + "\nSecond line.", report);
    CHECK(a.title_derived);
    CHECK(a.body.starts_with(first));
}

TEST_CASE("Abbreviations do not end the first sentence", "[indexer][reader]") {
    auto [body, title] = GENERATE(table<std::string, std::string>({
        {"The U.S. unit of Amazon.com Inc. hired Mr. J. Smith on Dec. 3 to lead it. He starts.",
         "The U.S. unit of Amazon.com Inc. hired Mr. J. Smith on Dec. 3 to lead it."},
        {"Sales rose 3.5 percent! Analysts cheered.", "Sales rose 3.5 percent!"},
        {"He said \"we will grow.\" Then he left.", "He said \"we will grow.\""},
        {"First paragraph without a stop\n\nSecond paragraph.", "First paragraph without a stop"},
        {"Wrapped line one\ncontinues here. Next.", "Wrapped line one continues here."},
    }));
    CAPTURE(body);
    CHECK(news::indexer::derive_title(body) == title);
}

TEST_CASE("A derived title is cut at a word boundary within 120 characters", "[indexer][reader]") {
    std::string ascii, accented;
    for (int i = 0; i < 30; ++i) ascii += "alpha ";
    for (int i = 0; i < 40; ++i) accented += "caf\u00E9 ";
    std::string expected_ascii, expected_accented;
    for (int i = 0; i < 20; ++i) expected_ascii += (i ? " alpha" : "alpha");
    for (int i = 0; i < 24; ++i) expected_accented += (i ? " caf\u00E9" : "caf\u00E9");
    CHECK(news::indexer::derive_title(ascii + ". End.") == expected_ascii + "\u2026");
    // 120 code points are 144 bytes here: the limit counts characters, not bytes.
    CHECK(news::indexer::derive_title(accented) == expected_accented + "\u2026");
    CHECK(news::indexer::count_code_points(expected_accented) == 119);
    CHECK(news::indexer::derive_title(std::string(130, 'x')) == std::string(120, 'x') + "\u2026");
    CHECK(news::indexer::derive_title("Short, with comma, cut, here.") ==
          "Short, with comma, cut, here.");
}

TEST_CASE("Page debris lines are removed and paragraphs kept", "[indexer][reader]") {
    const std::string input =
        "Headline here\nRead more\nFirst paragraph.\nSame paragraph.  \r\n\nADVERTISEMENT\n\n"
        "Second paragraph.\n\nIn the same category\n\nSome related headline\n\n"
        "  Related stories \nThird.\nNo items found.\n\n";
    ReadReport report;
    const Article a = read_ok(input, report);
    CHECK(a.title == "Headline here");
    CHECK(a.body == "First paragraph.\nSame paragraph.\n\nSecond paragraph.\n\nThird.");
}

TEST_CASE("clean_body keeps section headings and typographic quotes", "[indexer][reader]") {
    CHECK(news::indexer::clean_body("\n\nKey Update\n\n\n\nIt\u2019s \u201Cfine\u201D.\n") ==
          "Key Update\n\nIt\u2019s \u201Cfine\u201D.");
    CHECK(news::indexer::clean_body("Subscribe\nSubscribers read this.") ==
          "Subscribers read this.");
}

TEST_CASE("A file that is only a date marker and debris is rejected", "[indexer][reader]") {
    ReadReport report;
    CHECK_FALSE(news::indexer::read_text("date 2020-01-01\nNo items found.\n", "x.txt", report));
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].where == "x.txt");
}

TEST_CASE("is_calendar_date knows month lengths and leap years", "[indexer][reader]") {
    auto [date, valid] = GENERATE(table<std::string, bool>({
        {"2024-02-29", true}, {"2000-02-29", true}, {"2023-02-29", false},
        {"1900-02-29", false}, {"2020-04-31", false}, {"2020-12-31", true},
        {"2020-13-01", false}, {"2020-00-10", false}, {"2020-1-01", false}, {"2020/01/01", false},
    }));
    CAPTURE(date);
    CHECK(news::indexer::is_calendar_date(date) == valid);
}

TEST_CASE("repair_utf8 replaces each maximal bad subpart once", "[indexer][reader]") {
    auto [input, expected, count, first] = GENERATE(table<std::string, std::string, std::size_t,
                                                          std::size_t>({
        {"plain", "plain", 0, 0},
        {"caf\xE9!", "caf\uFFFD!", 1, 3},
        {"a\xE2\x82z", "a\uFFFDz", 1, 1},             // truncated 3-byte sequence
        {"\xC0\xAFx", "\uFFFD\uFFFDx", 2, 0},          // overlong: C0 never starts a sequence
        {"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD", 3, 0},  // surrogate U+D800
        {"ok\xF4\x90\x80\x80", "ok\uFFFD\uFFFD\uFFFD\uFFFD", 4, 2},  // above U+10FFFF
        {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80", 0, 0},              // valid emoji
    }));
    news::indexer::Utf8Repair repair;
    CHECK(news::indexer::repair_utf8(input, repair) == expected);
    CHECK(repair.bad_sequences == count);
    if (count > 0) CHECK(repair.first_bad_byte == first);
    CHECK((news::indexer::find_invalid_utf8(input) == std::string::npos) == (count == 0));
}
