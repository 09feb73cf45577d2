#include "server/http_server.h"

#include "schema/data_dir.h"
#include "schema/cores.h"
#include "schema/database_dir.h"
#include "schema/errors.h"
#include "server/api.h"
#include "server/thread_priority.h"
#include "searcher/render.h"

#include <httplib.h>

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <mutex>
#include <ostream>
#include <thread>

namespace news::server {
namespace {

// The page's files: read once at start, so a request never touches the disk for them.
struct WebFile {
    std::string body, content_type;
};

std::map<std::string, WebFile> load_web(const std::filesystem::path& dir) {
    static const std::map<std::string, std::string> kTypes = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"}, {".svg", "image/svg+xml"}, {".png", "image/png"}};
    std::map<std::string, WebFile> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const auto type = kTypes.find(entry.path().extension().string());
        if (!entry.is_regular_file() || type == kTypes.end()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        files["/" + entry.path().filename().string()] = {
            {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()}, type->second};
    }
    if (files.count("/index.html") == 0)
        throw Error(dir.string() + ": no index.html for the page; give the data folder with --data-dir");
    files["/"] = files["/index.html"];
    return files;
}

Params params_of(const httplib::Request& req) { return {req.params.begin(), req.params.end()}; }

void send(httplib::Response& res, const Response& r) {
    res.status = r.status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(r.body, r.content_type.c_str());
}

thread_local std::chrono::steady_clock::time_point request_start;  // set before routing

// cpp-httplib's connection threads, each lowering its own priority by `nice` steps before it
// serves its first connection, for good: the searcher threads (server/searcher_pool.h) then get
// the cores first, and a search is not slowed by the many threads answering cache hits.
class ConnectionThreads : public httplib::ThreadPool {
  public:
    ConnectionThreads(std::size_t threads, int nice) : httplib::ThreadPool(threads), nice_(nice) {}
    void enqueue(std::function<void()> serve) override {
        httplib::ThreadPool::enqueue([nice = nice_, serve = std::move(serve)] {
            thread_local const int lowered = (pthread_setname_np(pthread_self(), "connection"),
                                              lower_thread_priority(nice));
            static_cast<void>(lowered);
            serve();
        });
    }

