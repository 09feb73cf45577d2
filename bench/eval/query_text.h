// Test-collection query text -> a newsdex any-word query. Natural-language queries carry
// punctuation that the newsdex query language reads as syntax; this removes exactly that.
// Serves the arrow: SmartQuery -> SearchRequest::query.
#pragma once

#include <string>
#include <string_view>

namespace news::eval {

/// Neutralises query syntax (searcher/query_parser.h) and leaves every word to the Analyzer:
///  - '(' ')' and quotes (ASCII and typographic) -> space: no groups or phrases;
///  - '-' or '+' starting a chunk -> space: no exclusions ("-free" is not NOT free);
///  - ':' -> space: no field queries ("title:x" is two words);
///  - the operator words AND OR NOT NEAR, which the parser only knows in capitals, are
///    lower-cased so they are searched as words, as in a lower-case query.
/// Case is otherwise kept: the Analyzer folds it, so "WING FLUTTER" and "wing flutter"
/// produce the same Xapian query and the same ranking.
std::string to_any_word_query(std::string_view text);

}  // namespace news::eval
