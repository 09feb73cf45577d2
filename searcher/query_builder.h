// QueryAst -> Xapian::Query, through the schema and the shared Analyzer (STYLE.md section 6).
// Free-text words become their word_term()s (stems, which carry positions), phrases OP_PHRASE of them; filter
// fields become exact boolean terms joined with OP_FILTER so they narrow without re-ranking.
#pragma once

#include "schema/analyzer.h"
#include "schema/fields.h"
#include "searcher/query_ast.h"
#include "searcher/synonyms.h"
#include "searcher/title_span.h"

#include <xapian.h>

#include <functional>
#include <optional>
#include <string>
#include <unordered_set>

namespace news::searcher {

/// Maps a filter value as typed ("aws") to the canonical value that was indexed
/// ("Amazon Web Services"), plus any values that also count ("Twitch" for "company:amazon").
/// Returns an empty list to use the value as typed.
using ValueResolver = std::function<std::vector<std::string>(const std::string& field, const std::string& value)>;

class QueryBuilder {
  public:
    explicit QueryBuilder(schema::Analyzer& analyzer, ValueResolver resolver = {})
        : analyzer_(analyzer), resolver_(std::move(resolver)) {}

    /// Any-word mode (--any): words joined without an operator become OR instead of AND,
    /// ranked by how many match and how well; filters and NOT still apply. For long
    /// natural-language queries, such as those of IR test collections.
    void set_any_word(bool any) { any_word_ = any; }

    /// Words dropped from any-word queries (not from phrases, not in all-words mode); a
    /// query made only of them keeps them. Not owned; may be null.
    void set_stopwords(const std::unordered_set<std::string>* stopwords) { stopwords_ = stopwords; }

    /// A free-text word, phrase or run of words equal to a synonym group member also finds
    /// the other members: OR(as typed, each other member). Not owned; may be null.
    void set_synonyms(const Synonyms* synonyms) { synonyms_ = synonyms; }

    /// The database whose spelling dictionary wildcards also expand over (see wildcard()).
    /// Not owned; may be null: then a wildcard matches the stems and unstemmed words starting
    /// with the typed prefix only.
    void set_vocabulary(const Xapian::Database* db) { vocabulary_ = db; }

    /// Not const: it keeps state of the query being built (words under NOT, a query in
    /// capitals) and analyses with the Analyzer it shares (schema/analyzer.h).
    /// @throws news::QueryError for values a field cannot take (bad year, range on a text
    ///         field) and for queries with no searchable words at all.
    Xapian::Query build(const QueryNode& root);

    enum class Role { Weighted, Filter, Negative };
    struct Built {
        Xapian::Query query;
        Role role = Role::Weighted;
    };

  private:
    std::optional<Built> build_node(const QueryNode& node);
    std::optional<Built> build_word(const QueryNode& node);
    std::optional<Built> build_phrase(const QueryNode& node);
    Built build_filter(const QueryNode& node) const;
    Built build_range(const QueryNode& node) const;
    std::optional<Built> build_and(const QueryNode& node);
    std::optional<Built> build_or(const QueryNode& node);
    std::optional<Built> build_near(const QueryNode& node);
    Xapian::Query wildcard(const QueryNode& node, const schema::Field& field);
    Xapian::Query word_query(const schema::Field& field, schema::Token t, bool typed, bool in_phrase) const;
    std::vector<Xapian::Query> word_queries(const schema::Field& field, const std::vector<schema::Token>& tokens,
                                            bool typed, bool in_phrase) const;
    std::optional<Xapian::Query> phrase(const schema::Field& field, const std::vector<schema::Token>& tokens,
                                        bool typed) const;
    SpanPhrase span_phrase(const std::vector<schema::Token>& tokens, bool typed, bool in_title) const;
    Xapian::Query with_synonyms(const std::string& key, const schema::Field& field, Xapian::Query typed);
    bool stem_is_only(const schema::Token& t);
    std::size_t synonym_run(const std::vector<QueryNode>& children, std::size_t i, std::string& key);

    schema::Analyzer& analyzer_;
    ValueResolver resolver_;
    bool any_word_ = false;
    const std::unordered_set<std::string>* stopwords_ = nullptr;
    const Synonyms* synonyms_ = nullptr;
    const Xapian::Database* vocabulary_ = nullptr;
    bool negated_ = false;  // under NOT: "-aws" excludes the word as typed, no synonyms
    bool keep_stopwords_ = false;  // set while rebuilding a stopword-only query
    bool shouted_ = false;  // the query is written in capitals: no word is an acronym
};

}  // namespace news::searcher
