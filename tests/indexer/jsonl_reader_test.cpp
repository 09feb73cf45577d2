// Tests for the JSON Lines reader: one article per line, bad lines become notes.
#include "indexer/readers/jsonl_reader.h"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace {

using news::indexer::Article;
using news::indexer::ReadReport;

struct JsonlResult {
    std::vector<Article> articles;
    ReadReport report;
    std::size_t records = 0;
};

JsonlResult read(const std::string& text) {
    JsonlResult result;
    std::istringstream in{text};
    result.records = news::indexer::read_jsonl(
        in, "dir/news.jsonl", "news.jsonl",
        [&](Article&& a) { result.articles.push_back(std::move(a)); }, result.report);
    return result;
}

std::vector<std::string> notes(const std::vector<news::indexer::ReadNote>& list) {
    std::vector<std::string> out;
    for (const auto& note : list) out.push_back(note.where + ": " + note.message);
    return out;
}

}  // namespace

TEST_CASE("A JSON Lines record becomes an article with all its fields", "[indexer][reader]") {
    const auto r = read(
        R"({"id": "a1", "title": "AWS cuts jobs", "body": "Several hundred roles.", )"
        R"("date": "2024-04-03", "url": "https://example.com", "source": "Wire", )"
        R"("places": ["Seattle"], "orgs": ["AWS", "Amazon"], "extra": 5})"
        "\n");
    CHECK(r.records == 1);
    CHECK(r.report.rejected.empty());
    CHECK(r.report.warnings.empty());
    REQUIRE(r.articles.size() == 1);
    const Article& a = r.articles[0];
    CHECK(a.id == "news.jsonl#a1");
    CHECK(a.path == "dir/news.jsonl");
    CHECK(a.line == 1);
    CHECK(a.title == "AWS cuts jobs");
    CHECK_FALSE(a.title_derived);
    CHECK(a.body == "Several hundred roles.");
    CHECK(a.date == "2024-04-03");
    CHECK(a.url == "https://example.com");
    CHECK(a.source == "Wire");
}

TEST_CASE("A numeric id is kept and a missing title is derived from the body",
          "[indexer][reader]") {
    const auto r = read("{\"id\": 42, \"body\": \"Mr. Jassy spoke. Then he left.\"}\r\n");
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].id == "news.jsonl#42");
    CHECK(r.articles[0].title == "Mr. Jassy spoke.");
    CHECK(r.articles[0].title_derived);
    CHECK(r.articles[0].body == "Mr. Jassy spoke. Then he left.");
}

TEST_CASE("Malformed JSON lines are rejected with their line numbers and reading goes on",
          "[indexer][reader]") {
    const std::string input =
        R"({"id": "a1", "body": "First."})" "\n"           // 1 ok
        R"({"id": "a2", "body": )" "\n"                    // 2 truncated
        R"(["not", "an", "object"])" "\n"                  // 3
        R"({"id": "a4", "title": "No body"})" "\n"         // 4
        R"({"id": "a5", "body": "   "})" "\n"              // 5
        R"({"body": "No id."})" "\n"                       // 6
        R"({"id": "a7", "body": "x", "title": 7})" "\n"    // 7
        "   \n"                                            // 8 blank: skipped silently
        R"({"id": "a1", "body": "Again."})" "\n"           // 9 duplicate
        R"({"id": 1.5, "body": "x"})" "\n"                 // 10
        R"({"id": "a11", "body": "x", "tags": ["a", 1]})" "\n"  // 11 ok: other keys are not read
        R"({"id": "a12", "body": "Last."})";               // 12 ok, no final newline
    const auto r = read(input);
    CHECK(r.records == 11);
    REQUIRE(r.articles.size() == 3);
    CHECK(r.articles[0].line == 1);
    CHECK(r.articles[1].id == "news.jsonl#a11");
    CHECK(r.articles[2].id == "news.jsonl#a12");
    CHECK(r.articles[2].line == 12);
    const auto rejected = notes(r.report.rejected);
    REQUIRE(rejected.size() == 8);
    CHECK(rejected[0].starts_with("dir/news.jsonl:2: invalid JSON: parse error at line 1"));
    CHECK(rejected[1] == "dir/news.jsonl:3: expected a JSON object, found array");
    CHECK(rejected[2] == "dir/news.jsonl:4: missing body");
    CHECK(rejected[3] == "dir/news.jsonl:5: empty body");
    CHECK(rejected[4] == "dir/news.jsonl:6: missing id");
    CHECK(rejected[5] == "dir/news.jsonl:7: field 'title' must be a string, not number");
    CHECK(rejected[6] == "dir/news.jsonl:9: duplicate id a1, first seen on line 1");
    CHECK(rejected[7] == "dir/news.jsonl:10: field 'id' must be a string or an integer, not number");
    CHECK(r.articles.size() + r.report.rejected.size() == r.records);
}

