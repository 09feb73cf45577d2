// How newsdex-index tells what it did: notes and summary on stderr, or one JSON document.
#pragma once

#include "indexer/indexer.h"

#include <iosfwd>
#include <string>

namespace news::indexer {

/// The --json summary, one line: start time, database, counts, every rejected/skipped/warned
/// item with its reason, timing.
std::string summary_json(const IndexStats& stats, bool dry_run);

/// One line per note ("newsdex-index: warning: file:line: message"), then a summary line.
void print_report(std::ostream& err, const IndexStats& stats, bool dry_run);

}  // namespace news::indexer
