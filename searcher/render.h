// SearchResults -> text for people (bold titles and highlights when colour is on, plain text
// otherwise) or the one stable JSON document for scripts (format: docs/json.md).
#pragma once

#include "searcher/search.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace news::searcher {

struct TextStyle {
    std::string mark_open, mark_close;    // around highlights: "\033[1m"/"\033[0m", "**"/"**", none
    std::string title_open, title_close;  // around titles: bold when colour is on
    bool show_query = false;              // print the parsed query first
    bool show_relevance = true;           // golden tests leave out the percentage
};

/// What the user asked for: --color (auto, always, never) and --highlight (auto, markers,
/// none), and what the environment says.
struct StyleChoice {
    std::string color = "auto", highlight = "auto";
    bool terminal = false;     // standard output is a terminal
    bool no_color = false;     // NO_COLOR is set and not empty (no-color.org)
    bool dumb = false;         // TERM is "dumb"
};

/// Colour (bold titles and highlights) with --color=always, or with auto on a terminal when
/// neither NO_COLOR nor TERM=dumb says otherwise. Highlights: bold when colour is on,
/// "**" markers with --highlight=markers, none otherwise (auto when piped, or none).
TextStyle text_style(const StyleChoice& choice);

/// Every piece of indexed or typed text in it goes through printable(): an article cannot
/// move the cursor, clear or retitle the reader's terminal.
std::string render_text(const SearchResults& results, const TextStyle& style);

/// `text` safe to print on a terminal: tab and LF stay, CR becomes a space; other C0 controls, DEL
/// and the C1 controls (U+0080-U+009F, which some terminals obey as escapes) are shown as
/// "\x1b" or "\u009b" instead of being sent.
std::string printable(std::string_view text);

/// The stored fields of an article as each result of render_json() has them (docs/json.md): id,
/// title, date, year, source, url, path, the entity lists and the years mentioned.
nlohmann::json article_fields(const schema::StoredArticle& article);

/// Highlight offsets are Unicode code points into the snippet text, as every offset newsdex
/// prints (newsdex-index --extract too).
std::string render_json(const SearchResults& results);

}  // namespace news::searcher
