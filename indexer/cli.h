// newsdex-index's command line: its options, how they complete IndexOptions, and the process
// policy a run needs. Keeps main.cpp to parsing, one library call and exit codes.
#pragma once

#include "indexer/indexer.h"

#include <cstddef>
#include <string>

namespace CLI {
class App;
}

namespace news::indexer {

/// What newsdex-index's options set: the run's options and what only the program uses.
struct CommandLine {
    IndexOptions index;
    std::string db;          // --db as given; empty: schema::default_database_path()
    std::string gazetteers;  // --gazetteers as given
    std::size_t max_file_mb = 64;
    std::size_t max_record_mb = kMaxRecordBytes >> 20;
    std::size_t changesets = 0;  // --changesets: kept for xapian-replicate; 0: none
    bool json = false, quiet = false, extract = false;
};

/// Adds every option of newsdex-index but the common ones (schema/common_options.h) to `app`.
void add_options(CLI::App& app, CommandLine& cl);

/// Completes `cl.index` from the parsed options (database, byte limits, gazetteers). Returns
/// a usage message when the options do not go together, else empty.
std::string finish_options(CommandLine& cl);

/// Raises the soft limit of open files to what the hard limit allows, up to 65,536: a rebuild
/// merges its shards in one pass when it may open them all (merge_fan_in()).
void raise_open_file_limit();

/// The process policy of a run: raise_open_file_limit(), a terminate handler that reports
/// and exits cleanly, and SIGINT/SIGTERM making the run stop after its current batch
/// (`opt.stop`); a second signal kills at once. Call once, before run_indexer().
void prepare_process(IndexOptions& opt);

}  // namespace news::indexer
