// Pseudo-relevance feedback: words of the first pass's best articles join the query.
#include "searcher/feedback.h"
#include "searcher/render.h"
#include "searcher/search.h"

#include "indexer/document_builder.h"
#include "schema/document_data.h"
#include "schema/ranking.h"

#include "temp_corpus.h"
#include "temp_dir.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace {

using news::searcher::Expand;
using news::searcher::SearchRequest;
using news::searcher::Searcher;

// Three articles on wing flutter that also speak of vibration, one on vibration alone (no
// "flutter"), and two on other things.
const news::test::TempCorpus& corpus() {
    static const news::test::TempCorpus c{
        R"({"id":"f1","title":"Wing flutter","body":"Flutter of the wing is a vibration of the aircraft panels, 1950 tests."})" "\n"
        R"({"id":"f2","title":"Flutter tests","body":"The flutter of a swept wing: vibration and panels in the wind tunnel."})" "\n"
        R"({"id":"f3","title":"Panel flutter","body":"Panel flutter, a vibration that the aircraft wing suffers."})" "\n"
        R"({"id":"v1","title":"Vibration","body":"Vibration of aircraft panels measured on the wing."})" "\n"
        R"({"id":"x1","title":"Heat","body":"Heat conduction in slabs of metal."})" "\n"
        R"({"id":"x2","title":"Boundary layers","body":"Laminar boundary layers on a flat plate."})" "\n"};
    return c;
}

// An any-word request with feedback from 3 articles adding 5 words, the tests' setting.
SearchRequest expanding(const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.any_word = true;
    request.expand = Expand::On;
    request.feedback.docs = 3;
    request.feedback.terms = 5;
    return request;
}

news::searcher::SearchResults search(const std::string& query, bool any, Expand expand) {
    Searcher searcher{corpus().db()};
    SearchRequest request = expanding(query);
    request.any_word = any;
    request.expand = expand;
    return searcher.search(request);
}

std::vector<std::string> ids(const news::searcher::SearchResults& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.article.id.substr(h.article.id.find('#') + 1));  // "news.jsonl#v1"
    return out;
}

std::vector<std::string> added(const news::searcher::SearchResults& r) {
    std::vector<std::string> out;
    for (const auto& t : r.expansion) out.push_back(t.term);
    return out;
}

std::string stem(const std::string& word) { return news::schema::Analyzer("en").analyze(word).front().stem; }

}  // namespace

TEST_CASE("Feedback on an any-word query re-ranks its matches and finds no article without the query's words",
          "[searcher][feedback]") {
    const auto plain = search("flutter", true, Expand::Off);
    CHECK(ids(plain).size() == 3);
    CHECK(plain.feedback_docs == 0);
    CHECK(plain.expansion.empty());
    const auto expanded = search("flutter", true, Expand::On);
    CHECK(expanded.feedback_docs == 3);
    const auto words = added(expanded);
    CHECK(std::find(words.begin(), words.end(), stem("vibration")) != words.end());
    auto found = ids(expanded);
    CHECK(std::find(found.begin(), found.end(), "v1") == found.end());  // vibration alone: not asked for
    auto before = ids(plain);
    std::sort(found.begin(), found.end());
    std::sort(before.begin(), before.end());
    CHECK(found == before);
    CHECK(expanded.upper_bound == 3);
    CHECK(expanded.exact);
    CHECK(expanded.xapian_query != plain.xapian_query);
}

TEST_CASE("Feedback adds neither stop words nor numbers, and at most the words asked for", "[searcher][feedback]") {
    const auto words = added(search("flutter", true, Expand::On));
    CHECK(words.size() <= 5);
    for (const auto& w : words) {
        CAPTURE(w);
        CHECK(w != "the");
        CHECK(w != "of");
        CHECK(w != "1950");
        CHECK(w.find_first_of("0123456789") == std::string::npos);
    }
    for (std::size_t i = 1; i < words.size(); ++i) CHECK(words[i - 1] != words[i]);
}

