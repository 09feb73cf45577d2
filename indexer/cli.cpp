#include "indexer/cli.h"

#include "indexer/failure.h"
#include "schema/cores.h"
#include "schema/database_dir.h"

#include <CLI/CLI.hpp>

#include <sys/resource.h>

#include <atomic>
#include <csignal>
#include <exception>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace news::indexer {

// The footer of --help: examples, the exit codes and where the database is.
const char* const kExamples = R"(
Examples:
  newsdex-index corpus/                      update the default database from corpus/
  newsdex-index --db /srv/news.db --rebuild archive/   build anew, switch atomically
  newsdex-index --dry-run --json archive/    what would change, as JSON
  newsdex-index archive/2005/02/             add and update that folder; the rest stays
  newsdex-index --delete tech/old.txt        delete one article by id
  newsdex-index --extract corpus/some.txt    the entities found, as JSON; no database
An article is deleted only when its file lies under a path given and is gone (or its JSON
Lines record is gone from a file read); a run that would delete over 20% of the index (and
at least 100 articles) stops first, unless --allow-mass-delete.
Exit status: 0 done, 1 done but some articles were rejected (or ids to delete not found),
  2 usage error, 3 failure, 4 database locked by another newsdex-index, 5 interrupted
  (index intact), 6 stopped before a mass delete (index unchanged).
Database: --db, else $NEWSDEX_DB, else $XDG_DATA_HOME/newsdex/db or ~/.local/share/newsdex/db.)";

void add_options(CLI::App& app, CommandLine& cl) {
    app.footer(kExamples);
    IndexOptions& opt = cl.index;
    app.add_option("inputs", opt.inputs, "corpus files or directories (walked recursively)");
    app.add_option("--db", cl.db, "database directory (default: $NEWSDEX_DB or ~/.local/share/newsdex/db)");
    app.add_flag("--rebuild", opt.rebuild, "build a fresh index beside the live one, then switch atomically");
    app.add_flag("--dry-run", opt.dry_run, "say what would be added, updated and deleted; change nothing");
    app.add_flag("--no-delete", opt.no_delete, "add and update only; delete nothing");
    app.add_flag("--allow-mass-delete", opt.allow_mass_delete,
                 "delete even when over 20% of the index (and 100 articles) would go");
    app.add_option("--delete", opt.delete_ids, "delete the articles with these ids (give no inputs)")
        ->expected(1, -1);
    app.add_flag("--delete-orphans", opt.delete_orphans,
                 "also delete articles outside the inputs whose source files are gone (alone: all such articles)");
    app.add_flag("--json", cl.json, "print a one-line JSON summary on stdout (messages stay on stderr)");
    app.add_flag("-q,--quiet", cl.quiet, "no progress display and no per-item notes");
    app.add_option("--batch", opt.batch, "articles per commit when updating")->check(CLI::PositiveNumber);
    opt.jobs = schema::available_cores();
    app.add_option("-j,--jobs", opt.jobs, "threads for a rebuild or first build (default: the available cores)")
        ->check(CLI::PositiveNumber);
    app.add_option("--shards", opt.shards,
                   "a first build or --rebuild writes N shards searched as one (docs/shards.md); default: as now, 1 if new")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1024}));
    app.add_option("--changesets", cl.changesets,
                   "keep the last N changesets of each database updated in place, for xapian-replicate (docs/shards.md)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
    app.add_option("--max-file-mb", cl.max_file_mb, "reject single files larger than this")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
    app.add_option("--max-record-mb", cl.max_record_mb, "reject JSON Lines lines longer than this")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
    app.add_option("--gazetteers", cl.gazetteers, "entity dictionary folder (default: the data folder's gazetteers/)");
    app.add_flag("--extract", cl.extract, "print each article's entities as JSON; no database is touched");
}

std::string finish_options(CommandLine& cl) {
    IndexOptions& opt = cl.index;
    if (!opt.inputs.empty() && !opt.delete_ids.empty()) return "--delete takes ids only; run it without corpus inputs";
    if (opt.inputs.empty() && opt.delete_ids.empty() && !opt.delete_orphans)
        return "give corpus files or folders to index, or --delete ID..., or --delete-orphans";
    opt.db = cl.db.empty() ? schema::default_database_path() : std::filesystem::path(cl.db);
    opt.reader.max_file_bytes = cl.max_file_mb << 20;
    opt.reader.max_record_bytes = cl.max_record_mb << 20;
    opt.gazetteers = cl.gazetteers;
    // Xapian reads how many changesets to keep from its environment when a database is opened
    // for writing (glass); this option is the one place newsdex sets it.
    if (cl.changesets > 0) ::setenv("XAPIAN_MAX_CHANGESETS", std::to_string(cl.changesets).c_str(), 1);
    return {};
}

void raise_open_file_limit() {
    if (rlimit files{}; ::getrlimit(RLIMIT_NOFILE, &files) == 0 &&
                        files.rlim_cur < std::min<rlim_t>(files.rlim_max, 65536)) {
        files.rlim_cur = std::min<rlim_t>(files.rlim_max, 65536);
        ::setrlimit(RLIMIT_NOFILE, &files);
    }
}

namespace {

std::atomic<bool> g_stop{false};  // set by SIGINT/SIGTERM; read between batches

// The first Ctrl-C stops after the current batch; a second one kills at once (the live index
// is safe either way: Xapian commits are atomic and a rebuild only goes live when complete).
extern "C" void on_signal(int sig) {
    g_stop = true;
    std::signal(sig, SIG_DFL);
}

}  // namespace

void prepare_process(IndexOptions& opt) {
    raise_open_file_limit();
    std::set_terminate(terminate_cleanly);
    opt.stop = &g_stop;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
}

}  // namespace news::indexer
