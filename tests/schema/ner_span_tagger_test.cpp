// The entity extractor with the shipped name tagger (schema/ner_span_tagger.h) on small articles
// written for these tests: names no dictionary lists, found from their context only, and what
// must stay no entity (headlines in capitals, tables of figures, spans below the threshold).
#include "schema/ner_span_tagger.h"

#include "schema/entities.h"
#include "schema/ner_tagger.h"

#include "schema_fixtures.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using news::test::analyzer;
using news::test::gazetteer;

const news::schema::NerSpanTagger& tagger() {
    static const news::schema::NerSpanTagger t{gazetteer(), analyzer()};
    return t;
}

// One line per mention, "field kind canonical [surface]", of an article with a title and a body.
std::string extracted(const std::string& title, const std::string& body) {
    const news::schema::EntityExtractor x{gazetteer(), analyzer(), &tagger(), tagger().threshold()};
    const auto title_tokens = analyzer().analyze(title), body_tokens = analyzer().analyze(body);
    std::string out;
    for (const auto& m : x.extract({{"title", title, title_tokens}, {"body", body, body_tokens}}))
        out += m.field + " " + std::string(news::schema::to_string(m.kind)) + " " + m.canonical + " [" + m.surface +
               "]\n";
    return out;
}

}  // namespace

TEST_CASE("Names no dictionary lists are found from their context", "[schema][ner]") {
    const std::string body =
        "Shares in Yukos fell sharply on Monday after prosecutors froze more of its assets. "
        "Yukos's chief executive told reporters the company would keep pumping oil. "
        "\"We will not stop production,\" said Mr Khodorkovsky, who has been in custody since October.";
    CHECK(extracted("Oil company shares slide", body) ==
          "body company Yukos [Yukos]\n"
          "body company Yukos [Yukos]\n"
          "body person Khodorkovsky [Khodorkovsky]\n");
}

TEST_CASE("A headline in capitals and a table of figures give no entity", "[schema][ner]") {
    CHECK(extracted("KHODORKOVSKY MEETS LAWYERS AFTER ARREST",
                    "Quarterly results were as follows.\n\n"
                    "Revenue   1,234   5,678   9,012\n"
                    "Net profit   123   456   789\n") == "");
}

TEST_CASE("A word in capitals inside a run of capitals is no name, even before lower-case text",
          "[schema][ner]") {
    // A headline repeated as the body's first line runs on into the next line: one sentence
    // with lower-case letters, where the model would read "BANK" as an organisation.
    CHECK(extracted("NEW YORK BANK DISCOUNT BORROWINGS ROSE IN MAY WEEK",
                    "****** NEW YORK BANK DISCOUNT BORROWINGS ROSE IN MAY WEEK\n Details to follow.") ==
          "title place New York [NEW YORK]\nbody place New York [NEW YORK]\n");
    CHECK(extracted("Oil ministers meet", "Ministers said OPEC would keep its output ceiling.") ==
          "body org OPEC [OPEC]\n");
}

TEST_CASE("A span the model scores below its threshold is no entity", "[schema][ner]") {
    const std::string text = "Bankers at Alfa Capital said the Norilsk Nickel case worried foreign investors.";
    const auto tokens = analyzer().analyze(text);
    const auto model = news::schema::NerModel::load(news::schema::NerModel::default_file());
    const news::schema::NerLexicon lexicon{gazetteer(), analyzer()};
    std::vector<std::string> below;
    for (const auto& sentence : news::schema::ner_sentences(text, tokens))
        for (const auto& span : model.tag(sentence, lexicon))
            if (span.confidence < model.threshold())
                below.push_back(text.substr(sentence[span.first].begin,
                                            sentence[span.last].end - sentence[span.first].begin));
    CHECK(below == std::vector<std::string>{"Alfa Capital"});
    CHECK(tagger().tag({{"body", text, tokens}}).empty());
    CHECK(extracted("", text) == "");
}

TEST_CASE("MacMillan Bloedel is one company, never the listed Macmillan; a lone body word is no org",
          "[schema][ner]") {
    const std::string body =
        "MacMillan Bloedel Ltd said its profits fell. Shares in MacMillan Bloedel dropped 2 pct.\n"
        "    The Commission has also proposed to end repayments. He held a post in the Department.";
    CHECK(extracted("Timber profits fall", body) ==
          "body company MacMillan Bloedel [MacMillan Bloedel Ltd]\n"
          "body company MacMillan Bloedel [MacMillan Bloedel]\n"
          "body percent 2 [2 pct]\n");
}

TEST_CASE("A given name written with a hyphen and a lower-case part stays whole; a modifier does not join",
          "[schema][ner]") {
    CHECK(extracted("Missile test", "North Korean leader Kim Jong-un watched the launch, state media said.") ==
          "body person Kim Jong-un [Kim Jong-un]\n");
    CHECK(extracted("Results", "The union's Kwong Chun-yu received 491,667 votes.") ==
          "body person Kwong Chun-yu [Kwong Chun-yu]\n");
    // "Obama-era": the name is Obama; the era is not part of it.
    CHECK(extracted("Policy review", "Analysts said Obama-era policies played no part, according to Ann Chiang.") ==
          "body person Obama [Obama]\nbody person Ann Chiang [Ann Chiang]\n");
}

TEST_CASE("A person's name starts with a capitalised word and holds no lower-case word but a particle",
          "[schema][ner]") {
    // The ages after the names are no people; "of DAB" is the party, not part of the name.
    CHECK(extracted("Couple sentenced", "Thomas Sam, 42, and Manju Sam, 36, were jailed on Monday.") ==
          "body person Thomas Sam [Thomas Sam]\nbody person Manju Sam [Manju Sam]\n");
    CHECK(extracted("Results", "Pan-democrats lost seats, while Ann Chiang of DAB was re-elected.") ==
          "body person Ann Chiang [Ann Chiang]\n");
}

TEST_CASE("An organisation's name found by the model does not start with \"The\"", "[schema][ner]") {
    // "The Ontario Ghostbusters" and "the Ontario Ghostbusters" are one value.
    CHECK(extracted("Fan expo opens", "The concert was organised by The Ontario Ghostbusters and the city.") ==
          "body company Ontario Ghostbusters [Ontario Ghostbusters]\n");
}
