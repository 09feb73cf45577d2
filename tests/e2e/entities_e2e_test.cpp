// End-to-end entity search on corpus/ with the built programs: exact facet counts, drill-down,
// aliases, the subsidiary roll-up, person/year/mentions filters, --filter equivalence, and the
// character offsets of newsdex-index --extract. Expectations come from reading the articles.
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
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kEntCorpus = CORPUS_DIR;
const std::string kTraining = "2020-amazon-cloud-training.txt";
const std::string kKeyUpdate = "aws-job-cuts-key-update.txt";
const std::string kLaysOff = "aws-lays-off-several-hundred.txt";

using EntTempDir = news::test::TempDir;

using Out = news::test::Run;
using news::test::run_program;

// corpus/ plus one article that names only AWS (for the roll-up), indexed once per process.
struct EntityIndex {
    EntTempDir dir;
    fs::path corpus = dir.path / "corpus";
    fs::path db = dir.path / "db";
    EntityIndex() {
        fs::create_directories(corpus);
        for (const auto& name : {kTraining, kKeyUpdate, kLaysOff}) fs::copy_file(kEntCorpus / name, corpus / name);
        std::ofstream{corpus / "aws-only.txt"} << "AWS opens a region in Ohio\n"
                                                  "AWS said it would open a new data centre region next year.\n";
        const Out r = run_program(NEWSDEX_INDEX, {"--quiet", "--db", db.string(), corpus.string()});
        REQUIRE(r.status == 0);
    }
};

const EntityIndex& with_aws_only() {
    static const EntityIndex index;
    return index;
}

// The plain corpus, indexed once per process.
struct PlainIndex {
    EntTempDir dir;
    fs::path db = dir.path / "db";
    PlainIndex() {
        const Out r = run_program(NEWSDEX_INDEX, {"--quiet", "--db", db.string(), "corpus"});
        REQUIRE(r.status == 0);
    }
};

const fs::path& plain_db() {
    static const PlainIndex index;
    return index.db;
}

json query(const fs::path& db, const std::string& q, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--db", db.string(), "--json", "--limit", "50"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.end(), {"--", q});
    const Out r = run_program(NEWSDEX_SEARCH, args);
    INFO(q);
    REQUIRE((r.status == 0 || r.status == 1));
    return json::parse(r.out);
}

// Hit ids, with any directory part removed ("corpus/x.txt" -> "x.txt").
std::vector<std::string> hit_files(const json& doc) {
    std::vector<std::string> out;
    for (const auto& hit : doc.at("results")) out.push_back(fs::path(hit.at("id").get<std::string>()).filename());
    std::sort(out.begin(), out.end());
    return out;
}

std::map<std::string, int> facet(const json& doc, const std::string& name) {
    std::map<std::string, int> out;
    for (const auto& v : doc.at("facets").at(name).at("values")) out[v.at("value")] = v.at("count");
    return out;
}

int missing(const json& doc, const std::string& name) { return doc.at("facets").at(name).at("missing"); }

std::string code_point_slice(const std::string& s, std::size_t start, std::size_t end) {
    std::size_t b = 0, count = 0, from = std::string::npos, to = std::string::npos;
    for (; b <= s.size(); ++b) {
        if (b == s.size() || (static_cast<unsigned char>(s[b]) & 0xC0) != 0x80) {
            if (count == start) from = b;
            if (count == end) {
                to = b;
                break;
            }
            ++count;
        }
    }
    if (from == std::string::npos || to == std::string::npos) return "<out of range>";
    return s.substr(from, to - from);
}

}  // namespace

