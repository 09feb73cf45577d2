// What a parsed query is: a tree of words, phrases, field values and ranges joined by
// AND / OR / NOT. Produced by QueryParser (syntax only), consumed by QueryBuilder.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace news::searcher {

struct QueryNode {
    enum class Type {
        Word,    // text: one word as typed ("AWS's"); analyzed later
        Phrase,  // text: the words between quotes
        Range,   // text..high, either end may be empty: year:2020..2024
        And,     // all children must match; ranked by the positive ones
        Or,      // any child
        Not,     // one child that must not match (inside an And, or alone)
        Near,    // children: words or phrases within kNearWindow words of each other
    };
    Type type = Type::Word;
    std::string field;  // "" for the default field, else a schema field name ("title")
    std::string text;
    std::string high;   // Range only
    std::vector<QueryNode> children;
    std::size_t column = 0;  // 1-based column in the query string, for messages
};

inline constexpr unsigned kNearWindow = 10;

/// A node without children.
inline QueryNode make_node(QueryNode::Type type, std::string field, std::string text,
                           std::size_t column = 0, std::string high = {}) {
    QueryNode n;
    n.type = type;
    n.field = std::move(field);
    n.text = std::move(text);
    n.high = std::move(high);
    n.column = column;
    return n;
}

/// A one-line printable form for tests and --explain: AND(word:aws, NOT(phrase:"just walk"))
std::string to_string(const QueryNode& node);

}  // namespace news::searcher
