// newsdex-serve: options -> run_server() (JSON API and page) -> exit code.
#include "schema/common_options.h"
#include "schema/errors.h"
#include "server/http_server.h"

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <iostream>

namespace {

enum Exit { kStopped = 0, kUsage = 2, kFailure = 3 };

const char* kExamples = R"(
Examples:
  newsdex-serve                                 the default database on http://127.0.0.1:8080/
  newsdex-serve --db ~/news.db --listen 127.0.0.1:0   a free port, printed on standard output
  newsdex-serve --listen 0.0.0.0:8080           every interface: only when asked for
API: /api/search, /api/articles/ID, /api/articles/ID/similar, /api/timeline,
  /api/entities/KIND/NAME, /api/health, /api/stats (docs/server.md); the page at /.
Read-only; follows rebuilds by newsdex-index without a restart. One line per request on stderr.
Exit status: 0 stopped by SIGINT or SIGTERM, 2 usage error, 3 failure (no database, address in use).
Database: --db, else $NEWSDEX_DB, else $XDG_DATA_HOME/newsdex/db or ~/.local/share/newsdex/db.)";

}  // namespace

int main(int argc, char** argv) {
    news::server::ServerOptions options;
    std::string db;
    CLI::App app{"newsdex-serve: an HTTP JSON API and a web page over a newsdex database"};
    app.footer(kExamples);
    news::schema::add_common_options(app, "newsdex-serve");
    app.add_option("--db", db, "database directory (default: $NEWSDEX_DB or ~/.local/share/newsdex/db)");
    app.add_option("--listen", options.listen, "HOST:PORT to listen on (default 127.0.0.1:8080: this machine only; port 0: any free port)")
        ->check(CLI::Validator(
            [](const std::string& text) -> std::string {
                try {
                    news::server::parse_listen(text);
                    return {};
                } catch (const news::Error& e) {
                    return e.what();
                }
            },
            "HOST:PORT"));
    app.add_option("--threads", options.threads, "searches run at once, 1 to 64 (default: the cores, at most 4)")
        ->check(CLI::Range(1, 64));
    app.add_option("--connections", options.connections, "connections served at once, 1 to 1024 (default 64)")
        ->check(CLI::Range(1, 1024));
    app.add_option("--cache-mb", options.cache_mb,
                   "memory for recent answers, 0 to 4096 MiB (default 64; 0: none); dropped when the database changes")
        ->check(CLI::Range(0, 4096));
    app.add_option("--connection-nice", options.connection_nice,
                   "nice steps the connection threads add to their own, 0 to 19 (default 10): searches get the cores first")
        ->check(CLI::Range(0, 19));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? kStopped : kUsage;
    }
    options.db = db;
    try {
        news::server::run_server(options, std::cout, std::cerr);
        return kStopped;
    } catch (const news::Error& e) {
        std::cerr << "newsdex-serve: " << e.what() << "\n";
    } catch (const Xapian::Error& e) {
        std::cerr << "newsdex-serve: " << e.get_description() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "newsdex-serve: " << e.what() << "\n";
    }
    return kFailure;
}