  private:
    int nice_;
};

// Blocks SIGINT and SIGTERM in every thread started after it; one thread waits for them.
class StopOnSignal {
  public:
    explicit StopOnSignal(httplib::Server& server) {
        sigemptyset(&signals_);
        sigaddset(&signals_, SIGINT);
        sigaddset(&signals_, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
        waiter_ = std::thread([this, &server] {
            int signal = 0;
            sigwait(&signals_, &signal);
            server.stop();
        });
    }
    ~StopOnSignal() {
        pthread_kill(waiter_.native_handle(), SIGTERM);  // wakes the waiter if no signal came
        waiter_.join();
    }
    StopOnSignal(const StopOnSignal&) = delete;
    StopOnSignal& operator=(const StopOnSignal&) = delete;

  private:
    sigset_t signals_;
    std::thread waiter_;
};

void add_routes(httplib::Server& http, Api& api, const std::map<std::string, WebFile>& web) {
    http.Get("/api/search", [&](const httplib::Request& req, httplib::Response& res) { send(res, api.search(params_of(req))); });
    // Ids may hold '/', so the similar route is tried first.
    http.Get(R"(/api/articles/(.+)/similar)", [&](const httplib::Request& req, httplib::Response& res) {
        send(res, api.similar(req.matches[1], params_of(req)));
    });
    http.Get(R"(/api/articles/(.+))", [&](const httplib::Request& req, httplib::Response& res) {
        send(res, api.article(req.matches[1], params_of(req)));
    });
    http.Get("/api/timeline", [&](const httplib::Request& req, httplib::Response& res) { send(res, api.timeline(params_of(req))); });
    http.Get(R"(/api/entities/([^/]+)/(.+))", [&](const httplib::Request& req, httplib::Response& res) {
        send(res, api.entity(req.matches[1], req.matches[2], params_of(req)));
    });
    http.Get("/api/health", [&](const httplib::Request&, httplib::Response& res) { send(res, api.health()); });
    http.Get("/api/stats", [&](const httplib::Request&, httplib::Response& res) { send(res, api.stats()); });
    const auto refuse = [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Allow", "GET");
        send(res, {405, R"({"api_version": 1, "error": {"status": 405, "parameter": null, "column": null, )"
                        R"("message": "read-only: only GET requests are served"}})" "\n"});
    };
    http.Post(".*", refuse).Put(".*", refuse).Delete(".*", refuse).Patch(".*", refuse);
    http.Get(R"(/[A-Za-z0-9_.-]*)", [&](const httplib::Request& req, httplib::Response& res) {
        const auto file = web.find(req.path);
        if (file == web.end()) return send(res, Api::not_found(req.path));
        res.set_header("Cache-Control", "no-cache");
        res.set_header("Content-Security-Policy",
                       "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        res.set_content(file->second.body, file->second.content_type.c_str());
    });
}

}  // namespace

Endpoint parse_listen(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
        throw Error("--listen " + text + ": expected HOST:PORT, as 127.0.0.1:8080 or [::1]:8080");
    Endpoint e;
    e.host = text.substr(0, colon);
    if (e.host.front() == '[' && e.host.back() == ']') e.host = e.host.substr(1, e.host.size() - 2);
    const std::string port = text.substr(colon + 1);
    if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535)
        throw Error("--listen " + text + ": the port must be a number from 0 to 65535");
    e.port = std::stoi(port);
    return e;
}

void run_server(const ServerOptions& options, std::ostream& out, std::ostream& log) {
    const Endpoint endpoint = parse_listen(options.listen);
    const std::size_t threads =
        options.threads ? options.threads : std::clamp<std::size_t>(schema::available_cores(), 1, 4);
    const auto web = load_web(schema::data_dir() / "web");
    Api api(options.db.empty() ? schema::default_database_path() : options.db, threads, {},
            options.cache_mb * 1024 * 1024);

    httplib::Server http;
    const std::size_t connections = std::max(options.connections, threads);
    http.new_task_queue = [connections, nice = options.connection_nice] { return new ConnectionThreads(connections, nice); };
    http.set_read_timeout(5, 0);
    http.set_write_timeout(5, 0);
    http.set_keep_alive_timeout(5);
    http.set_keep_alive_max_count(100000);
    // A response goes out in two writes (headers, body): with Nagle's algorithm the body waits
    // for the client's delayed acknowledgement of the headers, up to 40 ms on Linux.
    http.set_tcp_nodelay(true);
    http.set_payload_max_length(64 * 1024);  // GET only: nothing to upload
    http.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});
    std::mutex log_mutex;
    http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
        request_start = std::chrono::steady_clock::now();
        return httplib::Server::HandlerResponse::Unhandled;
    });
    http.set_logger([&](const httplib::Request& req, const httplib::Response& res) {
        const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_start).count();
        char line[64];
        std::snprintf(line, sizeof line, " %d %.1f ms\n", res.status, ms);
        const std::string text = req.method + " " + searcher::printable(req.path) + line;
        const std::lock_guard lock(log_mutex);
        log << text << std::flush;
    });
    http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;
        const Response r = res.status == 404 ? Api::not_found(req.path)
                                             : Response{res.status, R"({"api_version": 1, "error": {"status": )" +
                                                                        std::to_string(res.status) +
                                                                        R"(, "parameter": null, "column": null, "message": "bad request"}})"};
        res.set_content(r.body, r.content_type.c_str());
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.set_content(R"({"api_version": 1, "error": {"status": 500, "parameter": null, "column": null, "message": "internal error"}})",
                        "application/json");
    });
    add_routes(http, api, web);

    const int port = endpoint.port == 0 ? http.bind_to_any_port(endpoint.host)
                                        : (http.bind_to_port(endpoint.host, endpoint.port) ? endpoint.port : -1);
    if (port < 0) throw Error("--listen " + options.listen + ": cannot listen there (in use, or not an address of this machine)");
    const bool brackets = endpoint.host.find(':') != std::string::npos;
    out << "listening on http://" << (brackets ? "[" + endpoint.host + "]" : endpoint.host) << ":" << port << "/"
        << std::endl;
    StopOnSignal stop(http);
    http.listen_after_bind();
}

}  // namespace news::server
