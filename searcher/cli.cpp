#include "searcher/cli.h"

#include "schema/database_dir.h"
#include "searcher/request.h"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <string_view>

namespace news::searcher {
namespace {

// --recent DAYS: a number of days over 0, at most a million.
std::string check_days(const std::string& text) {
    double days = 0;
    if (!CLI::detail::lexical_cast(text, days) || !std::isfinite(days) || days <= 0 || days > kMaxRecentDays)
        return "DAYS must be a number of days over 0 and at most 1000000, not " + text;
    return {};
}

}  // namespace

// The footer of --help: examples, the exit codes and where the database is.
const char* const kExamples = R"(
Examples:
  newsdex-search "AWS layoffs"                  all words required, ranked by BM25
  newsdex-search '"Just Walk Out" OR cashierless'
  newsdex-search 'cloud -microsoft title:training'
  newsdex-search --json --limit 5 --offset 5 amazon
  newsdex-search --facet company,year,place,person amazon
  newsdex-search --filter company=Amazon --filter year=2020..2024 training
  newsdex-search --sort date 'layof*'           newest first; prefix wildcard
  newsdex-search --similar aws-job-cuts-key-update.txt --collapse
Query syntax: words, "phrases", OR, AND, NOT, -word, +word, (groups), a NEAR b, word*,
  field:value (see --schema), year:2020..2024, date:2020-12-01..2020-12-31.
Exit status: 0 results found, 1 nothing found, 2 usage or query error, 3 other failure.
Database: --db, else $NEWSDEX_DB, else $XDG_DATA_HOME/newsdex/db or ~/.local/share/newsdex/db.)";

void add_options(CLI::App& app, CommandLine& cl) {
    app.footer(kExamples);
    SearchRequest& req = cl.request;
    app.add_option("query", cl.words, "the query (several arguments are joined with spaces)");
    app.add_option("--db", cl.db, "database directory (default: $NEWSDEX_DB or ~/.local/share/newsdex/db)");
    app.add_flag("--json", cl.json, "print one JSON document (docs/json.md) instead of text");
    app.add_option("-n,--limit", req.limit, "results to show, 0 to 10000 (default 10; 0: count and facets only)")
        ->check(CLI::Range(kLimitRange.min, kLimitRange.max));
    app.add_option("--offset", req.offset, "results to skip, for paging, 0 to 10000000 (default 0)")
        ->check(CLI::Range(kOffsetRange.min, kOffsetRange.max));
    app.add_option("--color", cl.style.color, "auto (default: on a terminal, unless NO_COLOR or TERM=dumb), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    app.add_option("--highlight", cl.style.highlight, "query words in snippets: auto (bold with colour), markers (**word**), none")
        ->check(CLI::IsMember({"auto", "markers", "none"}));
    app.add_option("--filter", cl.filters, "FIELD=VALUE or FIELD=LO..HI, repeatable; narrows without re-ranking")->allow_extra_args(false);
    app.add_option("--facet", req.facets, "count values of these fields over all matches")->delimiter(',')->allow_extra_args(false);
    app.add_option("--facet-limit", req.facet_limit, "values shown per facet, 1 to 10000 (default 10)")
        ->check(CLI::Range(kFacetLimitRange.min, kFacetLimitRange.max));
    app.add_option("--snippet-length", req.snippet_length, "snippet size in bytes, 20 to 100000 (default 240)")
        ->check(CLI::Range(kSnippetLengthRange.min, kSnippetLengthRange.max));
    app.add_option("--count-limit", req.count_limit,
                   "matches checked to count the total exactly; past them the total is a range; 0: every "
                   "match (default 10000; --facet counts every match anyway)")
        ->check(CLI::Range(kCountLimitRange.min, kCountLimitRange.max));
    app.add_option("--sort", cl.sort, "relevance (default), date (newest first) or date-asc; undated last")
        ->check(CLI::IsMember({"relevance", "date", "date-asc"}));
    app.add_flag("--any", req.any_word, "match any of the words (OR), ranked; default: all words");
    app.add_flag("--as-typed{false}", req.respell, "search misspelled words as typed, not respelled");
    app.add_flag("--expand,!--no-expand", [&req](std::int64_t n) { req.expand = n > 0 ? Expand::On : Expand::Off; },
                 "add words of the best articles to the query and rank again (default: with --any only)");
    app.add_option("--similar", req.similar_to, "articles like the one with this id (more like this)");
    app.add_option("--recent", req.recency_half_life,
                   "boost newer articles: the boost halves every DAYS before the newest article")
        ->check(CLI::Validator(check_days, "DAYS"));
    app.add_flag("--collapse", req.collapse, "fold duplicate articles (same opening text) into one result");
    app.add_flag("--explain", cl.explain, "print the parsed query and the search path before the results");
    auto seconds = [](const std::string& text) -> std::string {
        double s = 0;
        if (!CLI::detail::lexical_cast(text, s) || !std::isfinite(s) || s <= 0 || s > 3600)
            return "a number of seconds over 0 and at most 3600, not " + text;
        return {};
    };
    app.add_option("--timeout", cl.remote.timeout, "seconds a remote shard may take to answer (default 10)")
        ->check(CLI::Validator(seconds, "SECONDS"));
    app.add_option("--connect-timeout", cl.remote.connect_timeout, "seconds to connect to a remote shard (default 3)")
        ->check(CLI::Validator(seconds, "SECONDS"));
    app.add_flag("--allow-partial", cl.remote.allow_partial,
                 "when remote shards do not answer, show the results of the others (marked partial)");
    app.add_flag("--schema", cl.schema, "print the fields, prefixes and value slots, then exit");
}

std::string finish_options(CommandLine& cl) {
    SearchRequest& req = cl.request;
    req.sort = parse_sort(cl.sort).value_or(SortOrder::Relevance);  // --sort checked its value
    for (const auto& w : cl.words) req.query += (req.query.empty() ? "" : " ") + w;
    for (const auto& f : cl.filters) {
        auto filter = parse_filter(f);
        if (!filter) return "--filter " + f + ": expected FIELD=VALUE";
        req.filters.push_back(std::move(*filter));
    }
    return {};
}

std::filesystem::path database_path(const CommandLine& cl) {
    return cl.db.empty() ? schema::default_database_path() : std::filesystem::path(cl.db);
}

TextStyle terminal_style(const CommandLine& cl) {
    StyleChoice choice = cl.style;
    choice.terminal = ::isatty(STDOUT_FILENO);
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    choice.no_color = no_color && *no_color;
    choice.dumb = term && std::string_view(term) == "dumb";
    TextStyle style = text_style(choice);
    style.show_query = cl.explain;
    return style;
}

}  // namespace news::searcher
