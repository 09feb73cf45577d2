// newsdex-search: options -> Searcher::search() -> text or JSON -> exit code.
#include "schema/common_options.h"
#include "schema/database_dir.h"
#include "schema/errors.h"
#include "schema/fields.h"
#include "searcher/render.h"
#include "searcher/search.h"

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <unistd.h>

#include <cstdlib>
#include <cmath>
#include <iostream>
#include <string_view>

namespace {

enum Exit { kHits = 0, kNoHits = 1, kUsage = 2, kFailure = 3 };


int fail(const std::string& where, const std::string& what, int code) {  // both may echo the query
    std::cerr << "newsdex-search: " << news::searcher::printable(where) << ": " << news::searcher::printable(what)
              << "\n";
    return code;
}

const char* kExamples = R"(
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

}  // namespace

int main(int argc, char** argv) {
    using news::searcher::Expand;
    news::searcher::SearchRequest req;
    std::vector<std::string> words, filters;
    std::string db;
    std::string sort = "relevance";
    news::searcher::StyleChoice style_choice;
    bool json = false, schema = false, explain = false;
    CLI::App app{"newsdex-search: search a newsdex database of news articles"};
    app.footer(kExamples);
    news::schema::add_common_options(app, "newsdex-search");
    app.add_option("query", words, "the query (several arguments are joined with spaces)");
    app.add_option("--db", db, "database directory (default: $NEWSDEX_DB or ~/.local/share/newsdex/db)");
    app.add_flag("--json", json, "print one JSON document (docs/json.md) instead of text");
    app.add_option("-n,--limit", req.limit, "results to show, 0 to 10000 (default 10; 0: count and facets only)")
        ->check(CLI::Range(0, 10000));
    app.add_option("--offset", req.offset, "results to skip, for paging, 0 to 10000000 (default 0)")
        ->check(CLI::Range(0, 10000000));
    app.add_option("--color", style_choice.color, "auto (default: on a terminal, unless NO_COLOR or TERM=dumb), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    app.add_option("--highlight", style_choice.highlight, "query words in snippets: auto (bold with colour), markers (**word**), none")
        ->check(CLI::IsMember({"auto", "markers", "none"}));
    app.add_option("--filter", filters, "FIELD=VALUE or FIELD=LO..HI, repeatable; narrows without re-ranking")->allow_extra_args(false);
    app.add_option("--facet", req.facets, "count values of these fields over all matches")->delimiter(',')->allow_extra_args(false);
    app.add_option("--facet-limit", req.facet_limit, "values shown per facet, 1 to 10000 (default 10)")
        ->check(CLI::Range(1, 10000));
    app.add_option("--snippet-length", req.snippet_length, "snippet size in bytes, 20 to 100000 (default 240)")
        ->check(CLI::Range(20, 100000));
    app.add_option("--sort", sort, "relevance (default), date (newest first) or date-asc; undated last")
        ->check(CLI::IsMember({"relevance", "date", "date-asc"}));
    app.add_flag("--any", req.any_word, "match any of the words (OR), ranked; default: all words");
    app.add_flag("--as-typed{false}", req.respell, "search misspelled words as typed, not respelled");
    app.add_flag("--expand,!--no-expand", [&](std::int64_t n) { req.expand = n > 0 ? Expand::On : Expand::Off; },
                 "add words of the best articles to the query and rank again (default: with --any only)");
    app.add_option("--similar", req.similar_to, "articles like the one with this id (more like this)");
    app.add_option("--recent", req.recency_half_life,
                   "boost newer articles: the boost halves every DAYS before the newest article")
        ->check(CLI::Validator(
            [](const std::string& text) -> std::string {
                double days = 0;
                if (!CLI::detail::lexical_cast(text, days) || !std::isfinite(days) || days <= 0 || days > 1e6)
                    return "DAYS must be a number of days over 0 and at most 1000000, not " + text;
                return {};
            },
            "DAYS"));
    app.add_flag("--collapse", req.collapse, "fold duplicate articles (same opening text) into one result");
    app.add_flag("--explain", explain, "print the parsed query before the results");
    app.add_flag("--schema", schema, "print the fields, prefixes and value slots, then exit");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? kHits : kUsage;
    }
    if (schema) {
        std::cout << news::schema::describe();
        return kHits;
    }
    req.sort = sort == "date" ? news::searcher::SortOrder::Date
               : sort == "date-asc" ? news::searcher::SortOrder::DateAsc
                                    : news::searcher::SortOrder::Relevance;
    for (const auto& w : words) req.query += (req.query.empty() ? "" : " ") + w;
    for (const auto& f : filters) {
        const auto eq = f.find('=');
        if (eq == std::string::npos || eq == 0) return fail("--filter " + f, "expected FIELD=VALUE", kUsage);
        req.filters.emplace_back(f.substr(0, eq), f.substr(eq + 1));
    }
    const std::filesystem::path path = db.empty() ? news::schema::default_database_path() : std::filesystem::path(db);
    try {
        news::searcher::Searcher searcher{path};
        const auto results = searcher.search(req);
        style_choice.terminal = ::isatty(STDOUT_FILENO);
        const char* no_color = std::getenv("NO_COLOR");
        const char* term = std::getenv("TERM");
        style_choice.no_color = no_color && *no_color;
        style_choice.dumb = term && std::string_view(term) == "dumb";
        news::searcher::TextStyle style = news::searcher::text_style(style_choice);
        style.show_query = explain;
        std::cout << (json ? news::searcher::render_json(results) + "\n" : news::searcher::render_text(results, style));
        return results.hits.empty() && results.lower_bound == 0 ? kNoHits : kHits;  // -n 0: the count says
    } catch (const news::QueryError& e) {
        return fail(e.column ? "query column " + std::to_string(e.column) : "query", e.what(), kUsage);
    } catch (const Xapian::UnimplementedError& e) {  // an operator combination Xapian cannot run
        return fail("query", e.get_msg() + "; rewrite the query without this combination", kUsage);
    } catch (const news::Error& e) {
        return fail("error", e.what(), kFailure);
    } catch (const Xapian::Error& e) {
        return fail(path.string(), e.get_description(), kFailure);
    } catch (const std::exception& e) {
        return fail("error", e.what(), kFailure);
    }
}
