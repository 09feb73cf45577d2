// The dense path: queries of words in most of the archive, scored from arrays, must
// give exactly what Xapian's matcher gives: the same hits in the same order with the same
// weights and percentages, exact match counts, and the same facet counts.
#include "searcher/dense.h"

#include "searcher/search.h"
#include "same_facets.h"

#include "temp_corpus.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <string>
#include <vector>

namespace {

/// 300 articles of words drawn with skewed frequencies from a small vocabulary, so that many
/// share scores and the common words are in most articles; "zinc" in every tenth; companies
/// and years for facets.
std::string corpus() {
    const std::vector<std::string> words{"market", "shares", "said", "bank", "profit", "rate", "loss", "trade",
                                         "oil", "gold", "steel", "grain"};
    const std::vector<std::string> companies{"Microsoft", "Google", "Amazon Web Services", "IBM", "Intel"};
    std::uint32_t seed = 12345;
    auto next = [&seed] { return seed = seed * 1103515245u + 12345u, (seed >> 8) % 1000; };
    std::string lines;
    for (int i = 0; i < 300; ++i) {
        std::string body;
        const unsigned length = 5 + next() % 60;
        for (unsigned w = 0; w < length; ++w) {
            const unsigned r = next();
            body += words[r < 400 ? r % 3 : r < 800 ? 3 + r % 4 : 7 + r % 5] + " ";
        }
        if (i % 10 == 0) body += "zinc ";
        if (i % 3) body += companies[next() % companies.size()] + " reported results. ";
        const std::string date = i % 7 == 6 ? "" : R"(, "date": "20)" + std::to_string(10 + i % 5) + R"(-01-02")";
        lines += R"({"id": "d)" + std::to_string(i) + R"(", "title": "Item )" + std::to_string(i) + "\"" + date +
                 R"(, "body": ")" + body + "\"}\n";
    }
    return lines;
}

/// Same hits in the same order, with the same weights, percentages and snippets.
void same_hits(const news::searcher::SearchResults& a, const news::searcher::SearchResults& b) {
    REQUIRE(a.hits.size() == b.hits.size());
    for (std::size_t i = 0; i < a.hits.size(); ++i) {
        INFO("hit " << i);
        CHECK(a.hits[i].docid == b.hits[i].docid);
        CHECK(a.hits[i].rank == b.hits[i].rank);
        CHECK(a.hits[i].weight == b.hits[i].weight);
        CHECK(a.hits[i].percent == b.hits[i].percent);
        CHECK(a.hits[i].snippet.text == b.hits[i].snippet.text);
    }
}

void same_results(const news::searcher::SearchResults& dense, const news::searcher::SearchResults& matcher,
                  Xapian::doccount exact) {
    CHECK(dense.dense);
    CHECK_FALSE(matcher.dense);
    CHECK(dense.exact);
    CHECK(dense.lower_bound == exact);
    same_hits(dense, matcher);
}

news::searcher::SearchRequest page(const std::string& query, std::size_t offset, std::size_t limit) {
    news::searcher::SearchRequest request;
    request.query = query;
    request.offset = offset;
    request.limit = limit;
    return request;
}

Xapian::doccount brute_count(news::searcher::Searcher& matcher,
                             news::searcher::SearchRequest request) {
    request.offset = 0;
    request.limit = 100000;
    request.snippets = false;
    return static_cast<Xapian::doccount>(matcher.search(request).hits.size());
}

}  // namespace

TEST_CASE("the dense path gives the matcher's hits, weights, counts and facets", "[searcher][dense]") {
    const news::test::TempCorpus corpus_db{corpus()};
    news::searcher::Searcher dense{corpus_db.db()}, matcher{corpus_db.db()};
    dense.set_dense(0.2, 0);  // words in a fifth of the articles are hot here
    matcher.set_dense(2, 0);  // never
    for (const char* q : {"said", "market said", "said shares bank", "said -bank", "market OR shares", "said -steel",
                          "(market OR said) shares"}) {
        for (const auto& [offset, limit] :
             std::vector<std::pair<std::size_t, std::size_t>>{{0, 10}, {3, 7}, {0, 1}, {0, 300}, {290, 20}, {0, 0}}) {
            INFO("query " << q << ", offset " << offset << ", limit " << limit);
            const auto request = page(q, offset, limit);
            const auto a = dense.search(request), b = matcher.search(request);
            same_results(a, b, brute_count(matcher, request));
        }
    }
    SECTION("any-word mode and facets from rows, over the matches and over their complement") {
        dense.prepare_facets({"company", "year"});
        matcher.prepare_facets({"company", "year"});
        for (const bool any : {true, false}) {
            news::searcher::SearchRequest request;
            request.query = any ? "said market" : "said shares bank -loss";  // most articles; fewer
            request.any_word = any;
            request.expand = news::searcher::Expand::Off;  // feedback's weighted words go to the matcher
            request.facets = {"company", "year"};
            const auto a = dense.search(request), b = matcher.search(request);
            const Xapian::doccount exact = brute_count(matcher, request);
            INFO("query " << request.query << ": " << exact << " matches of 300");
            CHECK((exact > 150) == any);
            same_results(a, b, exact);
            REQUIRE(a.facets.size() == 2);
            news::test::same_facets(a, b);
            CHECK(a.facets[1].missing > 0);  // undated articles matched
        }
    }
}

