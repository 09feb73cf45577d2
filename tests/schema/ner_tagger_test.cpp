// The name tagger: sentences and words as it sees them, BIO spans, the model file (round trip,
// damaged and missing files), and the shipped model on names no gazetteer lists.
#include "schema/ner_tagger.h"

#include "schema/errors.h"
#include "schema/ner_span_tagger.h"
#include "temp_dir.h"

#include "schema_fixtures.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

using news::test::analyzer;
using news::test::gazetteer;
namespace fs = std::filesystem;
using news::schema::NerKind;
using news::schema::NerModel;
using news::test::TempDir;

const news::schema::NerLexicon& lexicon() {
    static const news::schema::NerLexicon l{gazetteer(), analyzer()};
    return l;
}

const NerModel& shipped() {
    static const NerModel m = NerModel::load(NerModel::default_file());
    return m;
}

// "surface [kind]" for each span of the text at the model's threshold.
std::vector<std::string> names(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& s : news::schema::ner_sentences(text, analyzer().analyze(text)))
        for (const auto& span : shipped().tag(s, lexicon()))
            if (span.confidence >= shipped().threshold())
                out.push_back(text.substr(s[span.first].begin, s[span.last].end - s[span.first].begin) + " [" +
                              std::string(news::schema::to_string(span.kind)) + "]");
    return out;
}

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary) << bytes;
}

}  // namespace

TEST_CASE("ner_sentences cuts at full stops but not after Mr. or U.S., and keeps offsets", "[schema][ner]") {
    const std::string text = "Mr. Blair met U.S. officials. Yukos's shares fell (sharply).\n\nNew line";
    const auto sentences = news::schema::ner_sentences(text, analyzer().analyze(text));
    REQUIRE(sentences.size() == 3);
    std::vector<std::string> first;
    for (const auto& w : sentences[0]) first.push_back(w.surface);
    CHECK(first == std::vector<std::string>{"Mr", "Blair", "met", "U.S", "officials"});
    const auto& yukos = sentences[1][0];
    CHECK(yukos.surface == "Yukos");
    CHECK(yukos.possessive);
    CHECK(text.substr(yukos.begin, yukos.end - yukos.begin) == "Yukos");
    CHECK(sentences[1][3].gap == "(");
    CHECK(sentences[2][0].surface == "New");
    for (const auto& s : sentences)
        for (const auto& w : s) CHECK(text.substr(w.begin, w.end - w.begin) == w.surface);
}

TEST_CASE("ner_sentences cuts a sentence without full stops after max_words, between list items first",
          "[schema][ner]") {
    const auto sizes = [](const std::string& separator) {
        std::string text;
        for (int i = 0; i < 250; ++i) text += "word" + separator;
        std::vector<std::size_t> out;
        for (const auto& s : news::schema::ner_sentences(text, analyzer().analyze(text), 100)) out.push_back(s.size());
        return out;
    };
    CHECK(sizes(", ") == std::vector<std::size_t>{100, 100, 50});  // at the first comma
    CHECK(sizes(" ") == std::vector<std::size_t>{125, 125});       // a quarter on, at a space
    CHECK(sizes("-") == std::vector<std::size_t>{150, 100});       // half as much again, anywhere
    // A list of names is cut after a comma, never inside "Kilroy-Silk".
    std::string names;
    for (int i = 0; i < 60; ++i) names += "Angela Kilroy-Silk, ";
    for (const auto& s : news::schema::ner_sentences(names, analyzer().analyze(names), 100)) {
        REQUIRE(s.size() % 3 == 0);
        CHECK(s.front().surface == "Angela");
    }
}

TEST_CASE("spans_of reads BIO tags: B opens, I continues the same kind only", "[schema][ner]") {
    // O B-Person I-Person I-Org B-Place I-Place B-Place
    const auto spans = news::schema::spans_of({0, 1, 2, 4, 5, 6, 5});
    REQUIRE(spans.size() == 4);
    CHECK((spans[0].first == 1 && spans[0].last == 2 && spans[0].kind == NerKind::Person));
    CHECK((spans[1].first == 3 && spans[1].last == 3 && spans[1].kind == NerKind::Org));
    CHECK((spans[2].first == 4 && spans[2].last == 5 && spans[2].kind == NerKind::Place));
    CHECK((spans[3].first == 6 && spans[3].last == 6));
}

