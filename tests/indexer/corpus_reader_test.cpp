// Tests for the corpus walk: formats by extension, ids, notes, and the counts adding up.
#include "indexer/readers/corpus_reader.h"

#include "schema/errors.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using news::indexer::Article;
using news::indexer::ReadNote;
using news::indexer::ReadReport;

/// A fresh directory under the system temp directory, removed with everything in it.
class TempDir {
  public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() /
                ("newsdex-readers-" + std::to_string(::getpid()) + "-" +
                 std::to_string(std::random_device{}()) + "-" + std::to_string(counter++));
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        for (auto it = fs::recursive_directory_iterator(path_, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
            if (!it->is_symlink()) fs::permissions(it->path(), fs::perms::owner_all,
                                                   fs::perm_options::add, ec);
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return path_; }
    fs::path write(const std::string& relative, const std::string& content) const {
        const fs::path file = path_ / relative;
        fs::create_directories(file.parent_path());
        std::ofstream out{file, std::ios::binary};
        out << content;
        return file;
    }

  private:
    fs::path path_;
};

struct Walk {
    std::vector<Article> articles;
    ReadReport report;
};

Walk read_all(const fs::path& root, std::size_t max_file_bytes = 64u << 20) {
    Walk walk;
    news::indexer::ReaderOptions options;
    options.max_file_bytes = max_file_bytes;
    news::indexer::read_corpus(
        root, [&](Article&& a) { walk.articles.push_back(std::move(a)); }, walk.report, options);
    return walk;
}

std::vector<std::string> ids(const Walk& walk) {
    std::vector<std::string> out;
    for (const auto& a : walk.articles) out.push_back(a.id);
    return out;
}

/// "where: message" relative to `root`, for one-line comparisons.
std::vector<std::string> notes(const std::vector<ReadNote>& list, const fs::path& root) {
    std::vector<std::string> out;
    const std::string prefix = root.string() + "/";
    for (const auto& note : list) {
        std::string where = note.where;
        if (where.starts_with(prefix)) where.erase(0, prefix.size());
        out.push_back(where + ": " + note.message);
    }
    return out;
}

void check_counts_add_up(const Walk& walk) {
    const ReadReport& r = walk.report;
    CHECK(r.articles == walk.articles.size());
    CHECK(r.items_seen == r.articles + r.rejected.size() + r.skipped.size());
}

}  // namespace

TEST_CASE("The corpus directory yields its three articles with file names as ids",
          "[indexer][reader]") {
    const Walk walk = read_all(CORPUS_DIR);
    CHECK(ids(walk) == std::vector<std::string>{"2020-amazon-cloud-training.txt",
                                                "aws-job-cuts-key-update.txt",
                                                "aws-lays-off-several-hundred.txt"});
    CHECK(walk.report.files_seen == 3);  // corpus/README.md, if present, is not an article
    CHECK(walk.report.warnings.empty());
    CHECK(walk.report.rejected.empty());
    CHECK(walk.report.skipped.empty());
    REQUIRE(walk.articles.size() == 3);
    CHECK(walk.articles[0].path == (fs::path{CORPUS_DIR} / "2020-amazon-cloud-training.txt").string());
    CHECK(walk.articles[0].line == 0);
    CHECK(walk.articles[0].date == "2020-12-15");
    CHECK(walk.articles[2].title == "Amazon Web Services lays off several hundred tech and sales staff");
    check_counts_add_up(walk);
}

TEST_CASE("A root that is a file gives an id equal to the file name", "[indexer][reader]") {
    const fs::path file = fs::path{CORPUS_DIR} / "aws-lays-off-several-hundred.txt";
    const Walk walk = read_all(file);
    CHECK(ids(walk) == std::vector<std::string>{"aws-lays-off-several-hundred.txt"});
    CHECK(walk.articles.at(0).path == file.string());
}

TEST_CASE("A missing root throws an error naming it", "[indexer][reader]") {
    const TempDir dir;
    const fs::path missing = dir.path() / "no-such-corpus";
    ReadReport report;
    REQUIRE_THROWS_AS(news::indexer::read_corpus(missing, [](Article&&) {}, report), news::Error);
    REQUIRE_THROWS_WITH(news::indexer::read_corpus(missing, [](Article&&) {}, report),
                        Catch::Contains(missing.string()));
}

