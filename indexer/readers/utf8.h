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

/// A file's text as UTF-8 (decode_text()) and the note saying what was done to it; the note
/// is empty when the text was valid UTF-8.
struct DecodedText {
    std::string text;
    std::string note;  // "invalid UTF-8 at byte 3; read as ISO-8859-1 (detected, confidence 47 of 100)"
};

/// The least confidence (of 100) of ICU's charset detector for decode_text() to convert.
inline constexpr int kMinCharsetConfidence = 20;

/// A whole file's text in UTF-8. Valid UTF-8 is kept as is. Text that is not, and that has no
/// more valid multi-byte UTF-8 sequences than invalid ones (so not UTF-8 with a few damaged
/// bytes), is converted from the charset ICU's detector names (ISO-8859-1, windows-1252, ...)
/// when its confidence is at least kMinCharsetConfidence; otherwise it is repaired as
/// repair_utf8() does. The note names the first bad byte and the charset assumed.
DecodedText decode_text(std::string_view bytes);

/// Number of code points in valid UTF-8 `text` (counts bytes that are not continuation bytes).
std::size_t count_code_points(std::string_view text);

}  // namespace news::indexer