TEST_CASE("Entity facets over \"amazon\" count the corpus exactly", "[e2e][entities]") {
    const json doc = query(plain_db(), "amazon", {"--facet", "company,year,place,person"});
    CHECK(hit_files(doc) == std::vector<std::string>{kTraining, kKeyUpdate, kLaysOff});
    CHECK(facet(doc, "company") == std::map<std::string, int>{{"Amazon", 3},
                                                              {"Amazon Web Services", 3},
                                                              {"Twitch", 1},
                                                              {"Microsoft", 1},
                                                              {"Google", 1},
                                                              {"Alphabet", 1},  // Google's parent
                                                              {"Zoom Video Communications", 1}});
    CHECK(missing(doc, "company") == 0);
    CHECK(facet(doc, "year") == std::map<std::string, int>{{"2020", 1}});
    CHECK(missing(doc, "year") == 2);  // two undated articles
    CHECK(facet(doc, "place") == std::map<std::string, int>{{"United States", 2}});
    CHECK(missing(doc, "place") == 1);
    CHECK(facet(doc, "person") ==
          std::map<std::string, int>{{"Jeff Bezos", 1}, {"Teresa Carlson", 1}, {"Jarred Gaines", 1}});
    CHECK(missing(doc, "person") == 2);
}

TEST_CASE("Drilling down to company:twitch recounts the facets on that one article", "[e2e][entities]") {
    const json doc = query(plain_db(), "company:twitch", {"--facet", "company,year,place,person,mentions"});
    CHECK(hit_files(doc) == std::vector<std::string>{kLaysOff});
    CHECK(facet(doc, "company") ==
          std::map<std::string, int>{{"Amazon", 1}, {"Amazon Web Services", 1}, {"Twitch", 1}});
    CHECK(facet(doc, "year").empty());
    CHECK(missing(doc, "year") == 1);
    CHECK(facet(doc, "place").empty());
    CHECK(facet(doc, "person").empty());
    CHECK(facet(doc, "mentions") == std::map<std::string, int>{{"2022", 1}, {"2023", 1}});
}

TEST_CASE("company:aws is an alias of company:\"amazon web services\"", "[e2e][entities]") {
    const auto alias = hit_files(query(plain_db(), "company:aws"));
    CHECK(alias == hit_files(query(plain_db(), "company:\"amazon web services\"")));
    CHECK(alias == hit_files(query(plain_db(), "company:AWS")));
    CHECK(alias == std::vector<std::string>{kTraining, kKeyUpdate, kLaysOff});
}

TEST_CASE("company:amazon includes articles naming only AWS; company_only:amazon does not", "[e2e][entities]") {
    const auto& index = with_aws_only();
    const auto rolled = hit_files(query(index.db, "company:amazon"));
    CHECK(rolled == std::vector<std::string>{kTraining, kKeyUpdate, kLaysOff, "aws-only.txt"});
    const auto direct = hit_files(query(index.db, "company_only:amazon"));
    CHECK(direct == std::vector<std::string>{kTraining, kKeyUpdate, kLaysOff});
    const json facets = query(index.db, "company:aws", {"--facet", "company"});
    CHECK(facet(facets, "company").at("Amazon") == 4);  // the facet counts the parent too
    CHECK(facet(facets, "company").at("Amazon Web Services") == 4);
    CHECK(hit_files(query(index.db, "company_only:aws")).size() == 4);
}

TEST_CASE("person:, year: ranges and mentions: filter to the right articles", "[e2e][entities]") {
    CHECK(hit_files(query(plain_db(), "person:\"teresa carlson\"")) == std::vector<std::string>{kTraining});
    CHECK(hit_files(query(plain_db(), "person:\"jeff bezos\" cloud")) == std::vector<std::string>{kTraining});
    CHECK(hit_files(query(plain_db(), "year:2020..2024")) == std::vector<std::string>{kTraining});
    CHECK(hit_files(query(plain_db(), "amazon year:2021..2024")).empty());
    CHECK(hit_files(query(plain_db(), "mentions:2023")) == std::vector<std::string>{kLaysOff});
    CHECK(hit_files(query(plain_db(), "mentions:2025")) == std::vector<std::string>{kTraining});
    CHECK(hit_files(query(plain_db(), "place:\"united states\"")) == std::vector<std::string>{kTraining, kKeyUpdate});
    CHECK(hit_files(query(plain_db(), "org:\"wall street journal\"")) == std::vector<std::string>{kTraining});
}

TEST_CASE("Options --filter company=Amazon --filter year=2020 equal the query company:amazon year:2020", "[e2e][entities]") {
    const auto filtered = hit_files(query(plain_db(), "", {"--filter", "company=Amazon", "--filter", "year=2020"}));
    CHECK(filtered == hit_files(query(plain_db(), "company:amazon year:2020")));
    CHECK(filtered == std::vector<std::string>{kTraining});
}

