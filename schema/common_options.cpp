#include "schema/common_options.h"

#include "schema/data_dir.h"
#include "schema/version.h"

#include <CLI/CLI.hpp>

#include <string>

namespace news::schema {

void add_common_options(CLI::App& app, std::string_view program) {
    app.add_option_function<std::string>(
        "--data-dir", [](const std::string& dir) { set_data_dir(dir); },
        "data folder: gazetteers and word lists (default: $NEWSDEX_DATA_DIR, else the install's "
        "share/newsdex)");
    app.set_version_flag("--version", version_line(program), "print the version and the schema version, then exit");
}

}  // namespace news::schema
