#include "schema/data_dir.h"

#include "schema/errors.h"

#include <cstdlib>
#include <string>
#include <system_error>

namespace news::schema {
namespace fs = std::filesystem;

namespace {

fs::path& chosen_dir() {  // set once by the program's option parsing, before any data is read
    static fs::path dir;
    return dir;
}

fs::path executable_dir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path{} : exe.parent_path();
}

}  // namespace

void set_data_dir(const fs::path& dir) { chosen_dir() = dir; }

std::vector<fs::path> data_dir_candidates() {
    const fs::path bin = executable_dir();
    if (bin.empty()) return {};
    // NEWSDEX_INSTALL_DATA_FROM_BIN: the install data folder relative to the install bin folder
    // ("../share/newsdex" by default), set by schema/CMakeLists.txt from GNUInstallDirs.
    return {(bin / NEWSDEX_INSTALL_DATA_FROM_BIN).lexically_normal(),
            (bin / ".." / "share" / "newsdex").lexically_normal(),
            (bin / ".." / ".." / "share" / "newsdex").lexically_normal()};
}

fs::path data_dir() {
    if (!chosen_dir().empty()) return chosen_dir();
    if (const char* env = std::getenv("NEWSDEX_DATA_DIR"); env && *env) return env;
    const auto candidates = data_dir_candidates();
    for (const auto& dir : candidates)
        if (std::error_code ec; fs::is_directory(dir / "gazetteers", ec)) return dir;
    std::string looked;
    for (const auto& dir : candidates) looked += (looked.empty() ? "" : ", ") + dir.string();
    throw Error("no data folder (gazetteers, word lists) found beside the program" +
                (looked.empty() ? std::string{} : " (looked in " + looked + ")") +
                "; give one with --data-dir DIR or NEWSDEX_DATA_DIR");
}

}  // namespace news::schema
