// Shards behind Xapian's remote backend: xapian-tcpsrv on 127.0.0.1 (ports chosen free, servers
// started and stopped by their process ids) and xapian-progsrv stub lines. Searches must give
// what one database gives; a server killed or stopped mid-run gives an error naming its shard,
// or, with allow_partial, the other shards' results marked partial. Skipped without xapian-tools.
#include "searcher/remote.h"

#include "indexer/index_writer.h"
#include "schema/database_dir.h"
#include "schema/errors.h"
#include "searcher/search.h"

#include "shard_fixture.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;
using news::searcher::RemoteOptions;
using news::searcher::SearchRequest;
using news::searcher::Searcher;

/// The program's full path on $PATH, or empty.
std::string on_path(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');)
        if (!dir.empty() && ::access((fs::path(dir) / program).c_str(), X_OK) == 0) return (fs::path(dir) / program).string();
    return {};
}

/// The program's full path, or empty (and a warning: the test is skipped) without xapian-tools.
std::string tool(const std::string& program) {
    const std::string found = on_path(program);
    if (found.empty()) WARN(program << " is not installed (Debian package xapian-tools): remote shards not tested");
    return found;
}

/// A TCP port on 127.0.0.1 that nothing listens on now (the kernel's choice).
unsigned free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t size = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
    ::close(fd);
    return ntohs(addr.sin_port);
}

