// Tests of JsonWriter: the text nlohmann::json::dump(2) prints for the same document.
#include "searcher/json_writer.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace {

std::string dumped(const nlohmann::json& j) { return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string written_string(const std::string& s) {
    std::string out;
    news::searcher::append_json_string(out, s);
    return out;
}

}  // namespace

TEST_CASE("JsonWriter escapes strings as nlohmann::json does, invalid UTF-8 included", "[searcher][json]") {
    const std::string input = GENERATE(as<std::string>{},
        "", "plain", "quote \" and backslash \\", "tab\tnew\nline\rcr", std::string("nul\0byte", 8),
        "\x01\x08\x0c\x1f\x7f", "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x93\xB0",
        "cut \xC3", "lone \x80 continuation", "overlong \xC0\xAF", "surrogate \xED\xA0\x80",
        "past U+10FFFF \xF4\x90\x80\x80", "\xE0\x9F\xBF short E0", "\xF0\x8F\xBF\xBF short F0",
        "mixed \xFF\xFE ok \xE2\x82\xAC");
    CAPTURE(input);
    CHECK(written_string(input) == nlohmann::json(input).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

TEST_CASE("JsonWriter prints nested objects, arrays and numbers as dump(2) does", "[searcher][json]") {
    news::searcher::JsonWriter w;
    w.begin_object();
    w.key("a");
    w.begin_array();
    w.integer(-3);
    w.unsigned_integer(18446744073709551615ULL);
    w.real(2.0);
    w.real(0.1);
    w.real(1e300);
    w.real(std::numeric_limits<double>::quiet_NaN());
    w.begin_object();
    w.end_object();
    w.begin_array();
    w.end_array();
    w.begin_array();
    w.null();
    w.end_array();
    w.end_array();
    w.key("b");
    w.boolean(true);
    w.key("c");
    w.begin_object();
    w.key("d");
    w.string_or_null("");
    w.key("e");
    w.string_or_null("x");
    w.end_object();
    w.end_object();
    const nlohmann::json expected = {
        {"a", {-3, 18446744073709551615ULL, 2.0, 0.1, 1e300, std::nan(""), nlohmann::json::object(),
               nlohmann::json::array(), nlohmann::json::array({nullptr})}},
        {"b", true},
        {"c", {{"d", nullptr}, {"e", "x"}}},
    };
    CHECK(w.take() == dumped(expected));
    w.begin_array();
    w.end_array();
    CHECK(w.take() == "[]");  // take() leaves it empty
}
