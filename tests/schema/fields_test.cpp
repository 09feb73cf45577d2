// Tests of the schema table (schema/fields.h): what the indexer and the searcher agree on.
#include "schema/fields.h"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

namespace {

using news::schema::Field;
using news::schema::FieldId;

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in{text};
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

TEST_CASE("describe() lists every field with its prefix, kind and slot", "[schema][fields]") {
    const auto lines = lines_of(news::schema::describe());
    REQUIRE(lines.size() == news::schema::kFields.size() + 2);  // header, fields, version
    CHECK(lines.front().starts_with("field         prefix  kind"));
    for (std::size_t i = 0; i < news::schema::kFields.size(); ++i) {
        const Field& f = news::schema::kFields[i];
        const std::string& line = lines[i + 1];
        CAPTURE(f.name, line);
        CHECK(line.starts_with(std::string(f.name) + " "));
        CHECK(line.find(f.kind == news::schema::Kind::FreeText ? "free-text" : "filter") != std::string::npos);
        CHECK(line.ends_with(std::string(f.help)));
    }
    CHECK(lines.back() == "schema version " + std::to_string(news::schema::kSchemaVersion));
}

TEST_CASE("describe() prints prefixes and slots as the table has them", "[schema][fields]") {
    const auto lines = lines_of(news::schema::describe());
    auto [name, start] = GENERATE(table<std::string, std::string>({
        {"id", "id            Q       filter     -     no     no     "},
        {"body", "body          (none)  free-text  -     no     no     "},
        {"year", "year          Y       filter     1     yes    no     "},
        {"company", "company       XCO     filter     2     yes    yes    "},
        {"date", "date          D       filter     0     no     no     "},
    }));
    CAPTURE(name);
    bool found = false;
    for (const auto& line : lines)
        if (line.starts_with(name + " ")) {
            found = true;
            CHECK(line.substr(0, start.size()) == start);
        }
    CHECK(found);
}

TEST_CASE("find_field() finds fields by query name only", "[schema][fields]") {
    auto [name, prefix] = GENERATE(table<std::string, std::string>({
        {"title", "S"}, {"body", ""}, {"company", "XCO"}, {"year", "Y"}, {"mentions", "XMY"}, {"id", "Q"},
    }));
    CAPTURE(name);
    const Field* f = news::schema::find_field(name);
    REQUIRE(f != nullptr);
    CHECK(f->prefix == prefix);
    CHECK(&news::schema::field(f->id) == f);
}

TEST_CASE("find_field() returns nullptr for names that are not fields", "[schema][fields]") {
    auto name = GENERATE(as<std::string>{}, "", "Title", "XCO", "S", "titles", "http");
    CAPTURE(name);
    CHECK(news::schema::find_field(name) == nullptr);
}

// A facet is counted from its slot: a facet field without one would count every match as "(none)".
TEST_CASE("Every free-text field has no value slot and every facet field has one", "[schema][fields]") {
    for (const auto& f : news::schema::kFields) {
        CAPTURE(f.name);
        if (f.kind == news::schema::Kind::FreeText) CHECK(f.slot == news::schema::kNoSlot);
        if (f.facet) CHECK(f.slot != news::schema::kNoSlot);
    }
}
