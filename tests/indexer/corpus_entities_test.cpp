// The entities DocumentBuilder extracts from the three corpus articles as the text reader
// delivers them (related-headline debris removed): exact sets, read off the articles by hand.
#include "indexer/document_builder.h"

#include "indexer/readers/text_reader.h"
#include "schema/analyzer.h"
#include "schema/entities.h"
#include "schema/gazetteer.h"

#include "schema_fixtures.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using news::test::analyzer;
using news::test::extractor;
namespace fs = std::filesystem;
using news::schema::EntityKind;
using news::schema::EntityMention;
using Pair = std::pair<std::string, std::string>;  // (kind, canonical)

news::indexer::Article corpus_article(const std::string& name) {
    std::ifstream in{fs::path(CORPUS_DIR) / name, std::ios::binary};
    std::ostringstream s;
    s << in.rdbuf();
    news::indexer::ReadReport report;
    auto article = news::indexer::read_text(s.str(), name, report);
    REQUIRE(article);
    return *article;
}

std::vector<EntityMention> article_mentions(const std::string& name) {
    news::indexer::DocumentBuilder builder{analyzer(), &extractor()};
    return builder.extract(corpus_article(name));
}

std::set<Pair> pairs(const std::vector<EntityMention>& mentions) {
    std::set<Pair> out;
    for (const auto& m : mentions) out.emplace(std::string(news::schema::to_string(m.kind)), m.canonical);
    return out;
}

// Every mention whose surface is exactly `surface`.
std::vector<EntityMention> with_surface(const std::vector<EntityMention>& mentions, const std::string& surface) {
    std::vector<EntityMention> out;
    for (const auto& m : mentions)
        if (m.surface == surface) out.push_back(m);
    return out;
}


void check_surfaces(const news::indexer::Article& a, const std::vector<EntityMention>& mentions) {
    for (const auto& m : mentions) {
        const std::string& text = m.field == "title" ? a.title : a.body;
        INFO(m.canonical << " at " << m.field << ":" << m.begin);
        REQUIRE(m.begin < m.end);
        REQUIRE(m.end <= text.size());
        CHECK(text.substr(m.begin, m.end - m.begin) == m.surface);
    }
}

}  // namespace

// ---- The corpus, one exact set per article -------------------------------------------------

TEST_CASE("Entities of 2020-amazon-cloud-training.txt are exactly the ones in the text", "[indexer][entities]") {
    const auto mentions = article_mentions("2020-amazon-cloud-training.txt");
    // "China ... Alibaba, Tencent" is the related-headline debris the reader removes.
    const std::set<Pair> expected{
        {"company", "Amazon"},
        {"company", "Amazon Web Services"},
        {"company", "Microsoft"},
        {"company", "Google"},
        {"company", "Zoom Video Communications"},
        {"org", "The Wall Street Journal"},
        {"person", "Jeff Bezos"},
        {"person", "Teresa Carlson"},
        {"person", "Jarred Gaines"},
        {"place", "United States"},
        {"year", "2020"},
        {"year", "2025"},
        {"money", "700000000 USD"},
        {"percent", "29"},
    };
    CHECK(pairs(mentions) == expected);
    check_surfaces(corpus_article("2020-amazon-cloud-training.txt"), mentions);
}

TEST_CASE("Entities of aws-job-cuts-key-update.txt are exactly the ones in the text", "[indexer][entities]") {
    const auto mentions = article_mentions("aws-job-cuts-key-update.txt");
    const std::set<Pair> expected{
        {"company", "Amazon"},
        {"company", "Amazon Web Services"},
        {"place", "United States"},  // "U.S. grocery stores"
    };
    CHECK(pairs(mentions) == expected);
    check_surfaces(corpus_article("aws-job-cuts-key-update.txt"), mentions);
    // Section headings and a product name are capitalised words, not names.
    for (const std::string heading : {"Just", "Walk", "Key", "Update", "Technical", "Terms", "Cloud", "Computing",
                                      "Relevance", "Small", "Business", "Owners"}) {
        INFO(heading);
        CHECK(with_surface(mentions, heading).empty());
    }
    for (const auto& m : mentions) CHECK(m.surface.find("Walk") == std::string::npos);
}

TEST_CASE("Entities of aws-lays-off-several-hundred.txt are exactly the ones in the text", "[indexer][entities]") {
    const auto mentions = article_mentions("aws-lays-off-several-hundred.txt");
    const std::set<Pair> expected{
        {"company", "Amazon"},
        {"company", "Amazon Web Services"},
        {"company", "Twitch"},
        {"year", "2022"},
        {"year", "2023"},
    };
    CHECK(pairs(mentions) == expected);  // "27,000" twice, "2 years", "[1]": no year
    check_surfaces(corpus_article("aws-lays-off-several-hundred.txt"), mentions);
    for (const auto& m : mentions) {
        CHECK(m.surface.find("Prime") == std::string::npos);
        CHECK(m.surface.find("Self") == std::string::npos);
        CHECK(m.surface.find("Optimizing") == std::string::npos);
    }
}

TEST_CASE("Both mentions of Jarred Gaines, one possessive, have the same canonical name", "[indexer][entities]") {
    const auto mentions = article_mentions("2020-amazon-cloud-training.txt");
    std::size_t gaines = 0;
    for (const auto& m : mentions)
        if (m.kind == EntityKind::Person && m.canonical == "Jarred Gaines") {
            ++gaines;
            CHECK(m.surface == "Jarred Gaines");  // "Gaines’" without the apostrophe
        }
    CHECK(gaines == 2);
}
