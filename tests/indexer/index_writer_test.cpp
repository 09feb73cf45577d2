// IndexWriter: generations and the stub switch, the writer lock, the schema-version check,
// hash-first puts and what delete_unseen() keeps.
#include "indexer/index_writer.h"

#include "schema/database_dir.h"
#include "schema/errors.h"
#include "schema/fields.h"

#include "temp_dir.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using news::indexer::IndexWriter;

namespace {

using news::test::TempDir;

Xapian::Document doc_with(const std::string& id_term, const std::string& hash) {
    Xapian::Document doc;
    doc.add_boolean_term(id_term);
    doc.add_value(news::schema::slot::kHash, hash);
    return doc;
}

/// Puts `id_term` with `hash`; counts how often the document had to be built.
IndexWriter::Change put(IndexWriter& w, const std::string& id_term, const std::string& hash,
                        int& builds) {
    return w.put(id_term, hash, [&] {
        ++builds;
        return news::indexer::BuiltDocument{doc_with(id_term, hash), {}};
    });
}

std::vector<std::string> generations(const fs::path& db) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(db))
        if (e.path().filename().string().starts_with("gen-")) out.push_back(e.path().filename());
    return out;
}

}  // namespace

TEST_CASE("An unchanged article is looked up, not built again", "[indexer][writer]") {
    TempDir dir;
    int builds = 0;
    {
        IndexWriter w{dir.path / "db", {.mode = IndexWriter::Mode::Update, .termlists = true}};
        CHECK(put(w, "Qa", "h1", builds) == IndexWriter::Change::Added);
        CHECK(put(w, "Qb", "h1", builds) == IndexWriter::Change::Added);
        w.finish();
    }
    CHECK(builds == 2);
    IndexWriter w{dir.path / "db", IndexWriter::Mode::Update};
    CHECK(put(w, "Qa", "h1", builds) == IndexWriter::Change::Unchanged);
    CHECK(builds == 2);
    CHECK(put(w, "Qb", "h2", builds) == IndexWriter::Change::Updated);
    CHECK(builds == 3);
    CHECK(put(w, "Qb", "h3", builds) == IndexWriter::Change::Duplicate);  // same id, same run
    CHECK(builds == 3);
}

TEST_CASE("delete_unseen deletes what was not put, except what the keep rule accepts",
          "[indexer][writer]") {
    TempDir dir;
    int builds = 0;
    {
        IndexWriter w{dir.path / "db", {.mode = IndexWriter::Mode::Update, .termlists = true}};
        for (const char* id : {"Qa.txt", "Qf.jsonl#1", "Qf.jsonl#2", "Qgone.txt"}) put(w, id, "h", builds);
        w.finish();
    }
    IndexWriter w{dir.path / "db", IndexWriter::Mode::Update};
    put(w, "Qa.txt", "h", builds);
    const auto classify = [](const std::string& term, const Xapian::Document&) {
        // f.jsonl was rejected this run
        return term.starts_with("Qf.jsonl#") ? news::indexer::Unseen::Keep : news::indexer::Unseen::Delete;
    };
    const auto counts = w.delete_unseen(classify, 100);
    CHECK(counts.deleted == 1);
    CHECK(counts.kept == 2);
    w.finish();
    CHECK(w.doc_count() == 3);
}

TEST_CASE("An update of a rebuilt index (no termlists) adds in place and asks for a rebuild to "
          "replace or delete", "[indexer][writer]") {
    TempDir dir;
    int builds = 0;
    {
        IndexWriter w{dir.path / "db", IndexWriter::Mode::Rebuild};
        CHECK_FALSE(w.termlists());
        for (const char* id : {"Qa.txt", "Qb.txt"}) put(w, id, "h", builds);
        w.finish();
    }
    CHECK_FALSE(news::indexer::has_termlists(news::schema::live_generation(dir.path / "db")));
    {
        IndexWriter w{dir.path / "db", IndexWriter::Mode::Update};
        CHECK_FALSE(w.termlists());
        CHECK(put(w, "Qa.txt", "h", builds) == IndexWriter::Change::Unchanged);
        CHECK(put(w, "Qc.txt", "h", builds) == IndexWriter::Change::Added);
        try {
            put(w, "Qb.txt", "changed", builds);
            FAIL("a replacement without termlists");
        } catch (const news::indexer::NeedsRebuild& e) {
            CHECK_THAT(e.what(), Catch::Contains("article b.txt changed"));
        }
        w.finish();  // what was added stays
        CHECK(w.doc_count() == 3);
    }
    {
        IndexWriter w{dir.path / "db", IndexWriter::Mode::Update};
        put(w, "Qa.txt", "h", builds);
        put(w, "Qc.txt", "h", builds);
        try {
            w.delete_unseen({}, 100);
            FAIL("a deletion without termlists");
        } catch (const news::indexer::NeedsRebuild& e) {
            CHECK_THAT(e.what(), Catch::Contains("1 indexed article(s) are gone from the input (b.txt)"));
        }
    }
    IndexWriter w{dir.path / "db", IndexWriter::Mode::Update};
    put(w, "Qa.txt", "h", builds);
    put(w, "Qb.txt", "h", builds);
    put(w, "Qc.txt", "h", builds);
    CHECK(w.delete_unseen({}, 100).deleted == 0);  // nothing to delete: no rebuild needed
}

