// Fuzz target: bytes as a query, parsed, built and searched on a small index (with facets,
// sorting and the other request options chosen by the first byte). A malformed query must
// throw news::QueryError; any other exception or sanitizer report is a finding.
#include "indexer/indexer.h"
#include "schema/errors.h"
#include "searcher/render.h"
#include "searcher/search.h"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace {

namespace fs = std::filesystem;

const char* kArticles[] = {
    R"({"id": "1", "title": "Amazon cuts AWS jobs", "body": "Amazon Web Services said on Monday it will cut several hundred jobs in Seattle, as Andy Jassy told staff. Shares rose 2%.", "date": "2023-04-03", "source": "Wire"})",
    R"({"id": "2", "title": "Oil prices fall", "body": "Crude oil fell $3 a barrel in London after OPEC said output would rise. The Bank of England kept rates.", "date": "2020-12-15"})",
    R"({"id": "3", "title": "Just Walk Out stores", "body": "Amazon's Just Walk Out technology came to more shops in the U.S. and the United Kingdom in 2021 and 2022.", "date": "2021-06-30"})",
    R"({"id": "4", "body": "Microsoft and Google compete for cloud customers; Microsoft Azure grew 29% while Google Cloud grew 35%."})",
    R"({"id": "5", "title": "Self-serve training", "body": "The self-serve training programme for employees covers cloud computing, machine learning and security.", "date": "2019-02-01"})",
    R"({"id": "6", "title": "Bank results", "body": "Japan's banks reported net loss in the first quarter; the Bank of Japan said prices were stable.", "date": "1987-03-09", "source": "Reuters"})",
};

/// The index, built once per process in a temporary directory removed at exit.
class SmallIndex {
  public:
    SmallIndex() {
        char pattern[] = "/tmp/newsdex-fuzz-XXXXXX";
        if (!::mkdtemp(pattern)) std::abort();
        dir_ = pattern;
        std::ofstream out(dir_ / "news.jsonl");
        for (const char* line : kArticles) out << line << "\n";
        out.close();
        news::indexer::IndexOptions options;
        options.db = dir_ / "db";
        options.inputs = {dir_ / "news.jsonl"};
        news::indexer::run_indexer(options);
        searcher_ = std::make_unique<news::searcher::Searcher>(options.db);
    }
    ~SmallIndex() {
        searcher_.reset();
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    news::searcher::Searcher& searcher() { return *searcher_; }

  private:
    fs::path dir_;
    std::unique_ptr<news::searcher::Searcher> searcher_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static SmallIndex index;
    if (size == 0) return 0;
    const std::uint8_t options = data[0];
    news::searcher::SearchRequest request;
    request.query.assign(reinterpret_cast<const char*>(data + 1), size - 1);
    request.any_word = options & 1;
    request.sort = (options & 6) == 2   ? news::searcher::SortOrder::Date
                   : (options & 6) == 4 ? news::searcher::SortOrder::DateAsc
                                        : news::searcher::SortOrder::Relevance;
    if (options & 8) request.facets = {"company", "year", "place", "person"};
    request.collapse = options & 16;
    if (options & 32) request.recency_half_life = 30;
    request.offset = (options >> 6) & 1;
    request.limit = 3;
    try {
        const auto results = index.searcher().search(request);
        (void)news::searcher::render_text(results, news::searcher::text_style({.color = "always"}));
        (void)news::searcher::render_json(results);
    } catch (const news::QueryError&) {  // the query's own fault: the expected refusal
    }
    return 0;
}