bool accepts(unsigned port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

/// A server on 127.0.0.1 (xapian-tcpsrv serving one database, or xapian-replicate-server), in a
/// process group of its own (it forks a child per connection): stopped by signalling that
/// group, whose id is the server's pid. `args` follow the program; "{port}" stands for the port.
class TcpServer {
  public:
    TcpServer(const std::string& program, const fs::path& db)
        : TcpServer(program, {"--quiet", "--interface", "127.0.0.1", "--port", "{port}", db.string()}) {}
    TcpServer(const std::string& program, const std::vector<std::string>& args) {
        for (int attempt = 0; attempt < 5 && pid_ <= 0; ++attempt) {
            port_ = free_port();
            std::vector<std::string> argv{program};
            for (const auto& a : args) argv.push_back(a == "{port}" ? std::to_string(port_) : a);
            pid_ = ::fork();
            REQUIRE(pid_ >= 0);
            if (pid_ == 0) {
                ::setpgid(0, 0);
                std::vector<char*> raw;
                for (auto& a : argv) raw.push_back(a.data());
                raw.push_back(nullptr);
                ::execv(program.c_str(), raw.data());
                ::_exit(127);
            }
            ::setpgid(pid_, pid_);
            for (int wait = 0; wait < 200 && !accepts(port_); ++wait) {
                std::this_thread::sleep_for(std::chrono::milliseconds(25));
                int status = 0;
                if (::waitpid(pid_, &status, WNOHANG) == pid_) {  // the port was taken meanwhile
                    pid_ = -1;
                    break;
                }
            }
        }
        REQUIRE(pid_ > 0);
        REQUIRE(accepts(port_));
    }
    ~TcpServer() { kill(); }
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;

    void kill() {
        if (pid_ <= 0) return;
        ::kill(-pid_, SIGCONT);
        ::kill(-pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
    void pause() const { ::kill(-pid_, SIGSTOP); }
    void resume() const { ::kill(-pid_, SIGCONT); }
    std::string line() const { return "remote 127.0.0.1:" + std::to_string(port_); }
    unsigned port() const { return port_; }

  private:
    pid_t pid_ = -1;
    unsigned port_ = 0;
};

/// Runs a program to its end; its exit status (127: it could not be run).
int run_tool(const std::string& program, std::vector<std::string> args) {
    args.insert(args.begin(), program);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        std::vector<char*> raw;
        for (auto& a : args) raw.push_back(a.data());
        raw.push_back(nullptr);
        ::execv(program.c_str(), raw.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

fs::path shard(int i) {
    return news::schema::live_generation(news::test::archives().three) / ("shard-" + std::to_string(i));
}

/// A database directory whose stub holds `lines`.
fs::path stub_dir(const news::test::TempDir& dir, const std::string& name, const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    news::test::write_file(dir.path / name / "XAPIANDB", text);
    return dir.path / name;
}

bool has_title_phrase(const SearchRequest& r) { return r.query.find("title:\"") != std::string::npos; }

void same_as_one_database(const fs::path& remote, const RemoteOptions& options = {}) {
    Searcher one{news::test::archives().one}, shards{remote, {}, options};
    for (const auto& request : news::test::requests()) {
        INFO("query '" << request.query << "' similar '" << request.similar_to << "'");
        if (has_title_phrase(request)) {
            CHECK_THROWS_AS(shards.search(request), news::QueryError);  // refused, exit status 2
            continue;
        }
        const auto b = shards.search(request);
        CHECK(b.remote);
        CHECK_FALSE(b.partial);
        // Remote shards serve no spelling dictionary: the query is searched as typed, and the
        // results say so.
        const bool no_dictionary = std::any_of(b.notes.begin(), b.notes.end(), [](const std::string& note) {
            return note.starts_with("no spelling suggestions");
        });
        SearchRequest as_typed = request;
        as_typed.respell = !no_dictionary;
        auto a = one.search(as_typed);
        if (no_dictionary) a.suggestion.clear();
        news::test::same_results(a, b);
    }
}

}  // namespace

TEST_CASE("Shards behind xapian-tcpsrv answer as one database", "[searcher][remote]") {
    const std::string tcpsrv = tool("xapian-tcpsrv");
    if (tcpsrv.empty()) return;
    const news::test::TempDir dir;
    const TcpServer s0{tcpsrv, shard(0)}, s1{tcpsrv, shard(1)}, s2{tcpsrv, shard(2)};
    same_as_one_database(stub_dir(dir, "tcp", {s0.line(), s1.line(), s2.line()}));
    SECTION("with the first shard local, which holds the spelling dictionary: the same suggestions") {
        const fs::path mixed = stub_dir(dir, "mixed", {"auto " + shard(0).string(), s1.line(), s2.line()});
        Searcher one{news::test::archives().one}, shards{mixed};
        SearchRequest request;
        request.query = "markte golld";
        const auto a = one.search(request), b = shards.search(request);
        CHECK_FALSE(a.respelled.empty());
        news::test::same_results(a, b);
    }
}

TEST_CASE("Shards through xapian-progsrv stub lines answer as one database", "[searcher][remote]") {
    const std::string progsrv = tool("xapian-progsrv");
    if (progsrv.empty()) return;
    const news::test::TempDir dir;
    std::vector<std::string> lines;
    for (int i = 0; i < 3; ++i) lines.push_back("remote :" + progsrv + " " + shard(i).string());
    same_as_one_database(stub_dir(dir, "prog", lines));
}

TEST_CASE("A shard server killed mid-run is named, or left out with allow_partial", "[searcher][remote]") {
    const std::string tcpsrv = tool("xapian-tcpsrv");
    if (tcpsrv.empty()) return;
    const news::test::TempDir dir;
    TcpServer s0{tcpsrv, shard(0)}, s1{tcpsrv, shard(1)}, s2{tcpsrv, shard(2)};
    const fs::path stub = stub_dir(dir, "tcp", {s0.line(), s1.line(), s2.line()});
    RemoteOptions strict, partial;
    strict.timeout = partial.timeout = 2;
    strict.connect_timeout = partial.connect_timeout = 1;
    partial.allow_partial = true;
    Searcher refuses{stub, {}, strict}, tolerates{stub, {}, partial};  // both connected
    SearchRequest request;
    request.query = "gold";
    request.limit = 300;
    request.facets = {"year"};
    const auto all = tolerates.search(request);
    REQUIRE(all.hits.size() > 20);
    s1.kill();

    try {
        refuses.search(request);
        FAIL("a search with a shard down must fail");
    } catch (const news::Error& e) {
        CHECK_THAT(e.what(), Catch::Contains(s1.line()));
        CHECK_THAT(e.what(), Catch::Contains("--allow-partial"));
    }
    const auto some = tolerates.search(request);
    CHECK(some.partial);
    CHECK(some.missing_shards == std::vector<std::string>{s1.line()});
    // Exactly the hits of the other two shards, with the whole database's docids.
    std::vector<Xapian::docid> expected;
    for (const auto& hit : all.hits)
        if ((hit.docid - 1) % 3 != 1) expected.push_back(hit.docid);
    std::vector<Xapian::docid> got;
    for (const auto& hit : some.hits) got.push_back(hit.docid);
    std::sort(expected.begin(), expected.end());
    std::sort(got.begin(), got.end());
    CHECK(got == expected);
    // A new searcher opens what answers, and says what did not.
    CHECK_THROWS_WITH(Searcher(stub, {}, strict), Catch::Contains(s1.line()));
    const auto reopened = Searcher(stub, {}, partial).search(request);
    CHECK(reopened.partial);
    CHECK(reopened.hits.size() == some.hits.size());
}

TEST_CASE("A shard server that stops answering times out with an error naming it", "[searcher][remote]") {
    const std::string tcpsrv = tool("xapian-tcpsrv");
    if (tcpsrv.empty()) return;
    const news::test::TempDir dir;
    TcpServer s0{tcpsrv, shard(0)}, s1{tcpsrv, shard(1)}, s2{tcpsrv, shard(2)};
    const fs::path stub = stub_dir(dir, "tcp", {s0.line(), s1.line(), s2.line()});
    RemoteOptions options;
    options.timeout = 1;
    options.connect_timeout = 1;
    Searcher searcher{stub, {}, options};
    s2.pause();  // alive, but silent: only the timeouts end the wait
    SearchRequest request;
    request.query = "gold";
    CHECK_THROWS_WITH(searcher.search(request), Catch::Contains(s2.line()));
    s2.resume();
}

TEST_CASE("Replicas kept by xapian-replicate follow the master, and an open searcher follows them",
          "[searcher][remote][replication]") {
    const std::string server = tool("xapian-replicate-server"), client = tool("xapian-replicate");
    if (server.empty() || client.empty()) return;
    const news::test::TempDir dir;
    const fs::path corpus = dir.path / "corpus", master = dir.path / "master", replica = dir.path / "replica";
    news::test::write_file(corpus / "news.jsonl", news::test::corpus_lines(60));
    // Changesets are kept by databases written with XAPIAN_MAX_CHANGESETS set (newsdex-index
    // --changesets N sets it).
    ::setenv("XAPIAN_MAX_CHANGESETS", "10", 1);
    REQUIRE(news::test::index(master, corpus, 3).added == 60);
    const TcpServer serving{server, {"--interface", "127.0.0.1", "--port", "{port}", master.string()}};
    fs::create_directories(replica);
    auto replicate = [&] {
        for (int i = 0; i < 3; ++i) {
            const std::string name = "shard-" + std::to_string(i);
            REQUIRE(run_tool(client, {"-h", "127.0.0.1", "-p", std::to_string(serving.port()), "-m", name, "-o", "-q",
                                      "-r", "0", (replica / name).string()}) == 0);
        }
    };
    replicate();
    news::test::write_file(replica / "XAPIANDB", "auto shard-0\nauto shard-1\nauto shard-2\n");
    Searcher reader{replica};
    SearchRequest request;
    request.query = "said";
    request.limit = 0;
    request.count_limit = 1000000;
    const auto before = reader.search(request).lower_bound;
    CHECK(before == Searcher(master).search(request).lower_bound);

    // An update changes the shards in place: the replicas apply its changesets, in place too.
    news::test::write_file(corpus / "news.jsonl", news::test::corpus_lines(60) + news::test::corpus_lines(15, 60));
    REQUIRE(news::test::index(master, corpus, 0).added == 15);
    const std::string copy_before = news::schema::read_stub(replica / "shard-0");
    replicate();
    CHECK(news::schema::read_stub(replica / "shard-0") == copy_before);  // no full copy
    const auto updated = Searcher(master).search(request).lower_bound;
    CHECK(updated > before);
    CHECK(reader.follow_generation());  // as a long-lived process does before a search
    CHECK(reader.search(request).lower_bound == updated);  // the open searcher took the new revision

    // A rebuild makes new databases under the same names: each replica copies it whole and
    // switches its stub; the open searcher follows the switch.
    REQUIRE(news::test::index(master, corpus, 0, true).added == 75);
    replicate();
    CHECK(news::schema::read_stub(replica / "shard-0") != copy_before);
    CHECK(reader.follow_generation());
    CHECK_FALSE(reader.follow_generation());  // nothing changed since
    CHECK(reader.search(request).lower_bound == updated);
    request.limit = 5;
    const auto a = Searcher(master).search(request), b = reader.search(request);
    news::test::same_results(a, b);
    ::unsetenv("XAPIAN_MAX_CHANGESETS");
}
