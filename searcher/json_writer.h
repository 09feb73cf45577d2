// JSON text written straight into a string, byte for byte as nlohmann::json::dump(2, ' ',
// false, replace) prints the same document, without building the tree first: render_json()
// writes every search answer through it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace news::searcher {

/// Keys must be written in the order nlohmann::json's std::map keeps them (sorted by bytes),
/// each once; the caller's order is what comes out.
class JsonWriter {
  public:
    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    /// The next member's key; its value is the next call.
    void key(std::string_view name);

    void string(std::string_view value);
    void null();
    void boolean(bool value);
    void integer(std::int64_t value);
    void unsigned_integer(std::uint64_t value);
    void real(double value);  // nlohmann's shortest round-trip form, "2.0" for two, null if not finite
    void string_or_null(std::string_view value) { value.empty() ? null() : string(value); }

    // A member in one call: key() and its value.
    void member(std::string_view name, std::string_view value) { key(name); string(value); }
    void member_or_null(std::string_view name, std::string_view value) { key(name); string_or_null(value); }
    void member_unsigned(std::string_view name, std::uint64_t value) { key(name); unsigned_integer(value); }
    void member_real(std::string_view name, double value) { key(name); real(value); }
    void member_strings(std::string_view name, const std::vector<std::string>& values);

    /// The text written; the writer is empty afterwards.
    std::string take();

  private:
    void open(char bracket);
    void close(char bracket);
    void item();  // before a value: the separator and indentation an array element needs
    void newline_and_indent(std::size_t depth);

    std::string out_;
    std::vector<bool> first_;    // per open object or array: nothing written in it yet
    std::vector<bool> array_;    // per open object or array: an array
};

/// `value` as a JSON string, quoted: what nlohmann::json prints for it (ensure_ascii off;
/// invalid UTF-8 replaced by U+FFFD as its error_handler_t::replace does). Appended to `out`.
void append_json_string(std::string& out, std::string_view value);

}  // namespace news::searcher
