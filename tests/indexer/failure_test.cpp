// Tests of how newsdex-index words an error that stops a run (indexer/failure.h).
#include "indexer/failure.h"

#include "schema/errors.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <system_error>

namespace {

template <class E>
std::string describe(const E& error) {
    return news::indexer::describe_failure(std::make_exception_ptr(error), "/data/db");
}

const std::string kDiskFull = "no space left on device while writing /data/db: free space and run again (the index "
                              "is as it was before this run, apart from the batches an update committed)";

}  // namespace

TEST_CASE("A full disk is named as such whichever way the error reports it", "[indexer][failure]") {
    CHECK(describe(Xapian::DatabaseError("Error writing block 7", ENOSPC)) == kDiskFull);
    // What a glass commit reports when it cannot go back to the old revision afterwards.
    CHECK(describe(Xapian::DatabaseError(
              "Modifications failed (DatabaseError: Error writing block 2 (No space left on device)), and couldn't "
              "open at the old revision: cancel() not supported under Xapian::DB_DANGEROUS")) == kDiskFull);
    CHECK(describe(std::system_error(ENOSPC, std::generic_category(), "/data/db/XAPIANDB.tmp: cannot write the file")) ==
          kDiskFull);
    CHECK(describe(std::filesystem::filesystem_error("cannot create symlink", std::error_code(ENOSPC, std::generic_category()))) ==
          kDiskFull);
}

TEST_CASE("Other failures keep their own text, Xapian's prefixed with the database", "[indexer][failure]") {
    CHECK(describe(Xapian::DatabaseError("Error writing block 7", EIO)) ==
          "/data/db: DatabaseError: Error writing block 7 (Input/output error)");
    CHECK(describe(Xapian::DatabaseCorruptError("Modifications failed (bad block)")) ==
          "/data/db: DatabaseCorruptError: Modifications failed (bad block)");
    CHECK(describe(news::Error("no gazetteer folder")) == "no gazetteer folder");
    CHECK(describe(std::system_error(EACCES, std::generic_category(), "/data/db/XAPIANDB.tmp: cannot create the file")) ==
          "/data/db/XAPIANDB.tmp: cannot create the file: Permission denied");
}
