#include "bench/eval/smart_reader.h"

#include <optional>

namespace news::eval {
namespace {

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n\f\v");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n\f\v");
    return std::string(s.substr(first, last - first + 1));
}

// ".I 004" -> "4"; "0" stays "0".
std::string strip_zeros(std::string id) {
    const auto nonzero = id.find_first_not_of('0');
    if (nonzero == std::string::npos) return id.empty() ? id : "0";
    return id.substr(nonzero);
}

void append(std::string& field, const std::string& line) {
    if (line.empty()) return;
    if (!field.empty()) field += ' ';
    field += line;
}

// A marker line: '.', one letter, then nothing or (for .I) a space and a value.
std::optional<char> marker_of(const std::string& line) {
    if (line.size() < 2 || line[0] != '.' || line[1] < 'A' || line[1] > 'Z') return std::nullopt;
    if (line.size() > 2 && line[2] != ' ' && line[2] != '\t') return std::nullopt;
    return line[1];
}

// One pass over a tagged file; `on_record` gets the id, the 1-based line of its .I, and the
// fields keyed by marker letter.
struct Record {
    std::string id;
    std::size_t line = 0;
    std::string t, a, b, w;
    bool seen_w = false;
};

// `strays_in_text`: a .T/.A/.B/.W marker after .W is a stray inside the abstract (documents:
// Cranfield 240/576/578); otherwise it starts its field as usual (queries: CISI's .B after .W).
template <typename OnRecord>
void read_records(std::istream& in, const std::string& file, std::vector<SmartNote>& notes, bool strays_in_text,
                  OnRecord on_record) {
    std::optional<Record> rec;
    std::string* field = nullptr;  // where the next text line goes; null: nowhere
    std::string raw;
    std::size_t line_no = 0;
    bool noted_preamble = false;
    const auto where = [&] { return file + ":" + std::to_string(line_no); };
    while (std::getline(in, raw)) {
        ++line_no;
        const std::string line = trim(raw);
        const auto marker = marker_of(line);
        if (marker == 'I') {
            if (rec) on_record(*rec);
            rec.emplace();
            rec->id = strip_zeros(trim(std::string_view(line).substr(2)));
            rec->line = line_no;
            if (rec->id.empty()) notes.push_back({where(), ".I without an id"});
            field = nullptr;
            continue;
        }
        if (!rec) {
            if (!line.empty() && !noted_preamble) notes.push_back({where(), "text before the first .I skipped"});
            noted_preamble = true;
            continue;
        }
        if (marker) {
            const bool known = *marker == 'T' || *marker == 'A' || *marker == 'B' || *marker == 'W';
            if (rec->seen_w && known && strays_in_text) {
                // Cranfield 240/576/578: stray markers inside the abstract. The text goes on.
                notes.push_back({where(), std::string(1, '.').append(1, *marker).append(" after .W in record ")
                                              .append(rec->id).append(": marker dropped, text kept in .W")});
                field = &rec->w;
                continue;
            }
            switch (*marker) {
                case 'T': field = &rec->t; break;
                case 'A': field = &rec->a; break;
                case 'B': field = &rec->b; break;
                case 'W': field = &rec->w; rec->seen_w = true; break;
                default:
                    notes.push_back({where(), std::string("unknown marker .").append(1, *marker).append(" in record ")
                                                  .append(rec->id).append(": its text is skipped")});
                    field = nullptr;
            }
            continue;
        }
        if (field) append(*field, line);
    }
    if (rec) on_record(*rec);
}

}  // namespace

std::vector<SmartDocument> read_smart_documents(std::istream& in, const std::string& file,
                                                std::vector<SmartNote>& notes) {
    std::vector<SmartDocument> docs;
    read_records(in, file, notes, true, [&](Record& r) {
        if (!r.seen_w || r.w.empty())
            notes.push_back({file + ":" + std::to_string(r.line), "record " + r.id + " has no .W text"});
        docs.push_back({r.id, std::move(r.t), std::move(r.a), std::move(r.b), std::move(r.w)});
    });
    return docs;
}

std::vector<SmartQuery> read_smart_queries(std::istream& in, const std::string& file,
                                           std::vector<SmartNote>& notes) {
    std::vector<SmartQuery> queries;
    read_records(in, file, notes, false, [&](Record& r) {
        std::string text = std::move(r.t);
        append(text, r.w);
        if (text.empty()) notes.push_back({file + ":" + std::to_string(r.line), "query " + r.id + " has no text"});
        queries.push_back({queries.size() + 1, r.id, std::move(text)});
    });
    return queries;
}

}  // namespace news::eval
