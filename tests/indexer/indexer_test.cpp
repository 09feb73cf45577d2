// run_indexer over rebuilt indexes, which keep no termlists (indexer/shard_writer.h): an
// update that must replace or delete rebuilds instead and reports like an update, and every
// rebuild keeps the documents whose input was rejected in the run.
#include "indexer/indexer.h"

#include "indexer/document_builder.h"
#include "indexer/index_writer.h"
#include "indexer/report.h"
#include "indexer/shard_writer.h"
#include "schema/database_dir.h"
#include "schema/document_data.h"
#include "schema/document_layout.h"
#include "schema/gazetteer.h"

#include "temp_dir.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using news::test::TempDir;

namespace {

// Records r<first>..r<last>, each with a word of its own ("onlyrN") and `extra` in record `changed`.
void write_jsonl(const fs::path& path, int first, int last, int changed = -1, const std::string& extra = "") {
    std::ofstream out(path);
    for (int i = first; i <= last; ++i)
        out << R"({"id": "r)" << i << R"(", "title": "Story )" << i << R"(", "date": "2021-03-04", "body": "Cloud )"
            << "markets rose in Seattle, onlyr" << i << (i == changed ? " " + extra : "") << R"(."})" << "\n";
}

news::indexer::IndexStats index(const fs::path& db, const fs::path& corpus, bool rebuild) {
    news::indexer::IndexOptions options;
    options.db = db;
    options.inputs = {corpus};
    options.rebuild = rebuild;
    return news::indexer::run_indexer(options);
}

// A corpus folder and a database beside it, in a temporary directory.
struct Archive {
    TempDir dir;
    fs::path db = dir.path / "db", corpus = dir.path / "corpus";
    Archive() { fs::create_directory(corpus); }
};

Xapian::doccount docs_with(const fs::path& db, const std::string& term) {
    return Xapian::Database((db / "XAPIANDB").string()).get_termfreq(term);
}

}  // namespace

