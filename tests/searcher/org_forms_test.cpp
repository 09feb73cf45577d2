// One form per unlisted organisation across the archive (searcher/org_forms.h): the rule on
// values and the articles they share, and end to end: queries, the company facet (text and
// JSON) and results, exact counts, kept right by updates.
#include "searcher/org_forms.h"

#include "indexer/indexer.h"
#include "searcher/render.h"
#include "searcher/search.h"

#include "temp_corpus.h"
#include "temp_dir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace {

using news::searcher::OrgForms;
using news::searcher::SearchRequest;
using news::searcher::Searcher;

std::string shown(const OrgForms& forms, const std::string& value) {
    const std::string* to = forms.shown(value);
    return to ? *to : "";
}

// Forms from (value, articles) pairs, the articles two values share from `shared`, and the
// listed values from `listed`.
OrgForms forms_of(const std::vector<std::pair<std::string, Xapian::doccount>>& values,
                  const std::map<std::pair<std::string, std::string>, Xapian::doccount>& shared,
                  const std::vector<std::string>& listed = {}) {
    return OrgForms{values,
                    [&](const std::string& v) { return std::find(listed.begin(), listed.end(), v) != listed.end(); },
                    [&](const std::string& longer, const std::string& shorter, Xapian::doccount) {
                        const auto it = shared.find({longer, shorter});
                        return it == shared.end() ? 0 : it->second;
                    }};
}

}  // namespace

TEST_CASE("A longer unlisted name is a form of a shorter one it adds words to, with half its articles and 2",
          "[searcher][org_forms]") {
    const OrgForms forms = forms_of(
        {
            {"yukos", 5}, {"yukos oil", 4}, {"yukos oil co", 2},  // 2 of 4, 2 of 2: one name
            {"acme", 3}, {"acme steel", 3},                        // 2 of 3 (half is 1.5): one name
            {"bolt", 3}, {"bolt motors", 5},                       // 2 of 5: under half
            {"zeta", 1}, {"zeta labs", 1},                         // 1 of 1: under 2
            {"apple inc.", 9}, {"apple inc. records", 4},          // the shorter is listed
            {"nord", 4}, {"nordcom", 4},                           // not whole words
            {"delta", 4}, {"delta air", 6},                        // 4 of 6: the longer is shown
        },
        {
            {{"yukos oil", "yukos"}, 2}, {{"yukos oil co", "yukos oil"}, 2}, {{"yukos oil co", "yukos"}, 2},
            {{"acme steel", "acme"}, 2}, {{"bolt motors", "bolt"}, 2}, {{"zeta labs", "zeta"}, 1},
            {{"apple inc. records", "apple inc."}, 4}, {{"nordcom", "nord"}, 4}, {{"delta air", "delta"}, 4},
        },
        {"apple inc."});
    CHECK(shown(forms, "yukos oil") == "yukos");
    CHECK(shown(forms, "yukos oil co") == "yukos");
    CHECK(shown(forms, "yukos").empty());
    CHECK(forms.forms("yukos oil") == std::vector<std::string>{"yukos", "yukos oil", "yukos oil co"});
    CHECK(shown(forms, "acme steel") == "acme");
    CHECK(shown(forms, "bolt motors").empty());
    CHECK(shown(forms, "zeta labs").empty());
    CHECK(shown(forms, "apple inc. records").empty());
    CHECK(shown(forms, "apple inc.").empty());
    CHECK(shown(forms, "nordcom").empty());
    CHECK(shown(forms, "delta") == "delta air");
    CHECK(forms.forms("bolt").empty());
    CHECK(forms.merged().size() == 4);
}

TEST_CASE("A listed name is never made a form of another, even when the articles would merge it",
          "[searcher][org_forms]") {
    const OrgForms forms =
        forms_of({{"gazprom", 2}, {"gazprom neft", 8}}, {{{"gazprom neft", "gazprom"}, 2}}, {"gazprom neft"});
    CHECK(forms.merged().empty());
}

