// End-to-end tests on the real corpus/: the built newsdex-index and newsdex-search binaries,
// their JSON output and exit codes, the every-word property test and the golden outputs.
// Expectations come from reading the three articles in corpus/.
#include "schema/analyzer.h"
#include "schema/errors.h"
#include "searcher/render.h"
#include "searcher/search.h"

#include "e2e/run_program.h"
#include "temp_dir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kCorpus = CORPUS_DIR;
const std::string kTraining2020 = "2020-amazon-cloud-training.txt";
const std::string kJobCuts = "aws-job-cuts-key-update.txt";
const std::string kLaysOff = "aws-lays-off-several-hundred.txt";

using news::test::TempDir;

std::string load_text(const fs::path& file) {
    std::ifstream in{file, std::ios::binary};
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

using news::test::Run;
const auto run = news::test::run_program;

// The corpus indexed once per process by the real newsdex-index, into a temporary directory.
struct CorpusIndex {
    TempDir dir;
    fs::path db = dir.path / "db";
    CorpusIndex() {
        const Run r = run(NEWSDEX_INDEX, {"--quiet", "--db", db.string(), "corpus"});
        INFO(r.err);
        REQUIRE(r.status == 0);
    }
};

const fs::path& corpus_db() {
    static const CorpusIndex index;
    return index.db;
}

Run search(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", corpus_db().string()});
    return run(NEWSDEX_SEARCH, args);
}

json search_json(const std::string& query, std::vector<std::string> extra = {}) {
    extra.insert(extra.end(), {"--json", "--", query});
    const Run r = search(extra);
    INFO(query << "\n" << r.err);
    REQUIRE((r.status == 0 || r.status == 1));
    return json::parse(r.out);
}

std::vector<std::string> ids(const json& doc) {
    std::vector<std::string> out;
    for (const auto& hit : doc.at("results")) out.push_back(hit.at("id").get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("Searching the corpus finds exactly the articles that say it", "[e2e][corpus]") {
    using Ids = std::vector<std::string>;
    auto [query, expected] = GENERATE_COPY(table<std::string, Ids>({
        {"Teresa Carlson", Ids{kTraining2020}},                   // vice president of AWS in 2020
        {"\"vice president\" \"Amazon Web Services\"", Ids{kTraining2020}},
        {"\"Just Walk Out\"", Ids{kJobCuts}},                     // the physical stores article
        {"self-serve training", Ids{kLaysOff}},
        {"Covid-19", Ids{kTraining2020}},
        {"27,000", Ids{kLaysOff}},
        {"U.S. grocery", Ids{kJobCuts}},
        {"Twitch OR \"Prime Video\"", Ids{kLaysOff}},
        {"Alibaba", Ids{}},                                       // page debris is not indexed
        {"cloud -AWS", Ids{kTraining2020}},
    }));
    CAPTURE(query);
    CHECK(ids(search_json(query)) == expected);
}

TEST_CASE("\"AWS layoffs\" finds the two 2024 articles and not the 2020 one", "[e2e][corpus]") {
    const auto found = ids(search_json("AWS layoffs"));
    CHECK(std::set<std::string>(found.begin(), found.end()) == std::set<std::string>{kJobCuts, kLaysOff});
    CHECK(found.size() == 2);
}

TEST_CASE("\"self-serve training\" ranks the outsourcing article first", "[e2e][corpus]") {
    const auto found = ids(search_json("self serve training", {"--any"}));
    REQUIRE(found.size() == 3);
    CHECK(found.front() == kLaysOff);
}

TEST_CASE("JSON results carry exact titles and dates from the articles", "[e2e][corpus]") {
    const json doc = search_json("Amazon");
    CHECK(doc.at("format_version") == 2);  // docs/json.md: bumped only with a CHANGELOG line
    REQUIRE(doc.at("results").size() == 3);
    CHECK(doc.at("total").at("estimate") == 3);
    for (const auto& hit : doc.at("results")) {
        const std::string id = hit.at("id");
        CAPTURE(id);
        CHECK(hit.at("path") == "corpus/" + id);
        if (id == kTraining2020) {
            CHECK(hit.at("date") == "2020-12-15");
            CHECK(hit.at("time").is_null());  // the date marker gives a day alone
            CHECK(hit.at("year") == 2020);
            CHECK(hit.at("title") ==
                  "This Thursday, December 10, 2020, Amazon announced its intention to train 29 million "
                  "people to work in cloud computing\u2026");
        } else if (id == kJobCuts) {
            CHECK(hit.at("date").is_null());
            CHECK(hit.at("title") ==
                  "Amazon, a global tech giant known for its e-commerce and cloud services, is making "
                  "significant changes to its workforce.");
        } else {
            CHECK(id == kLaysOff);
            CHECK(hit.at("date").is_null());
            CHECK(hit.at("title") == "Amazon Web Services lays off several hundred tech and sales staff");
        }
    }
}

TEST_CASE("Snippets contain the matched terms at their highlight spans", "[e2e][corpus]") {
    const json doc = search_json("layoffs");
    REQUIRE(doc.at("results").size() == 2);
    for (const auto& hit : doc.at("results")) {
        const std::string text = hit.at("snippet").at("text");
        const auto& highlights = hit.at("snippet").at("highlights");
        REQUIRE_FALSE(highlights.empty());
        // Offsets count code points (docs/json.md): the byte where each code point starts.
        std::vector<std::size_t> byte_at;
        for (std::size_t i = 0; i < text.size(); ++i)
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) byte_at.push_back(i);
        byte_at.push_back(text.size());
        for (const auto& h : highlights) {
            const std::size_t first = h.at("start"), last = h.at("end");
            REQUIRE(last < byte_at.size());
            const std::size_t begin = byte_at[first], end = byte_at[last];
            // "layoffs" or one of its synonyms (schema/synonyms_en.txt) the article uses instead, by stem
            const std::vector<std::string> layoffs{"layoffs", "job cuts", "job", "jobs", "cuts", "cut", "cutting",
                                                 "redundancy", "redundancies"};
            CHECK(std::find(layoffs.begin(), layoffs.end(), text.substr(begin, end - begin)) != layoffs.end());
        }
    }
}

TEST_CASE("newsdex-search exit codes: 0 hits, 1 none, 2 broken query, 3 no database", "[e2e][cli]") {
    CHECK(search({"cloud"}).status == 0);
    CHECK(search({"zzzqqx"}).status == 1);
    const Run broken = search({"cloud (training"});
    CHECK(broken.status == 2);
    CHECK_THAT(broken.err, Catch::Matchers::Contains("column 16"));
    CHECK(broken.out.empty());
    const TempDir empty;
    const Run missing = run(NEWSDEX_SEARCH, {"--db", (empty.path / "none").string(), "cloud"});
    CHECK(missing.status == 3);
    CHECK_THAT(missing.err, Catch::Matchers::Contains("newsdex-index"));
}

TEST_CASE("newsdex-index --json prints one line with the start time and the database; --delete by id",
          "[e2e][cli]") {
    const TempDir dir;
    const std::string db = (dir.path / "db").string();
    const Run first = run(NEWSDEX_INDEX, {"--quiet", "--json", "--db", db, "corpus"});
    REQUIRE(first.status == 0);
    CHECK(std::count(first.out.begin(), first.out.end(), '\n') == 1);
    const json summary = json::parse(first.out);
    CHECK(summary["database"] == db);
    const std::string started = summary["started"];  // ISO 8601, UTC: 2026-12-02T01:30:00Z
    REQUIRE(started.size() == 20);
    CHECK(started[10] == 'T');
    CHECK(started.back() == 'Z');
    CHECK(summary["added"] == 3);

    CHECK(run(NEWSDEX_INDEX, {"--db", db}).status == 2);                           // nothing to do
    CHECK(run(NEWSDEX_INDEX, {"--db", db, "corpus", "--delete", kJobCuts}).status == 2);  // one or the other
    const Run deleted = run(NEWSDEX_INDEX, {"--quiet", "--json", "--db", db, "--delete", kJobCuts, "nosuch.txt"});
    CHECK(deleted.status == 1);  // an id to delete was not found
    CHECK(json::parse(deleted.out)["deleted"] == 1);
    CHECK(json::parse(deleted.out)["not_found"] == json::array({"nosuch.txt"}));
    CHECK(json::parse(deleted.out)["documents"] == 2);
}

TEST_CASE("newsdex-index: a folder of unsupported files exits 1 and names the formats it reads",
          "[e2e][cli]") {
    const TempDir dir;
    fs::create_directory(dir.path / "in");
    std::ofstream(dir.path / "in" / "sheet.csv") << "a,b\n1,2\n";
    std::ofstream(dir.path / "in" / "scan.pdf") << "%PDF-1.4\n";
    std::ofstream(dir.path / "in" / "blank.txt") << "\n";
    const Run r = run(NEWSDEX_INDEX, {"--json", "--db", (dir.path / "db").string(), (dir.path / "in").string()});
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Matchers::Contains(".html and .htm"));
    CHECK_THAT(r.err, Catch::Matchers::Contains("skipped: 1 empty file, 2 unsupported file type"));
    const json summary = json::parse(r.out);
    CHECK(summary["skipped"] == 3);
    CHECK(summary["skipped_by_reason"] == json{{"empty file", 1}, {"unsupported file type", 2}});
}

TEST_CASE("Both programs show examples with --help and refuse unknown flags", "[e2e][cli]") {
    auto program = GENERATE(as<std::string>{}, NEWSDEX_INDEX, NEWSDEX_SEARCH);
    CAPTURE(program);
    const Run help = run(program, {"--help"});
    CHECK(help.status == 0);
    CHECK_THAT(help.out, Catch::Matchers::Contains("Examples"));
    CHECK(run(program, {"--no-such-flag", "x"}).status == 2);
}

TEST_CASE("Piped text output is plain unless markers or colour are asked for", "[e2e][cli]") {
    const Run r = search({"layoffs"});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("**") == std::string::npos);
    CHECK(r.out.find('\033') == std::string::npos);  // no terminal escapes into a pipe
    CHECK_THAT(r.out, Catch::Matchers::Contains(" | id "));
    CHECK_THAT(search({"--highlight=markers", "layoffs"}).out, Catch::Matchers::Contains("**layoffs**"));
    CHECK_THAT(search({"--color=always", "layoffs"}).out, Catch::Matchers::Contains("\033[1mlayoffs\033[0m"));
    CHECK(search({"--color=sometimes", "layoffs"}).status == 2);
}

