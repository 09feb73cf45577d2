// Training the name tagger: corpus files -> labelled words (tags mapped to kinds, through the
// Analyzer), a perceptron that learns from a few sentences, and the evaluation's counts.
#include "tools/ner_training.h"

#include "schema/gazetteer.h"
#include "temp_dir.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using news::test::TempDir;
using news::tools::CorpusSentence;

news::schema::Analyzer& analyzer() {
    static news::schema::Analyzer a{"en"};
    return a;
}

fs::path write(const TempDir& dir, const std::string& name, const std::string& text) {
    std::ofstream(dir.path / name) << text;
    return dir.path / name;
}

// "word/tag" per word of a labelled sentence.
std::string printed(const news::tools::LabelledSentence& s) {
    std::string out;
    for (std::size_t i = 0; i < s.words.size(); ++i)
        out += (out.empty() ? "" : " ") + s.words[i].surface + "/" + std::to_string(s.tags[i]);
    return out;
}

CorpusSentence sentence(const std::vector<std::pair<std::string, int>>& tokens) {
    CorpusSentence out;
    for (const auto& [text, kind] : tokens)
        out.push_back({text, kind, kind >= 0 && (out.empty() || out.back().kind != kind)});
    return out;
}

}  // namespace

TEST_CASE("Corpus tags map to the three kinds; MISC, products and events are dropped", "[tools][ner]") {
    CHECK(news::tools::kind_of_tag("PER") == 0);
    CHECK(news::tools::kind_of_tag("corporation") == 1);
    CHECK(news::tools::kind_of_tag("group") == 1);
    CHECK(news::tools::kind_of_tag("organization") == 1);
    CHECK(news::tools::kind_of_tag("location") == 2);
    CHECK(news::tools::kind_of_tag("place") == 2);
    CHECK(news::tools::kind_of_tag("MISC") == -1);
    CHECK(news::tools::kind_of_tag("creative-work") == -1);
}

TEST_CASE("read_conll splits documents and reads IO and BIO tags", "[tools][ner]") {
    const TempDir dir;
    const auto file = write(dir, "c.conll",
                            "-DOCSTART- -X- O O\n\nJohn NNP - I-PER\nSmith NNP - I-PER\nmet O\nAnn B-PER\n"
                            "Lee I-PER\nBob B-PER\n\n-DOCSTART- -X- O O\n\nParis I-LOC\n");
    const auto docs = news::tools::read_conll(file);
    REQUIRE(docs.size() == 2);
    REQUIRE(docs[0].size() == 1);
    const auto& s = docs[0][0];
    REQUIRE(s.size() == 6);
    CHECK((s[0].kind == 0 && s[0].begins));
    CHECK((s[1].kind == 0 && !s[1].begins));
    CHECK(s[2].kind == -1);
    CHECK((s[3].begins && !s[4].begins && s[5].begins));
    CHECK((docs[1][0][0].kind == 2 && docs[1][0][0].begins));
    CHECK_THROWS_WITH(news::tools::read_conll(dir.path / "missing.conll"), Catch::Contains("missing.conll"));
}

TEST_CASE("read_gum keeps names and drops nominal mentions and pronouns", "[tools][ner]") {
    const TempDir dir;
    const auto file = write(dir, "g.tsv",
                            "Over\tperson\n900\tperson\nasylum\tperson\nseekers\tperson\nleft\tO\n"
                            "the\tplace\nUnited\tplace\nStates\tplace\n\nHe\tperson\nmet\tO\nBarack\tperson\n"
                            "Obama\tperson\n");
    const auto sentences = news::tools::read_gum(file);
    REQUIRE(sentences.size() == 2);
    const auto& a = sentences[0];
    for (std::size_t i = 0; i < 6; ++i) CHECK(a[i].kind == -1);
    CHECK((a[6].kind == 2 && a[6].begins && a[7].kind == 2 && !a[7].begins));
    const auto& b = sentences[1];
    CHECK(b[0].kind == -1);
    CHECK((b[2].kind == 0 && b[2].begins && b[3].kind == 0));
}

TEST_CASE("label joins tokens as written and tags the Analyzer's words", "[tools][ner]") {
    const auto s = sentence({{"Shares", -1}, {"in", -1}, {"Yukos", 1}, {"'s", -1}, {"unit", -1}, {",", -1},
                             {"Kilroy-Silk", 0}, {"and", -1}, {"Bank", 1}, {"of", 1}, {"England", 1}, {".", -1}});
    const auto l = news::tools::label(s, analyzer());
    CHECK(printed(l) == "Shares/0 in/0 Yukos/3 unit/0 Kilroy/1 Silk/2 and/0 Bank/3 of/4 England/4");
    CHECK(l.words[2].possessive);
    CHECK(l.words[4].gap == ",");
}

TEST_CASE("The perceptron learns a context from a few sentences and the evaluation counts exact spans",
          "[tools][ner]") {
    static const auto gazetteer = news::schema::Gazetteer::load(news::schema::Gazetteer::default_dir());
    const news::schema::NerLexicon lexicon{gazetteer, analyzer()};
    std::vector<news::tools::LabelledSentence> train;
    for (const char* name : {"Zorbex", "Quillan", "Marvo", "Tessaly", "Brondt", "Vellum", "Okari", "Drennic"}) {
        train.push_back(news::tools::label(sentence({{"shares", -1}, {"in", -1}, {name, 1}, {"fell", -1}}), analyzer()));
        train.push_back(news::tools::label(sentence({{"she", -1}, {"visited", -1}, {name, 2}, {"city", -1}}), analyzer()));
    }
    const auto model = news::tools::train(train, lexicon, {1u << 12, 5, 1});
    const std::vector<news::tools::LabelledSentence> test{
        news::tools::label(sentence({{"shares", -1}, {"in", -1}, {"Plimsoll", 1}, {"fell", -1}}), analyzer()),
        news::tools::label(sentence({{"she", -1}, {"visited", -1}, {"Arrowby", 2}, {"city", -1}}), analyzer()),
        news::tools::label(sentence({{"nothing", -1}, {"here", -1}}), analyzer())};
    const auto scores = news::tools::evaluate(model, lexicon, test, 0);
    CHECK(scores[1].gold == 1);
    CHECK(scores[1].correct == 1);
    CHECK(scores[2].correct == 1);
    CHECK(scores.back().predicted == 2);
    CHECK(scores.back().f1() == Approx(1.0));
}

TEST_CASE("The whole extractor's evaluation lists the spans only the gold or only the extractor has",
          "[tools][ner]") {
    static const auto gazetteer = news::schema::Gazetteer::load(news::schema::Gazetteer::default_dir());
    const news::schema::EntityExtractor extractor{gazetteer, analyzer(), nullptr, 0};
    // The gold calls "Plimsoll" an organisation and Germany nothing; the dictionaries know
    // Germany and not Plimsoll; Tokyo agrees.
    const std::vector<news::tools::LabelledSentence> test{
        news::tools::label(sentence({{"Plimsoll", 1}, {"sold", -1}, {"cars", -1}, {"in", -1}, {"Germany", -1}}),
                           analyzer()),
        news::tools::label(sentence({{"rain", -1}, {"in", -1}, {"Tokyo", 2}}), analyzer())};
    std::ostringstream listing;
    const auto scores = news::tools::evaluate_extractor(extractor, analyzer(), test, &listing);
    CHECK(listing.str() == "Plimsoll sold cars in Germany\n  missed org Plimsoll\n  wrong  place Germany\n");
    CHECK(scores[2].gold == 1);
    CHECK(scores[2].correct == 1);
    CHECK(scores[2].predicted == 2);
}
