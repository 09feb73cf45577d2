// UTF-8 validation and repair, shared by every corpus reader.
// Serves the arrow: corpus file -Reader-> Article (Article text is always valid UTF-8).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace news::indexer {

/// What repair_utf8() replaced. Offsets are 0-based byte offsets into the original input.
struct Utf8Repair {
    std::size_t bad_sequences = 0;  // ill-formed sequences, each replaced by one U+FFFD
    std::size_t first_bad_byte = 0; // offset of the first bad byte; meaningful if bad_sequences > 0
};

/// 0-based offset of the first byte that starts an ill-formed sequence, or npos when
/// `text` is valid UTF-8 (overlong forms, surrogates and values above U+10FFFF are ill-formed).
std::size_t find_invalid_utf8(std::string_view text);

/// Returns `text` with every maximal ill-formed subpart replaced by U+FFFD (the Unicode
/// "substitution of maximal subparts" practice, as ICU and browsers do) and says what changed.
std::string repair_utf8(std::string_view text, Utf8Repair& repair);

/// The note text readers use: "invalid UTF-8 at byte 12 (2 bad sequences replaced with U+FFFD)".
std::string describe_repair(const Utf8Repair& repair);

/// Number of code points in valid UTF-8 `text` (counts bytes that are not continuation bytes).
std::size_t count_code_points(std::string_view text);

}  // namespace news::indexer