TEST_CASE("A text file in Latin-1 or Windows-1252 is read in its charset, with a note naming it",
          "[indexer][reader][charset]") {
    const TempDir dir;
    dir.write("latin1.txt", "Results for the year\n\nThe company's profits rose to \xA3" "15.8m, the caf\xE9 "
                            "chain said on Tuesday. Its chairman said the r\xE9sum\xE9 of the year was good.\n");
    dir.write("cp1252.txt", "Quarterly figures\n\n\x93We are pleased\x94 with sales of \x80" "2.5m \x96 up 4% on the "
                            "year before \x96 said the chief executive.\n");
    const Walk walk = read_all(dir.path(), 1 << 20);
    REQUIRE(walk.articles.size() == 2);
    CHECK(walk.articles[0].body == "\u201CWe are pleased\u201D with sales of \u20AC" "2.5m \u2013 up 4% on the year "
                                   "before \u2013 said the chief executive.");
    CHECK(walk.articles[1].body == "The company's profits rose to \u00A3" "15.8m, the caf\u00E9 chain said on Tuesday. "
                                   "Its chairman said the r\u00E9sum\u00E9 of the year was good.");
    const auto warnings = notes(walk.report.warnings, dir.path());
    REQUIRE(warnings.size() == 2);
    CHECK_THAT(warnings[0], Catch::Matchers::StartsWith("cp1252.txt: invalid UTF-8 at byte 19; read as windows-1252"));
    CHECK_THAT(warnings[1], Catch::Matchers::StartsWith("latin1.txt: invalid UTF-8 at byte 52; read as ISO-8859-1"));
}

TEST_CASE("A mixed directory is read in sorted order with a note for every bad item",
          "[indexer][reader]") {
    const TempDir dir;
    dir.write("README.md", "# How this corpus is laid out\n\nNot an article.\n");
    dir.write("a.md", "---\ntitle: Markdown story\ntags: [x]\n---\nBody of a.\n");
    dir.write("b/nested.TXT", "Nested headline\nNested body.\n");
    dir.write("b/notes.pdf", "%PDF-1.4 ignored");
    dir.write("b/orphan.txt.meta.yaml", "title: no file beside me\n");
    dir.write("c.jsonl", "{\"id\": 1, \"body\": \"One.\"}\n\n{\"id\": 2, \"body\": }\n"
                         "{\"id\": 1, \"body\": \"Again.\"}\n{\"id\": 3, \"body\": \"Three.\"}\n");
    dir.write("d-empty.txt", "");
    dir.write("e-blank.md", "  \n\n\t\n");
    dir.write("f-binary.txt", std::string("GIF89a\0\0\x01\x02 text", 16));
    dir.write("g-control.txt", "\x01\x02\x03\x04\x05 mostly control characters");
    dir.write("h-big.txt", std::string(2000, 'x'));
    // UTF-8 with one damaged byte: repaired, not read as another charset
    dir.write("i-bad-utf8.txt", "Caf\xC3\xA9 headline \xE2\x80\x94 na\xC3\xAFve\nAnd \xC3 more text.\n");
    dir.write("j-bad-yaml.md", "---\ntitle: [unclosed\n---\nBody.\n");
    dir.write("k-front.txt", "---\ntitle: Text with front matter\n---\nBody k.\n");
    dir.write("l-empty.jsonl", "\n\n");
    dir.write("m-page.HTML", "<html><head><title>A page</title></head><body><p>Page text.</p></body></html>");
    dir.write(".DS_Store", "hidden files are not counted");

    const Walk walk = read_all(dir.path(), 1024);
    CHECK(ids(walk) == std::vector<std::string>{"a.md", "b/nested.TXT", "c.jsonl#1", "c.jsonl#3",
                                                "i-bad-utf8.txt", "k-front.txt", "m-page.HTML"});
    CHECK(walk.report.files_seen == 14);
    CHECK(notes(walk.report.rejected, dir.path()) ==
          std::vector<std::string>{
              "c.jsonl:3: invalid JSON: parse error at line 1, column 19: syntax error while "
              "parsing value - unexpected '}'; expected '[', '{', or a literal",
              "c.jsonl:4: duplicate id 1, first seen on line 1",
              "h-big.txt: file is 2000 bytes, over the limit of 1024 bytes",
              "j-bad-yaml.md:3: front matter: end of sequence flow not found"});
    CHECK(notes(walk.report.skipped, dir.path()) ==
          std::vector<std::string>{"b/notes.pdf: unsupported file type (newsdex reads .txt, .md, .markdown, "
                                   ".jsonl, .html, .htm)",
                                   "d-empty.txt: empty file", "e-blank.md: empty file",
                                   "f-binary.txt: binary file", "g-control.txt: binary file",
                                   "l-empty.jsonl: empty file"});
    CHECK(notes(walk.report.warnings, dir.path()) ==
          std::vector<std::string>{
              "i-bad-utf8.txt: invalid UTF-8 at byte 30 (1 bad sequence replaced with U+FFFD)"});
    REQUIRE(walk.articles.size() == 7);
    CHECK(walk.articles[1].title == "Nested headline");
    CHECK(walk.articles[1].path == (dir.path() / "b" / "nested.TXT").string());
    CHECK(walk.articles[3].line == 5);
    CHECK(walk.articles[4].title == "Caf\u00E9 headline \u2014 na\u00EFve");
    CHECK(walk.articles[4].body == "And \uFFFD more text.");
    CHECK(walk.articles[5].title == "Text with front matter");
    CHECK(walk.articles[5].body == "Body k.");
    CHECK(walk.articles[6].title == "A page");
    CHECK(walk.articles[6].body == "Page text.");
    check_counts_add_up(walk);
    CHECK(walk.report.items_seen == 17);
}

