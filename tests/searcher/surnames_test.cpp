// Surname attachment across the archive (searcher/surnames.h): the rule on person values and
// their counts, and end to end: queries, the person facet and results, kept right by updates.
#include "searcher/surnames.h"

#include "indexer/indexer.h"
#include "searcher/search.h"

#include "temp_corpus.h"
#include "temp_dir.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

using news::searcher::SearchRequest;
using news::searcher::Searcher;
using news::searcher::SurnameAttachment;

std::string attached(const SurnameAttachment& a, const std::string& surname) {
    const std::string* full = a.full_name(surname);
    return full ? *full : "";
}

}  // namespace

TEST_CASE("A lone surname stands for a full name with 3/4 of the surname's articles and at least 5",
          "[searcher][surnames]") {
    const SurnameAttachment a{{
        {"blair", 3}, {"tony blair", 10}, {"cherie blair", 2},                 // 10/12: attached
        {"brown", 4}, {"gordon brown", 6}, {"james brown", 4},                 // 6/10: no
        {"bush", 1}, {"george w bush", 4},                                     // 4 articles: no
        {"smith", 1}, {"john smith", 6}, {"jane smith", 2},                    // exactly 3/4: attached
        {"bin laden", 2}, {"osama bin laden", 6},                              // the particle stays
        {"putin", 0 + 1},                                                      // no full name: no
        {"vladimir", 1}, {"john major", 9},                                    // first names stay
        {"gordon", 2},
    }};
    CHECK(attached(a, "blair") == "tony blair");
    CHECK(attached(a, "brown").empty());
    CHECK(attached(a, "bush").empty());
    CHECK(attached(a, "smith") == "john smith");
    CHECK(attached(a, "bin laden") == "osama bin laden");
    CHECK(attached(a, "putin").empty());
    CHECK(attached(a, "gordon").empty());
    CHECK(attached(a, "tony blair").empty());
    CHECK(a.surnames("tony blair") == std::vector<std::string>{"blair"});
}

namespace {

using news::test::index_corpus;
using news::test::write_text;

struct Seen {
    std::string ids, people, facet;
};

// The hits of `query` (ids), the people of the first hit, and the person facet.
Seen search(const news::test::TempDir& dir, const std::string& query) {
    Searcher searcher{dir.path / "db"};
    SearchRequest request;
    request.query = query;
    request.limit = 50;
    request.facets = {"person"};
    request.sort = news::searcher::SortOrder::Date;
    const auto results = searcher.search(request);
    Seen seen;
    seen.ids = news::test::sorted_ids(results.hits);
    if (!results.hits.empty())
        for (const auto& p : results.hits.front().article.people) seen.people += (seen.people.empty() ? "" : ", ") + p;
    for (const auto& v : results.facets.front().values)
        seen.facet += (seen.facet.empty() ? "" : ", ") + v.value + " " + std::to_string(v.count);
    return seen;
}

}  // namespace

TEST_CASE("A lone surname is searched, counted and shown as the archive's full name, and updates keep it right",
          "[searcher][surnames]") {
    news::test::TempDir dir;
    for (int i = 1; i <= 6; ++i)
        write_text(dir.path / "corpus" / ("tony" + std::to_string(i) + ".txt"),
              "Visit " + std::to_string(i) + "\n\nPrime minister Tony Blair visited the plant on day " +
                  std::to_string(i) + ".\n");
    write_text(dir.path / "corpus/mary.txt", "Another Blair\n\nMary Blair opened the plant.\n");
    write_text(dir.path / "corpus/lone.txt", "The speech\n\nMr Blair said the plan would work.\n");
    index_corpus(dir);

    auto lone = search(dir, "speech");
    CHECK(lone.people == "Tony Blair");
    CHECK(lone.facet == "Tony Blair 1");
    CHECK(search(dir, "person:\"tony blair\"").ids == "lone.txt tony1.txt tony2.txt tony3.txt tony4.txt tony5.txt tony6.txt");
    CHECK(search(dir, "person:blair").ids == "lone.txt tony1.txt tony2.txt tony3.txt tony4.txt tony5.txt tony6.txt");
    CHECK(search(dir, "plant OR speech").facet == "Tony Blair 7, Mary Blair 1");

    // Three more Blairs: Tony has 6 of 10 full-name articles, under 3/4. Mr Blair is his own.
    for (int i = 1; i <= 3; ++i)
        write_text(dir.path / "corpus" / ("euan" + std::to_string(i) + ".txt"),
              "Euan " + std::to_string(i) + "\n\nEuan Blair spoke on day " + std::to_string(i) + ".\n");
    index_corpus(dir);
    lone = search(dir, "speech");
    CHECK(lone.people == "Blair");
    CHECK(lone.facet == "Blair 1");
    CHECK(search(dir, "person:blair").ids == "lone.txt");
    CHECK(search(dir, "person:\"tony blair\"").ids == "tony1.txt tony2.txt tony3.txt tony4.txt tony5.txt tony6.txt");

    // Gone again: attached again.
    for (int i = 1; i <= 3; ++i) std::filesystem::remove(dir.path / "corpus" / ("euan" + std::to_string(i) + ".txt"));
    index_corpus(dir);
    CHECK(search(dir, "speech").people == "Tony Blair");
}
