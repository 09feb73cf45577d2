#include "bench/eval/collection.h"

#include <array>

namespace news::eval {
namespace {

struct Layout {
    std::string_view name, folder, documents, queries, qrels;
    QueryKey key;
};

// Cranfield's qrels number queries by position (its .I numbers have gaps); the others by .I.
constexpr std::array kLayouts{
    Layout{"cranfield", "cranfield", "cran.all.1400", "cran.qry", "cran.qrels", QueryKey::Ordinal},
    Layout{"cisi", "cisi", "CISI.ALL", "CISI.QRY", "CISI.REL", QueryKey::Id},
    Layout{"medline", "medline", "MED.ALL", "MED.QRY", "MED.REL", QueryKey::Id},
};

}  // namespace

std::optional<Collection> find_collection(const std::filesystem::path& dir) {
    for (const auto& l : kLayouts) {
        Collection c{std::string(l.name), dir / l.documents, dir / l.queries, dir / l.qrels, l.key};
        if (std::filesystem::exists(c.documents) && std::filesystem::exists(c.queries) &&
            std::filesystem::exists(c.qrels))
            return c;
    }
    return std::nullopt;
}

std::vector<Collection> find_collections(const std::filesystem::path& corpora) {
    std::vector<Collection> out;
    for (const auto& l : kLayouts)
        if (auto c = find_collection(corpora / l.folder)) out.push_back(std::move(*c));
    return out;
}

std::vector<std::pair<std::string, EvalReport>> run_collections(const std::vector<Collection>& collections,
                                                                const EvalOptions& options) {
    std::vector<std::pair<std::string, EvalReport>> reports;
    for (const auto& c : collections) {
        EvalOptions o = options;
        o.documents = c.documents;
        o.queries = c.queries;
        o.qrels = c.qrels;
        o.query_key = c.query_key;
        if (!options.db.empty()) o.db = options.db / c.name;
        reports.emplace_back(c.name, run_evaluation(o));
    }
    return reports;
}

}  // namespace news::eval