TEST_CASE("newsdex-search refuses out-of-range options and unknown fields with exit 2", "[e2e][cli]") {
    auto [args, message] = GENERATE(table<std::vector<std::string>, std::string>({
        {{"-n", "-5", "cloud"}, "limit"},
        {{"--offset", "4294967295", "cloud"}, "offset"},
        {{"--", "compnay:aws"}, "did you mean 'company'?"},
        {{"--", "date:2005-13-45"}, "not a day of the calendar"},
        {{"--", "date:2020-02-30"}, "not a day of the calendar"},
        {{"--", "company:aws NEAR cloud"}, "NEAR joins words and phrases"},
    }));
    CAPTURE(args);
    const Run r = search(args);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Matchers::Contains(message));
}

TEST_CASE("newsdex-search -n 0 prints the count and facets and exits 0", "[e2e][cli]") {
    const Run r = search({"-n", "0", "--facet", "company", "layoffs"});
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Matchers::StartsWith("2 results for: layoffs\n"));
    CHECK_THAT(r.out, Catch::Matchers::Contains("company ("));
    CHECK(search({"-n", "0", "zzzqqx"}).status == 1);
}

TEST_CASE("NEAR takes phrases, and a colon that names no field is text", "[e2e][cli]") {
    CHECK(search({"--", "\"web services\" NEAR amazon"}).status == 0);
    CHECK(search({"--", "10:30"}).status <= 1);  // searched, found or not: never an error
    CHECK(search({"--", "https://example.com/a"}).status <= 1);
}

