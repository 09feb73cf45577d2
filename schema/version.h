// The version both programs print with --version: the release and the index schema version.
#pragma once

#include <string>
#include <string_view>

namespace news::schema {

/// The release, from CMake's project(VERSION): "0.1".
std::string_view version();

/// "newsdex-index 0.1 (schema version 4)": what --version prints for `program`.
std::string version_line(std::string_view program);

}  // namespace news::schema
