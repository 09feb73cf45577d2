// Where the database lives when --db is not given: one rule for both programs.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace news::schema {

/// $NEWSDEX_DB if set and non-empty, else $XDG_DATA_HOME/newsdex/db, else
/// $HOME/.local/share/newsdex/db, else ./newsdex.db. Read only by the programs' mains.
std::filesystem::path default_database_path();

/// The generation a database directory's stub text names ("auto gen-000007" -> db_dir /
/// "gen-000007"); empty when the text names none (no stub: a plain Xapian directory).
std::filesystem::path stub_generation(const std::filesystem::path& db_dir, const std::string& stub_text);

/// The cores this process may run on (its affinity mask, as taskset or a container sets it).
std::size_t available_cores();

}  // namespace news::schema