TEST_CASE("An update that must replace or delete in a rebuilt index rebuilds it, counted as an update",
          "[indexer][termlists]") {
    const Archive archive;
    const fs::path &db = archive.db, &corpus = archive.corpus;
    write_jsonl(corpus / "a.jsonl", 0, 4);
    auto stats = index(db, corpus, true);
    CHECK(stats.added == 5);
    CHECK_FALSE(news::indexer::has_termlists(news::schema::live_generation(db)));

    // only additions: in place, no termlists needed
    write_jsonl(corpus / "b.jsonl", 10, 10);
    stats = index(db, corpus, false);
    CHECK(stats.rebuilt_because.empty());
    CHECK(stats.added == 1);
    CHECK(stats.unchanged == 5);
    CHECK_FALSE(news::indexer::has_termlists(news::schema::live_generation(db)));

    // one record changed, one gone, one new: a rebuild, with an update's counts
    write_jsonl(corpus / "a.jsonl", 0, 5, 1, "revised");
    fs::remove(corpus / "b.jsonl");
    news::indexer::IndexOptions dry;
    dry.db = db;
    dry.inputs = {corpus};
    dry.dry_run = true;
    stats = news::indexer::run_indexer(dry);
    CHECK(stats.rebuilt_because == "1 article(s) changed and 1 gone, and the index, built by a rebuild, keeps no "
                                   "termlists to replace or delete them in place");
    CHECK(stats.updated == 1);
    CHECK_FALSE(news::indexer::has_termlists(news::schema::live_generation(db)));  // a dry run writes nothing
    stats = index(db, corpus, false);
    CHECK_THAT(stats.rebuilt_because, Catch::Contains("article a.jsonl#r1 changed"));
    CHECK(stats.added == 1);
    CHECK(stats.updated == 1);
    CHECK(stats.unchanged == 4);
    CHECK(stats.deleted == 1);
    CHECK(stats.doc_count == 6);
    CHECK(docs_with(db, "revis") == 1);
    CHECK(docs_with(db, "onlyr10") == 0);
    CHECK_THAT(news::indexer::summary_json(stats, false), Catch::Contains(R"("rebuilt_because":"article a.jsonl#r1)"));
    CHECK(news::indexer::has_termlists(news::schema::live_generation(db)));

    // the rebuilt index kept its termlists: the next change is made in place
    write_jsonl(corpus / "a.jsonl", 0, 4, 2, "again");
    stats = index(db, corpus, false);
    CHECK(stats.rebuilt_because.empty());
    CHECK(stats.updated == 2);  // r1 lost "revised", r2 got "again"
    CHECK(stats.deleted == 1);
    CHECK(stats.doc_count == 5);
    CHECK(docs_with(db, "again") == 1);
    CHECK(docs_with(db, "revis") == 0);
    CHECK_THAT(news::indexer::summary_json(stats, false), Catch::Contains(R"("rebuilt_because":null)"));
    CHECK_THAT(news::indexer::summary_json(stats, false), Catch::Contains(R"("format_version":2)"));  // docs/json.md
}

TEST_CASE("Articles an update added before it had to rebuild still count as added",
          "[indexer][termlists]") {
    const Archive archive;
    const fs::path &db = archive.db, &corpus = archive.corpus;
    write_jsonl(corpus / "a.jsonl", 0, 4);
    index(db, corpus, true);
    // new records first, in the input order; a gone one found only at the end of the run
    write_jsonl(corpus / "a.jsonl", 0, 3);
    write_jsonl(corpus / "b.jsonl", 10, 11);
    const auto stats = index(db, corpus, false);
    CHECK_THAT(stats.rebuilt_because, Catch::Contains("1 indexed article(s) are gone from the input (a.jsonl#r4)"));
    CHECK(stats.added == 2);
    CHECK(stats.unchanged == 4);
    CHECK(stats.deleted == 1);
    CHECK(stats.doc_count == 6);
    CHECK(docs_with(db, "onlyr4") == 0);
    CHECK(docs_with(db, "onlyr11") == 1);
}

TEST_CASE("A rebuild keeps the documents whose input was rejected, built again from their stored copy",
          "[indexer][termlists]") {
    const Archive archive;
    const fs::path &db = archive.db, &corpus = archive.corpus;
    write_jsonl(corpus / "a.jsonl", 0, 1);
    std::ofstream(corpus / "t.txt") << "Amazon Web Services cuts jobs\n\nAmazon Web Services said on Monday it would "
                                       "cut 900 jobs in Seattle, a spokeswoman said. uniqtextword\n";
    index(db, corpus, true);
    const auto stored = [&] {
        const Xapian::Database d((db / "XAPIANDB").string());
        const auto post = d.postlist_begin("Qt.txt");
        REQUIRE(post != d.postlist_end("Qt.txt"));
        return d.get_document(*post).get_value(news::schema::slot::kStored);
    };
    const std::string before = stored();
    REQUIRE_FALSE(before.empty());

    fs::remove(corpus / "t.txt");
    fs::create_symlink(archive.dir.path / "nowhere.txt", corpus / "t.txt");  // rejected: cannot be read
    const auto stats = index(db, corpus, true);
    CHECK(stats.rejected.size() == 1);
    CHECK(stats.kept == 1);
    CHECK(stats.doc_count == 3);
    CHECK(stored() == before);  // the same stored article, entities included
    CHECK(docs_with(db, "uniqtextword") == 1);
    CHECK(docs_with(db, "Samazon") == 1);  // its title terms are back too
}

// Kept articles and --similar rely on this: the stored copy of an article builds exactly the
// document the article built (terms, wdfs, positions, values, data).
TEST_CASE("An article built again from its stored copy makes the same document", "[indexer][termlists]") {
    news::schema::Analyzer analyzer{"en"};
    const auto gazetteer = news::schema::Gazetteer::load(news::schema::Gazetteer::default_dir());
    const news::schema::EntityExtractor extractor{gazetteer, analyzer};
    news::indexer::DocumentBuilder builder{analyzer, &extractor};
    const auto describe = [](const Xapian::Document& doc) {
        std::string out;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            out.append(*t).append(":").append(std::to_string(t.get_wdf()));
            for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out.append("@").append(std::to_string(*p));
            out.push_back(' ');
        }
        for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
            out.append("|").append(std::to_string(v.get_valueno())).append("=").append(*v);
        return out;
    };
    std::vector<news::indexer::Article> articles;
    news::indexer::ReadReport report;
    news::indexer::read_corpus(CORPUS_DIR, [&](news::indexer::Article&& a) { articles.push_back(std::move(a)); },
                               report);
    REQUIRE(articles.size() == 3);
    for (const auto& article : articles) {
        const auto built = builder.build(article);
        const auto again = news::indexer::DocumentBuilder::article(built.doc, news::schema::DocumentCodec());
        CHECK(describe(builder.build(again).doc) == describe(built.doc));
        CHECK(builder.build(again).spelling == built.spelling);
        CHECK(news::schema::content_hash(again) == news::schema::content_hash(article));
    }
}

namespace {

// The document of article "a.txt" with this title and body.
news::indexer::BuiltDocument built_from(const std::string& title, const std::string& body, bool title_derived = false) {
    static news::schema::Analyzer analyzer{"en"};
    news::indexer::DocumentBuilder builder{analyzer};
    news::indexer::Article article;
    article.id = "a.txt";
    article.title = title;
    article.body = body;
    article.title_derived = title_derived;
    return builder.build(article);
}

}  // namespace

TEST_CASE("A word is indexed once, as its stem with the word's positions", "[indexer][terms]") {
    const auto built = built_from("Cloud layoffs", "Layoffs hit 27,000 cloud workers; layoffs again.");
    std::map<std::string, std::vector<Xapian::termpos>> terms;
    for (auto t = built.doc.termlist_begin(); t != built.doc.termlist_end(); ++t)
        terms[*t].assign(t.positionlist_begin(), t.positionlist_end());
    // Title words: positions 1-2 in the default field, none under the title prefix (S), where
    // the slot kTitleEnd says where the title ends; the body follows kFieldGap after the
    // title's last word, its first word at 102.
    using Positions = std::vector<Xapian::termpos>;
    CHECK(terms.at("Slayoff") == Positions{});
    CHECK(terms.at("Scloud") == Positions{});
    CHECK(built.doc.get_value(news::schema::slot::kTitleEnd) == "2");
    CHECK(terms.at("layoff") == Positions{2, 102, 107});
    CHECK(terms.at("cloud") == Positions{1, 105});
    CHECK(terms.at("27000") == Positions{104});  // no stem: the word itself
    for (const char* word : {"layoffs", "workers", "Slayoffs", "Zlayoff", "ZScloud"}) CHECK(terms.count(word) == 0);
    std::vector<std::string> spelling = built.spelling;
    std::sort(spelling.begin(), spelling.end());
    CHECK(spelling == std::vector<std::string>{"again", "cloud", "hit", "layoffs", "workers"});
}

TEST_CASE("A derived title spans the body's opening words it repeats", "[indexer][terms]") {
    const std::string body = "Cloud layoffs hit 27,000 workers. More follow.";
    const auto title_end = [&](const std::string& title) {
        return built_from(title, body, true).doc.get_value(news::schema::slot::kTitleEnd);
    };
    CHECK(title_end("Cloud layoffs hit 27,000 workers.") == "5");  // five words ("27,000" is one)
    CHECK(title_end("Cloud layoffs hit\u2026") == "3");  // cut short: as far as it repeats the body
    CHECK(title_end("Other words").empty());
}
