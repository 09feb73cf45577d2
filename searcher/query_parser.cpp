#include "searcher/query_parser.h"

#include "schema/errors.h"
#include "schema/fields.h"

#include <algorithm>
#include <optional>

namespace news::searcher {
namespace {

using Type = QueryNode::Type;

struct Lexeme {
    enum Kind { Word, Phrase, LParen, RParen, And, Or, Not, Near, Minus, Plus, Field, End };
    Kind kind;
    std::string text;
    std::size_t column;
};

// Opening and closing quotes, ASCII and typographic: text pasted from articles has both.
std::size_t quote_length(std::string_view s, std::size_t i) {
    if (s[i] == '"') return 1;
    if (s.substr(i, 3) == "\u201C" || s.substr(i, 3) == "\u201D" || s.substr(i, 3) == "\u201E") return 3;
    return 0;
}

// Whether `name:value` reads as a field query (letters and '_' before the colon) rather than
// text with a colon: a time ("10:30"), a URL ("http://...", "mailto:..."). A word ending in a
// colon with nothing after it ("skills:") is text too.
bool field_like(std::string_view name, std::string_view value) {
    if (name.empty() || value.starts_with("//") || name == "mailto" || name == "urn") return false;
    for (const char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')) return false;
    return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// columns[i] is the 1-based column, in code points, of byte i (and of the end, at size()).
std::vector<std::size_t> columns_of(std::string_view s) {
    std::vector<std::size_t> cols(s.size() + 1);
    std::size_t col = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++col;
        cols[i] = col;
    }
    cols[s.size()] = col + 1;
    return cols;
}

std::vector<Lexeme> lex(std::string_view q) {
    std::vector<Lexeme> out;
    const auto columns = columns_of(q);
    std::size_t i = 0;
    while (i < q.size()) {
        const std::size_t col = columns[i];
        if (is_space(q[i])) { ++i; continue; }
        if (q[i] == '(') { out.push_back({Lexeme::LParen, "(", col}); ++i; continue; }
        if (q[i] == ')') { out.push_back({Lexeme::RParen, ")", col}); ++i; continue; }
        if (q.substr(i, 3) == "\u201D") {  // a closing quote cannot open a phrase: stray, ignore
            i += 3;
            continue;
        }
        if (const std::size_t open = quote_length(q, i)) {
            std::size_t j = i + open, close = 0;
            while (j < q.size() && !(close = quote_length(q, j))) ++j;
            out.push_back({Lexeme::Phrase, std::string(q.substr(i + open, j - i - open)), col});
            i = j + close;
            continue;
        }
        const bool chunk_start = i == 0 || is_space(q[i - 1]) || q[i - 1] == '(';
        if ((q[i] == '-' || q[i] == '+') && chunk_start) {
            const bool lone = i + 1 >= q.size() || is_space(q[i + 1]) || q[i + 1] == '-' || q[i + 1] == '+';
            if (!lone) out.push_back({q[i] == '-' ? Lexeme::Minus : Lexeme::Plus, std::string(1, q[i]), col});
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < q.size() && !is_space(q[j]) && q[j] != '(' && q[j] != ')' && !quote_length(q, j)) ++j;
        const std::string word{q.substr(i, j - i)};
        if (word == "AND") out.push_back({Lexeme::And, word, col});
        else if (word == "OR") out.push_back({Lexeme::Or, word, col});
        else if (word == "NOT") out.push_back({Lexeme::Not, word, col});
        else if (word == "NEAR") out.push_back({Lexeme::Near, word, col});
        else if (const auto colon = word.find(':');
                 colon != std::string::npos && schema::find_field(word.substr(0, colon)) &&
                 (colon + 1 < word.size() || j == q.size() || q[j] == '(' || quote_length(q, j))) {
            out.push_back({Lexeme::Field, word.substr(0, colon), col});
            if (colon + 1 < word.size()) out.push_back({Lexeme::Word, word.substr(colon + 1), col + colon + 1});
        } else if (const auto at = word.find(':');
                   at != std::string::npos && field_like(word.substr(0, at), word.substr(at + 1)) &&
                   (at + 1 < word.size() || (j < q.size() && (q[j] == '(' || quote_length(q, j))))) {
            const std::string name = word.substr(0, at);
            throw QueryError("unknown field '" + name + "'; did you mean '" + std::string(schema::closest_field(name)) +
                                 "'? (newsdex-search --schema lists them; to search for the text, quote it: \"" + word + "\")",
                             col);
        } else {
            out.push_back({Lexeme::Word, word, col});
        }
        i = j;
    }
    out.push_back({Lexeme::End, "", columns[q.size()]});
    return out;
}

// Words of a phrase as typed (separated by white space); at least one.
std::size_t words_in(std::string_view text) {
    std::size_t words = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (!is_space(text[i]) && (i == 0 || is_space(text[i - 1]))) ++words;
    return std::max<std::size_t>(1, words);
}

class Parser {
  public:
    explicit Parser(std::vector<Lexeme> lexemes) : lx_(std::move(lexemes)) {}

    QueryNode parse() {
        auto node = and_seq();
        if (peek().kind == Lexeme::RParen)
            throw QueryError("unmatched ')': remove it or add a '(' before it", peek().column);
        if (!node) throw QueryError("the query is empty: type some words to search for", 1);
        if (leaves_ > kMaxQueryTerms)
            throw QueryError("the query has " + std::to_string(leaves_) + " terms; the limit is " +
                                 std::to_string(kMaxQueryTerms), 1);
        return *node;
    }

  private:
    const Lexeme& peek() const { return lx_[pos_]; }
    const Lexeme& take() { return lx_[pos_ < lx_.size() - 1 ? pos_++ : pos_]; }

    struct Depth {  // counts nesting, refusing pathological queries before the stack suffers
        explicit Depth(Parser& p) : p_(p) {
            if (++p_.depth_ > kMaxQueryDepth)
                throw QueryError("the query is nested more than " + std::to_string(kMaxQueryDepth) +
                                     " levels deep", p_.peek().column);
        }
        ~Depth() { --p_.depth_; }
        Parser& p_;
    };

    static QueryNode join(Type type, std::vector<QueryNode> items) {
        if (items.size() == 1) return std::move(items.front());
        QueryNode n;
        n.type = type;
        n.column = items.front().column;
        for (auto& item : items) {
            if (item.type == type && type != Type::Near) {
                for (auto& c : item.children) n.children.push_back(std::move(c));
            } else {
                n.children.push_back(std::move(item));
            }
        }
        return n;
    }

    void no_operand(const char* what) const {
        throw QueryError(std::string(what) + " needs a term on each side", peek().column);
    }

    std::optional<QueryNode> and_seq() {
        Depth depth{*this};
        std::vector<QueryNode> items;
        for (;;) {
            const auto kind = peek().kind;
            if (kind == Lexeme::End || kind == Lexeme::RParen) break;
            if (kind == Lexeme::And) {
                if (items.empty()) no_operand("AND");
                take();
                if (peek().kind == Lexeme::End || peek().kind == Lexeme::RParen) {
                    --pos_;
                    no_operand("AND");
                }
                continue;
            }
            if (auto item = or_seq()) items.push_back(std::move(*item));
        }
        if (items.empty()) return std::nullopt;
        return join(Type::And, std::move(items));
    }

    std::optional<QueryNode> or_seq() {
        if (peek().kind == Lexeme::Or) no_operand("OR");
        std::vector<QueryNode> items;
        if (auto first = near()) items.push_back(std::move(*first));
        while (peek().kind == Lexeme::Or) {
            take();
            auto next = near();
            if (!next) {
                --pos_;
                no_operand("OR");
            }
            items.push_back(std::move(*next));
        }
        if (items.empty()) return std::nullopt;
        return join(Type::Or, std::move(items));
    }

    std::optional<QueryNode> near() {
        if (peek().kind == Lexeme::Near) no_operand("NEAR");
        auto first = unary();
        if (!first || peek().kind != Lexeme::Near) return first;
        std::vector<QueryNode> items{std::move(*first)};
        while (peek().kind == Lexeme::Near) {
            const std::size_t col = take().column;
            auto next = unary();
            if (!next) throw QueryError("NEAR needs a word or phrase on each side", col);
            items.push_back(std::move(*next));
        }
        for (const auto& item : items)
            if (item.type != Type::Word && item.type != Type::Phrase)
                throw QueryError("NEAR joins words and phrases only", item.column);
        QueryNode n;
        n.type = Type::Near;
        n.column = items.front().column;
        n.children = std::move(items);
        return n;
    }

    std::optional<QueryNode> unary() {
        const Lexeme& l = peek();
        if (l.kind == Lexeme::Minus || l.kind == Lexeme::Not) {
            const std::size_t col = take().column;
            auto operand = primary();
            if (!operand) throw QueryError(std::string(l.kind == Lexeme::Not ? "NOT" : "-") +
                                               " needs a term after it", col);
            QueryNode n;
            n.type = Type::Not;
            n.column = col;
            n.children.push_back(std::move(*operand));
            return n;
        }
        if (l.kind == Lexeme::Plus) take();
        return primary();
    }

    static void set_field(QueryNode& node, const std::string& field) {
        if (node.field.empty()) node.field = field;
        for (auto& c : node.children) set_field(c, field);
    }

    std::optional<QueryNode> primary() {
        Depth depth{*this};
        const Lexeme l = take();
        switch (l.kind) {
            case Lexeme::LParen: {
                auto inner = and_seq();
                if (peek().kind != Lexeme::RParen)
                    throw QueryError("missing ')' for the '(' at column " + std::to_string(l.column),
                                     peek().column);
                take();
                return inner;
            }
            case Lexeme::Field: return field_value(l);
            case Lexeme::Phrase:
                if (l.text.find_first_not_of(" \t") == std::string::npos) return std::nullopt;
                leaves_ += words_in(l.text);  // each word of a phrase is a term to match
                return make_node(Type::Phrase, "", l.text, l.column);
            case Lexeme::Word:
                ++leaves_;
                return make_node(Type::Word, "", l.text, l.column);
            case Lexeme::RParen:
                throw QueryError("unmatched ')': remove it or add a '(' before it", l.column);
            case Lexeme::End: return std::nullopt;  // take() does not move past End
            default:
                --pos_;
                no_operand(l.text.c_str());
        }
        return std::nullopt;
    }

    std::optional<QueryNode> field_value(const Lexeme& field) {
        const Lexeme& v = peek();
        std::optional<QueryNode> node;
        if (v.kind == Lexeme::Word) {
            take();
            ++leaves_;
            if (const auto dots = v.text.find(".."); dots != std::string::npos)
                node = make_node(Type::Range, field.text, v.text.substr(0, dots), field.column, v.text.substr(dots + 2));
            else
                node = make_node(Type::Word, field.text, v.text, field.column);
        } else if (v.kind == Lexeme::Phrase || v.kind == Lexeme::LParen) {
            node = primary();
            if (node) set_field(*node, field.text);
        }
        if (!node) throw QueryError(field.text + ": needs a value, e.g. " + field.text + ":word", field.column);
        return node;
    }

    std::vector<Lexeme> lx_;
    std::size_t pos_ = 0;
    std::size_t depth_ = 0;
    std::size_t leaves_ = 0;
};

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

QueryNode parse_query(std::string_view query) { return Parser{lex(query)}.parse(); }

std::string to_string(const QueryNode& n) {
    const std::string field = n.field.empty() ? "" : n.field + ":";
    switch (n.type) {
        case Type::Word: return field + n.text;
        case Type::Phrase: return field + quoted(n.text);
        case Type::Range: return field + n.text + ".." + n.high;
        default: break;
    }
    std::string out = n.type == Type::And ? "AND(" : n.type == Type::Or ? "OR(" : n.type == Type::Not ? "NOT(" : "NEAR(";
    for (std::size_t i = 0; i < n.children.size(); ++i) out += (i ? ", " : "") + to_string(n.children[i]);
    return out + ")";
}

}  // namespace news::searcher
