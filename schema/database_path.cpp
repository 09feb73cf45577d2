#include "schema/database_path.h"

#include <sched.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string>
#include <thread>

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

std::filesystem::path stub_generation(const std::filesystem::path& db_dir, const std::string& stub_text) {
    std::istringstream stub(stub_text);
    std::string kind, name;
    if (!(stub >> kind >> name)) return {};
    return db_dir / name;
}

std::size_t available_cores() {
    cpu_set_t set;
    if (::sched_getaffinity(0, sizeof set, &set) == 0) return static_cast<std::size_t>(std::max(1, CPU_COUNT(&set)));
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace news::schema
