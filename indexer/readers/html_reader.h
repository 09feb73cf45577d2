// Reader for saved or scraped HTML news pages, with libxml2's HTML parser (it repairs tag soup
// and decodes the charset the page declares). Serves the arrow: corpus file -Reader-> Article.
#pragma once

#include "indexer/article.h"
#include "indexer/readers/corpus_reader.h"

#include <optional>
#include <string>
#include <string_view>

namespace news::indexer {

/// Reads one HTML page, `content` as read from the file (any charset the page declares in a
/// <meta> tag or byte order mark; UTF-8 when it declares none).
/// - title: <meta property="og:title">, else the first <h1> of the article, else <title>;
/// - date: <meta property="article:published_time">, else the first <time datetime="...">
///   of the article, else "datePublished" of a JSON-LD script (parse_date() forms, dates.h);
/// - source: <meta property="og:site_name">; url: <link rel="canonical">, else og:url;
/// - body: the text of the article: the <article> holding the most text, else <main>, else the
///   element marked itemprop="articleBody" or role="main", else <body>; without scripts,
///   styles, comments, navigation, headers, footers, asides, forms and figures; block
///   elements become lines, a paragraph's lines are separated by a blank line.
/// Returns nothing, with a rejected note at `where`, when the page has no article text.
std::optional<Article> read_html(std::string_view content, const std::string& where, ReadReport& report);

}  // namespace news::indexer
