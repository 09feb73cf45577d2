// The reference point for newsdex's figures: plain Xapian as its documentation shows it
// (TermGenerator + QueryParser, English stemming STEM_SOME, default OP_OR, BM25 defaults),
// on an in-memory database. It deliberately uses Xapian's own tokenizer, not schema::Analyzer:
// it is the thing we compare against, kept apart from the newsdex index (STYLE.md section 11).
#pragma once

#include "bench/eval/run_file.h"
#include "bench/eval/smart_reader.h"

#include <map>
#include <string>
#include <vector>

namespace news::eval {

/// Indexes title then text of each document with TermGenerator (English stemmer), and runs
/// each query lower-cased through QueryParser (STEM_SOME, default operator OR, no flags
/// beyond the defaults), BM25Weight() with its defaults. Returns qid (`query_key` of each
/// query) -> the top `depth` documents by BM25 score.
std::map<std::string, std::vector<RunEntry>> run_xapian_baseline(
    const std::vector<SmartDocument>& docs, const std::vector<SmartQuery>& queries,
    const std::vector<std::string>& query_keys, std::size_t depth);

}  // namespace news::eval
