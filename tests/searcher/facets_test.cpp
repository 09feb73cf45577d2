// Facet counts: FacetColumn + count_facets agree with counting the value slots of
// every match one by one, whether the match set is counted directly or through its complement,
// from the value slots or from the column's rows.
#include "searcher/facets.h"

#include "schema/ranking.h"

#include "schema/fields.h"
#include "schema/errors.h"
#include "searcher/search.h"

#include "same_facets.h"
#include "temp_corpus.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <map>
#include <string>

namespace {

using news::schema::FieldId;

/// 40 articles: years 2001..2004 by i % 4 (every fifth undated); Microsoft in every other
/// one, Google in every third, Amazon Web Services (rolled up to Amazon) in every seventh;
/// the word "common" everywhere but in six; "rare" in three.
std::string corpus() {
    std::string lines;
    for (int i = 0; i < 40; ++i) {
        std::string body = "Report " + std::to_string(i) + ".";
        if (i % 2 == 0) body += " Microsoft said it would hire.";
        if (i % 3 == 0) body += " Google said sales rose.";
        if (i % 7 == 0) body += " Amazon Web Services cut prices.";
        body += i < 6 ? " Nothing else." : " A common word.";
        if (i == 5 || i == 17 || i == 33) body += " A rare word.";
        std::string date = i % 5 == 4 ? "" : R"(, "date": "200)" + std::to_string(1 + i % 4) + R"(-03-01")";
        lines += R"({"id": "n)" + std::to_string(i) + R"(", "title": "Story )" + std::to_string(i) + "\"" + date +
                 R"(, "body": ")" + body + "\"}\n";
    }
    return lines;
}

/// Brute force: the slot values of every match, counted one by one.
std::map<std::string, Xapian::doccount> slow_counts(const Xapian::Database& db, const Xapian::Query& query,
                                                    const news::schema::Field& field, Xapian::doccount& missing,
                                                    Xapian::doccount& matches) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
    std::map<std::string, Xapian::doccount> counts;
    missing = 0;
    matches = all.size();
    for (auto m = all.begin(); m != all.end(); ++m) {
        const std::string joined = m.get_document().get_value(field.slot);
        if (joined.empty()) ++missing;
        std::size_t from = 0;
        while (from < joined.size()) {
            const auto nl = joined.find('\n', from);
            ++counts[joined.substr(from, nl - from)];
            from = nl == std::string::npos ? joined.size() : nl + 1;
        }
    }
    return counts;
}

/// The company and year columns of `db`, with their rows read when `rows`.
struct CompanyYear {
    CompanyYear(const Xapian::Database& db, bool rows)
        : company{db, news::schema::field(FieldId::Company)}, year{db, news::schema::field(FieldId::Year)} {
        if (!rows) return;
        company.load_rows(db);
        year.load_rows(db);
    }
    news::searcher::FacetColumn company, year;
};

/// The term a body word is indexed as (schema::word_term): its English stem.
std::string stem_term(const std::string& word) { return Xapian::Stem("english")(word); }

}  // namespace

