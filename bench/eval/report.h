// EvalReport -> text for people (a table of figures) and run files for trec_eval.
#pragma once

#include "bench/eval/evaluation.h"

#include <filesystem>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace news::eval {

/// What print_table() leaves out, for the collection `name`: the counts and timings; with
/// `per_query`, a line per query (qid, relevant, AP, nDCG@10, P@10, R@100) for each system.
/// With `notes`, every reader and qrels note; without, only how many there were.
void print_report(const std::string& name, const EvalReport& report, std::ostream& out, bool per_query, bool notes);

/// One table for several collections: a row per collection and system with MAP, nDCG@10, P@10,
/// R@100 and MAP and nDCG@10 as ratios to the collection's "xapian-baseline" system ("-"
/// without one). `reports` pairs a collection name with its report.
void print_table(const std::vector<std::pair<std::string, EvalReport>>& reports, std::ostream& out);

/// Tab-separated lines "collection system qid relevant AP nDCG@10" for every scored query,
/// with a header line: the input of bench/eval/cross_validate.py.
void print_per_query(const std::vector<std::pair<std::string, EvalReport>>& reports, std::ostream& out);

/// Writes a system's run in TREC format, queries in qrels order (numeric when numeric).
/// @throws news::Error if the file cannot be written.
void save_run(const SystemRun& system, const std::filesystem::path& file, const std::string& tag);

}  // namespace news::eval