TEST_CASE("newsdex-index --extract gives code-point offsets that slice out each surface", "[e2e][entities]") {
    const EntTempDir dir;
    // Multi-byte characters (curly quotes, é, €) before the entities, so bytes != code points.
    const fs::path file = dir.path / "x.jsonl";
    std::ofstream{file} << R"({"id": "1", "title": "Café “news”: Amazon’s AWS in Tokyo", )"
                           R"("body": "Résumé — “Jeff Bezos” said Amazon Web Services paid €5 million in 2019. Bezos smiled."})"
                        << "\n";
    const Out ours = run_program(NEWSDEX_INDEX, {"--extract", file.string()});
    REQUIRE(ours.status == 0);
    const json doc = json::parse(ours.out);
    CHECK(doc.at("format_version") == 2);  // docs/json.md
    REQUIRE(doc.at("articles").size() == 1);
    const json& a = doc.at("articles")[0];
    const std::string title = a.at("title");
    const std::string body = "Résumé — “Jeff Bezos” said Amazon Web Services paid €5 million in 2019. Bezos smiled.";
    std::size_t n = 0;
    for (const auto& e : a.at("entities")) {
        const std::string& text = e.at("field") == "title" ? title : body;
        INFO(e.dump());
        CHECK(code_point_slice(text, e.at("start"), e.at("end")) == e.at("surface").get<std::string>());
        ++n;
    }
    CHECK(n >= 7);  // Amazon, AWS, Tokyo; Jeff Bezos, AWS, money, 2019, Bezos

    // And on the corpus: every title entity slices out of its title.
    const Out corpus = run_program(NEWSDEX_INDEX, {"--extract", "corpus/"});
    REQUIRE(corpus.status == 0);
    const json extracted = json::parse(corpus.out);  // named: the loop reads into it
    for (const auto& article : extracted.at("articles"))
        for (const auto& e : article.at("entities"))
            if (e.at("field") == "title") {
                INFO(e.dump());
                CHECK(code_point_slice(article.at("title"), e.at("start"), e.at("end")) ==
                      e.at("surface").get<std::string>());
            }
}

TEST_CASE("A missing or damaged tagger model stops newsdex-index with its path and the command to rebuild it",
          "[e2e][entities]") {
    // A copy of the data folder beside the built program, with the model removed, then cut short.
    const fs::path shipped = fs::path(NEWSDEX_INDEX).parent_path().parent_path() / "share" / "newsdex";
    REQUIRE(fs::exists(shipped / "ner_model.bin"));  // the build copies the data folder there
    const EntTempDir dir;
    const fs::path data = dir.path / "data";
    fs::copy(shipped, data, fs::copy_options::recursive);
    const fs::path model = data / "ner_model.bin";
    const std::string bytes = [&] {
        std::ifstream in{model, std::ios::binary};
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }();
    fs::remove(model);
    const fs::path article = dir.path / "a.txt";
    std::ofstream{article} << "Yukos shares fell\nShares in Yukos fell sharply on Monday.\n";
    for (const bool damaged : {false, true}) {
        if (damaged) std::ofstream{model, std::ios::binary} << bytes.substr(0, bytes.size() / 2);
        CAPTURE(damaged);
        for (const auto& args : {std::vector<std::string>{"--data-dir", data.string(), "--extract", article.string()},
                                 std::vector<std::string>{"--data-dir", data.string(), "--quiet", "--db",
                                                          (dir.path / "db").string(), article.string()}}) {
            const Out r = run_program(NEWSDEX_INDEX, args);
            CHECK(r.status == 3);
            CHECK_THAT(r.err, Catch::Contains(model.string() + ": ") && Catch::Contains("newsdex-train-ner --corpora") &&
                                  Catch::Contains(damaged ? "damaged" : "cannot read"));
        }
        CHECK_FALSE(std::filesystem::exists(dir.path / "db"));  // the failed first build left no folder
    }
    CHECK_FALSE(fs::exists(dir.path / "db" / "XAPIANDB"));
}