TEST_CASE("Feedback on an all-words query re-ranks its matches and brings no new ones", "[searcher][feedback]") {
    auto plain = ids(search("wing vibration", false, Expand::Off));
    auto expanded = ids(search("wing vibration", false, Expand::On));
    std::sort(plain.begin(), plain.end());
    std::sort(expanded.begin(), expanded.end());
    CHECK(plain == expanded);
}

TEST_CASE("Feedback on an any-word query with an exclusion brings no new matches", "[searcher][feedback]") {
    auto plain = ids(search("flutter -tunnel", true, Expand::Off));
    const auto expanded = search("flutter -tunnel", true, Expand::On);
    CHECK(expanded.feedback_docs > 0);
    auto found = ids(expanded);
    std::sort(plain.begin(), plain.end());
    std::sort(found.begin(), found.end());
    CHECK(found == plain);
    CHECK(found == std::vector<std::string>{"f1", "f3"});
}

TEST_CASE("Feedback is on by default for any-word queries only", "[searcher][feedback]") {
    CHECK(search("flutter", true, Expand::Auto).feedback_docs > 0);
    CHECK(search("flutter", false, Expand::Auto).feedback_docs == 0);
    CHECK(search("flutter", false, Expand::On).feedback_docs > 0);
}

TEST_CASE("Feedback asked for more than its bounds uses its bounds", "[searcher][feedback]") {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    request.query = "flutter wing";
    request.any_word = true;
    request.feedback.docs = 100000;
    request.feedback.terms = 100000;
    const auto r = searcher.search(request);
    CHECK(r.feedback_docs <= news::searcher::FeedbackSettings::kMaxDocs);
    CHECK(r.expansion.size() <= news::searcher::FeedbackSettings::kMaxTerms);
    CHECK(!r.hits.empty());
}

TEST_CASE("The explain text and the JSON show the words feedback added", "[searcher][feedback]") {
    const auto r = search("flutter", true, Expand::On);
    news::searcher::TextStyle style;
    style.show_query = true;
    const std::string text = news::searcher::render_text(r, style);
    CHECK(text.find("expanded from the top 3 articles with: ") != std::string::npos);
    CHECK(text.find(stem("vibration")) != std::string::npos);
    const std::string json = news::searcher::render_json(r);
    CHECK(json.find("\"expansion\": {") != std::string::npos);
    CHECK(json.find("\"docs\": 3") != std::string::npos);
    const std::string plain = news::searcher::render_json(search("flutter", true, Expand::Off));
    CHECK(plain.find("\"expansion\": null") != std::string::npos);
}

TEST_CASE("Feedback with min_docs adds only words that several of the articles have", "[searcher][feedback]") {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    request.query = "flutter";
    request.any_word = true;
    request.feedback.docs = 3;
    request.feedback.terms = 50;
    const auto all = added(searcher.search(request));
    request.feedback.min_docs = 2;
    const auto shared = added(searcher.search(request));
    CHECK(std::find(all.begin(), all.end(), stem("tunnel")) != all.end());  // f2 alone speaks of the tunnel
    CHECK(std::find(shared.begin(), shared.end(), stem("tunnel")) == shared.end());
    CHECK(std::find(shared.begin(), shared.end(), stem("vibration")) != shared.end());  // in all three
    CHECK(shared.size() < all.size());
}

TEST_CASE("Feedback with a score-gap rule takes only the articles scoring near the best", "[searcher][feedback]") {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    request.query = "flutter vibration";
    request.any_word = true;
    request.feedback.docs = 4;
    CHECK(searcher.search(request).feedback_docs == 4);  // f1, f2, f3 and v1 match
    // The first pass's own scores say how many are within the gap: at least two, and fewer than
    // all four here (v1 speaks of vibration alone).
    SearchRequest first = request;
    first.expand = news::searcher::Expand::Off;
    first.limit = 4;
    const auto hits = searcher.search(first).hits;
    REQUIRE(hits.size() == 4);
    request.feedback.gap = 0.9;
    const auto near_best = std::count_if(hits.begin(), hits.end(), [&](const auto& h) {
        return h.weight >= request.feedback.gap * hits.front().weight;
    });
    const std::size_t expected = std::max<std::size_t>(2, static_cast<std::size_t>(near_best));
    CHECK(expected < 4);
    CHECK(searcher.search(request).feedback_docs == expected);
}