TEST_CASE("count_facets equals counting every match, directly or through the complement",
          "[searcher][facets]") {
    const news::test::TempCorpus corpus_db{corpus()};
    const Xapian::Database db((corpus_db.db() / "XAPIANDB").string());
    REQUIRE(db.get_doccount() == 40);
    const bool rows = GENERATE(false, true);
    const CompanyYear columns{db, rows};
    const auto& company = columns.company;
    const auto& year = columns.year;
    CHECK(year.articles_with_values() == 32);  // every fifth article is undated

    auto [word, matches_expected] = GENERATE(table<std::string, Xapian::doccount>({
        {"common", 34},  // most of the archive: counted through the complement
        {"rare", 3},     // a few: counted directly
        {"google", 14},
    }));
    CAPTURE(rows, word);
    const Xapian::Query query(stem_term(word));
    // One handle, or three opened separately (a thread each, 14 docids each): the same counts.
    const auto [threads, estimate] = GENERATE(table<int, Xapian::doccount>({
        {1, 0}, {1, 40}, {3, 0}, {3, 40}}));  // estimate 0: counted directly, 40: through the complement
    std::vector<Xapian::Database> handles{db};
    for (int t = 1; t < threads; ++t) handles.emplace_back((corpus_db.db() / "XAPIANDB").string());
    {
        CAPTURE(estimate, threads);
        const auto counted =
            news::searcher::count_facets(handles, query, estimate, {&company, &year}, {"company", "year"}, 100, 0);
        CHECK(counted.matches == matches_expected);
        REQUIRE(counted.facets.size() == 2);
        for (std::size_t c = 0; c < 2; ++c) {
            const auto& field = news::schema::field(c == 0 ? FieldId::Company : FieldId::Year);
            Xapian::doccount missing = 0, matches = 0;
            const auto expected = slow_counts(db, query, field, missing, matches);
            CHECK(matches == matches_expected);
            std::map<std::string, Xapian::doccount> got;
            for (const auto& v : counted.facets[c].values) got[v.value] = v.count;
            CHECK(got == expected);
            CHECK(counted.facets[c].missing == missing);
            CHECK(counted.facets[c].distinct == expected.size());
        }
    }
}

TEST_CASE("count_facets with a ranking keeps the matcher's best matches, on one thread or three",
          "[searcher][facets]") {
    const news::test::TempCorpus corpus_db{corpus()};
    const Xapian::Database db((corpus_db.db() / "XAPIANDB").string());
    const news::searcher::FacetColumn company{db, news::schema::field(FieldId::Company)};
    const auto word = GENERATE(as<std::string>{}, "common", "google", "rare");
    const int threads = GENERATE(1, 3);
    const std::size_t k = GENERATE(0, 1, 5, 100);
    CAPTURE(word, threads, k);
    std::vector<Xapian::Database> handles{db};
    for (int t = 1; t < threads; ++t) handles.emplace_back((corpus_db.db() / "XAPIANDB").string());
    const auto weight = news::schema::ranking_weight();
    const news::searcher::FacetRanking ranking{&weight, k};
    // An estimate over half the archive would count the complement: a ranking never does.
    const auto counted = news::searcher::count_facets(handles, Xapian::Query(stem_term(word)), 40, {&company}, {"company"}, 100, 0, &ranking);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(stem_term(word)));
    enquire.set_weighting_scheme(weight);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(k));
    CHECK(counted.matches == mset.get_matches_estimated());
    REQUIRE(counted.best.size() == mset.size());
    std::size_t i = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
        CAPTURE(i);
        CHECK(counted.best[i].docid == *it);
        CHECK(counted.best[i].weight == it.get_weight());
    }
}

TEST_CASE("count_facets keeps the biggest counts, ties by name, within the limit", "[searcher][facets]") {
    const news::test::TempCorpus corpus_db{corpus()};
    const Xapian::Database db((corpus_db.db() / "XAPIANDB").string());
    const news::searcher::FacetColumn company{db, news::schema::field(FieldId::Company)};
    const auto counted = news::searcher::count_facets(db, Xapian::Query::MatchAll, 40, {&company}, {"company"}, 3);
    const auto& values = counted.facets.front().values;
    REQUIRE(values.size() == 3);
    CHECK(values[0].value == "Microsoft");
    CHECK(values[0].count == 20);
    CHECK(values[1].value == "Google");  // no Alphabet before 2015
    CHECK(values[1].count == 14);
    CHECK(values[2].value == "Amazon");  // AWS's parent: 6, tied with Amazon Web Services, first by name
    CHECK(values[2].count == 6);
    CHECK(counted.facets.front().distinct == 4);  // Microsoft, Google, Amazon, AWS
}

