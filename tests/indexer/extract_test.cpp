// Tests of newsdex-index --extract (indexer/extract.h): code-point offsets on articles with many
// mentions and non-ASCII text, and the bad input the extractor must read without harm: text
// without capitals, headlines and bodies in capitals, tables of figures, lists of names, long
// articles. Inputs are small; nothing here is timed (bench/long_articles.py times them).
#include "indexer/extract.h"

#include "temp_dir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using news::test::TempDir;

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// The slice [start, end) of `s` in code points, counted from the text's start.
std::string code_point_slice(const std::string& s, std::size_t start, std::size_t end) {
    std::size_t count = 0, from = std::string::npos;
    for (std::size_t b = 0; b <= s.size(); ++b) {
        if (b < s.size() && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) continue;
        if (count == start) from = b;
        if (count == end) return from == std::string::npos ? "<bad start>" : s.substr(from, b - from);
        ++count;
    }
    return "<out of range>";
}

// Writes the records as JSON Lines and returns the "articles" print_entities() gives for them.
json extract(const std::vector<json>& records) {
    const TempDir dir;
    const fs::path file = dir.path / "articles.jsonl";
    {
        std::ofstream out{file};
        for (const auto& r : records) out << r.dump() << "\n";
    }
    news::indexer::IndexOptions options;
    options.inputs = {file};
    std::ostringstream out;
    REQUIRE(news::indexer::print_entities(options, out) == 0);
    const json doc = json::parse(out.str());
    REQUIRE(doc.at("articles").size() == records.size());
    return doc.at("articles");
}

// (kind, canonical) -> mentions, of one field of an article ("" for both).
std::map<std::pair<std::string, std::string>, int> counts(const json& article, const std::string& field = "") {
    std::map<std::pair<std::string, std::string>, int> out;
    for (const auto& e : article.at("entities"))
        if (field.empty() || e.at("field") == field) ++out[{e.at("kind"), e.at("canonical")}];
    return out;
}

const std::vector<std::string> kFirst{"John", "Mary", "Tony", "Gordon", "Vladimir", "Angela", "Jacques", "Silvio"};
const std::vector<std::string> kLast{"Smith", "Blair", "Brown", "Putin", "Merkel", "Chirac", "Berlusconi", "Kilroy-Silk"};

}  // namespace

TEST_CASE("Extracted offsets of many mentions after non-ASCII text are code points from the field's start",
          "[indexer][extract]") {
    // Each paragraph holds a year and an amount that occur nowhere else, names that recur, and
    // two- and three-byte characters before, between and after them.
    std::string body;
    for (int i = 0; i < 200; ++i)
        body += "Ça coûte plus — “Angela Kilroy-Silk” told Reuters in Zürich in " + std::to_string(1800 + i) +
                " that Amazon paid €" + std::to_string(100 + i) + " million. Über alles.\n\n";
    const std::string title = "Zürich café: Amazon’s AWS opens in Tokyo";
    const json articles = extract({{{"id", "1"}, {"title", title}, {"body", body}}});
    const json& entities = articles[0].at("entities");
    std::map<std::string, std::size_t> last_start;
    std::size_t years = 0, amounts = 0, title_entities = 0;
    for (const auto& e : entities) {
        INFO(e.dump());
        const std::string field = e.at("field");
        const std::string& text = field == "title" ? title : body;
        const std::string surface = e.at("surface");
        const std::size_t start = e.at("start"), end = e.at("end");
        CHECK(code_point_slice(text, start, end) == surface);
        CHECK(end - start == code_points(surface));
        // In order of offset within a field, each mention after the last.
        if (last_start.contains(field)) CHECK(start > last_start[field]);
        last_start[field] = start;
        title_entities += field == "title";
        // A year and an amount occur once: their start is the count from the text's start.
        const std::string kind = e.at("kind");
        if (kind == "year" || kind == "money") {
            const std::string needle = kind == "year" ? " in " + surface + " that" : " paid " + surface + ".";
            const std::size_t at = body.find(needle);
            REQUIRE(at != std::string::npos);
            CHECK(body.find(needle, at + 1) == std::string::npos);
            CHECK(start == code_points(body.substr(0, at + needle.find(surface))));
            ++(kind == "year" ? years : amounts);
        }
    }
    CHECK(years == 200);
    CHECK(amounts == 200);
    CHECK(title_entities >= 3);  // Amazon, AWS, Tokyo
    CHECK(counts(articles[0], "body")[{"person", "Angela Kilroy-Silk"}] == 200);
}

TEST_CASE("Text without capitals names no one: only its amounts and percentages are entities",
          "[indexer][extract]") {
    const json articles = extract({{{"id", "1"},
                                    {"title", "blair and chirac meet in paris"},
                                    {"body", "tony blair met jacques chirac in paris on monday. shares in amazon "
                                             "rose 5% to $9.3bn, reuters said."}}});
    CHECK(counts(articles[0]) == std::map<std::pair<std::string, std::string>, int>{
                                     {{"money", "9300000000 USD"}, 1}, {{"percent", "5"}, 1}});
}