TEST_CASE("Feedback articles weighted equally or by score give the added words other weights", "[searcher][feedback]") {
    Searcher searcher{corpus().db()};
    SearchRequest request;
    request.query = "flutter vibration";
    request.any_word = true;
    request.feedback.docs = 4;
    request.feedback.terms = 50;
    auto weights = [&](news::searcher::DocWeights w) {
        request.feedback.doc_weights = w;
        std::map<std::string, double> out;
        for (const auto& t : searcher.search(request).expansion) out[t.term] = t.weight;
        return out;
    };
    const auto score = weights(news::searcher::DocWeights::Score);
    const auto uniform = weights(news::searcher::DocWeights::Uniform);
    const auto exp = weights(news::searcher::DocWeights::Exp);
    REQUIRE(score.contains(stem("tunnel")));  // f2's alone
    // v1, the worst of the four, counts more when the articles weigh the same than by score,
    // and least when by exp(score - best).
    const std::string measured = stem("measured");  // v1's alone
    REQUIRE(score.contains(measured));
    CHECK(uniform.at(measured) > score.at(measured));
    CHECK(exp.at(measured) < score.at(measured));
}

TEST_CASE("Feedback reads the same words and weights from an index without termlists as from one with them",
          "[searcher][feedback]") {
    const std::vector<std::pair<std::string, std::string>> articles{
        {"Wing flutter", "Flutter of the wing is a vibration of the aircraft panels, 1950 tests."},
        {"Flutter tests", "The flutter of a swept wing: vibration and panels in the wind tunnel."},
        {"", "Panel flutter, a vibration that the aircraft wing suffers. NASA measured it."},
        {"Heat", "Heat conduction in slabs of metal."}};
    news::test::TempDir dir;
    Xapian::WritableDatabase with{std::string(), Xapian::DB_BACKEND_INMEMORY};
    Xapian::WritableDatabase without{(dir.path / "glass").string(), Xapian::DB_CREATE | Xapian::DB_NO_TERMLIST};
    news::schema::Analyzer analyzer{"en"};
    news::indexer::DocumentBuilder builder{analyzer};
    for (std::size_t i = 0; i < articles.size(); ++i) {
        news::indexer::Article a;
        a.id = "a" + std::to_string(i);
        a.title = articles[i].first;
        a.body = articles[i].second;
        const auto built = builder.build(a);
        with.add_document(built.doc);
        without.add_document(built.doc);
    }
    without.commit();
    REQUIRE_THROWS_AS(without.termlist_begin(1), Xapian::FeatureUnavailableError);

    const std::unordered_set<std::string> stopwords{"the", "of", "a", "is", "and", "in", "that", "it"};
    news::searcher::QueryExpander expander{analyzer, stopwords};
    const news::schema::DocumentCodec codec;
    news::searcher::FeedbackSettings settings;
    settings.docs = 3;
    settings.terms = 8;
    const Xapian::Query query{Xapian::Query::OP_OR, Xapian::Query(stem("flutter")), Xapian::Query(stem("panel"))};
    const auto a = expander.expand(with, codec, news::schema::ranking_weight(), query, settings, 10);
    const auto b = expander.expand(without, codec, news::schema::ranking_weight(), query, settings, 10);
    CHECK(a.docs == 3);
    CHECK(b.docs == 3);
    REQUIRE(a.terms.size() == 8);
    REQUIRE(b.terms.size() == a.terms.size());
    for (std::size_t i = 0; i < a.terms.size(); ++i) {
        CAPTURE(i);
        CHECK(b.terms[i].term == a.terms[i].term);
        CHECK(b.terms[i].weight == a.terms[i].weight);  // the same wdfs: the same sums, bit for bit
    }
    CHECK(b.query.get_description() == a.query.get_description());
    CHECK(b.best == a.best);
}

