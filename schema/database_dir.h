// The database directory both programs share: where it is by default, which generation is
// live, which schema version it holds, and where the writer lock lives.
//
// On disk a database is a directory:   DB/XAPIANDB      stub file "auto gen-000007"
//                                      DB/gen-000007/   the live Xapian (glass) database
//                                      DB/newsdex.lock  writer lock (flock), holder's pid
// Readers open DB and Xapian follows the stub. The writer (indexer/index_writer.h) makes new
// generations and switches the stub; this module is the one place that names these files.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <string>

namespace news::schema {

/// $NEWSDEX_DB if set and non-empty, else $XDG_DATA_HOME/newsdex/db, else
/// $HOME/.local/share/newsdex/db, else ./newsdex.db. Read only by the programs' mains.
std::filesystem::path default_database_path();

/// The stub file of a directory: a database directory's, or a sharded generation's, which
/// lists its shards.
std::filesystem::path stub_file(const std::filesystem::path& dir);

/// The text of a database directory's stub file ("auto gen-000007\n"); empty when it has none.
std::string read_stub(const std::filesystem::path& db_dir);

/// The generation a stub's text names ("auto gen-000007" -> db_dir / "gen-000007"); empty
/// when the text names none (no stub: a plain Xapian directory).
std::filesystem::path stub_generation(const std::filesystem::path& db_dir, const std::string& stub_text);

/// The generation a database directory's stub names now, or empty if there is none.
std::filesystem::path live_generation(const std::filesystem::path& db_dir);

/// The number of a generation directory ("gen-000007" -> 7); -1 for any other name.
int generation_number(const std::filesystem::path& path);

/// A directory name for a generation newer than every one in `db_dir`.
std::filesystem::path next_generation(const std::filesystem::path& db_dir);

/// Writes `text` to `path` (created or truncated) and fsync()s it.
/// @throws std::system_error with the errno of the step that failed (ENOSPC on a full disk).
void write_file_synced(const std::filesystem::path& path, const std::string& text);

/// Names `generation` in the stub: written beside it, synced and renamed into place, so a
/// reader sees the old stub or the new one. @throws std::system_error (write_file_synced) or
/// std::filesystem::filesystem_error if it cannot be written; the old stub then stays.
void switch_stub(const std::filesystem::path& db_dir, const std::filesystem::path& generation);

/// fsync()s a file, or a directory with O_DIRECTORY in `open_flags`, so a rename or a new
/// generation is on disk before the stub names it; a path that cannot be opened is skipped.
void fsync_path(const std::filesystem::path& path, int open_flags);

/// Whether `path`, an entry of a database directory, is a stub a switch left unfinished.
bool is_stub_leftover(const std::filesystem::path& path);

/// The writer lock file of a database directory.
std::filesystem::path lock_file(const std::filesystem::path& db_dir);

/// Records kSchemaVersion in a database being written (committed with it).
void stamp_schema_version(Xapian::WritableDatabase& db);

/// @throws news::SchemaMismatch, naming `db_dir`, both versions and the rebuild command, if
///         `db` holds another schema version than kSchemaVersion.
void check_schema_version(const Xapian::Database& db, const std::filesystem::path& db_dir);

}  // namespace news::schema