TEST_CASE("NerLexicon marks the longest gazetteer name over the words, case-insensitively", "[schema][ner]") {
    const std::string text = "the bank of england and AMAZON WEB SERVICES said";
    const auto s = news::schema::ner_sentences(text, analyzer().analyze(text));
    const auto codes = lexicon().name_codes(s.at(0));
    REQUIRE(codes.size() == 9);
    CHECK(codes[0] == 0);
    CHECK(codes[1] != 0);           // bank, first word of Bank of England
    CHECK(codes[2] == codes[1] + 1);  // of, inside it
    CHECK(codes[5] != 0);           // amazon, first word of Amazon Web Services
    CHECK(codes[6] == codes[5] + 1);
    CHECK(codes[8] == 0);
}

TEST_CASE("NerLexicon tells apart names that share a first word, from the words or from their hashes",
          "[schema][ner]") {
    const std::string text =
        "New York City and New Zealand and the New York Stock Exchange, Bank of Japan, Bank of America, new ideas";
    const auto s = news::schema::ner_sentences(text, analyzer().analyze(text)).at(0);
    std::vector<std::uint64_t> hashes;
    for (const auto& w : s) hashes.push_back(news::schema::ner_term_hash(w.term));
    const auto codes = lexicon().name_codes(s);
    CHECK(lexicon().name_codes(s, hashes) == codes);
    REQUIRE(codes.size() == 20);
    const std::vector<std::uint8_t> city(codes.begin(), codes.begin() + 3);
    CHECK(city == std::vector<std::uint8_t>{codes[0], std::uint8_t(codes[0] + 1), std::uint8_t(codes[0] + 1)});
    CHECK(codes[0] != 0);
    CHECK(codes[4] == codes[0]);  // New Zealand: a place too
    CHECK(codes[5] == codes[0] + 1);
    CHECK(codes[7] == 0);  // the
    CHECK(codes[8] != codes[0]);  // New York Stock Exchange: a company, all four words
    CHECK((codes[9] == codes[8] + 1 && codes[10] == codes[8] + 1 && codes[11] == codes[8] + 1));
    CHECK(codes[12] != codes[8]);  // Bank of Japan: an org
    CHECK((codes[13] == codes[12] + 1 && codes[14] == codes[12] + 1));
    CHECK(codes[15] == codes[8]);  // Bank of America: a company
    CHECK((codes[16] == codes[15] + 1 && codes[17] == codes[15] + 1));
    CHECK((codes[18] == 0 && codes[19] == 0));  // new ideas
}

TEST_CASE("NerStringSet finds exactly the strings it holds, by their hash", "[schema][ner]") {
    const std::vector<std::string> held{"John", "Mary", "mr", "Jean-Pierre", "Ángel", ""};
    const news::schema::NerStringSet set{held};
    for (const auto& s : held) CHECK(set.contains(s, news::schema::ner_term_hash(s)));
    for (const std::string s : {"JOHN", "john", "Mar", "Maryland", "Mr", "Jean", "Angel", " "}) {
        CAPTURE(s);
        CHECK_FALSE(set.contains(s, news::schema::ner_term_hash(s)));
    }
    CHECK_FALSE(news::schema::NerStringSet{}.contains("John", news::schema::ner_term_hash("John")));
}

TEST_CASE("NerLexicon's given names and titles are the gazetteer's, case as written", "[schema][ner]") {
    const auto& g = gazetteer();
    std::vector<std::string> words(g.first_names().begin(), g.first_names().end());
    words.insert(words.end(), g.ambiguous_first_names().begin(), g.ambiguous_first_names().end());
    const std::size_t listed = words.size();
    REQUIRE(listed > 100);
    for (std::size_t i = 0; i < listed; ++i) {  // other cases and near misses of each
        words.push_back(news::schema::lower_ascii(words[i]));
        words.push_back(words[i] + "s");
    }
    for (const auto& w : words) {
        CAPTURE(w);
        CHECK(lexicon().is_first_name(w) == (g.is_first_name(w) || g.is_ambiguous_first_name(w)));
    }
    for (const std::string t : {"mr", "mrs", "dr", "sir", "president"}) CHECK(lexicon().is_title(t));
    for (const std::string t : {"Mr", "mister", "john", "the"}) CHECK_FALSE(lexicon().is_title(t));
}

TEST_CASE("NerLexicon finds a name that shares its first word with longer ones, at a sentence's end",
          "[schema][ner]") {
    // The longer names of "new" and "bank" are rejected on their second word, or for running
    // past the sentence; the one-word or shorter name still matches.
    for (const std::string text : {"They sailed to New York", "They went to New York City", "It is the Bank of Japan"}) {
        CAPTURE(text);
        const auto s = news::schema::ner_sentences(text, analyzer().analyze(text)).at(0);
        const auto codes = lexicon().name_codes(s);
        const std::size_t first = 3;  // the fourth word
        REQUIRE(codes.size() > first + 1);
        CHECK(codes[first] != 0);
        for (std::size_t k = first + 1; k < codes.size(); ++k) CHECK(codes[k] == codes[first] + 1);
        for (std::size_t k = 0; k < first; ++k) CHECK(codes[k] == 0);
    }
}

