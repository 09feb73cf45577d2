// The search itself: query text -> QueryParser -> QueryBuilder -> Enquire -> SearchResults
// with stored fields, snippets and exact facet counts. The library call behind newsdex-search.
#pragma once

#include "schema/analyzer.h"
#include "schema/document_data.h"
#include "schema/fields.h"
#include "schema/gazetteer.h"
#include "searcher/feedback.h"
#include "searcher/query_ast.h"
#include "searcher/remote.h"
#include "searcher/snippets.h"
#include "searcher/synonyms.h"
#include "searcher/timeline.h"

#include <xapian.h>

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace news::schema {
struct Field;
}

namespace news::searcher {

class DateColumn;
class FacetColumn;
class DenseMatcher;
class QueryBuilder;
class SurnameAttachment;
class OrgForms;

/// Result order: BM25 relevance, or by article date (newest or oldest first, ties by
/// relevance); undated articles come last in both date orders.
enum class SortOrder { Relevance, Date, DateAsc };

/// Pseudo-relevance feedback (searcher/feedback.h) for queries ranked by relevance: Auto uses
/// it for any-word (natural-language) queries only.
enum class Expand { Auto, On, Off };

struct SearchRequest {
    std::string query;
    std::size_t offset = 0;
    std::size_t limit = 10;
    std::vector<std::pair<std::string, std::string>> filters;  // --filter company=Amazon
    std::vector<std::string> facets;                            // field names from the schema
    std::size_t facet_limit = 10;
    bool any_word = false;  // words are alternatives (OR) rather than all required
    SortOrder sort = SortOrder::Relevance;
    bool snippets = true;
    std::size_t snippet_length = 240;  // bytes of article text around the matches
    std::string similar_to;  // an article id: rank articles like it (the query, if any, filters)
    bool collapse = false;   // one result per duplicate group (same opening text)
    double recency_half_life = 0;  // days; > 0 adds a recency boost that halves this often
    // Matches checked to count the total exactly; past them the total is a range (lower and
    // upper bound); 0: every match. Checking a match costs about 0.5 us (Reuters x50), so the
    // default keeps counting near 5 ms; it is also Elasticsearch's default (track_total_hits).
    Xapian::doccount count_limit = 10000;
    bool respell = true;           // search a misspelled query respelled when that finds more
    Expand expand = Expand::Auto;
    FeedbackSettings feedback;
    // Another weighting model than schema::RankingWeight, for measuring models (bench/eval);
    // null: RankingWeight. Not for remote shards; no dense path or facet ranking with it.
    std::shared_ptr<const Xapian::Weight> weighting;
    std::optional<Interval> timeline;  // also count the matches per interval (searcher/timeline.h)
};

struct Hit {
    std::size_t rank = 0;  // 1-based, counting from the first result overall (offset included)
    Xapian::docid docid = 0;
    double weight = 0;     // BM25 score
    int percent = 0;       // Xapian's relevance percentage
    schema::StoredArticle article;
    Snippet snippet;
    Xapian::doccount duplicates = 0;  // with collapse: other articles folded into this one
};

struct FacetCount {
    std::string value;
    Xapian::doccount count = 0;
};

struct Facet {
    std::string field;
    std::vector<FacetCount> values;  // by count, then value; at most facet_limit
    std::size_t distinct = 0;        // values before the limit
    Xapian::doccount missing = 0;    // matches without any value ("undated" for year)
};

struct SearchResults {
    std::string query;             // as given
    std::string parsed;            // the QueryAst, printed
    std::string xapian_query;      // Query::get_description()
    Xapian::doccount estimate = 0, lower_bound = 0, upper_bound = 0;
    bool exact = false;            // lower_bound == upper_bound: else the total is that range
    std::size_t offset = 0, limit = 0;
    std::vector<Hit> hits;
    std::vector<Facet> facets;
    bool fell_back_to_any = false;  // no article had all the words: these have any of them
    std::string suggestion;         // "Did you mean": the query respelled; empty if none
    std::string respelled;          // the query searched instead of `query`, respelled; empty if none
    bool dense = false;             // scored from dense arrays (searcher/dense.h), not by the matcher
    bool ranked_by_facet_pass = false;  // the top results came from the facet pass (set_facet_ranking)
    std::size_t feedback_docs = 0;      // articles the expansion words were taken from; 0: not expanded
    std::vector<ExpansionTerm> expansion;  // the words feedback added, with their weights
    std::optional<Timeline> timeline;      // when the request asked for one
    bool remote = false;            // a shard is remote: Xapian's built-in classes ran (docs/shards.md)
    bool partial = false;           // some shards did not answer (RemoteOptions::allow_partial)
    std::vector<std::string> missing_shards;  // their stub lines
    std::vector<std::string> notes;  // how a feature ran on remote shards, or that it could not
};

/// What a database path holds now, named as Searcher::content_version() names it, without a
/// Searcher: for a cache of answers consulted before a Searcher is free (newsdex-serve). Each
/// call follows the stubs and the database's commits as Searcher::follow_generation() does, on a
/// handle of its own. Thread-safe.
class ContentsProbe {
  public:
    explicit ContentsProbe(std::filesystem::path db) : path_(std::move(db)) {}

