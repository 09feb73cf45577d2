// Reader for Markdown or text with an optional YAML front-matter block, and the YAML metadata
// parser that .meta.yaml sidecars share. Serves the arrow: corpus file -Reader-> Article.
#pragma once

#include "indexer/article.h"
#include "indexer/readers/corpus_reader.h"
#include "indexer/readers/dates.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace news::indexer {

/// Article metadata from a YAML mapping: front matter or a "<file>.meta.yaml" sidecar.
/// Keys: title, date, source, url, id (scalars). Other keys are ignored.
struct Metadata {
    std::optional<std::string> title, source, url, id;
    std::optional<PublicationDate> date;  // replaces the article's day and time of day
    struct Problem {
        std::size_t line = 0;  // 1-based within the YAML text, 0 if unknown
        std::string message;   // not fatal: "invalid date 'x'; article kept undated (...)"
    };
    std::vector<Problem> problems;
};

/// Why YAML could not be parsed; `line` is 1-based within the YAML text, 0 if unknown.
struct YamlError {
    std::size_t line = 0;
    std::string message;  // yaml-cpp's message, e.g. "illegal map value"
};

/// Parses `yaml` (empty or null means no metadata). Returns nothing and fills `error` when
/// the text is malformed YAML or not a mapping.
std::optional<Metadata> parse_metadata(std::string_view yaml, YamlError& error);

/// Copies every value `meta` has into `article`, overriding what is there; a title clears
/// title_derived, an id replaces the id as is.
void apply_metadata(const Metadata& meta, Article& article);

/// True if `content` starts with a closed front-matter block: a "---" line, YAML, then a
/// "---" (or "...") line.
bool has_front_matter(std::string_view content);

/// Reads Markdown (`markdown`) or text with optional front matter (valid UTF-8). Without a
/// title key the headline rules of split_headline() apply to the body, which is cleaned with
/// clean_body(). Malformed YAML, an unclosed block or an empty body: nothing returned and a
/// rejected note at "where:line" ("front matter: <message>"); an invalid date is a warning.
/// The caller sets path and, unless the front matter gave one, id.
std::optional<Article> read_front_matter(std::string_view content, bool markdown,
                                         const std::string& where, ReadReport& report);

}  // namespace news::indexer
