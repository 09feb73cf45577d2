// newsdex-index: options -> run_indexer() -> report -> exit code.
#include "indexer/extract.h"
#include "indexer/failure.h"
#include "indexer/index_writer.h"
#include "indexer/indexer.h"
#include "indexer/progress.h"
#include "indexer/report.h"
#include "schema/common_options.h"
#include "schema/cores.h"
#include "schema/database_dir.h"
#include "schema/errors.h"

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <exception>
#include <iostream>

namespace {

enum Exit { kDone = 0, kRejected = 1, kUsage = 2, kFailure = 3, kLocked = 4, kInterrupted = 5, kMassDelete = 6 };

std::atomic<bool> g_stop{false};  // set by SIGINT/SIGTERM; read between batches
// The first Ctrl-C stops after the current batch; a second one kills at once (the live index
// is safe either way: Xapian commits are atomic and a rebuild only goes live when complete).
extern "C" void on_signal(int sig) {
    g_stop = true;
    std::signal(sig, SIG_DFL);
}

int fail(const std::string& what, int code) {
    std::cerr << "newsdex-index: " << what << "\n";
    return code;
}

const char* kExamples = R"(
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

}  // namespace

int main(int argc, char** argv) {
    news::indexer::IndexOptions opt;
    bool json = false, quiet = false;
    std::size_t max_file_mb = 64, max_record_mb = news::indexer::kMaxRecordBytes >> 20;
    std::string db;
    CLI::App app{"newsdex-index: index news articles (.txt, .md, .jsonl, .html) into a newsdex database"};
    app.footer(kExamples);
    news::schema::add_common_options(app, "newsdex-index");
    app.add_option("inputs", opt.inputs, "corpus files or directories (walked recursively)");
    app.add_option("--db", db, "database directory (default: $NEWSDEX_DB or ~/.local/share/newsdex/db)");
    app.add_flag("--rebuild", opt.rebuild, "build a fresh index beside the live one, then switch atomically");
    app.add_flag("--dry-run", opt.dry_run, "say what would be added, updated and deleted; change nothing");
    app.add_flag("--no-delete", opt.no_delete, "add and update only; delete nothing");
    app.add_flag("--allow-mass-delete", opt.allow_mass_delete,
                 "delete even when over 20% of the index (and 100 articles) would go");
    app.add_option("--delete", opt.delete_ids, "delete the articles with these ids (give no inputs)")
        ->expected(1, -1);
    app.add_flag("--json", json, "print a one-line JSON summary on stdout (messages stay on stderr)");
    app.add_flag("-q,--quiet", quiet, "no progress display and no per-item notes");
    app.add_option("--batch", opt.batch, "articles per commit when updating")->check(CLI::PositiveNumber);
    opt.jobs = news::schema::available_cores();
    app.add_option("-j,--jobs", opt.jobs, "threads for a rebuild or first build (default: the available cores)")
        ->check(CLI::PositiveNumber);
    app.add_option("--max-file-mb", max_file_mb, "reject single files larger than this")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
    app.add_option("--max-record-mb", max_record_mb, "reject JSON Lines lines longer than this")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
    std::string gazetteers;
    bool extract = false;
    app.add_option("--gazetteers", gazetteers, "entity dictionary folder (default: the data folder's gazetteers/)");
    app.add_flag("--extract", extract, "print each article's entities as JSON; no database is touched");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? kDone : kUsage;
    }
    if (opt.inputs.empty() == opt.delete_ids.empty())
        return fail(opt.inputs.empty() ? "give corpus files or folders to index, or --delete ID..."
                                       : "--delete takes ids only; run it without corpus inputs",
                    kUsage);
    opt.db = db.empty() ? news::schema::default_database_path() : std::filesystem::path(db);
    opt.reader.max_file_bytes = max_file_mb << 20;
    opt.reader.max_record_bytes = max_record_mb << 20;
    opt.gazetteers = gazetteers;
    if (extract) {
        try {
            return news::indexer::print_entities(opt, std::cout) == 0 ? kDone : kRejected;
        } catch (const std::exception& e) {
            return fail(e.what(), kFailure);
        }
    }
    // A rebuild merges its shards in one pass when it may open them all (merge_fan_in): allow
    // what the hard limit allows, up to 65,536 files.
    if (rlimit files{}; ::getrlimit(RLIMIT_NOFILE, &files) == 0 &&
                        files.rlim_cur < std::min<rlim_t>(files.rlim_max, 65536)) {
        files.rlim_cur = std::min<rlim_t>(files.rlim_max, 65536);
        ::setrlimit(RLIMIT_NOFILE, &files);
    }
    std::set_terminate(news::indexer::terminate_cleanly);
    opt.stop = &g_stop;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    const bool show_progress = !quiet && ::isatty(STDERR_FILENO);
    news::indexer::Progress progress{std::cerr, show_progress};
    if (show_progress)  // unset, run_indexer skips the pre-walk that sizes the inputs
        opt.progress = [&](std::size_t done, std::uintmax_t bytes, std::uintmax_t total) {
            progress.update(done, bytes, total);
        };
    try {
        const auto stats = news::indexer::run_indexer(opt);
        progress.finish();
        if (json) std::cout << news::indexer::summary_json(stats, opt.dry_run) << "\n";
        if (!quiet || !stats.rejected.empty()) news::indexer::print_report(std::cerr, stats, opt.dry_run);
        if (stats.interrupted) return kInterrupted;
        if (!stats.mass_delete.empty()) return kMassDelete;
        if (stats.articles() == 0 && !stats.skipped.empty() && stats.rejected.empty())
            return fail("no article found: every file was skipped (see above); newsdex reads .txt, .md, "
                        ".markdown, .jsonl, .html and .htm files",
                        kRejected);
        return stats.rejected.empty() && stats.not_found.empty() ? kDone : kRejected;
    } catch (const news::indexer::LockedError& e) {
        return fail(e.what(), kLocked);
    } catch (const news::indexer::MassDeleteError& e) {
        return fail(opt.db.string() + ": stopped: " + e.what(), kMassDelete);
    } catch (...) {  // news::Error, Xapian::Error, a full disk, ...
        return fail(news::indexer::describe_failure(std::current_exception(), opt.db), kFailure);
    }
}
