// newsdex-serve's HTTP side: a cpp-httplib server that routes GET requests to the Api (JSON)
// and serves the page from the data folder's web/, one log line per request.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <string>

namespace news::server {

struct ServerOptions {
    std::filesystem::path db;
    std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 picks a free one
    std::size_t threads = 0;       // searches at once (one Searcher each); 0: the cores, at most 4
    std::size_t connections = 64;  // connections served at once (cpp-httplib: a thread each)
    std::size_t cache_mb = 64;     // the response cache's budget in MiB (server/response_cache.h); 0: off
    int connection_nice = 10;      // nice steps the connection threads add to their own, 0 to 19 (docs/server.md)
};

struct Endpoint {
    std::string host;
    int port = 0;
};

/// "127.0.0.1:8080", "[::1]:8080", "localhost:0" -> host and port.
/// @throws news::Error saying what is wrong.
Endpoint parse_listen(const std::string& text);

/// Serves until SIGINT or SIGTERM. Prints "listening on http://HOST:PORT/" to `out` once the
/// port is bound (the port chosen, for port 0), and one line per request to `log`.
/// @throws news::Error when the database cannot be opened or the address cannot be bound.
void run_server(const ServerOptions& options, std::ostream& out, std::ostream& log);

}  // namespace news::server
