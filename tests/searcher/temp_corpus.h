// A small corpus written to a temp directory and indexed with run_indexer(), for the tests
// of search features (sorting, spelling, synonyms) that each need their own articles.
#pragma once

#include "indexer/indexer.h"
#include "temp_dir.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace news::test {

class TempCorpus {
  public:
    /// `jsonl`: the lines of corpus/news.jsonl; `texts`: more files, name -> content.
    explicit TempCorpus(const std::string& jsonl, const std::vector<std::pair<std::string, std::string>>& texts = {}) {
        write(tmp_.path / "corpus/news.jsonl", jsonl);
        for (const auto& [name, text] : texts) write(tmp_.path / "corpus" / name, text);
        news::indexer::IndexOptions options;
        options.db = db();
        options.inputs = {tmp_.path / "corpus"};
        const auto stats = news::indexer::run_indexer(options);
        REQUIRE(stats.rejected.empty());
    }
    TempCorpus(const TempCorpus&) = delete;
    TempCorpus& operator=(const TempCorpus&) = delete;

    std::filesystem::path db() const { return tmp_.path / "db"; }

  private:
    static void write(const std::filesystem::path& file, const std::string& text) {
        std::filesystem::create_directories(file.parent_path());
        std::ofstream{file, std::ios::binary} << text;
    }
    TempDir tmp_;
};

/// Writes `text` to `file`, creating its folder.
inline void write_text(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream{file, std::ios::binary} << text;
}

/// Indexes (or updates) `dir`/corpus into `dir`/db with run_indexer(), as the CLI does.
inline void index_corpus(const TempDir& dir) {
    news::indexer::IndexOptions options;
    options.db = dir.path / "db";
    options.inputs = {dir.path / "corpus"};
    REQUIRE(news::indexer::run_indexer(options).rejected.empty());
}

/// The ids of search hits without their file ("news.jsonl#aws" -> "aws"), sorted and joined
/// with spaces: for tests about which articles match, not in which order.
template <class Hits>
std::string sorted_ids(const Hits& hits) {
    std::vector<std::string> found;
    for (const auto& h : hits) found.push_back(h.article.id.substr(h.article.id.find('#') + 1));
    std::sort(found.begin(), found.end());
    std::string out;
    for (const auto& id : found) out += (out.empty() ? "" : " ") + id;
    return out;
}

}  // namespace news::test
