// Tests of the document layout (schema/document_layout.h): the terms and values both sides
// derive from an article's fields, and the guard that keeps every term within Xapian's limit.
#include "schema/document_layout.h"
#include "schema/analyzer.h"
#include "schema/ranking.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace {

using news::schema::field;
using news::schema::FieldId;

std::vector<std::string> terms_of(const Xapian::Document& doc) {
    std::vector<std::string> out;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) out.push_back(*t);
    return out;
}

}  // namespace

TEST_CASE("term() joins the prefix and the folded value; ids keep their case", "[schema][layout]") {
    auto [id, value, expected] = GENERATE(table<FieldId, std::string, std::string>({
        {FieldId::Company, "Amazon Web Services", "XCOamazon web services"},
        {FieldId::Company, "aws", "XCOaws"},
        {FieldId::Year, "2020", "Y2020"},
        {FieldId::Date, "20201215", "D20201215"},
        {FieldId::Place, "United States", "XPLunited states"},
        {FieldId::Id, "corpus/A.txt", "Qcorpus/A.txt"},
    }));
    CAPTURE(value);
    CHECK(news::schema::term(field(id), value) == expected);
}

TEST_CASE("term() keeps a value of up to kMaxValueBytes whole and shortens a longer one with its hash",
          "[schema][layout]") {
    using news::schema::kMaxValueBytes;
    const std::string whole(kMaxValueBytes, 'a');
    CHECK(news::schema::term(field(FieldId::Source), whole) == "XSO" + whole);

    const std::string long_a = whole + "tail one", long_b = whole + "tail two";
    const std::string term_a = news::schema::term(field(FieldId::Source), long_a);
    CHECK(term_a.size() == 3 + kMaxValueBytes);
    CHECK(term_a.size() <= news::schema::kMaxTermBytes);
    CHECK(term_a.rfind("XSO" + std::string(kMaxValueBytes - 17, 'a') + "#", 0) == 0);
    CHECK(term_a != news::schema::term(field(FieldId::Source), long_b));  // same first bytes, other hash
    // The fold comes first, so a value typed in another case reaches the same term.
    CHECK(news::schema::term(field(FieldId::Source), std::string(300, 'S')) ==
          news::schema::term(field(FieldId::Source), std::string(300, 's')));
}

TEST_CASE("id_term() shortens an id over 200 bytes as the indexer always has", "[schema][layout]") {
    const std::string id(230, 'i');
    // The first 183 bytes, '#', and the FNV-1a hash of the whole id (with its 0xff end byte).
    const std::string term = news::schema::id_term(id);
    CHECK(term.size() == 201);
    CHECK(term.rfind("Q" + std::string(183, 'i') + "#", 0) == 0);
    CHECK(term.find_first_not_of("0123456789abcdef", 185) == std::string::npos);
    CHECK(news::schema::article_id(term) == term.substr(1));
    CHECK(news::schema::id_term("a/B.txt") == "Qa/B.txt");
}

TEST_CASE("add() writes one term per value and the values to the field's slot", "[schema][layout]") {
    Xapian::Document doc;
    news::schema::add(doc, field(FieldId::Company), {"Amazon", "Amazon Web Services"});
    news::schema::add(doc, field(FieldId::Source), {"Reuters"});
    news::schema::add(doc, field(FieldId::Org), {});
    CHECK(terms_of(doc) == std::vector<std::string>{"XCOamazon", "XCOamazon web services", "XSOreuters"});
    CHECK(doc.get_value(news::schema::slot::kCompanies) == "Amazon\nAmazon Web Services");
    CHECK(doc.get_value(news::schema::slot::kOrgs).empty());
}

TEST_CASE("A document with 300-byte filter values and id is accepted by Xapian and found by them",
          "[schema][layout]") {
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    const std::string source(300, 'x'), place(300, 'p'), id(300, 'i');
    Xapian::Document doc;
    news::schema::add(doc, field(FieldId::Id), {id});
    news::schema::add(doc, field(FieldId::Source), {source});
    news::schema::add(doc, field(FieldId::Place), {place});
    for (const auto& t : terms_of(doc)) CHECK(t.size() <= news::schema::kMaxTermBytes);
    REQUIRE_NOTHROW(db.add_document(doc));
    db.commit();
    CHECK(db.term_exists(news::schema::term(field(FieldId::Source), source)));
    CHECK(db.term_exists(news::schema::term(field(FieldId::Place), place)));
    CHECK(db.term_exists(news::schema::id_term(id)));
    CHECK(doc.get_value(news::schema::slot::kPlaces) == place);  // the slot keeps the whole value
}

TEST_CASE("date_key() drops the dashes of a date", "[schema][layout]") {
    CHECK(news::schema::date_key("2020-12-15") == "20201215");
    CHECK(news::schema::date_key("").empty());
}

