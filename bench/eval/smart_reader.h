// Reader for SMART-style tagged test collections (Cranfield, CACM, MED, CISI ...): records
// start with ".I <id>", fields with a marker alone on a line (.T title, .A authors,
// .B bibliographic source, .W text). Serves the arrow: collection file -> SmartDocument/Query.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace news::eval {

struct SmartDocument {
    std::string id;       // the ".I" value as written, leading zeros removed: "184"
    std::string title;    // .T
    std::string authors;  // .A
    std::string source;   // .B
    std::string text;     // .W
};

struct SmartQuery {
    std::size_t number = 0;  // 1-based position in the file: what Cranfield's qrels call the query
    std::string id;          // the ".I" value, leading zeros removed: "4" for ".I 004"
    std::string text;        // .W (a .T field, when present, is put in front of it)
};

/// One irregularity met while reading, "file:line: message" (line 1-based).
struct SmartNote {
    std::string where;
    std::string message;
};

/// Reads every document of `in`. Field text is joined with single spaces, lines trimmed,
/// CR (CRLF files) dropped. Quirks handled, each leaving a note:
///  - a marker repeated or out of order after .W (Cranfield 240, 576, 578): the body runs to
///    the next .I, so lines after a second .W/.A/.B/.T are appended to .W and the marker
///    line itself is dropped; the abstract is never split into author or source fields;
///  - text before the first .I, or an unknown marker (".X": CISI's citation triples): skipped,
///    also after .W;
///  - a record without .W, or with an empty one (Cranfield 471, 995): kept, empty text.
std::vector<SmartDocument> read_smart_documents(std::istream& in, const std::string& file,
                                                std::vector<SmartNote>& notes);

/// Reads queries: ".I <id>" then ".W" and the text (a ".T", if any, goes in front of it).
/// Authors and sources (CISI's bibliographic queries have .A and .B, also after .W) are not
/// part of the text.
/// Queries are numbered 1, 2, 3 ... in file order, whatever their .I says.
std::vector<SmartQuery> read_smart_queries(std::istream& in, const std::string& file,
                                           std::vector<SmartNote>& notes);

}  // namespace news::eval