TEST_CASE("delete_unseen deletes nothing when more than the limit would go", "[indexer][writer]") {
    TempDir dir;
    int builds = 0;
    {
        IndexWriter w{dir.path / "db", {.mode = IndexWriter::Mode::Update, .termlists = true}};
        for (const char* id : {"Qa.txt", "Qb.txt", "Qc.txt"}) put(w, id, "h", builds);
        w.finish();
    }
    IndexWriter w{dir.path / "db", IndexWriter::Mode::Update};
    put(w, "Qa.txt", "h", builds);
    const auto counts = w.delete_unseen({}, 1);
    CHECK(counts.refused);
    CHECK(counts.deleted == 2);
    CHECK(counts.first == "b.txt");
    w.finish();
    CHECK(w.doc_count() == 3);
}

TEST_CASE("A second writer is refused with the lock file and its holder named",
          "[indexer][writer]") {
    TempDir dir;
    IndexWriter first{dir.path / "db", IndexWriter::Mode::Update};
    try {
        IndexWriter second{dir.path / "db", IndexWriter::Mode::Update};
        FAIL("the second writer got the lock");
    } catch (const news::indexer::LockedError& e) {
        const std::string message = e.what();
        CHECK_THAT(message, Catch::Contains((dir.path / "db" / "newsdex.lock").string()));
        CHECK_THAT(message, Catch::Contains("pid " + std::to_string(::getpid())));
        // The holder's start time is ISO 8601 in UTC, to the second: "started 2026-12-02T00:45:19Z".
        const auto at = message.find("started ");
        REQUIRE(at != std::string::npos);
        const std::string when = message.substr(at + 8, 20);
        CHECK(when[4] == '-');
        CHECK(when[10] == 'T');
        CHECK(when[19] == 'Z');
        CHECK(when.substr(0, 4) >= "2024");
    }
}

TEST_CASE("A writer works under a lock its caller holds, which keeps other writers out until released",
          "[indexer][writer]") {
    TempDir dir;
    const fs::path db = dir.path / "db";
    {
        const news::indexer::WriterLock held{db};  // creates the directory too
        {
            IndexWriter w{db, {.mode = IndexWriter::Mode::Update, .held = &held}};
            w.finish();
        }
        CHECK_THROWS_AS(IndexWriter(db, IndexWriter::Mode::Update), news::indexer::LockedError);
    }
    IndexWriter after{db, IndexWriter::Mode::Update};
    CHECK(after.doc_count() == 0);
}

TEST_CASE("A database of another schema version is refused with a hint to rebuild",
          "[indexer][writer]") {
    TempDir dir;
    const fs::path db = dir.path / "db";
    {
        IndexWriter w{db, IndexWriter::Mode::Rebuild};
        w.finish();
    }
    {
        Xapian::WritableDatabase live{news::schema::live_generation(db).string(), Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST};  // as rebuilt: no termlists
        live.set_metadata(std::string(news::schema::kSchemaVersionKey), "999");
        live.commit();
    }
    try {
        IndexWriter w{db, IndexWriter::Mode::Update};
        FAIL("opened a database of schema version 999");
    } catch (const news::SchemaMismatch& e) {
        CHECK_THAT(std::string(e.what()), Catch::Contains("schema version 999") &&
                                              Catch::Contains("newsdex-index --rebuild"));
    }
    IndexWriter rebuild{db, IndexWriter::Mode::Rebuild};  // a rebuild is the way out
    rebuild.finish();
}

TEST_CASE("A rebuild switches to one compacted generation; leftovers go at the next run",
          "[indexer][writer]") {
    TempDir dir;
    const fs::path db = dir.path / "db";
    int builds = 0;
    {
        IndexWriter w{db, IndexWriter::Mode::Rebuild};
        put(w, "Qa", "h", builds);
        w.finish();
    }
    const auto live = news::schema::live_generation(db);
    CHECK(generations(db) == std::vector<std::string>{live.filename().string()});
    {
        IndexWriter abandoned{db, IndexWriter::Mode::Rebuild};  // no finish(): dropped whole
        put(abandoned, "Qb", "h", builds);
        abandoned.commit();
    }
    CHECK(generations(db) == std::vector<std::string>{live.filename().string()});
    // What a SIGKILL leaves: a half-built generation and a stub never renamed into place.
    fs::create_directory(db / "gen-000099");
    std::ofstream(db / "XAPIANDB.tmp") << "auto gen-000099\n";
    {
        IndexWriter w{db, IndexWriter::Mode::Update};
        CHECK(w.doc_count() == 1);
        w.finish();
    }
    CHECK(generations(db) == std::vector<std::string>{live.filename().string()});
    CHECK_FALSE(fs::exists(db / "XAPIANDB.tmp"));
}