// ---- Property: every word of every article, typed as it appears, finds that article. ----

namespace {

// Lines the reader removes as page debris (see corpus/README.md), and the date marker.
const std::set<std::string> kDebrisLines = {
    "In the same category",
    "China enforces antitrust regulations and first fines Alibaba, Tencent",
    "No items found.",
};
const std::string kDateMarker = "date 2020-12-15";

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r");
    return b == std::string::npos ? "" : s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

bool has_letter_or_digit(const std::string& chunk) {
    for (const unsigned char c : chunk)
        if (std::isalnum(c)) return true;
    return false;
}

std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::istringstream lines{text};
    for (std::string line; std::getline(lines, line);) {
        line = trimmed(line);
        if (kDebrisLines.contains(line)) continue;
        if (line.starts_with(kDateMarker)) line.erase(0, kDateMarker.size());
        std::istringstream chunks{line};
        for (std::string chunk; chunks >> chunk;)
            if (has_letter_or_digit(chunk)) words.push_back(chunk);
    }
    return words;
}

bool balanced(const std::string& chunk) {
    return std::count(chunk.begin(), chunk.end(), '(') == std::count(chunk.begin(), chunk.end(), ')');
}

}  // namespace

TEST_CASE("Every word of every corpus article, typed as it appears, finds that article", "[e2e][property]") {
    news::searcher::Searcher searcher{corpus_db()};
    std::size_t checked = 0;
    for (const auto& file : {kTraining2020, kJobCuts, kLaysOff}) {
        for (const auto& word : words_of(load_text(kCorpus / file))) {
            CAPTURE(file, word);
            news::searcher::SearchRequest request;
            request.query = word;
            request.snippets = false;
            if (!balanced(word)) {
                // "(Amazon" alone is a query with an unmatched parenthesis: refused with its
                // column by design; without the parenthesis the word must still find the article.
                CHECK_THROWS_AS(searcher.search(request), news::QueryError);
                std::erase_if(request.query, [](char c) { return c == '(' || c == ')'; });
            }
            std::set<std::string> found;
            for (const auto& hit : searcher.search(request).hits) found.insert(hit.article.id);
            CHECK(found.contains(file));
            ++checked;
        }
    }
    CHECK(checked > 900);  // the three articles have about a thousand words
}