TEST_CASE("A model file survives save and load with the same spans", "[schema][ner]") {
    const TempDir dir;
    const fs::path file = dir.path / "model.bin";
    shipped().save(file);
    const NerModel again = NerModel::load(file);
    CHECK(again.threshold() == shipped().threshold());
    CHECK(again.temperature() == shipped().temperature());
    const std::string text = "Shares in Yukos fell after Mikhail Khodorkovsky was arrested in Novosibirsk.";
    const auto s = news::schema::ner_sentences(text, analyzer().analyze(text)).at(0);
    const auto a = shipped().tag(s, lexicon()), b = again.tag(s, lexicon());
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].first == b[i].first);
        CHECK(a[i].last == b[i].last);
        CHECK(a[i].confidence == Approx(b[i].confidence).margin(0.02));
    }
}

TEST_CASE("A missing, damaged or foreign model file is an error naming it and the rebuild command", "[schema][ner]") {
    const TempDir dir;
    const fs::path good = dir.path / "good.bin";
    shipped().save(good);
    const std::string bytes = read_bytes(good);
    const fs::path bad = dir.path / "bad.bin";
    SECTION("missing") { REQUIRE_THROWS_WITH(NerModel::load(bad), Catch::Contains("bad.bin") && Catch::Contains("newsdex-train-ner")); }
    SECTION("truncated") {
        write_bytes(bad, bytes.substr(0, bytes.size() / 2));
        REQUIRE_THROWS_WITH(NerModel::load(bad), Catch::Contains("bad.bin") && Catch::Contains("damaged"));
    }
    SECTION("a flipped byte in the weights") {
        std::string flipped = bytes;
        flipped[flipped.size() - 100] = static_cast<char>(flipped[flipped.size() - 100] ^ 0x5a);
        write_bytes(bad, flipped);
        REQUIRE_THROWS_WITH(NerModel::load(bad), Catch::Contains("bad.bin") && Catch::Contains("newsdex-train-ner"));
    }
    SECTION("another file") {
        write_bytes(bad, "Apple Inc.\tcompany\n");
        REQUIRE_THROWS_WITH(NerModel::load(bad), Catch::Contains("not a name tagger model"));
    }
    SECTION("another version") {
        std::string other = bytes;
        other[8] = static_cast<char>(other[8] + 1);  // the version follows the 8-byte magic
        write_bytes(bad, other);
        REQUIRE_THROWS_WITH(NerModel::load(bad), Catch::Contains("version"));
    }
}

TEST_CASE("The shipped model finds names no gazetteer lists, from their context", "[schema][ner]") {
    CHECK(names("Mikhail Khodorkovsky was arrested in Novosibirsk on Saturday.") ==
          std::vector<std::string>{"Mikhail Khodorkovsky [person]", "Novosibirsk [place]"});
    CHECK(names("the company said on tuesday that sales rose by nine per cent.").empty());
}

namespace {

// "surface kind" for each span the extractor's tagger hands over, on one body text.
std::vector<std::string> tagged(const std::string& text) {
    static const news::schema::NerSpanTagger tagger{gazetteer(), analyzer()};
    const auto tokens = analyzer().analyze(text);
    std::vector<std::string> out;
    for (const auto& s : tagger.tag({news::schema::TextPart{"body", text, tokens}}))
        out.push_back(text.substr(s.begin, s.end - s.begin) + " " + std::string(news::schema::to_string(s.kind)));
    return out;
}

}  // namespace

TEST_CASE("The extractor's tagger drops titles, runs names on, and keeps listed places only", "[schema][ner]") {
    // "Mr" is context; the possessive stays in the span, so the extractor's words cover it.
    CHECK(tagged("The decision was criticised, said Mr Khodorkovsky.") ==
          std::vector<std::string>{"Khodorkovsky person"});
    CHECK(tagged("He met Mikhail Khodorkovsky's lawyers in Moscow.") ==
          std::vector<std::string>{"Mikhail Khodorkovsky's person", "Moscow place"});
    // A headline in capitals is left to the dictionaries.
    CHECK(tagged("KHODORKOVSKY MEETS LAWYERS IN MOSCOW").empty());
}
