// The test collections newsdex-eval knows by their file names: Cranfield, CISI and MEDLINE as
// distributed (SMART tagged files plus judgments). Serves the arrow: directory -> EvalOptions.
#pragma once

#include "bench/eval/evaluation.h"

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace news::eval {

struct Collection {
    std::string name;  // "cranfield", "cisi", "medline"
    std::filesystem::path documents, queries, qrels;
    QueryKey query_key = QueryKey::Id;
};

/// The collection whose files `dir` holds (cran.all.1400 + cran.qry + cran.qrels, CISI.ALL +
/// CISI.QRY + CISI.REL, MED.ALL + MED.QRY + MED.REL), or nothing if `dir` holds none of them.
std::optional<Collection> find_collection(const std::filesystem::path& dir);

/// The known collections under `corpora` (its cranfield/, cisi/ and medline/ folders), in that
/// order; those missing are left out.
std::vector<Collection> find_collections(const std::filesystem::path& corpora);

/// run_evaluation() of each collection with `options` (its files and query key replaced):
/// (collection name, report) pairs in order, for print_table().
std::vector<std::pair<std::string, EvalReport>> run_collections(const std::vector<Collection>& collections,
                                                                const EvalOptions& options);

}  // namespace news::eval
