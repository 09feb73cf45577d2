#include "indexer/report.h"

#include "schema/version.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <ostream>

namespace news::indexer {
namespace {

nlohmann::json notes_json(const std::vector<ReadNote>& notes) {
    auto out = nlohmann::json::array();
    for (const auto& n : notes) out.push_back({{"where", n.where}, {"reason", n.message}});
    return out;
}

/// Skipped files counted by reason ("unsupported file type", "empty file", "binary file"): the
/// note's message up to its parenthesis.
std::map<std::string, std::size_t> skipped_by_reason(const std::vector<ReadNote>& skipped) {
    std::map<std::string, std::size_t> counts;
    for (const auto& n : skipped) ++counts[n.message.substr(0, n.message.find(" ("))];
    return counts;
}

double per_second(const IndexStats& s) { return s.seconds > 0 ? s.articles() / s.seconds : 0.0; }

}  // namespace

std::string summary_json(const IndexStats& s, bool dry_run) {
    const nlohmann::json j{
        {"format_version", schema::kJsonFormatVersion},
        {"started", s.started},
        {"database", s.database},
        {"dry_run", dry_run},
        {"interrupted", s.interrupted},
        {"files", s.files},
        {"items", s.items_seen},
        {"added", s.added},
        {"updated", s.updated},
        {"unchanged", s.unchanged},
        {"deleted", s.deleted},
        {"kept", s.kept},
        {"outside_inputs", s.outside},
        {"sources_gone", s.orphaned},
        {"moved", s.moved},
        {"not_found", s.not_found},
        {"mass_delete", s.mass_delete.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.mass_delete)},
        {"rejected", s.rejected.size()},
        {"skipped", s.skipped.size()},
        {"warnings", s.warnings.size()},
        {"rejected_items", notes_json(s.rejected)},
        {"skipped_items", notes_json(s.skipped)},
        {"skipped_by_reason", skipped_by_reason(s.skipped)},
        {"warning_items", notes_json(s.warnings)},
        {"documents", s.doc_count},
        {"generation", s.generation},
        {"shards", s.shards},
        {"rebuilt_because", s.rebuilt_because.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.rebuilt_because)},
        {"seconds", s.seconds},
        {"articles_per_second", per_second(s)},
    };
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);  // one line: a log of runs is JSON Lines
}

void print_report(std::ostream& err, const IndexStats& s, bool dry_run) {
    auto print = [&](const char* kind, const std::vector<ReadNote>& notes) {
        for (const auto& n : notes) err << "newsdex-index: " << kind << ": " << n.where << ": " << n.message << "\n";
    };
    print("warning", s.warnings);
    print("skipped", s.skipped);
    print("rejected", s.rejected);
    for (const auto& id : s.not_found) err << "newsdex-index: not found: " << id << ": no article has this id\n";
    if (!s.mass_delete.empty()) err << "newsdex-index: the run would stop: " << s.mass_delete << "\n";
    if (!s.rebuilt_because.empty())
        err << "newsdex-index: " << (dry_run ? "would rebuild" : "rebuilt") << " the index instead of updating it: "
            << s.rebuilt_because << "; the rebuilt index keeps termlists, so the next updates are in place\n";
    char line[512];
    std::snprintf(line, sizeof line,
                  "newsdex-index: %s%zu added, %zu updated, %zu unchanged, %zu deleted, "
                  "%zu rejected, %zu skipped; %zu documents; %.2f s (%.0f articles/s)\n",
                  dry_run ? "dry run, would be: " : "", s.added, s.updated, s.unchanged, s.deleted,
                  s.rejected.size(), s.skipped.size(), s.doc_count, s.seconds, per_second(s));
    err << line;
    if (!s.skipped.empty()) {
        err << "newsdex-index: skipped:";
        const char* separator = " ";
        for (const auto& [reason, count] : skipped_by_reason(s.skipped)) {
            err << separator << count << " " << reason;
            separator = ", ";
        }
        err << "\n";
    }
    if (s.kept > 0)
        err << "newsdex-index: kept " << s.kept
            << " documents indexed earlier from input rejected this run\n";
    if (s.moved > 0)
        err << "newsdex-index: " << s.moved << (s.moved == 1 ? " article" : " articles")
            << " moved: their files are gone, and the same text came from the paths given under new ids; "
            << (dry_run ? "the old ids would be dropped\n" : "the old ids were dropped\n");
    if (s.orphaned > 0)
        err << "newsdex-index: kept " << s.orphaned << (s.orphaned == 1 ? " article" : " articles")
            << " outside the paths given whose source files are gone (" << s.first_orphan
            << (s.orphaned > 1 ? ", ..." : "") << "); index their new place to replace them, or remove them with "
            << "newsdex-index --delete-orphans\n";
    if (s.interrupted)
        err << "newsdex-index: interrupted; committed batches are kept in an update, a rebuild "
               "was abandoned and the previous index is still live\n";
}

}  // namespace news::indexer
