// newsdex-search's command line: its options and how they become a SearchRequest, a database
// path and a text style. Keeps main.cpp to parsing, one search and exit codes.
#pragma once

#include "searcher/render.h"
#include "searcher/search.h"

#include <filesystem>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace news::searcher {

/// What newsdex-search's options set: the request and what only the program uses.
struct CommandLine {
    SearchRequest request;
    std::vector<std::string> words;    // the query's arguments, joined with spaces
    std::vector<std::string> filters;  // --filter FIELD=VALUE as given
    std::string db;                    // --db as given; empty: schema::default_database_path()
    std::string sort = "relevance";
    StyleChoice style;
    RemoteOptions remote;              // --timeout, --connect-timeout, --allow-partial
    bool json = false, schema = false, explain = false;
};

/// Adds every option of newsdex-search but the common ones (schema/common_options.h) to `app`.
void add_options(CLI::App& app, CommandLine& cl);

/// Completes `cl.request` from the parsed options (query words, sort, filters). Returns a
/// usage message naming the option that is wrong, else empty.
std::string finish_options(CommandLine& cl);

/// The database the options name.
std::filesystem::path database_path(const CommandLine& cl);

/// The text style for standard output: the options, whether it is a terminal, NO_COLOR and
/// TERM (text_style()).
TextStyle terminal_style(const CommandLine& cl);

}  // namespace news::searcher
