#include "schema/utf8.h"

namespace news::schema {

std::size_t utf8_sequence_length(std::string_view text, std::size_t i, std::size_t* bad_length) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b0 = byte(i);
    if (bad_length) *bad_length = 1;
    if (b0 < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the second byte's range depends on the first
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        if (b0 == 0xE0) low = 0xA0;   // no overlong forms
        if (b0 == 0xED) high = 0x9F;  // no surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        if (b0 == 0xF0) low = 0x90;   // no overlong forms
        if (b0 == 0xF4) high = 0x8F;  // nothing above U+10FFFF
    } else {
        return 0;  // C0, C1, F5..FF or a stray continuation byte
    }
    for (std::size_t k = 1; k < length; ++k) {
        if (i + k >= text.size()) return 0;
        const unsigned char b = byte(i + k);
        if (b < low || b > high) return 0;
        low = 0x80;
        high = 0xBF;
        if (bad_length) *bad_length = k + 1;  // the bytes so far form a valid prefix: replace them together
    }
    return length;
}

bool valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t length = utf8_sequence_length(text, i);
        if (length == 0) return false;
        i += length;
    }
    return true;
}

}  // namespace news::schema