TEST_CASE("Feedback with max_share adds no word in more than that share of the articles", "[searcher][feedback]") {
    Searcher searcher{corpus().db()};
    SearchRequest request = expanding("flutter");
    const auto all = added(searcher.search(request));
    CHECK(std::find(all.begin(), all.end(), stem("wing")) != all.end());  // in 4 of the 6 articles
    request.feedback.max_share = 0.5;
    const auto rare = added(searcher.search(request));
    CHECK(std::find(rare.begin(), rare.end(), stem("wing")) == rare.end());
    CHECK(std::find(rare.begin(), rare.end(), stem("flutter")) != rare.end());  // in 3 of 6: not more than half
    CHECK(rare.size() == 5);  // the next most probable words take the places left
}

TEST_CASE("Feedback with proximity adds each two consecutive query words near each other, and no match",
          "[searcher][feedback]") {
    Searcher searcher{corpus().db()};
    SearchRequest request = expanding("wing the flutter -tunnel panel");
    const auto plain = searcher.search(request);
    CHECK(plain.xapian_query.find("NEAR") == std::string::npos);
    request.feedback.proximity = 0.5;
    const auto near = searcher.search(request);
    CAPTURE(near.xapian_query);
    // In the order typed, past the stop word; the excluded word pairs with none.
    CHECK(near.xapian_query.find("0.5 * (wing NEAR 8 flutter)") != std::string::npos);
    CHECK(near.xapian_query.find("0.5 * (flutter NEAR 8 panel)") != std::string::npos);
    CHECK(near.xapian_query.find("(wing NEAR 8 panel)") == std::string::npos);
    CHECK(near.xapian_query.find("tunnel NEAR") == std::string::npos);
    CHECK(near.xapian_query.find("NEAR 8 tunnel") == std::string::npos);
    CHECK(news::test::sorted_ids(near.hits) == news::test::sorted_ids(plain.hits));
}

TEST_CASE("An expanded query's total is its own words' total, exact below the count limit", "[searcher][feedback]") {
    Searcher searcher{corpus().db()};
    // "flutter": f1-f3; with "wing" or "vibration" also v1; "panel" adds nothing new. The
    // phrase cannot be counted from posting lists: an unweighted pass counts it.
    const std::vector<std::pair<std::string, Xapian::doccount>> queries{
        {"flutter", 3}, {"flutter wing", 4}, {"flutter vibration panel", 4}, {"flutter -tunnel", 2}, {"\"panel flutter\"", 1}};
    for (const auto& [query, matches] : queries) {
        for (const Xapian::doccount limit : {0u, 1u, 3u, 100u}) {
            INFO("query " << query << ", count limit " << limit);
            SearchRequest request = expanding(query);
            request.count_limit = limit;
            const auto expanded = searcher.search(request);
            CHECK(expanded.feedback_docs > 0);
            CHECK(expanded.lower_bound <= matches);
            CHECK(expanded.upper_bound >= matches);
            if (limit == 0 || limit > matches || query == "flutter") {  // a lone word: its frequency at any limit
                request.expand = Expand::Off;
                const auto plain = searcher.search(request);
                CHECK(expanded.exact);
                CHECK(expanded.lower_bound == matches);
                CHECK(plain.exact);
                CHECK(plain.lower_bound == matches);
            }
        }
    }
}