TEST_CASE("Capitals: a headline names no person; a body in capitals neither; prose after it still does",
          "[indexer][extract]") {
    const std::string prose = "Tony Blair met Jacques Chirac in Paris on Monday. Shares in Amazon rose 5%.";
    std::string upper = prose;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const json articles = extract({{{"id", "1"}, {"title", "BLAIR AND CHIRAC MEET IN PARIS AS AMAZON SHARES RISE"},
                                    {"body", prose}},
                                   {{"id", "2"}, {"title", "BLAIR MEETS CHIRAC"}, {"body", upper}}});
    using Counts = std::map<std::pair<std::string, std::string>, int>;
    CHECK(counts(articles[0], "title") == Counts{{{"company", "Amazon"}, 1}, {{"place", "Paris"}, 1}});
    CHECK(counts(articles[0], "body") == Counts{{{"company", "Amazon"}, 1},
                                                {{"percent", "5"}, 1},
                                                {{"person", "Jacques Chirac"}, 1},
                                                {{"person", "Tony Blair"}, 1},
                                                {{"place", "Paris"}, 1}});
    CHECK(counts(articles[1]) == Counts{{{"company", "Amazon"}, 1}, {{"percent", "5"}, 1}, {{"place", "Paris"}, 1}});
}

TEST_CASE("A long table of figures gives no entity; the sentence before it does", "[indexer][extract]") {
    std::string rows;
    for (int r = 0; r < 300; ++r)
        rows += std::to_string(1980 + r % 40) + "   " + std::to_string(r * 7) + ".5   " + std::to_string(r * 13 % 97) +
                ".25   " + std::to_string(r % 9) + "%   $1," + std::to_string(r % 10) + "00.5\n";
    const json articles = extract({{{"id", "1"}, {"title", "Results"}, {"body", rows}},
                                   {{"id", "2"}, {"title", "Results"}, {"body", "Sales rose 4% in 1987.\n\n" + rows}}});
    CHECK(articles[0].at("entities").empty());
    CHECK(counts(articles[1]) ==
          std::map<std::pair<std::string, std::string>, int>{{{"percent", "4"}, 1}, {{"year", "1987"}, 1}});
}

TEST_CASE("A long list of names gives each name whole, hyphenated surnames included", "[indexer][extract]") {
    // Eight people, each named 50 times in a list without full stops: the tagger reads it in
    // pieces, which must not cut "Angela Kilroy-Silk" in two.
    std::string list;
    for (int k = 0; k < 400; ++k) list += (k ? ", " : "") + kFirst[k % 8] + " " + kLast[k * 3 % 8];
    list += ".";
    const json articles = extract({{{"id", "1"}, {"title", "Guests"}, {"body", list}}});
    std::set<std::string> people;
    for (const auto& [key, n] : counts(articles[0]))
        if (key.first == "person") people.insert(key.second);
    for (int k = 0; k < 8; ++k) {
        const std::string name = kFirst[k] + " " + kLast[k * 3 % 8];
        CAPTURE(name);
        CHECK(counts(articles[0])[{"person", name}] == 50);
    }
    CHECK(people.size() == 8);
}

TEST_CASE("A long article of many kinds is read whole: its mentions are those of its paragraphs", "[indexer][extract]") {
    // About 300 KB: prose, a table, a list and capitals, repeated; the counts scale with them.
    const std::string paragraph =
        "Tony Blair met Jacques Chirac in Paris on Monday, and shares in Amazon rose 5%.\n\n"
        "1987   12.5   3.25   9%\n1988   13.5   4.25   8%\n\n"
        "John Smith, Mary Putin, Silvio Chirac.\n\n"
        "MARKETS CLOSE HIGHER IN LONDON\n\n"
        "no capitals here at all, only words.\n\n";
    std::string body;
    constexpr int kParagraphs = 1200;
    for (int i = 0; i < kParagraphs; ++i) body += paragraph;
    const json articles = extract({{{"id", "1"}, {"title", "A long article"}, {"body", body}}});
    using Counts = std::map<std::pair<std::string, std::string>, int>;
    CHECK(counts(articles[0]) == Counts{{{"company", "Amazon"}, kParagraphs},
                                        {{"percent", "5"}, kParagraphs},
                                        {{"person", "Jacques Chirac"}, kParagraphs},
                                        {{"person", "John Smith"}, kParagraphs},
                                        {{"person", "Mary Putin"}, kParagraphs},
                                        {{"person", "Silvio Chirac"}, kParagraphs},
                                        {{"person", "Tony Blair"}, kParagraphs},
                                        {{"place", "London"}, kParagraphs},
                                        {{"place", "Paris"}, kParagraphs}});
}

TEST_CASE("Extracted articles give the date's UTC day and instant, a null time for a day alone", "[indexer][extract]") {
    const json articles = extract({{{"id", "a"}, {"body", "Budget talks."}, {"date", "2005-02-15T23:30:00-05:00"}},
                                   {{"id", "b"}, {"body", "Budget talks."}, {"date", "2005-02-15"}},
                                   {{"id", "c"}, {"body", "Budget talks."}}});
    CHECK(articles[0].at("date") == "2005-02-16");
    CHECK(articles[0].at("time") == "2005-02-16T04:30:00Z");
    CHECK(articles[1].at("date") == "2005-02-15");
    CHECK(articles[1].at("time").is_null());
    CHECK(articles[2].at("date").is_null());
    CHECK(articles[2].at("time").is_null());
}
