// newsdex-index: options -> run_indexer() -> report -> exit code.
#include "indexer/cli.h"
#include "indexer/extract.h"
#include "indexer/failure.h"
#include "indexer/index_writer.h"
#include "indexer/indexer.h"
#include "indexer/progress.h"
#include "indexer/report.h"
#include "schema/common_options.h"
#include "schema/errors.h"

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <unistd.h>

#include <exception>
#include <iostream>

namespace {

enum Exit { kDone = 0, kRejected = 1, kUsage = 2, kFailure = 3, kLocked = 4, kInterrupted = 5, kMassDelete = 6 };

int fail(const std::string& what, int code) {
    std::cerr << "newsdex-index: " << what << "\n";
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    news::indexer::CommandLine cl;
    news::indexer::IndexOptions& opt = cl.index;
    CLI::App app{"newsdex-index: index news articles (.txt, .md, .jsonl, .html) into a newsdex database"};
    news::schema::add_common_options(app, "newsdex-index");
    news::indexer::add_options(app, cl);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? kDone : kUsage;
    }
    if (const std::string usage = news::indexer::finish_options(cl); !usage.empty()) return fail(usage, kUsage);
    if (cl.extract) {
        try {
            return news::indexer::print_entities(opt, std::cout) == 0 ? kDone : kRejected;
        } catch (const std::exception& e) {
            return fail(e.what(), kFailure);
        }
    }
    news::indexer::prepare_process(opt);
    const bool show_progress = !cl.quiet && ::isatty(STDERR_FILENO);
    news::indexer::Progress progress{std::cerr, show_progress};
    if (show_progress)  // unset, run_indexer skips the pre-walk that sizes the inputs
        opt.progress = [&](std::size_t done, std::uintmax_t bytes, std::uintmax_t total) {
            progress.update(done, bytes, total);
        };
    try {
        const auto stats = news::indexer::run_indexer(opt);
        progress.finish();
        if (cl.json) std::cout << news::indexer::summary_json(stats, opt.dry_run) << "\n";
        if (!cl.quiet || !stats.rejected.empty()) news::indexer::print_report(std::cerr, stats, opt.dry_run);
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
