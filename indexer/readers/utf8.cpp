#include "indexer/readers/utf8.h"

namespace news::indexer {

namespace {

/// Length of the well-formed sequence starting at `text[i]`, or 0 if it is ill-formed; in that
/// case `bad_length` is the length of the maximal subpart to replace (at least 1).
std::size_t sequence_length(std::string_view text, std::size_t i, std::size_t& bad_length) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b0 = byte(i);
    bad_length = 1;
    if (b0 < 0x80) return 1;
    // Unicode 15, Table 3-7: the allowed range of the second byte depends on the first.
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
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
        bad_length = k + 1;  // the bytes so far form a valid prefix: replace them together
    }
    return length;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view text) {
    std::size_t bad_length = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = sequence_length(text, i, bad_length);
        if (length == 0) return i;
        i += length;
    }
    return std::string_view::npos;
}

std::string repair_utf8(std::string_view text, Utf8Repair& repair) {
    repair = {};
    std::string out;
    out.reserve(text.size());
    std::size_t bad_length = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = sequence_length(text, i, bad_length);
        if (length > 0) {
            out.append(text.substr(i, length));
            i += length;
            continue;
        }
        if (repair.bad_sequences++ == 0) repair.first_bad_byte = i;
        out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
        i += bad_length;
    }
    return out;
}

std::string describe_repair(const Utf8Repair& repair) {
    return "invalid UTF-8 at byte " + std::to_string(repair.first_bad_byte) + " (" +
           std::to_string(repair.bad_sequences) +
           (repair.bad_sequences == 1 ? " bad sequence" : " bad sequences") +
           " replaced with U+FFFD)";
}

std::size_t count_code_points(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    return count;
}

}  // namespace news::indexer
