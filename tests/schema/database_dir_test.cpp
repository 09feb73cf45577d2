// Tests of the database directory's layout (schema/database_dir.h): stub, generations, the
// schema-version check both programs share.
#include "schema/database_dir.h"

#include "schema/errors.h"
#include "schema/fields.h"

#include "temp_dir.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace fs = std::filesystem;

TEST_CASE("The stub names the live generation; a switch names a newer one", "[schema][database_dir]") {
    const news::test::TempDir dir;
    CHECK(news::schema::live_generation(dir.path).empty());  // no stub: a plain directory
    const fs::path first = news::schema::next_generation(dir.path);
    CHECK(first.filename() == "gen-000001");
    fs::create_directory(first);
    news::schema::switch_stub(dir.path, first);
    CHECK(news::schema::read_stub(dir.path) == "auto gen-000001\n");
    CHECK(news::schema::live_generation(dir.path) == first);
    CHECK(news::schema::next_generation(dir.path).filename() == "gen-000002");
    CHECK(news::schema::generation_number(first) == 1);
    CHECK(news::schema::generation_number(dir.path / "XAPIANDB") == -1);
    CHECK(news::schema::is_stub_leftover(dir.path / "XAPIANDB.tmp"));
    CHECK_FALSE(news::schema::is_stub_leftover(dir.path / "XAPIANDB"));
    CHECK(news::schema::lock_file(dir.path).parent_path() == dir.path);
}

TEST_CASE("A database of another schema version is refused with the directory, both versions and the rebuild",
          "[schema][database_dir]") {
    const news::test::TempDir dir;
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    news::schema::stamp_schema_version(db);
    CHECK_NOTHROW(news::schema::check_schema_version(db, dir.path));
    db.set_metadata(std::string(news::schema::kSchemaVersionKey), "999");
    try {
        news::schema::check_schema_version(db, dir.path);
        FAIL("no error for schema version 999");
    } catch (const news::SchemaMismatch& e) {
        CHECK(std::string(e.what()) == dir.path.string() + ": the database has schema version 999 but this newsdex needs " +
                                           std::to_string(news::schema::kSchemaVersion) +
                                           "; rebuild it with: newsdex-index --rebuild --db " + dir.path.string() +
                                           " <corpus>");
    }
}

TEST_CASE("A database built before publication times were kept (schema 10) is refused", "[schema][database_dir]") {
    const news::test::TempDir dir;
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    db.set_metadata(std::string(news::schema::kSchemaVersionKey), "10");
    CHECK_THROWS_WITH(news::schema::check_schema_version(db, dir.path),
                      Catch::Contains("the database has schema version 10 but this newsdex needs " +
                                      std::to_string(news::schema::kSchemaVersion)));
}

TEST_CASE("A file written synced that meets a full disk says so with its errno and path", "[schema][database_dir]") {
    // /dev/full: every write fails with ENOSPC, as a full disk does.
    if (!fs::exists("/dev/full")) {
        WARN("no /dev/full here");
        return;
    }
    try {
        news::schema::write_file_synced("/dev/full", "auto gen-000001\n");
        FAIL("no error writing /dev/full");
    } catch (const std::system_error& e) {
        CHECK(e.code() == std::errc::no_space_on_device);
        CHECK(std::string(e.what()).starts_with("/dev/full: cannot write the file: "));
    }
    const news::test::TempDir dir;
    news::schema::write_file_synced(dir.path / "stub", "auto gen-000001\n");
    std::ifstream in(dir.path / "stub");
    std::string line;
    std::getline(in, line);
    CHECK(line == "auto gen-000001");
}