TEST_CASE("Words that appear only in page debris do not find the article", "[e2e][property]") {
    news::searcher::Searcher searcher{corpus_db()};
    auto word = GENERATE(as<std::string>{}, "Alibaba", "Tencent", "antitrust", "enforces", "category", "items");
    CAPTURE(word);
    news::searcher::SearchRequest request;
    request.query = word;
    CHECK(searcher.search(request).hits.empty());
}

// ---- Golden outputs (STYLE.md section 8): rank, id, title, snippet, facets; no scores. ----

TEST_CASE("Golden queries render as the reviewed text", "[e2e][golden]") {
    const fs::path dir = GOLDEN_DIR;
    std::istringstream lines{load_text(dir / "queries.txt")};
    news::searcher::Searcher searcher{corpus_db()};
    news::searcher::TextStyle style;
    style.show_relevance = false;
    style.mark_open = style.mark_close = "**";  // --highlight=markers: the goldens show the matches
    std::size_t count = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line.front() == '#') continue;
        const auto space = line.find(' ');  // "<name> <query>"
        REQUIRE(space != std::string::npos);
        const std::string name = line.substr(0, space);
        news::searcher::SearchRequest request;
        request.query = line.substr(space + 1);
        request.facets = {"year"};
        const std::string actual = news::searcher::render_text(searcher.search(request), style);
        const fs::path file = dir / (name + ".expected");
        ++count;
        if (std::getenv("UPDATE_GOLDEN")) {
            std::ofstream{file, std::ios::binary} << actual;
            continue;
        }
        INFO("golden file: " << file.string() << " (UPDATE_GOLDEN=1 rewrites it; review the diff)");
        CHECK(actual == load_text(file));
    }
    CHECK(count >= 4);
}