namespace {

using news::test::index_corpus;
using news::test::write_text;

// The articles: two name Yukos Oil and Yukos, two Yukos alone, one Yukos Oil alone; Zorbex and
// Zorbex Mining, and Apple and Apple Records, in articles of their own.
void write_corpus(const news::test::TempDir& dir) {
    for (int i = 1; i <= 2; ++i)
        write_text(dir.path / "corpus" / ("both" + std::to_string(i) + ".txt"),
              "Oil deal " + std::to_string(i) + "\n\nShares in Yukos Oil fell on day " + std::to_string(i) +
                  ". Later, shares in Yukos rose again.\n");
    for (int i = 1; i <= 2; ++i)
        write_text(dir.path / "corpus" / ("short" + std::to_string(i) + ".txt"),
              "Oil sale " + std::to_string(i) + "\n\nShares in Yukos fell on day " + std::to_string(i) + ".\n");
    write_text(dir.path / "corpus/long1.txt", "Oil bid\n\nShares in Yukos Oil rose on the bid.\n");
    for (int i = 1; i <= 2; ++i) {
        write_text(dir.path / "corpus" / ("zorbex" + std::to_string(i) + ".txt"),
              "Metals " + std::to_string(i) + "\n\nShares in Zorbex fell on day " + std::to_string(i) + ".\n");
        write_text(dir.path / "corpus" / ("mining" + std::to_string(i) + ".txt"),
              "Mines " + std::to_string(i) + "\n\nShares in Zorbex Mining fell on day " + std::to_string(i) + ".\n");
    }
    write_text(dir.path / "corpus/apple.txt", "Computers\n\nShares in Apple rose after the launch.\n");
    write_text(dir.path / "corpus/records.txt", "Music\n\nShares in Apple Records rose after the album.\n");
}

std::string facet_text(const news::searcher::Facet& facet) {
    std::string out;
    for (const auto& v : facet.values) out += (out.empty() ? "" : ", ") + v.value + " " + std::to_string(v.count);
    return out;
}

SearchRequest company_request(const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.limit = 50;
    request.facets = {"company"};
    request.sort = news::searcher::SortOrder::Date;
    return request;
}

std::string ids(const news::test::TempDir& dir, const std::string& query) {
    Searcher searcher{dir.path / "db"};
    return news::test::sorted_ids(searcher.search(company_request(query)).hits);
}

}  // namespace

TEST_CASE("Yukos and Yukos Oil are one company: searched, counted once per article, shown as Yukos",
          "[searcher][org_forms]") {
    news::test::TempDir dir;
    write_corpus(dir);
    index_corpus(dir);
    const std::string yukos = "both1.txt both2.txt long1.txt short1.txt short2.txt";
    CHECK(ids(dir, "company:yukos") == yukos);
    CHECK(ids(dir, "company:\"yukos oil\"") == yukos);
    CHECK(ids(dir, "company_only:\"yukos oil\"") == yukos);
    CHECK(ids(dir, "company:zorbex") == "zorbex1.txt zorbex2.txt");
    CHECK(ids(dir, "company:\"zorbex mining\"") == "mining1.txt mining2.txt");

    Searcher searcher{dir.path / "db"};
    // "oil" matches the Yukos articles (a facet pass over the matches, from the slots, then
    // from the rows); "shares" matches every article (counted through the complement).
    const std::string oil = "Yukos 5";
    CHECK(facet_text(searcher.search(company_request("oil")).facets.front()) == oil);
    CHECK(facet_text(searcher.search(company_request("oil")).facets.front()) == oil);
    const auto all = searcher.search(company_request("shares"));
    CHECK(facet_text(all.facets.front()) == "Yukos 5, Zorbex 2, Zorbex Mining 2, Apple Inc. 1, Apple Records 1");
    CHECK(all.facets.front().distinct == 5);

    const auto bid = searcher.search(company_request("bid"));
    REQUIRE(bid.hits.size() == 1);
    CHECK(bid.hits.front().article.companies == std::vector<std::string>{"Yukos"});
    const auto json = nlohmann::json::parse(news::searcher::render_json(bid));
    CHECK(json["facets"]["company"]["values"].dump() == R"([{"count":1,"value":"Yukos"}])");
    CHECK(json["results"][0]["companies"].dump() == R"(["Yukos"])");
    news::searcher::TextStyle plain;
    plain.show_relevance = false;
    const std::string text = news::searcher::render_text(bid, plain);
    CHECK(text.find("company (1 values):\n  1  Yukos\n") != std::string::npos);
}

TEST_CASE("An update that gives Yukos Oil articles of its own makes it a company of its own",
          "[searcher][org_forms]") {
    news::test::TempDir dir;
    write_corpus(dir);
    index_corpus(dir);
    REQUIRE(ids(dir, "company:\"yukos oil\"") == "both1.txt both2.txt long1.txt short1.txt short2.txt");
    // Three more articles name Yukos Oil alone: 2 of its 6 articles name Yukos, under half.
    for (int i = 2; i <= 4; ++i)
        write_text(dir.path / "corpus" / ("long" + std::to_string(i) + ".txt"),
              "Oil bid " + std::to_string(i) + "\n\nShares in Yukos Oil rose on bid " + std::to_string(i) + ".\n");
    index_corpus(dir);
    CHECK(ids(dir, "company:yukos") == "both1.txt both2.txt short1.txt short2.txt");
    CHECK(ids(dir, "company:\"yukos oil\"") == "both1.txt both2.txt long1.txt long2.txt long3.txt long4.txt");
    Searcher searcher{dir.path / "db"};
    CHECK(facet_text(searcher.search(company_request("oil")).facets.front()) == "Yukos Oil 6, Yukos 4");
    // Gone again: one name again.
    for (int i = 2; i <= 4; ++i) std::filesystem::remove(dir.path / "corpus" / ("long" + std::to_string(i) + ".txt"));
    index_corpus(dir);
    CHECK(ids(dir, "company:\"yukos oil\"") == "both1.txt both2.txt long1.txt short1.txt short2.txt");
}
