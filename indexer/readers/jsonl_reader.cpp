#include "indexer/readers/jsonl_reader.h"

#include "indexer/readers/dates.h"
#include "indexer/readers/text_reader.h"
#include "indexer/readers/utf8.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <streambuf>
#include <string>
#include <unordered_map>

namespace news::indexer {

namespace {

using nlohmann::json;

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

/// nlohmann's what() starts with "[json.exception.parse_error.101] "; keep the rest.
std::string json_message(const json::exception& e) {
    std::string message = e.what();
    if (!message.empty() && message.front() == '[') {
        const std::size_t close = message.find("] ");
        if (close != std::string::npos) message.erase(0, close + 2);
    }
    return message;
}

/// Reads an optional string field into `out`; false (with `error`) when it has another type.
bool optional_string(const json& record, const char* key, std::string& out, std::string& error) {
    const auto it = record.find(key);
    if (it == record.end() || it->is_null()) return true;
    if (!it->is_string()) {
        error = std::string{"field '"} + key + "' must be a string, not " + it->type_name();
        return false;
    }
    out = it->get<std::string>();
    return true;
}

/// The record's id as text, or nothing (with `error`) when it is missing or not usable.
std::optional<std::string> record_id(const json& record, std::string& error) {
    const auto it = record.find("id");
    if (it == record.end() || it->is_null()) {
        error = "missing id";
        return std::nullopt;
    }
    if (it->is_string()) {
        std::string id = it->get<std::string>();
        if (id.empty()) error = "empty id";
        return id.empty() ? std::nullopt : std::optional{id};
    }
    if (it->is_number_integer()) return it->dump();
    error = std::string{"field 'id' must be a string or an integer, not "} + it->type_name();
    return std::nullopt;
}

/// Turns one parsed record into an Article; nothing (with `error`) when it is not usable.
std::optional<Article> to_article(const json& record, std::string& id, std::string& error,
                                  std::string& date_warning) {
    if (!record.is_object()) {
        error = std::string{"expected a JSON object, found "} + record.type_name();
        return std::nullopt;
    }
    auto parsed_id = record_id(record, error);
    if (!parsed_id) return std::nullopt;
    id = std::move(*parsed_id);

    Article article;
    std::string date;
    const auto body = record.find("body");
    if (body == record.end() || body->is_null()) {
        error = "missing body";
        return std::nullopt;
    }
    if (!body->is_string()) {
        error = std::string{"field 'body' must be a string, not "} + body->type_name();
        return std::nullopt;
    }
    article.body = body->get<std::string>();
    if (article.body.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
        error = "empty body";
        return std::nullopt;
    }
    if (!optional_string(record, "title", article.title, error) ||
        !optional_string(record, "date", date, error) ||
        !optional_string(record, "url", article.url, error) ||
        !optional_string(record, "source", article.source, error))
        return std::nullopt;

    if (!date.empty()) {
        auto [day, time] = parse_date(date);
        article.date = std::move(day);
        article.time = std::move(time);
        if (article.date.empty())
            date_warning = undated_note(date);
    }
    if (article.title.empty()) {
        article.title = derive_title(article.body);
        article.title_derived = true;
    }
    return article;
}

enum class LineRead { End, Line, TooLong };

/// Reads the next line of `in` into `line` (without its '\n'), keeping at most `limit` bytes:
/// a longer line is consumed to its end without being stored (TooLong), so memory stays
/// bounded by `limit` whatever the input. `consumed` grows by every byte taken from `in`.
LineRead read_line(std::istream& in, std::string& line, std::size_t limit,
                   std::uintmax_t& consumed) {
    line.clear();
    std::streambuf& buffer = *in.rdbuf();
    using Traits = std::streambuf::traits_type;
    bool any = false;
    for (int c = buffer.sbumpc(); c != Traits::eof(); c = buffer.sbumpc()) {
        any = true;
        ++consumed;
        if (c == '\n') return LineRead::Line;
        if (line.size() == limit) {
            for (c = buffer.sbumpc(); c != Traits::eof(); c = buffer.sbumpc()) {
                ++consumed;
                if (c == '\n') break;
            }
            return LineRead::TooLong;
        }
        line.push_back(Traits::to_char_type(c));
    }
    in.setstate(std::ios::eofbit);
    return any ? LineRead::Line : LineRead::End;
}

}  // namespace

std::size_t read_jsonl(std::istream& in, const std::string& file, const std::string& id_prefix,
                       const ArticleSink& sink, ReadReport& report, std::size_t max_record_bytes,
                       const std::atomic<bool>* stop) {
    std::unordered_map<std::string, std::size_t> first_line_of_id;
    std::size_t records = 0;
    std::string line;
    for (std::size_t line_no = 1; !(stop && stop->load()); ++line_no) {
        const LineRead status = read_line(in, line, max_record_bytes, report.bytes_read);
        if (status == LineRead::End) break;
        const std::string where = file + ":" + std::to_string(line_no);
        if (status == LineRead::TooLong) {  // counted as a record: it was one, or meant to be
            ++records;
            report.rejected.push_back(
                {where, "line is longer than " + std::to_string(max_record_bytes) +
                            " bytes (--max-record-mb); skipped to the next line"});
            report.kept_id_prefixes.push_back(id_prefix + "#");  // its id is unknown
            continue;
        }
        if (is_blank(line)) continue;
        ++records;
        if (const std::size_t nul = line.find('\0'); nul != std::string::npos) {
            report.rejected.push_back(
                {where, "NUL byte at byte " + std::to_string(nul) + " of the line; not JSON text"});
            report.kept_id_prefixes.push_back(id_prefix + "#");
            continue;
        }
        if (find_invalid_utf8(line) != std::string::npos) {
            Utf8Repair repair;
            line = repair_utf8(line, repair);
            report.warnings.push_back({where, describe_repair(repair)});
        }
        std::string id, error, date_warning;
        std::optional<Article> article;
        // Any exception of the JSON library (a syntax error, a number over a double's range,
        // ...) is about this record only: it becomes the record's note and reading goes on.
        try {
            const json record = json::parse(line);
            article = to_article(record, id, error, date_warning);
        } catch (const json::exception& e) {
            error = "invalid JSON: " + json_message(e);
            id.clear();
        }
        if (!article) {
            report.rejected.push_back({where, error});
            if (id.empty())
                report.kept_id_prefixes.push_back(id_prefix + "#");
            else
                report.kept_ids.push_back(id_prefix + "#" + id);
            continue;
        }
        const auto [seen, inserted] = first_line_of_id.try_emplace(id, line_no);
        if (!inserted) {
            report.rejected.push_back({where, "duplicate id " + id + ", first seen on line " +
                                                  std::to_string(seen->second)});
            continue;
        }
        if (!date_warning.empty()) report.warnings.push_back({where, date_warning});
        article->id = id_prefix + "#" + id;
        article->path = file;
        article->line = line_no;
        sink(std::move(*article));
    }
    return records;
}

}  // namespace news::indexer