TEST_CASE("Invalid UTF-8 in a JSON line is repaired with a warning naming the byte",
          "[indexer][reader]") {
    const auto r = read("\n{\"id\":\"u\",\"body\":\"caf\xE9 time \xFF\xFE\"}\n");
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].body == "caf\uFFFD time \uFFFD\uFFFD");
    CHECK(r.articles[0].line == 2);
    CHECK(notes(r.report.warnings) ==
          std::vector<std::string>{"dir/news.jsonl:2: invalid UTF-8 at byte 21 (3 bad sequences "
                                   "replaced with U+FFFD)"});
}

TEST_CASE("An invalid JSON Lines date is a warning and the record stays undated",
          "[indexer][reader]") {
    const auto r = read(R"({"id": "d", "body": "Text.", "date": "yesterday"})");
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].date.empty());
    CHECK(notes(r.report.warnings) ==
          std::vector<std::string>{"dir/news.jsonl:1: invalid date 'yesterday'; article kept undated (dates are read as "
                                   "2005-02-15, 2005/02/15, 2005-02-15T10:00:00+01:00, Tue, 15 Feb 2005 10:00:00 GMT, February 15, 2005, 15 February 2005)"});
}

TEST_CASE("JSON Lines dates of feeds are read, normalised to the day and time in UTC", "[indexer][reader][dates]") {
    const auto r = read(R"({"id": "a", "body": "Text.", "date": "Tue, 15 Feb 2005 23:30:00 -0500"}
{"id": "b", "body": "Text.", "date": "February 15, 2005"}
{"id": "c", "body": "Text.", "date": "2005-02-16T00:30:00+01:00"})");
    REQUIRE(r.articles.size() == 3);
    CHECK(r.articles[0].date == "2005-02-16");
    CHECK(r.articles[0].time == "04:30:00");
    CHECK(r.articles[1].date == "2005-02-15");
    CHECK(r.articles[1].time.empty());  // a day alone
    CHECK(r.articles[2].date == "2005-02-15");
    CHECK(r.articles[2].time == "23:30:00");
    CHECK(r.report.warnings.empty());
}

TEST_CASE("Blank JSON Lines input has no records", "[indexer][reader]") {
    const auto r = read("\n  \n\t\n");
    CHECK(r.records == 0);
    CHECK(r.articles.empty());
    CHECK(r.report.rejected.empty());
}

TEST_CASE("A very long JSON line is read whole", "[indexer][reader]") {
    const std::string body(5u << 20, 'w');
    const auto r = read("{\"id\": \"big\", \"body\": \"" + body + "\"}\n");
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].body.size() == body.size());
    CHECK(r.articles[0].title == std::string(120, 'w') + "\u2026");
}

TEST_CASE("A JSON number over a double's range rejects its record only", "[indexer][reader]") {
    const auto r = read(R"({"id": "a", "body": "Before."})" "\n"
                        R"({"id": "x", "body": "b", "n": 1e400})" "\n"
                        "1e400\n"
                        R"({"id": "z", "body": "After."})" "\n");
    CHECK(r.records == 4);
    REQUIRE(r.articles.size() == 2);
    CHECK(r.articles[1].id == "news.jsonl#z");
    CHECK(notes(r.report.rejected) ==
          std::vector<std::string>{
              "dir/news.jsonl:2: invalid JSON: number overflow parsing '1e400'",
              "dir/news.jsonl:3: invalid JSON: number overflow parsing '1e400'"});
}

TEST_CASE("A JSON line over the record limit is rejected in bounded memory and reading goes on",
          "[indexer][reader]") {
    std::string input;
    for (int i = 0; i < 10; ++i)
        input += R"({"id": )" + std::to_string(i) + R"(, "body": "Good line."})" "\n";
    input += R"({"id": "long", "body": ")" + std::string(5000, 'x') + "\"}\n";
    input += std::string(3000, 'y');  // a last line without end, also over the limit
    JsonlResult r;
    std::istringstream in{input};
    r.records = news::indexer::read_jsonl(
        in, "dir/news.jsonl", "news.jsonl",
        [&](Article&& a) { r.articles.push_back(std::move(a)); }, r.report, 1000);
    CHECK(r.records == 12);
    CHECK(r.articles.size() == 10);
    CHECK(notes(r.report.rejected) ==
          std::vector<std::string>{
              "dir/news.jsonl:11: line is longer than 1000 bytes (--max-record-mb); skipped to "
              "the next line",
              "dir/news.jsonl:12: line is longer than 1000 bytes (--max-record-mb); skipped to "
              "the next line"});
    CHECK(r.report.bytes_read == input.size());
}

TEST_CASE("A NUL byte rejects its JSON record only", "[indexer][reader]") {
    const char with_nul[] = "{\"id\": \"a\", \"body\": \"x\0y\"}\n";
    const auto r = read(std::string(with_nul, sizeof with_nul - 1) +
                        R"({"id": "b", "body": "Fine."})" "\n");
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].id == "news.jsonl#b");
    CHECK(notes(r.report.rejected) ==
          std::vector<std::string>{
              "dir/news.jsonl:1: NUL byte at byte 22 of the line; not JSON text"});
}
