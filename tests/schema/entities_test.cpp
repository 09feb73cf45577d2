// The entity extractor on small texts for each ambiguity rule: what must and must not become an
// entity (the corpus articles, as the reader delivers them: tests/indexer/corpus_entities_test.cpp).
#include "schema/entities.h"

#include "schema/analyzer.h"
#include "schema/gazetteer.h"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace {

using news::schema::EntityKind;
using news::schema::EntityMention;
using Pair = std::pair<std::string, std::string>;  // (kind, canonical)

const news::schema::Analyzer& analyzer() {
    static const news::schema::Analyzer a{"en"};
    return a;
}

const news::schema::Gazetteer& gazetteer() {
    static const auto g = news::schema::Gazetteer::load(news::schema::Gazetteer::default_dir());
    return g;
}

const news::schema::EntityExtractor& extractor() {
    static const news::schema::EntityExtractor x{gazetteer(), analyzer()};
    return x;
}

std::vector<EntityMention> mentions_in(const std::string& text) {
    const auto tokens = analyzer().analyze(text);
    return extractor().extract({{"body", text, tokens}});
}

std::set<Pair> pairs(const std::vector<EntityMention>& mentions) {
    std::set<Pair> out;
    for (const auto& m : mentions) out.emplace(std::string(news::schema::to_string(m.kind)), m.canonical);
    return out;
}

std::set<Pair> pairs_in(const std::string& text) { return pairs(mentions_in(text)); }

// Every mention whose surface is exactly `surface`.
std::vector<EntityMention> with_surface(const std::vector<EntityMention>& mentions, const std::string& surface) {
    std::vector<EntityMention> out;
    for (const auto& m : mentions)
        if (m.surface == surface) out.push_back(m);
    return out;
}

bool has_kind(const std::set<Pair>& found, const std::string& kind) {
    for (const auto& p : found)
        if (p.first == kind) return true;
    return false;
}

}  // namespace

// ---- Ambiguous names need context -------------------------------------------------------

TEST_CASE("Apple the fruit is no company; Apple with company words is Apple Inc.", "[schema][entities]") {
    CHECK(pairs_in("Apple pie with fresh apple slices") == std::set<Pair>{});
    CHECK(pairs_in("Apple said its iPhone sales rose") == std::set<Pair>{{"company", "Apple Inc."}});
}

TEST_CASE("The Amazon river and rainforest are no company; Amazon shares are", "[schema][entities]") {
    CHECK(pairs_in("the Amazon river basin") == std::set<Pair>{});
    CHECK(pairs_in("the Amazon rainforest") == std::set<Pair>{});
    CHECK(pairs_in("Amazon shares rose") == std::set<Pair>{{"company", "Amazon"}});
}

TEST_CASE("Tickers that are English words name no company in capital headlines", "[schema][entities]") {
    for (const char* headline : {"U.S. COCOA MERCHANT SPOT PRICES", "EXPORTERS PINS HOPES ON RAIN"}) {
        CAPTURE(headline);
        for (const auto& [kind, name] : pairs_in(headline)) CHECK(kind != "company");
    }
    CHECK(pairs_in("Spotify said subscribers rose") == std::set<Pair>{{"company", "Spotify"}});
}

TEST_CASE("Zoom the verb is nothing; Zoom in a list of companies is the company", "[schema][entities]") {
    CHECK(pairs_in("Zoom in on the details") == std::set<Pair>{});
    CHECK(pairs_in("Microsoft, Google and Zoom offer video calls") ==
          std::set<Pair>{{"company", "Microsoft"}, {"company", "Google"}, {"company", "Zoom Video Communications"}});
}

TEST_CASE("\"US $ 700 million\" is money, and that US is no place", "[schema][entities]") {
    const auto mentions = mentions_in("Amazon provided US $ 700 million to retrain workers");
    const auto found = pairs(mentions);
    CHECK(found.contains({"money", "700000000 USD"}));
    CHECK_FALSE(found.contains({"place", "United States"}));
    for (const auto& m : mentions)
        if (m.kind == EntityKind::Money) {
            CHECK(m.value == 700000000.0);
            CHECK(m.currency == "USD");
        }
}

TEST_CASE("An unknown name ending in a legal suffix is a company", "[schema][entities]") {
    const auto mentions = mentions_in("Allegheny International Inc said it would sell the unit");
    CHECK(pairs(mentions) == std::set<Pair>{{"company", "Allegheny International"}});
    REQUIRE(mentions.size() == 1);
    CHECK(mentions[0].surface == "Allegheny International Inc");
}

TEST_CASE("A first name and surname before a job title is a person", "[schema][entities]") {
    CHECK(pairs_in("\"We see it\", said Teresa Carlson, vice president of the unit.") ==
          std::set<Pair>{{"person", "Teresa Carlson"}});
}

TEST_CASE("A surname alone refers back to the full name", "[schema][entities]") {
    const auto mentions = mentions_in("Jeff Bezos founded the firm in 1994. Later Bezos said it was luck.");
    std::vector<std::string> people;
    for (const auto& m : mentions)
        if (m.kind == EntityKind::Person) people.push_back(m.canonical + "|" + m.surface);
    CHECK(people == std::vector<std::string>{"Jeff Bezos|Jeff Bezos", "Jeff Bezos|Bezos"});
}

TEST_CASE("A dateline in capitals is a place", "[schema][entities]") {
    const auto mentions = mentions_in("WASHINGTON, March 3 - The Treasury said it would sell bills.");
    const auto places = with_surface(mentions, "WASHINGTON");
    REQUIRE(places.size() == 1);
    CHECK(places[0].kind == EntityKind::Place);
    CHECK(places[0].begin == 0);
}

