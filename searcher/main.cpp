// newsdex-search: options -> Searcher::search() -> text or JSON -> exit code.
#include "schema/common_options.h"
#include "schema/errors.h"
#include "schema/fields.h"
#include "searcher/cli.h"
#include "searcher/render.h"
#include "searcher/search.h"

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <filesystem>
#include <iostream>
#include <string>

namespace {

enum Exit { kHits = 0, kNoHits = 1, kUsage = 2, kFailure = 3 };

int fail(const std::string& where, const std::string& what, int code) {  // both may echo the query
    std::cerr << "newsdex-search: " << news::searcher::printable(where) << ": " << news::searcher::printable(what)
              << "\n";
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    news::searcher::CommandLine cl;
    CLI::App app{"newsdex-search: search a newsdex database of news articles"};
    news::schema::add_common_options(app, "newsdex-search");
    news::searcher::add_options(app, cl);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? kHits : kUsage;
    }
    if (cl.schema) {
        std::cout << news::schema::describe();
        return kHits;
    }
    if (const std::string usage = news::searcher::finish_options(cl); !usage.empty()) {
        std::cerr << "newsdex-search: " << news::searcher::printable(usage) << "\n";
        return kUsage;
    }
    const std::filesystem::path path = news::searcher::database_path(cl);
    try {
        news::searcher::Searcher searcher{path, {}, cl.remote};
        const auto results = searcher.search(cl.request);
        const news::searcher::TextStyle style = news::searcher::terminal_style(cl);
        std::cout << (cl.json ? news::searcher::render_json(results) + "\n" : news::searcher::render_text(results, style));
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
