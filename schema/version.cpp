#include "schema/version.h"

#include "schema/fields.h"

namespace news::schema {

std::string_view version() { return NEWSDEX_VERSION; }  // set on this file by schema/CMakeLists.txt

std::string version_line(std::string_view program) {
    return std::string(program) + " " + std::string(version()) + " (schema version " +
           std::to_string(kSchemaVersion) + ")";
}

}  // namespace news::schema