TEST_CASE("the dense path leaves rare words, phrases, filters and date order to the matcher", "[searcher][dense]") {
    const news::test::TempCorpus corpus_db{corpus()};
    news::searcher::Searcher searcher{corpus_db.db()};
    searcher.set_dense(0.2, 0);
    auto dense_for = [&](const std::string& q, news::searcher::SortOrder sort = news::searcher::SortOrder::Relevance) {
        news::searcher::SearchRequest request;
        request.query = q;
        request.sort = sort;
        return searcher.search(request).dense;
    };
    CHECK(dense_for("said"));
    CHECK_FALSE(dense_for("zinc"));             // in too few articles
    CHECK_FALSE(dense_for("said zinc"));        // one rare word is enough to leave it to Xapian
    CHECK_FALSE(dense_for("\"market said\""));  // positions
    CHECK_FALSE(dense_for("said year:2011"));   // a filter
    CHECK_FALSE(dense_for("said", news::searcher::SortOrder::Date));
    news::searcher::Searcher small{corpus_db.db()};
    small.set_dense(0.2, 301);  // a database under the minimum size
    news::searcher::SearchRequest request;
    request.query = "said";
    CHECK_FALSE(small.search(request).dense);
}

// The facet pass that also ranks (Searcher::set_facet_ranking) shares the dense path's way to
// the final results: Xapian ranks only the best candidates. Same results as a ranked pass.
TEST_CASE("ranking in the facet pass gives the matcher's hits, weights, percentages and facets",
          "[searcher][facets][dense]") {
    const news::test::TempCorpus corpus_db{corpus()};
    news::searcher::Searcher ranked{corpus_db.db()}, matcher{corpus_db.db()};
    ranked.set_dense(2, 0);
    matcher.set_dense(2, 0);
    matcher.set_facet_ranking(false);
    for (const char* q : {"zinc", "bank profit", "\"market said\"", "gold OR steel", "bank -loss", "zinc OR gold OR oil",
                          "steel year:2011", "said"}) {
        for (const auto& [offset, limit] :
             std::vector<std::pair<std::size_t, std::size_t>>{{0, 10}, {3, 7}, {0, 1}, {0, 300}, {25, 20}, {0, 0}}) {
            INFO("query " << q << ", offset " << offset << ", limit " << limit);
            auto request = page(q, offset, limit);
            request.facets = {"company", "year"};
            const auto a = ranked.search(request), b = matcher.search(request);
            const Xapian::doccount exact = brute_count(matcher, request);
            // Not "said" (most of the 300 articles), nor OR (a match may lack some words).
            CHECK(a.ranked_by_facet_pass == (exact <= 150 && std::string(q).find(" OR ") == std::string::npos));
            CHECK_FALSE(b.ranked_by_facet_pass);
            CHECK(a.exact);
            CHECK(a.lower_bound == exact);
            CHECK(b.lower_bound == exact);
            same_hits(a, b);
            news::test::same_facets(a, b);
        }
    }
}

TEST_CASE("DocidSource walks its list and skips forward", "[searcher][dense]") {
    const std::vector<Xapian::docid> ids{2, 5, 9};
    news::searcher::DocidSource source{ids};
    source.init(Xapian::Database());
    source.next(0);
    REQUIRE_FALSE(source.at_end());
    CHECK(source.get_docid() == 2);
    source.skip_to(6, 0);
    CHECK(source.get_docid() == 9);
    source.next(0);
    CHECK(source.at_end());
}