    /// The live contents' name; empty when no one name covers them (several subdatabases,
    /// remote shards) or the database cannot be read at this moment.
    std::string current();

  private:
    std::filesystem::path path_;
    std::mutex mutex_;
    std::string stubs_;  // the stub files path_ led through when db_ was opened
    std::optional<Xapian::Database> db_;  // null: not open, or not one local database
};

class Searcher {
  public:
    /// @throws news::Error when there is no database at `db` (says to run newsdex-index),
    ///         news::SchemaMismatch when it was written by another version.
    /// `gazetteers`: the entity dictionaries that resolve aliases in field queries
    /// (company:aws); empty for the built-in folder.
    /// `db`: a database directory, or a stub file; a stub may list local and remote shards
    /// ("remote HOST:PORT", "remote :xapian-progsrv PATH"), opened with `remote`'s timeouts.
    explicit Searcher(const std::filesystem::path& db, const std::filesystem::path& gazetteers = {},
                      const RemoteOptions& remote = {});
    ~Searcher();

    /// @throws news::QueryError for queries that do not parse or name bad values, or that ask
    ///         remote shards for what they cannot do; news::Error naming the shard that failed.
    SearchResults search(const SearchRequest& request);

    Xapian::doccount doc_count() const { return db_.get_doccount(); }

    /// For long-lived processes: opens the database again when a rebuild switched generations
    /// or an update committed since it was opened, so the next search sees the live index.
    /// True if it did (what was read from the old one, facet rows included, is dropped).
    bool follow_generation();

    /// The generation folder this Searcher reads ("gen-000007"); empty for a plain Xapian
    /// database directory.
    std::string generation() const;

    /// Names what this Searcher reads: the database's UUID and revision, which change with each
    /// commit and each generation (a cache keyed on it is never stale). Empty when no one name
    /// covers it: several subdatabases or remote shards (Xapian 1.4 gives one revision only).
    std::string content_version() const;

    /// The stored article with this id, or nullopt.
    std::optional<schema::StoredArticle> article(const std::string& id) const;

    const Xapian::Database& database() const { return db_; }
    const schema::Gazetteer& gazetteer() const { return gazetteer_; }

    /// For long-lived processes (a server, the benchmark): reads the rows of these facet fields
    /// now, so that no query pays for it. Otherwise a Searcher reads them at its second facet
    /// query of a field (searcher/facets.h). @throws QueryError for a field that is not a facet.
    void prepare_facets(const std::vector<std::string>& fields);

    /// Which queries the dense path answers (searcher/dense.h): those whose words are all in at
    /// least `min_fraction` of the articles of a database of at least `min_docs`. A
    /// `min_fraction` over 1 turns it off. Defaults: 1/8 and 50,000.
    void set_dense(double min_fraction, Xapian::doccount min_docs);

    /// A query by relevance with facets whose matches are under half the archive (estimated)
    /// is ranked by its facet pass, which weighs every match anyway: no ranked pass before it
    /// (searcher/facets.h, FacetRanking). Same hits, weights and percentages. On by default.
    void set_facet_ranking(bool on) { facet_ranking_ = on; }

