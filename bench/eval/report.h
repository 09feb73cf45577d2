// EvalReport -> text for people (a table of figures) and run files for trec_eval.
#pragma once

#include "bench/eval/evaluation.h"

#include <filesystem>
#include <ostream>

namespace news::eval {

/// The figures table, one row per system, then the counts and timings; with `per_query`,
/// a line per query (qid, relevant, AP, nDCG@10, P@10, R@100) for each system. With
/// `notes`, every reader and qrels note; without, only how many there were.
void print_report(const EvalReport& report, std::ostream& out, bool per_query, bool notes);

/// Writes a system's run in TREC format, queries in qrels order (numeric when numeric).
/// @throws news::Error if the file cannot be written.
void save_run(const SystemRun& system, const std::filesystem::path& file, const std::string& tag);

}  // namespace news::eval
