// Well-formed UTF-8, as Unicode defines it: what JSON readers and writers of newsdex check text
// against without ICU.
#pragma once

#include <cstddef>
#include <string_view>

namespace news::schema {

/// The length of the well-formed sequence starting at text[i] (1 to 4), or 0 if it is
/// ill-formed (Unicode 15, Table 3-7: no overlong forms, surrogates or values above U+10FFFF);
/// then `bad_length`, if given, is the length of its maximal subpart, which a repair replaces
/// by one U+FFFD (at least 1).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i, std::size_t* bad_length = nullptr);

/// Every sequence of `text` is well-formed.
bool valid_utf8(std::string_view text);

}  // namespace news::schema