  private:
    struct Run;  // one run()'s state, defined in search.cpp
    /// One search: plan(), preselect(), match(), then the fallback to any word, count() and page().
    SearchResults run(const SearchRequest& request);
    /// A QueryBuilder for `request`, resolving field values through the gazetteer and surnames.
    QueryBuilder query_builder(const SearchRequest& request);
    void plan(Run& run);
    void preselect(Run& run);
    void match(Run& run);
    void add_remote_spies(Run& run);
    void count(Run& run);
    void page(Run& run);
    Xapian::Query similar_query(const std::string& id);
    std::string suggest(const QueryNode& root, const std::string& query);
    /// run(), once more on the live generation if the database changed under it.
    SearchResults reopening_run(const SearchRequest& request);
    /// Opens the live generation again and drops what was read from the old one.
    void reopen();
    /// The field's column; with its rows read if `rows` or if it was used before.
    const FacetColumn& facet_column(const schema::Field& field, bool rows = false);
    /// Every article's instant for date orders (searcher/date_column.h), read at the second
    /// date order of this Searcher; null before, or when db_ cannot have one.
    const DateColumn* dates();
    /// db_ and more handles on the same generation, one per core (at most 4), for facet passes
    /// split between threads; only db_ when no other handle can be opened on the same revision.
    const std::vector<Xapian::Database>& facet_handles();
    /// Which lone surnames stand for which full names in db_ (searcher/surnames.h), read on
    /// first use.
    const SurnameAttachment& surnames();
    /// One form per unlisted organisation name of the company or org field in db_
    /// (searcher/org_forms.h), read on first use.
    const OrgForms& org_forms(schema::FieldId field);
    /// The values a facet of `field` counts under others: attached surnames, organisation forms.
    const std::unordered_map<std::string, std::string>* merged_values(const schema::Field& field);

    /// The database at path_: as Xapian opens it, or, when its stub lists remote shards, line
    /// by line (open_lines()).
    Xapian::Database open();
    /// Each line of lines_ on its own, remote ones with explicit timeouts; a line that fails, or
    /// is in `skip`, is left out when allowed (RemoteOptions::allow_partial), else named.
    Xapian::Database open_lines(const std::vector<std::size_t>& skip);
    /// reopening_run(), and when a remote shard fails: its name, or the others' results.
    SearchResults guarded_run(const SearchRequest& request);
    /// The recency boost with a built-in class: a ValueMapPostingSource from each publication
    /// date to RecencySource's weight for it.
    Xapian::Query remote_recency(double half_life) const;

    std::filesystem::path path_;
    RemoteOptions remote_options_;
    std::string stub_;  // the stub db_ was opened through ("auto gen-000007"); before db_: it fills it
    std::string stubs_;  // the stub files path_ leads through when db_ was opened (follow_generation())
    std::vector<ShardLine> lines_;          // of a stub with remote lines; empty otherwise
    std::vector<std::size_t> present_;      // subdatabases of db_ among all the lines'; empty: all
    std::size_t subdatabases_ = 0;          // all the lines' subdatabases (a remote line is one)
    std::vector<std::string> missing_;      // lines left out
    Xapian::Database db_;
    schema::DocumentCodec codec_;  // db_'s: reads its stored articles
    schema::Analyzer analyzer_;
    schema::Gazetteer gazetteer_;
    std::unordered_set<std::string> stopwords_;
    Synonyms synonyms_;
    QueryExpander expander_;
    std::map<int, std::shared_ptr<FacetColumn>> columns_;  // by FieldId
    std::unique_ptr<DenseMatcher> dense_;
    std::unique_ptr<std::optional<DateColumn>> dates_;  // dates(): read once; nullopt if it cannot be
    int date_orders_ = 0;                                // date orders searched before dates_ was read
    std::vector<Xapian::Database> handles_;  // facet_handles(), opened on first use
    std::unique_ptr<SurnameAttachment> surnames_;  // surnames(), read on first use
    std::map<int, std::unique_ptr<OrgForms>> org_forms_;  // org_forms(), by FieldId, read on first use
    SnippetCache snippets_{kKeptSnippets};  // of db_'s articles; cleared by reopen()
    static constexpr std::size_t kKeptSnippets = 16384;  // a few MB: about 300 bytes each
    bool facet_ranking_ = true;
};

}  // namespace news::searcher
