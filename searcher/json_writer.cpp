#include "searcher/json_writer.h"

#include "schema/utf8.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <utility>

namespace news::searcher {
namespace {

constexpr std::size_t kIndent = 2;

}  // namespace

void append_json_string(std::string& out, std::string_view value) {
    if (!schema::valid_utf8(value)) {  // rare: nlohmann's own replacement rules, exactly
        out += nlohmann::json(std::string(value)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    std::size_t plain = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(value, plain, i - plain);
        plain = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 15];
        }
    }
    out.append(value, plain, value.size() - plain);
    out += '"';
}

void JsonWriter::newline_and_indent(std::size_t depth) {
    out_ += '\n';
    out_.append(depth * kIndent, ' ');
}

void JsonWriter::item() {
    if (first_.empty() || !array_.back()) return;  // the top level, or a member after its key
    out_ += first_.back() ? "" : ",";
    first_.back() = false;
    newline_and_indent(first_.size());
}

void JsonWriter::key(std::string_view name) {
    out_ += first_.back() ? "" : ",";
    first_.back() = false;
    newline_and_indent(first_.size());
    append_json_string(out_, name);
    out_ += ": ";
}

void JsonWriter::open(char bracket) {
    item();
    out_ += bracket;
    first_.push_back(true);
    array_.push_back(bracket == '[');
}

void JsonWriter::close(char bracket) {
    const bool empty = first_.back();
    first_.pop_back();
    array_.pop_back();
    if (!empty) newline_and_indent(first_.size());
    out_ += bracket;
}

void JsonWriter::string(std::string_view value) {
    item();
    append_json_string(out_, value);
}

void JsonWriter::null() {
    item();
    out_ += "null";
}

void JsonWriter::boolean(bool value) {
    item();
    out_ += value ? "true" : "false";
}

void JsonWriter::integer(std::int64_t value) {
    item();
    char digits[24];
    out_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

void JsonWriter::unsigned_integer(std::uint64_t value) {
    item();
    char digits[24];
    out_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

void JsonWriter::real(double value) {
    item();
    out_ += nlohmann::json(value).dump();
}

void JsonWriter::member_strings(std::string_view name, const std::vector<std::string>& values) {
    key(name);
    begin_array();
    for (const auto& v : values) string(v);
    end_array();
}

std::string JsonWriter::take() {
    first_.clear();
    array_.clear();
    return std::exchange(out_, {});
}

}  // namespace news::searcher
