// One archive as one database and as three shards (article i in shard (i - 1) mod 3), the
// searches to run on both and the comparison of their results: for the tests of local and of
// remote shards.
#pragma once

#include "indexer/indexer.h"
#include "searcher/search.h"
#include "same_facets.h"

#include "temp_dir.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace news::test {


using news::searcher::SearchRequest;
using news::searcher::SearchResults;

/// 240 articles: words of skewed frequencies (some in most articles, for the dense path),
/// companies and places for facets, dates over five years (every seventh undated), and every
/// twentieth a copy of the one before it (for --collapse).
inline std::string corpus_lines(int count, int first = 0) {
    const std::vector<std::string> words{"market", "shares", "said", "bank", "profit", "rate", "loss", "trade",
                                         "oil", "gold", "steel", "grain", "copper", "bonds"};
    const std::vector<std::string> names{"Microsoft", "Google", "Amazon Web Services", "IBM", "Intel"};
    const std::vector<std::string> places{"Germany", "Japan", "Brazil", "Canada"};
    std::uint32_t seed = 4242 + static_cast<std::uint32_t>(first);
    auto next = [&seed] { return seed = seed * 1103515245u + 12345u, (seed >> 8) % 1000; };
    std::string lines, previous;
    for (int i = first; i < first + count; ++i) {
        std::string body;
        const unsigned length = 8 + next() % 50;
        for (unsigned w = 0; w < length; ++w) {
            const unsigned r = next();
            body += words[r < 450 ? r % 3 : r < 800 ? 3 + r % 5 : 8 + r % 6] + " ";
        }
        if (i % 3) body += names[next() % names.size()] + " reported results in " + places[next() % places.size()] + ". ";
        if (i % 20 == 19) body = previous;
        previous = body;
        const std::string date = i % 7 == 6 ? "" : R"(, "date": "20)" + std::to_string(18 + i % 5) + "-0" +
                                                       std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + "\"";
        lines += R"({"id": "a)" + std::to_string(i) + R"(", "title": "Report )" + std::to_string(i) + " on " +
                 words[i % words.size()] + "\"" + date + R"(, "body": ")" + body + "\"}\n";
    }
    return lines;
}

inline void write_file(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream{file, std::ios::binary} << text;
}

inline news::indexer::IndexStats index(const std::filesystem::path& db, const std::filesystem::path& corpus, std::size_t shards, bool rebuild = false) {
    news::indexer::IndexOptions options;
    options.db = db;
    options.inputs = {corpus};
    options.shards = shards;
    options.rebuild = rebuild;
    options.jobs = 1;
    return news::indexer::run_indexer(options);
}

/// The same archive as one database and as three shards.
struct Archives {
    TempDir dir;
    std::filesystem::path corpus = dir.path / "corpus";
    std::filesystem::path one = dir.path / "one", three = dir.path / "three";
    Archives() {
        write_file(corpus / "news.jsonl", corpus_lines(240));
        REQUIRE(index(one, corpus, 1).added == 240);
        REQUIRE(index(three, corpus, 3).added == 240);
    }
};

inline const Archives& archives() {
    static const Archives a;
    return a;
}

inline void same_results(const SearchResults& a, const SearchResults& b) {
    CHECK(a.suggestion == b.suggestion);
    CHECK(a.respelled == b.respelled);
    CHECK(a.fell_back_to_any == b.fell_back_to_any);
    CHECK(a.exact == b.exact);
    if (a.exact && b.exact) CHECK(a.lower_bound == b.lower_bound);
    REQUIRE(a.hits.size() == b.hits.size());
    for (std::size_t i = 0; i < a.hits.size(); ++i) {
        INFO("hit " << i);
        CHECK(a.hits[i].docid == b.hits[i].docid);
        CHECK(a.hits[i].article.id == b.hits[i].article.id);
        CHECK(std::abs(a.hits[i].weight - b.hits[i].weight) <= 1e-9 * std::abs(a.hits[i].weight));
        // Feedback re-ranks the first pass's best through a posting source, which remote shards
        // cannot run: they re-rank every match (here the same hits), with other percentages.
        if (a.expansion.empty() || a.remote == b.remote) CHECK(a.hits[i].percent == b.hits[i].percent);
        CHECK(a.hits[i].duplicates == b.hits[i].duplicates);
        CHECK(a.hits[i].snippet.text == b.hits[i].snippet.text);
    }
    same_facets(a, b);
}

inline std::vector<SearchRequest> requests() {
    std::vector<SearchRequest> out;
    auto add = [&out](const std::string& query, auto&& change) {
        SearchRequest r;
        r.query = query;
        r.limit = 15;
        r.count_limit = 1000000;  // exact counts
        change(r);
        out.push_back(r);
    };
    auto plain = [](SearchRequest&) {};
    for (const char* q : {"gold", "market said", "said -bank", "oil OR copper", "\"market shares\"", "title:report",
                          "title:\"report 12\"", "cop*", "company:microsoft", "place:japan steel", "year:2020..2021 gold",
                          "date:2019-01-01..2020-12-31", "markte shraes", "gold NEAR bonds"})
        add(q, plain);
    add("said", [](SearchRequest& r) { r.offset = 30; });
    add("gold steel", [](SearchRequest& r) { r.any_word = true; });  // feedback: a second pass
    add("profit", [](SearchRequest& r) { r.sort = news::searcher::SortOrder::Date; });
    add("profit", [](SearchRequest& r) { r.sort = news::searcher::SortOrder::DateAsc; });
    add("loss", [](SearchRequest& r) { r.recency_half_life = 200; });
    add("market", [](SearchRequest& r) { r.collapse = true; });
    add("", [](SearchRequest& r) { r.similar_to = "news.jsonl#a40"; });
    add("", [](SearchRequest& r) { r.filters = {{"company", "Intel"}, {"year", "2019..2021"}}; });
    for (const char* q : {"said", "gold", "market -oil", "trade OR grain"})
        add(q, [](SearchRequest& r) { r.facets = {"company", "place", "year"}; });
    add("steel", [](SearchRequest& r) {
        r.facets = {"company", "year"};
        r.sort = news::searcher::SortOrder::Date;
    });
    return out;
}

}  // namespace news::test
