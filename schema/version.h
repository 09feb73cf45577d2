// The version both programs print with --version: the release and the index schema version.
#pragma once

#include <string>
#include <string_view>

namespace news::schema {

/// The version of the JSON documents the programs print (docs/json.md), as "format_version" in
/// each: keys may be added within a version; removing, renaming or retyping one bumps it.
inline constexpr int kJsonFormatVersion = 2;

/// The release, from CMake's project(VERSION): "0.1".
std::string_view version();

/// "newsdex-index 0.1 (schema version 4)": what --version prints for `program`.
std::string version_line(std::string_view program);

}  // namespace news::schema