TEST_CASE("A Searcher's facets are the same before and after it reads the facet rows", "[searcher][facets]") {
    const news::test::TempCorpus corpus_db{corpus()};
    news::searcher::Searcher searcher{corpus_db.db()};
    news::searcher::SearchRequest request;
    request.facets = {"company", "year"};
    auto printed = [&](const std::string& query) {
        request.query = query;
        const auto r = searcher.search(request);
        std::string out = std::to_string(r.estimate) + (r.exact ? " exact:" : " estimated:");
        for (const auto& f : r.facets) {
            out += " " + f.field + " missing " + std::to_string(f.missing) + ":";
            for (const auto& v : f.values) out += " " + v.value + "=" + std::to_string(v.count);
        }
        return out;
    };
    const std::string common = printed("common"), rare = printed("rare");  // from the value slots
    CHECK(common.starts_with("34 exact:"));
    searcher.prepare_facets({"company", "year"});
    CHECK(printed("common") == common);  // from the rows
    CHECK(printed("rare") == rare);
    CHECK_THROWS_AS(searcher.prepare_facets({"title"}), news::QueryError);
}

TEST_CASE("A date order's pass counts the same facets as a facet pass of their own", "[searcher][facets]") {
    const news::test::TempCorpus corpus_db{corpus()};
    const Xapian::Database db((corpus_db.db() / "XAPIANDB").string());
    const bool rows = GENERATE(false, true);
    const CompanyYear columns{db, rows};
    const auto& company = columns.company;
    const auto& year = columns.year;
    const auto word = GENERATE(as<std::string>{}, "common", "google", "rare");
    CAPTURE(rows, word);
    const Xapian::Query query(stem_term(word));
    const std::vector<const news::searcher::FacetColumn*> both{&company, &year};
    const auto apart = news::searcher::count_facets(db, query, 0, both, {"company", "year"}, 100);
    // The spy of a date-ordered pass that checks every match, as Searcher runs it.
    news::searcher::FacetCounter counter{both};
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_sort_by_value_then_relevance(news::schema::slot::kInstant, true);
    enquire.add_matchspy(&counter);
    const Xapian::MSet page = enquire.get_mset(0, 3, db.get_doccount());
    const auto fused = news::searcher::facet_counts(db, counter, both, {"company", "year"}, 100);
    CHECK(fused.matches == apart.matches);
    CHECK(fused.matches == page.get_matches_estimated());
    REQUIRE(fused.facets.size() == apart.facets.size());
    for (std::size_t c = 0; c < fused.facets.size(); ++c) {
        CAPTURE(c);
        CHECK(fused.facets[c].missing == apart.facets[c].missing);
        CHECK(fused.facets[c].distinct == apart.facets[c].distinct);
        std::string a, b;
        for (const auto& v : fused.facets[c].values) a += v.value + "=" + std::to_string(v.count) + " ";
        for (const auto& v : apart.facets[c].values) b += v.value + "=" + std::to_string(v.count) + " ";
        CHECK(a == b);
    }
}

TEST_CASE("A Searcher's facets and totals are the same in a date order as by relevance", "[searcher][facets]") {
    const news::test::TempCorpus corpus_db{corpus()};
    news::searcher::Searcher searcher{corpus_db.db()};
    searcher.set_facet_ranking(GENERATE(false, true));
    if (GENERATE(false, true)) searcher.prepare_facets({"company", "year"});
    news::searcher::SearchRequest request;
    request.facets = {"company", "year"};
    request.limit = 3;
    for (const std::string query : {"common", "rare", "google", "microsoft -google", "nothingatall"}) {
        CAPTURE(query);
        request.query = query;
        request.sort = news::searcher::SortOrder::Relevance;
        const auto by_relevance = searcher.search(request);
        for (const auto sort : {news::searcher::SortOrder::Date, news::searcher::SortOrder::DateAsc}) {
            request.sort = sort;
            const auto by_date = searcher.search(request);
            CHECK(by_date.exact);
            CHECK(by_date.estimate == by_relevance.estimate);
            CHECK(by_date.lower_bound == by_relevance.lower_bound);
            CHECK(by_date.upper_bound == by_relevance.upper_bound);
            news::test::same_facets(by_date, by_relevance);
        }
    }
}
