#include "schema/database_path.h"

#include <cstdlib>
#include <string>

namespace news::schema {

std::filesystem::path default_database_path() {
    auto env = [](const char* name) -> std::string {
        const char* value = std::getenv(name);
        return value ? value : "";
    };
    if (const auto db = env("NEWSDEX_DB"); !db.empty()) return db;
    if (const auto xdg = env("XDG_DATA_HOME"); !xdg.empty())
        return std::filesystem::path(xdg) / "newsdex" / "db";
    if (const auto home = env("HOME"); !home.empty())
        return std::filesystem::path(home) / ".local" / "share" / "newsdex" / "db";
    return "newsdex.db";
}

}  // namespace news::schema