TEST_CASE("A sidecar overrides detected metadata; a malformed one is only a warning",
          "[indexer][reader]") {
    const TempDir dir;
    dir.write("story.txt", "Detected headline\nBody.\n");
    dir.write("story.txt.meta.yaml", "title: Given title\ndate: 2019-05-06\nurl: https://x.test/\n"
                                     "people: [Andy Jassy]\n");
    dir.write("other.txt", "Other headline\nBody.\n");
    dir.write("other.txt.meta.yaml", "title: [unclosed\n");
    const Walk walk = read_all(dir.path());
    REQUIRE(walk.articles.size() == 2);
    const Article& other = walk.articles[0];
    const Article& story = walk.articles[1];
    CHECK(other.title == "Other headline");
    CHECK(story.title == "Given title");
    CHECK(story.date == "2019-05-06");
    CHECK(story.url == "https://x.test/");
    CHECK(notes(walk.report.warnings, dir.path()) ==
          std::vector<std::string>{
              "other.txt.meta.yaml:2: sidecar ignored: end of sequence flow not found"});
    CHECK(walk.report.files_seen == 2);
    check_counts_add_up(walk);
}

TEST_CASE("A directory symlink back to its parent is reported once and not followed",
          "[indexer][reader]") {
    const TempDir dir;
    dir.write("top.txt", "Top headline\nTop body.\n");
    dir.write("sub/inner.txt", "Inner headline\nInner body.\n");
    fs::create_directory_symlink("..", dir.path() / "sub" / "loop");
    fs::create_symlink("self", dir.path() / "self");  // a symlink to itself: ELOOP
    const Walk walk = read_all(dir.path());
    CHECK(ids(walk) == std::vector<std::string>{"sub/inner.txt", "top.txt"});
    CHECK(notes(walk.report.warnings, dir.path()) ==
          std::vector<std::string>{"self: broken or looping symlink; not followed",
                                   "sub/loop: symlink loop back to " + dir.path().string() +
                                       "; not followed"});
    check_counts_add_up(walk);
}

TEST_CASE("An unreadable file is rejected with the OS reason", "[indexer][reader]") {
    const TempDir dir;
    const fs::path file = dir.write("locked.txt", "Locked headline\nBody.\n");
    fs::permissions(file, fs::perms::none);
    const Walk walk = read_all(dir.path());
    if (::geteuid() == 0) {
        WARN("running as root: permission bits do not stop reading, nothing to check");
        return;
    }
    CHECK(walk.articles.empty());
    CHECK(notes(walk.report.rejected, dir.path()) ==
          std::vector<std::string>{"locked.txt: cannot read file: Permission denied"});
    check_counts_add_up(walk);
}

TEST_CASE("A NUL byte in a JSON Lines file rejects that record, not the file",
          "[indexer][reader]") {
    const TempDir dir;
    const char with_nul[] = "{\"id\": 1, \"body\": \"Nul\0here\"}\n";
    dir.write("news.jsonl", std::string(with_nul, sizeof with_nul - 1) +
                                "{\"id\": 2, \"body\": \"Good.\"}\n");
    const Walk walk = read_all(dir.path());
    CHECK(ids(walk) == std::vector<std::string>{"news.jsonl#2"});
    CHECK(notes(walk.report.rejected, dir.path()) ==
          std::vector<std::string>{"news.jsonl:1: NUL byte at byte 22 of the line; not JSON text"});
    CHECK(walk.report.skipped.empty());
    check_counts_add_up(walk);
}

TEST_CASE("FIFOs and devices named like articles are skipped with their reason",
          "[indexer][reader]") {
    const TempDir dir;
    dir.write("a.txt", "Good headline\nGood body.\n");
    REQUIRE(::mkfifo((dir.path() / "pipe.txt").c_str(), 0600) == 0);
    fs::create_symlink("/dev/null", dir.path() / "null.jsonl");
    const Walk walk = read_all(dir.path());  // must not block on the FIFO
    CHECK(ids(walk) == std::vector<std::string>{"a.txt"});
    CHECK(notes(walk.report.skipped, dir.path()) ==
          std::vector<std::string>{"null.jsonl: not a regular file (character device); skipped",
                                   "pipe.txt: not a regular file (FIFO); skipped"});
    check_counts_add_up(walk);
}
