// Where the database lives when --db is not given: one rule for both programs.
#pragma once

#include <filesystem>

namespace news::schema {

/// $NEWSDEX_DB if set and non-empty, else $XDG_DATA_HOME/newsdex/db, else
/// $HOME/.local/share/newsdex/db, else ./newsdex.db. Read only by the programs' mains.
std::filesystem::path default_database_path();

}  // namespace news::schema
