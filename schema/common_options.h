// The options both programs share, added to each one's CLI11 App in one call: --data-dir
// (schema/data_dir.h) and --version (schema/version.h).
#pragma once

#include <string_view>

namespace CLI {
class App;
}

namespace news::schema {

/// Adds --data-dir DIR (sets the data folder for this process) and --version (prints
/// version_line(program) and exits 0) to `app`.
void add_common_options(CLI::App& app, std::string_view program);

}  // namespace news::schema
