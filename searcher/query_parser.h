// Query string -> QueryAst. Syntax only: no Xapian, no stemming (see STYLE.md section 6).
// Grammar (OR binds tighter than the implicit AND, as in web search engines):
//   query   := and_seq
//   and_seq := or_seq ( ["AND"] or_seq | "NOT" or_seq )*
//   or_seq  := near ( "OR" near )*
//   near    := unary ( "NEAR" unary )*
//   unary   := "-" primary | "+" primary | "NOT" primary | primary
//   primary := "(" and_seq ")" | FIELD ":" value | '"' words '"' | word
//   value   := word | '"' words '"' | lo ".." hi
#pragma once

#include "searcher/query_ast.h"

#include <string_view>

namespace news::searcher {

/// Parses a query. Stray closing quotes and a lone "-" are ignored (text pasted from
/// articles); an unknown "name:" is read as a plain word.
/// @throws news::QueryError with a 1-based column for unbalanced parentheses, operators
///         without operands, an empty query, and queries nested or longer than the limits.
QueryNode parse_query(std::string_view query);

inline constexpr std::size_t kMaxQueryTerms = 1000;
inline constexpr std::size_t kMaxQueryDepth = 100;  // parser levels: two per parenthesis

}  // namespace news::searcher
