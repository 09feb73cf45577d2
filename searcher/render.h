// SearchResults -> text for people (bold highlights on a terminal, markers when piped) or
// the one stable JSON document for scripts (format: docs/json.md).
#pragma once

#include "searcher/search.h"

#include <string>

namespace news::searcher {

struct TextStyle {
    std::string mark_open = "**", mark_close = "**";  // "\033[1m" / "\033[0m" on a terminal
    bool show_query = false;                           // print the parsed query first
    bool show_relevance = true;                        // golden tests leave out the percentage
};

inline TextStyle terminal_style() { return {"\033[1m", "\033[0m", false}; }

/// Every piece of indexed or typed text in it goes through printable(): an article cannot
/// move the cursor, clear or retitle the reader's terminal.
std::string render_text(const SearchResults& results, const TextStyle& style);

/// `text` safe to print on a terminal: tab and LF stay, CR becomes a space; other C0 controls, DEL
/// and the C1 controls (U+0080-U+009F, which some terminals obey as escapes) are shown as
/// "\x1b" or "\u009b" instead of being sent.
std::string printable(std::string_view text);

std::string render_json(const SearchResults& results);

}  // namespace news::searcher
