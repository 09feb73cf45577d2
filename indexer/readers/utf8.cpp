#include "indexer/readers/utf8.h"

#include "schema/utf8.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <memory>

namespace news::indexer {

namespace {

std::size_t sequence_length(std::string_view text, std::size_t i, std::size_t& bad_length) {
    return schema::utf8_sequence_length(text, i, &bad_length);
}

// Valid multi-byte sequences against ill-formed ones: more valid ones say the text is UTF-8
// with damage, not text in another charset.
bool mostly_utf8(std::string_view text) {
    std::size_t valid = 0, invalid = 0, bad_length = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = sequence_length(text, i, bad_length);
        if (length > 1) ++valid;
        if (length == 0) ++invalid;
        i += length > 0 ? length : bad_length;
    }
    return valid > invalid;
}

struct DetectorCloser {
    void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};
struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};

// `bytes` converted from the charset ICU's detector is confident of (not UTF-8), and its name
// and confidence; nothing when it is not confident or the charset cannot be converted.
bool convert_detected(std::string_view bytes, std::string& out, std::string& charset, int& confidence) {
    UErrorCode status = U_ZERO_ERROR;
    const std::unique_ptr<UCharsetDetector, DetectorCloser> detector{ucsdet_open(&status)};
    if (U_FAILURE(status)) return false;
    ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
    if (U_FAILURE(status) || !match) return false;
    confidence = ucsdet_getConfidence(match, &status);
    const char* name = ucsdet_getName(match, &status);
    if (U_FAILURE(status) || !name || confidence < kMinCharsetConfidence || std::string_view(name) == "UTF-8")
        return false;
    const std::unique_ptr<UConverter, ConverterCloser> converter{ucnv_open(name, &status)};
    if (U_FAILURE(status)) return false;
    const icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(), status);
    if (U_FAILURE(status)) return false;
    out.clear();
    text.toUTF8String(out);
    charset = name;
    return true;
}

}  // namespace

DecodedText decode_text(std::string_view bytes) {
    DecodedText decoded;
    const std::size_t first_bad = find_invalid_utf8(bytes);
    if (first_bad == std::string_view::npos) {
        decoded.text = bytes;
        return decoded;
    }
    std::string charset;
    int confidence = 0;
    if (bytes.size() <= INT32_MAX && !mostly_utf8(bytes) && convert_detected(bytes, decoded.text, charset, confidence)) {
        decoded.note = "invalid UTF-8 at byte " + std::to_string(first_bad) + "; read as " + charset +
                       " (detected, confidence " + std::to_string(confidence) + " of 100)";
        return decoded;
    }
    Utf8Repair repair;
    decoded.text = repair_utf8(bytes, repair);
    decoded.note = describe_repair(repair);
    return decoded;
}

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