TEST_CASE("Years: four plain digits; thousands and dollar amounts are not years", "[schema][entities]") {
    CHECK(pairs_in("train 29 million people in cloud computing by 2025") == std::set<Pair>{{"year", "2025"}});
    CHECK_FALSE(has_kind(pairs_in("Amazon has cut more than 27,000 workers"), "year"));
    const auto dollars = pairs_in("The ticket cost $2020 at the door");
    CHECK_FALSE(has_kind(dollars, "year"));
    CHECK(dollars.contains({"money", "2020 USD"}));
}

TEST_CASE("Weekdays, sentence starts and plain capitals are nothing", "[schema][entities]") {
    CHECK(pairs_in("This Thursday the team met.") == std::set<Pair>{});
    CHECK(pairs_in("Key Update") == std::set<Pair>{});
    CHECK(pairs_in("Technical Terms") == std::set<Pair>{});
    CHECK(pairs_in("Cloud Computing") == std::set<Pair>{});
    CHECK(pairs_in("This included cuts to departments like Prime Video, Twitch, and health care.") ==
          std::set<Pair>{{"company", "Twitch"}});
    CHECK(pairs_in("stop using the Just Walk Out technology in grocery stores") == std::set<Pair>{});
}

TEST_CASE("Percentages and money in words and symbols", "[schema][entities]") {
    CHECK(pairs_in("sales increased by 29% compared") == std::set<Pair>{{"percent", "29"}});
    CHECK(pairs_in("profits fell 5 pct in the year") == std::set<Pair>{{"percent", "5"}});
    CHECK(pairs_in("a loss of 12 mln dlrs") == std::set<Pair>{{"money", "12000000 USD"}});
}

TEST_CASE("Every surface is the slice of the text at its offsets", "[schema][entities]") {
    const std::string text =
        "Amazon Web Services (AWS), the company\xE2\x80\x99s cloud unit, cut jobs in the U.S. and said "
        "Jeff Bezos\xE2\x80\x99 firm paid US$ 5 billion, up 12% from 2019.";
    const auto mentions = mentions_in(text);
    CHECK(mentions.size() >= 6);
    for (const auto& m : mentions) {
        INFO(m.canonical);
        REQUIRE(m.end <= text.size());
        CHECK(text.substr(m.begin, m.end - m.begin) == m.surface);
    }
}

TEST_CASE("A name wrapped onto the next line is still one name", "[schema][entities]") {
    CHECK(pairs_in("said U.S. Trade Representative Clayton\nYeutter today.") ==
          std::set<Pair>{{"org", "Office of the U.S. Trade Representative"}, {"person", "Clayton Yeutter"}});
    CHECK(pairs_in("exports to the United\nStates rose") == std::set<Pair>{{"place", "United States"}});
    // A blank line (a heading above a paragraph) still separates.
    CHECK(pairs_in("Key Update\n\nAmazon said it would cut jobs") == std::set<Pair>{{"company", "Amazon"}});
}

TEST_CASE("A capitalised word before a first name does not hide the name", "[schema][entities]") {
    CHECK(pairs_in("talks with Chancellor of the Exchequer Nigel Lawson, saying the pound") ==
          std::set<Pair>{{"person", "Nigel Lawson"}});
}

// ---- The tagger pass ------------------------------------------------------------------------

namespace {
// Proposes fixed byte spans, as a learned tagger would.
class FixedTagger : public news::schema::SpanTagger {
  public:
    explicit FixedTagger(std::vector<news::schema::TaggedSpan> spans) : spans_(std::move(spans)) {}
    std::vector<news::schema::TaggedSpan> tag(const std::vector<news::schema::TextPart>&) const override {
        return spans_;
    }

  private:
    std::vector<news::schema::TaggedSpan> spans_;
};

std::set<Pair> tagged_pairs(const std::string& text, const std::vector<news::schema::TaggedSpan>& spans) {
    const FixedTagger tagger{spans};
    const news::schema::EntityExtractor x{gazetteer(), analyzer(), &tagger, 0.5};
    const auto tokens = analyzer().analyze(text);
    return pairs(x.extract({{"body", text, tokens}}));
}
}  // namespace

TEST_CASE("Tagger spans above the threshold become entities; listed names keep their canonical form",
          "[schema][entities]") {
    const std::string text = "Shares in Yukos fell as Microsoft Corporation rose";
    // "Yukos" at 10..15, "Microsoft Corporation" at 24..45.
    CHECK(tagged_pairs(text, {{0, 10, 15, EntityKind::Org, 0.9}}) ==
          std::set<Pair>{{"org", "Yukos"}, {"company", "Microsoft"}});
    CHECK(tagged_pairs(text, {{0, 10, 15, EntityKind::Org, 0.4}}) == std::set<Pair>{{"company", "Microsoft"}});
    // The dictionary name wins where both overlap.
    CHECK(tagged_pairs(text, {{0, 24, 45, EntityKind::Person, 0.9}}) == std::set<Pair>{{"company", "Microsoft"}});
}

TEST_CASE("A tagger span confirms an ambiguous listed name of a fitting kind", "[schema][entities]") {
    const std::string text = "Zoom is growing";  // no company cue word nearby
    CHECK(tagged_pairs(text, {}) == std::set<Pair>{});
    CHECK(tagged_pairs(text, {{0, 0, 4, EntityKind::Org, 0.8}}) ==
          std::set<Pair>{{"company", "Zoom Video Communications"}});
}