namespace {

// c1 says "ice" most, in a short article; c2, long, has "ice" and "storm" once each; "storm"
// is in three more articles.
const news::test::TempCorpus& ice_corpus() {
    static const news::test::TempCorpus c{
        R"({"id":"c1","title":"Ice","body":"Ice, ice and ice on the lake."})" "\n"
        R"({"id":"c2","title":"Notes","body":"It was the ice in the storm, as it is all that there was of it, and all that it will be."})" "\n"
        R"({"id":"s1","title":"Storm","body":"The storm at sea."})" "\n"
        R"({"id":"s2","title":"Storm damage","body":"Storm damage to roofs."})" "\n"
        R"({"id":"s3","title":"Hills","body":"A storm in the hills."})" "\n"
        R"({"id":"x1","title":"Boundary layers","body":"Laminar boundary layers on a flat plate."})" "\n"
        R"({"id":"x2","title":"Trains","body":"Trains run late in winter."})" "\n"
        R"({"id":"x3","title":"Bread","body":"Bread and butter."})" "\n"};
    return c;
}

bool has(const std::vector<std::string>& words, const std::string& word) {
    return std::find(words.begin(), words.end(), stem(word)) != words.end();
}

}  // namespace

TEST_CASE("Feedback with coverage takes its articles by the query words they have, then by score",
          "[searcher][feedback]") {
    Searcher searcher{ice_corpus().db()};
    SearchRequest request = expanding("ice storm");
    request.feedback.docs = 1;
    request.feedback.terms = 50;
    SearchRequest first = request;
    first.expand = Expand::Off;
    const auto pass = searcher.search(first);
    CAPTURE(ids(pass));
    REQUIRE(ids(pass).front() == "c1");  // the best score has one of the two words
    const auto by_score = added(searcher.search(request));
    CHECK(has(by_score, "lake"));
    CHECK(!has(by_score, "notes"));
    request.feedback.coverage = 10;
    const auto by_words = added(searcher.search(request));
    CHECK(has(by_words, "notes"));  // c2's: the only article with both words
    CHECK(!has(by_words, "lake"));
    request.feedback.coverage = 1;  // a pool of one: by score
    CHECK(added(searcher.search(request)) == by_score);
    // By score x share of the words: c2 unless c1 scores more than twice as much.
    const auto& hits = pass.hits;
    const double c2 = std::find_if(hits.begin(), hits.end(), [](const auto& h) { return h.article.id.ends_with("c2"); })->weight;
    REQUIRE(c2 > 0.5 * hits.front().weight);
    request.feedback.coverage = 10;
    request.feedback.coverage_power = 1;
    CHECK(added(searcher.search(request)) == by_words);
}

TEST_CASE("Feedback in two rounds weighs the articles by the first round's expanded query", "[searcher][feedback]") {
    Searcher searcher{corpus().db()};
    SearchRequest request = expanding("flutter vibration");
    request.feedback.docs = 2;
    request.feedback.terms = 50;
    const auto once = searcher.search(request);
    request.feedback.rounds = 2;
    const auto twice = searcher.search(request);
    CHECK(twice.feedback_docs == 2);
    std::map<std::string, double> first, second;
    for (const auto& t : once.expansion) first[t.term] = t.weight;
    for (const auto& t : twice.expansion) second[t.term] = t.weight;
    REQUIRE(first.contains(stem("flutter")));
    REQUIRE(second.contains(stem("flutter")));
    CHECK(first.at(stem("flutter")) != Approx(second.at(stem("flutter"))));  // other shares of the scores
    CHECK(news::test::sorted_ids(twice.hits) == news::test::sorted_ids(once.hits));  // the query's matches only
}

TEST_CASE("Feedback's added words weigh weight x (query words)^length_power in all", "[searcher][feedback]") {
    Searcher searcher{corpus().db()};
    SearchRequest request = expanding("flutter vibration panel");  // three words
    auto total = [&](double power) {
        request.feedback.length_power = power;
        double sum = 0;
        for (const auto& t : searcher.search(request).expansion) sum += t.weight;
        return sum;
    };
    CHECK(total(1) == Approx(2 * 3.0));  // the default: twice the query's own words
    CHECK(total(0.5) == Approx(2 * std::sqrt(3.0)));
    CHECK(total(0) == Approx(2.0));
}
