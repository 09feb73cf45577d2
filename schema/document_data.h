// What each Xapian document stores for display: the contract between the indexer, which
// writes it, and the searcher, which shows it. Encoded as JSON in Document::set_data().
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace news::schema {


struct Amount {
    std::string text;      // as written: "$700 million"
    double value = 0;      // 700000000
    std::string currency;  // "USD"
};

struct StoredArticle {
    std::string id;
    std::string title;
    bool title_derived = false;
    std::string date;    // "YYYY-MM-DD" or empty
    std::string source;
    std::string url;
    std::string path;
    std::string body;    // the text snippets are cut from
    std::vector<std::string> companies, orgs, people, places;  // canonical names, sorted
    std::vector<std::string> mentions;                          // years mentioned, "YYYY"
    std::vector<Amount> amounts;                                // money, in order of mention
    std::vector<double> percents;
};

std::string encode(const StoredArticle& article);

/// @throws news::Error if `data` is not a document written by this schema version.
StoredArticle decode(std::string_view data);

}  // namespace news::schema