TEST_CASE("instant_key() gives day and time as one sortable key; a day alone is its midnight", "[schema][layout]") {
    CHECK(news::schema::instant_key("2005-02-16", "04:30:00") == "20050216043000");
    CHECK(news::schema::instant_key("2005-02-16", "") == "20050216000000");
    CHECK(news::schema::instant_key("2005-02-16", "") < news::schema::instant_key("2005-02-16", "00:00:01"));
    CHECK(news::schema::instant_key("2005-02-15", "23:59:59") < news::schema::instant_key("2005-02-16", ""));
}

TEST_CASE("content_hash() changes with any stored field and is 8 bytes", "[schema][layout]") {
    news::schema::ArticleFields a;
    a.id = "x";
    a.body = "Oil rose.";
    const std::string hash = news::schema::content_hash(a);
    CHECK(hash.size() == 8);
    news::schema::ArticleFields b = a;
    b.url = "https://example.com";
    CHECK(news::schema::content_hash(b) != hash);
    b = a;
    b.body = "Oil rose";
    CHECK(news::schema::content_hash(b) != hash);
    b = a;
    b.time = "10:00:00";  // a source that now gives the time: the article is updated
    CHECK(news::schema::content_hash(b) != hash);
}

TEST_CASE("add_text() of a long table of figures normalises every wdf and keeps every position",
          "[schema][layout]") {
    // 2,000 distinct figures, each four times: over ~3,000 words every wdf shrinks, the case
    // whose lookups once cost the terms times the shrinking terms.
    constexpr std::size_t kFigures = 2000, kRepeats = 4;
    std::vector<news::schema::Token> body;
    for (std::size_t r = 0; r < kRepeats; ++r)
        for (std::size_t i = 0; i < kFigures; ++i) {
            news::schema::Token t;
            t.term = std::to_string(1000 + i);
            t.position = static_cast<std::uint32_t>(body.size());
            body.push_back(t);
        }
    Xapian::Document doc;
    doc.add_term("XTEST", 50);  // a term without positions, added before the text
    news::schema::add_text(doc, {}, body, false);
    const double length = static_cast<double>(body.size());
    const Xapian::termcount shrunk = news::schema::normalised_wdf(kRepeats, length);
    REQUIRE(shrunk < kRepeats);
    std::size_t figures = 0;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        INFO(*t);
        if (*t == "XTEST") {
            CHECK(t.get_wdf() == news::schema::normalised_wdf(50, length));
            CHECK(t.positionlist_count() == 0);
            continue;
        }
        ++figures;
        CHECK(t.get_wdf() == shrunk);
        std::vector<Xapian::termpos> positions(t.positionlist_begin(), t.positionlist_end());
        const Xapian::termpos first = 1 + static_cast<Xapian::termpos>(std::stoul(*t) - 1000);
        const auto step = static_cast<Xapian::termpos>(kFigures);
        CHECK(positions == std::vector<Xapian::termpos>{first, first + step, first + 2 * step, first + 3 * step});
    }
    CHECK(figures == kFigures);
}

TEST_CASE("text_wdfs() gives the default-field wdfs add_text() stores, without a document", "[schema][layout]") {
    news::schema::Analyzer en{"en"};
    const auto title = en.analyze("Wing flutter");
    const auto body = en.analyze("Flutter of the wing.");
    // 4 body words and 2 title words counted 3 times: length 10, under half the pivot, so the
    // norm is 0.25 + 0.75 x 0.5 = 0.625 and a wdf is 16 x count / 0.625, rounded.
    using Wdfs = std::vector<std::pair<std::string, Xapian::termcount>>;
    CHECK(news::schema::text_wdfs(title, body, false) == Wdfs{{"flutter", 102}, {"of", 26}, {"the", 26}, {"wing", 102}});
    // A derived title is the body's opening and is not counted again: length 4.
    CHECK(news::schema::text_wdfs(title, body, true) == Wdfs{{"flutter", 26}, {"of", 26}, {"the", 26}, {"wing", 26}});

    for (const bool derived : {false, true}) {
        CAPTURE(derived);
        const auto long_title = en.analyze("NASA tests the X-15's panels");
        const auto long_body = en.analyze(
            "The NASA panels flutter; panels of the X-15 were tested at 1,200 mph. Panel flutter is a "
            "vibration, and vibrations of panels are what the tests measured, again and again and again.");
        Xapian::Document doc;
        news::schema::add_text(doc, long_title, long_body, derived);
        Wdfs stored;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
            if (t.positionlist_count() > 0) stored.emplace_back(*t, t.get_wdf());  // the default field's
        CHECK(stored.size() > 20);
        CHECK(news::schema::text_wdfs(long_title, long_body, derived) == stored);
    }
}
