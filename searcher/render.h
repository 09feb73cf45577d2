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

std::string render_text(const SearchResults& results, const TextStyle& style);

std::string render_json(const SearchResults& results);

}  // namespace news::searcher
