#include "searcher/search.h"

#include "schema/cores.h"
#include "schema/database_dir.h"
#include "schema/document_data.h"
#include "schema/document_layout.h"
#include "schema/errors.h"
#include "schema/fields.h"
#include "schema/ranking.h"
#include "searcher/date_column.h"
#include "searcher/dense.h"
#include "searcher/facets.h"
#include "searcher/match_count.h"
#include "searcher/org_forms.h"
#include "searcher/query_builder.h"
#include "searcher/query_parser.h"
#include "searcher/recency.h"
#include "searcher/surnames.h"

#include <chrono>
#include <optional>
#include <fstream>
#include <iterator>
#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <thread>

namespace news::searcher {
namespace {

/// Opens the database at `path`, as Xapian does, or, when its stub lists remote shards, sets
/// `lines` and returns an empty Database: the caller opens them with explicit timeouts.
Xapian::Database open_database(const std::filesystem::path& path, std::string& stub_read, std::vector<ShardLine>& lines) {
    const std::string hint = "; build it first with: newsdex-index --db " + path.string() + " corpus/";
    if (!std::filesystem::exists(path)) throw Error(path.string() + ": no newsdex database here" + hint);
    if (!std::filesystem::is_directory(path))
        throw Error(path.string() + ": a file, not a newsdex database directory; give the directory with --db");
    // A rebuild may remove the generation named by the stub we just read: read it again.
    // Generation numbers only grow and an old generation is removed only after the stub names
    // a newer one, so a stub unchanged across the open proves every table (Xapian opens them
    // all up front, lazily-created ones silently absent) was opened before removal began.
    for (int attempt = 0;; ++attempt) {
        if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
        try {
            const std::string stub = schema::read_stub(path);
            auto listed = parse_stub(stub, path, schema::stub_file(path).string());
            if (std::any_of(listed.begin(), listed.end(), [](const ShardLine& l) { return l.remote(); })) {
                stub_read = stub;
                lines = std::move(listed);
                return {};
            }
            Xapian::Database db(path.string());
            stub_read = stub;
            if (schema::read_stub(path) != stub) {
                if (attempt >= 8) throw Error(path.string() + ": the database keeps changing; try again" + hint);
                continue;
            }
            schema::check_schema_version(db, path);
            return db;
        } catch (const Xapian::DatabaseOpeningError& e) {
            if (attempt >= 8) throw Error(path.string() + ": cannot open the database (" + e.get_msg() + ")" + hint);
        } catch (const Xapian::DatabaseError& e) {  // corrupt tables, a block that cannot be read
            if (attempt >= 8)
                throw Error(path.string() + ": this is not a complete newsdex database (" + e.get_description() +
                            "); rebuild it with: newsdex-index --rebuild --db " + path.string() + " <corpus>");
        }
    }
}

QueryNode with_filters(QueryNode root, const std::vector<std::pair<std::string, std::string>>& filters) {
    if (filters.empty()) return root;
    QueryNode all;
    all.type = QueryNode::Type::And;
    all.children.push_back(std::move(root));
    for (const auto& [field, value] : filters) {
        if (!schema::find_field(field))
            throw QueryError("--filter: unknown field '" + field + "'; did you mean '" +
                                 std::string(schema::closest_field(field)) + "'?", 0);
        QueryNode n = make_node(QueryNode::Type::Word, field, value);
        if (const auto dots = value.find(".."); dots != std::string::npos) {
            n.type = QueryNode::Type::Range;
            n.text = value.substr(0, dots);
            n.high = value.substr(dots + 2);
        }
        all.children.push_back(std::move(n));
    }
    return all;
}

// Field values as typed -> the canonical names the indexer stored: "aws" -> "Amazon Web
// Services", "U.S." -> "United States". Unknown values are searched as typed.
std::vector<std::string> resolve(const schema::Gazetteer& g, const std::string& field, const std::string& value) {
    std::optional<schema::EntityKind> kind;
    if (field == "company" || field == "company_only") kind = schema::EntityKind::Company;
    else if (field == "org") kind = schema::EntityKind::Org;
    else if (field == "place") kind = schema::EntityKind::Place;
    else return {};
    // Every name the indexer may have stored for it: "viacom" finds 2005 "Viacom" articles and
    // 2023 "Paramount Global" ones.
    // A name several places bear finds each (place:georgia: the country and the US state).
    std::vector<std::string> names;
    for (const auto* e : g.resolve_all(value, kind))
        for (auto& name : g.indexed_names(*e)) names.push_back(std::move(name));
    if (!names.empty()) return names;
    // An organisation name typed under company: (or the reverse) still finds it.
    if (const auto* e = g.resolve(value)) return g.indexed_names(*e);
    return {};
}

// company:yukos and company:"yukos oil" alike, when the archive makes them one name: every
// form of an unlisted organisation (searcher/org_forms.h). Empty when the name has no other.
std::vector<std::string> org_values(const OrgForms& forms, const std::string& value) {
    return forms.forms(schema::normalize_filter_value(value));
}

// person:blair and person:"tony blair" alike: the name typed, and the full name a lone surname
// stands for or the lone surnames that stand for a full name (searcher/surnames.h).
std::vector<std::string> person_values(const SurnameAttachment& surnames, const std::string& value) {
    const std::string folded = schema::normalize_filter_value(value);
    std::vector<std::string> out{value};
    if (const std::string* full = surnames.full_name(folded)) out.push_back(*full);
    for (auto& surname : surnames.surnames(folded)) out.push_back(std::move(surname));
    return out;
}

// For each of `hits`, the query's highlightable terms that index it: what
// Enquire::get_matching_terms gives, but read from the terms' posting lists, in docid order,
// rather than from each article's termlist, which a rebuilt index does not keep
// (indexer/shard_writer.h).
std::vector<std::vector<std::string>> matching_terms(const Xapian::Database& db, const Xapian::Query& query,
                                                    const std::vector<Xapian::docid>& hits) {
    std::vector<std::size_t> order(hits.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return hits[a] < hits[b]; });
    std::vector<std::vector<std::string>> out(hits.size());
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        const std::string term = *t;
        if (match_terms({term}).empty()) continue;  // a filter term: never highlighted
        auto post = db.postlist_begin(term);
        for (const std::size_t i : order) {
            post.skip_to(hits[i]);
            if (post == db.postlist_end(term)) break;
            if (*post == hits[i]) out[i].push_back(term);
        }
    }
    return out;
}

// Wildcard words ("layof*") of free-text fields, for highlighting: Xapian expands them inside
// the matcher, so the matching-terms list of a hit does not show the expansions.
void add_wildcards(const QueryNode& node, schema::Analyzer& analyzer, MatchTerms& match) {
    for (const auto& child : node.children) add_wildcards(child, analyzer, match);
    if (node.type != QueryNode::Type::Word || node.text.size() < 2 || node.text.back() != '*') return;
    const schema::Field* f = node.field.empty() ? &schema::field(schema::FieldId::Body) : schema::find_field(node.field);
    if (!f || f->kind != schema::Kind::FreeText) return;
    for (const auto& t : analyzer.analyze(node.text.substr(0, node.text.size() - 1))) match.prefixes.push_back(t.term);
}

// Free-text words and phrases a query asks for (not those under NOT): with two or more, an
// all-words query that matches nothing can fall back to any of them.
std::size_t count_words(const QueryNode& node) {
    if (node.type == QueryNode::Type::Not) return 0;
    if (node.type == QueryNode::Type::Word || node.type == QueryNode::Type::Phrase) {
        const schema::Field* f = node.field.empty() ? &schema::field(schema::FieldId::Body) : schema::find_field(node.field);
        return f && f->kind == schema::Kind::FreeText ? 1 : 0;
    }
    std::size_t n = 0;
    for (const auto& child : node.children) n += count_words(child);
    return n;
}

// Whether each free-text word and phrase of `node` (not those under NOT) is in some article:
// only then may an all-words query that finds nothing fall back to any of its words. With a
// word the archive does not have at all ("AWS" where there is only "awful"), the others alone
// answer another question.
bool every_word_found(const QueryNode& node, QueryBuilder& builder, const Xapian::Database& db) {
    if (node.type == QueryNode::Type::Not) return true;
    if (node.type == QueryNode::Type::Word || node.type == QueryNode::Type::Phrase) {
        if (count_words(node) == 0) return true;
        Xapian::Enquire enquire(db);
        try {
            enquire.set_query(builder.build(node));
        } catch (const QueryError&) {
            return true;  // punctuation only: it asks for nothing
        }
        return enquire.get_mset(0, 0).get_matches_upper_bound() > 0;
    }
    for (const auto& child : node.children)
        if (!every_word_found(child, builder, db)) return false;
    return true;
}

// The free-text words and phrases of a query in order, for spelling suggestions.
void free_text(const QueryNode& node, std::vector<const QueryNode*>& out) {
    if (node.type == QueryNode::Type::Word || node.type == QueryNode::Type::Phrase) {
        const schema::Field* f = node.field.empty() ? &schema::field(schema::FieldId::Body) : schema::find_field(node.field);
        if (f && f->kind == schema::Kind::FreeText && node.text.find('*') == std::string::npos) out.push_back(&node);
        return;
    }
    for (const auto& child : node.children) free_text(child, out);
}

// The sort key of the date orders: the "YYYYMMDDhhmmss" instant slot, so two articles of one
// day sort by their time, with undated articles (no value, which would sort first
// oldest-first) keyed past every date so they come last.
class DateKey : public Xapian::KeyMaker {
  public:
    explicit DateKey(bool ascending) : ascending_(ascending) {}
    /// Keys from `column` (of the database sorted) instead of the documents' value slots.
    void use(const DateColumn* column) { column_ = column; }
    std::string operator()(const Xapian::Document& doc) const override {
        std::string date = column_ ? column_->at(doc.get_docid()) : doc.get_value(schema::slot::kInstant);
        if (date.empty() && ascending_) return "\xff";
        return date;
    }

  private:
    bool ascending_;
    const DateColumn* column_ = nullptr;
};

// The exact number of matches of `query` counted from posting lists (searcher/match_count.h),
// unless the matcher's estimate says more than `limit`: over the limit the total is the range
// the matcher finds while it counts to the limit, so counting here first would be work thrown
// away. An estimate over the limit for a query with fewer matches (words that rarely meet) only
// leaves the count to the matcher: the total is exact either way.
std::optional<Xapian::doccount> count_below_limit(const Xapian::Database& db, const Xapian::Query& query,
                                                  Xapian::doccount limit) {
    // A lone term: its frequency, at any count. The matcher's bounds for it are that frequency
    // too, whatever it checks, so counting to the limit would only slow the page.
    if (query.get_type() == Xapian::Query::LEAF_TERM) return db.get_termfreq(*query.get_terms_begin());
    Xapian::Enquire guess(db);  // estimates only: no match is visited
    guess.set_query(query);
    if (guess.get_mset(0, 0).get_matches_estimated() > limit) return std::nullopt;
    return count_matches_upto(db, query, limit);
}

// The recency boost of the newest article, in BM25 units: about one well-matched word.
constexpr double kRecencyBoost = 2.0;

const schema::Field& facet_field(const std::string& name) {
    const schema::Field* f = schema::find_field(name);
    if (!f || !f->facet) throw QueryError("--facet: '" + name + "' is not a facet field; see newsdex-search --schema", 0);
    return *f;
}

// The default field's words of a query as index terms, in the order typed, excluded words and
// phrases left out: the consecutive pairs that feedback's proximity weighs (feedback.h).
void typed_terms(const QueryNode& node, schema::Analyzer& analyzer, std::vector<std::string>& out) {
    if (node.type == QueryNode::Type::Not || node.type == QueryNode::Type::Phrase) return;
    if (node.type == QueryNode::Type::Word && node.field.empty()) {
        for (const auto& t : analyzer.analyze(node.text))
            if (!t.compound) out.push_back(schema::word_term(schema::field(schema::FieldId::Body), t));
        return;
    }
    for (const auto& child : node.children) typed_terms(child, analyzer, out);
}

}  // namespace

Searcher::Searcher(const std::filesystem::path& db, const std::filesystem::path& gazetteers,
                   const RemoteOptions& remote)
    : path_(db),
      remote_options_(remote),
      db_(open()),
      codec_(schema::DocumentCodec::of(db_)),
      analyzer_("en"),
      gazetteer_(schema::Gazetteer::load(gazetteers.empty() ? schema::Gazetteer::default_dir() : gazetteers)),
      stopwords_(schema::load_word_list(schema::Gazetteer::default_dir().parent_path() / "stopwords_en.txt")),
      synonyms_(Synonyms::load(Synonyms::default_file(), analyzer_)),
      expander_(analyzer_, stopwords_),
      dense_(std::make_unique<DenseMatcher>()) {}

void Searcher::set_dense(double min_fraction, Xapian::doccount min_docs) {
    dense_ = std::make_unique<DenseMatcher>(min_fraction, min_docs);
}

Searcher::~Searcher() = default;

// A query with misspelled words (suggest()) is searched respelled too; the respelled results
// are shown when the query as typed finds nothing (or not all its words), or far fewer.
SearchResults Searcher::search(const SearchRequest& request) {
    constexpr Xapian::doccount kFarMore = 5;
    SearchResults out = guarded_run(request);
    if (!out.suggestion.empty() && request.respell) {
        SearchRequest respelled = request;
        respelled.query = out.suggestion;
        SearchResults better = guarded_run(respelled);
        const bool typed_found = out.upper_bound > 0 && !out.fell_back_to_any;
        if (!(better.upper_bound == 0 || better.fell_back_to_any ||
              (typed_found && better.lower_bound < kFarMore * out.upper_bound))) {
            better.respelled = std::move(better.query);
            better.query = request.query;
            better.suggestion.clear();
            out = std::move(better);
        }
    }
    out.remote = !lines_.empty();
    out.partial = !missing_.empty();
    out.missing_shards = missing_;
    if (out.remote) {
        out.notes.push_back("remote shards: BM25Weight, ValueCountMatchSpy and ValueMapPostingSource (built-in classes)");
        if (db_.spellings_begin() == db_.spellings_end())
            out.notes.push_back("no spelling suggestions: no local shard holds the spelling dictionary");
    }
    // Without some shards, docids are those of the shards present: give the whole database's.
    if (!present_.empty())
        for (auto& hit : out.hits) hit.docid = whole_docid(hit.docid, present_, subdatabases_);
    return out;
}

namespace {

/// The text of the stub file at `dir` and of the local stubs it names, two levels down (a
/// sharded generation's; a replica's, which xapian-replicate switches): what changes when a
/// database is switched to another copy.
std::string stub_chain(const std::filesystem::path& dir, int depth = 0) {
    std::string out = schema::read_stub(dir);
    if (depth >= 2 || out.empty()) return out;
    try {
        for (const auto& line : parse_stub(out, dir, schema::stub_file(dir).string()))
            if (!line.remote() && !line.target.empty()) out += "\n" + stub_chain(line.target, depth + 1);
    } catch (const Error&) {
        // Not a stub this searcher reads: opening it says so.
    }
    return out;
}

}  // namespace

Xapian::Database Searcher::open() {
    stubs_ = stub_chain(path_);
    lines_.clear();
    Xapian::Database db = open_database(path_, stub_, lines_);
    return lines_.empty() ? db : open_lines({});
}

Xapian::Database Searcher::open_lines(const std::vector<std::size_t>& skip) {
    Xapian::Database all;
    present_.clear();
    missing_.clear();
    std::size_t next = 0;  // subdatabases so far, of every line
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        const ShardLine& line = lines_[i];
        const std::string name = "shard " + std::to_string(i + 1) + " of " + std::to_string(lines_.size()) + " ('" +
                                 line.text + "')";
        std::optional<Xapian::Database> one;
        std::string why = "it did not answer";
        if (std::find(skip.begin(), skip.end(), i) == skip.end()) {
            try {
                one = open_shard(line, remote_options_);
            } catch (const Xapian::Error& e) {
                why = e.get_description();
            }
        }
        if (!one) {
            if (!remote_options_.allow_partial || !line.remote())
                throw Error(path_.string() + ": " + name + ": " + why +
                            (line.remote() ? "; start its server (docs/shards.md), or search the other shards with "
                                             "--allow-partial"
                                           : ""));
            missing_.push_back(line.text);
            ++next;  // a remote line is one subdatabase, whatever its server serves
            continue;
        }
        for (std::size_t k = 0; k < one->size(); ++k) present_.push_back(next++);
        all.add_database(*one);
    }
    subdatabases_ = next;
    if (all.size() == 0) throw Error(path_.string() + ": no shard answered; start their servers (docs/shards.md)");
    if (present_.size() == subdatabases_) present_.clear();
    schema::check_schema_version(all, path_);
    return all;
}

SearchResults Searcher::guarded_run(const SearchRequest& request) {
    try {
        return reopening_run(request);
    } catch (const Xapian::NetworkError& e) {
        if (lines_.empty()) throw;
        // Which shards fail: each remote line is opened again alone (a connection and its
        // greeting, under the same timeouts).
        std::vector<std::size_t> failed;
        std::string named;
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            if (!lines_[i].remote()) continue;
            try {
                open_shard(lines_[i], remote_options_).get_doccount();
            } catch (const Xapian::Error& probe) {
                failed.push_back(i);
                named += (named.empty() ? "" : "; ") + ("shard " + std::to_string(i + 1) + " of " +
                                                        std::to_string(lines_.size()) + " ('" + lines_[i].text +
                                                        "'): " + probe.get_description());
            }
        }
        if (failed.empty())
            throw Error(path_.string() + ": a remote shard failed during the search (" + e.get_description() +
                        ") and every shard answers again; search again, or raise --timeout for a slow shard");
        if (!remote_options_.allow_partial)
            throw Error(path_.string() + ": " + named + "; start its server (docs/shards.md), or search the other " +
                        "shards with --allow-partial");
        db_ = open_lines(failed);
        codec_ = schema::DocumentCodec::of(db_);
        columns_.clear();
        dates_.reset();
        date_orders_ = 0;
        dense_->clear();
        handles_.clear();
        surnames_.reset();
        org_forms_.clear();
        return reopening_run(request);
    }
}

Xapian::Query Searcher::remote_recency(double half_life) const {
    const double newest = day_number(db_.get_value_upper_bound(schema::slot::kDate));
    auto source = std::make_unique<Xapian::ValueMapPostingSource>(schema::slot::kDate);
    source->set_default_weight(0);  // undated, as RecencySource
    // The dates the archive has are its date terms ("D" + YYYYMMDD, the slot's value). Remote
    // shards run no posting source of ours, so the boost there goes by the day, not by
    // RecencySource's instant: a mapping per instant would be one per article.
    const std::string prefix{schema::field(schema::FieldId::Date).prefix};
    if (newest >= 0)
        for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
            const std::string value = (*t).substr(prefix.size());
            if (const long day = day_number(value); day >= 0)
                source->add_mapping(value, recency_weight(kRecencyBoost, half_life, newest, static_cast<double>(day)));
        }
    return Xapian::Query(source.release()->release());
}

SearchResults Searcher::reopening_run(const SearchRequest& request) {
    try {
        return run(request);
    } catch (const Xapian::DatabaseError&) {
        // An indexer committed meanwhile (DatabaseModifiedError), or a rebuild switched
        // generations under a long-lived Database: open the live one again, once. What was
        // read from the old one (facet rows, dense arrays) describes another index: dropped.
        reopen();
        return run(request);
    }
}

void Searcher::reopen() {
    db_ = open();
    codec_ = schema::DocumentCodec::of(db_);
    columns_.clear();
    dates_.reset();
    date_orders_ = 0;
    dense_->clear();
    handles_.clear();
    surnames_.reset();
    org_forms_.clear();
    snippets_.clear();
}

bool Searcher::follow_generation() {
    try {
        // The same stubs (nested ones included: a sharded generation's, a replica's): reopen()
        // says whether an update committed since, or a replica applied changesets. Remote
        // shards are not asked: a round trip each.
        if (stub_chain(path_) == stubs_ && (!lines_.empty() || !db_.reopen())) return false;
    } catch (const Xapian::DatabaseError&) {  // the generation went away meanwhile
    }
    reopen();
    return true;
}

std::string Searcher::generation() const { return schema::stub_generation(path_, stub_).filename().string(); }

namespace {

/// "UUID:revision" of one local database; empty for several subdatabases or a backend without
/// revisions.
std::string contents_of(const Xapian::Database& db) {
    if (db.size() != 1) return {};
    try {
        return db.get_uuid() + ":" + std::to_string(db.get_revision());
    } catch (const Xapian::Error&) {
        return {};
    }
}

}  // namespace

std::string Searcher::content_version() const { return lines_.empty() ? contents_of(db_) : std::string(); }

std::string ContentsProbe::current() {
    const std::lock_guard lock(mutex_);
    try {
        const std::string stubs = stub_chain(path_);
        if (db_ && stubs == stubs_) {
            db_->reopen();
            return contents_of(*db_);
        }
        db_.reset();
        std::string stub;
        std::vector<ShardLine> lines;
        Xapian::Database db = open_database(path_, stub, lines);
        if (!lines.empty()) return {};
        stubs_ = stubs;
        db_ = std::move(db);
        return contents_of(*db_);
    } catch (const Xapian::Error&) {  // a generation removed under way: the next call opens again
    } catch (const Error&) {
    }
    db_.reset();
    return {};
}

std::optional<schema::StoredArticle> Searcher::article(const std::string& id) const {
    const std::string term = schema::id_term(id);
    const auto post = db_.postlist_begin(term);
    if (post == db_.postlist_end(term)) return std::nullopt;
    return codec_.load(db_.get_document(*post));
}

namespace {

// Byte offset in `query` of the 1-based code-point column `column` (QueryNode::column).
std::size_t byte_of_column(std::string_view query, std::size_t column) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < query.size(); ++i)
        if ((static_cast<unsigned char>(query[i]) & 0xC0) != 0x80 && ++seen == column) return i;
    return query.size();
}

bool in_spelling_dictionary(const Xapian::Database& db, const std::string& word) {
    auto w = db.spellings_begin();
    w.skip_to(word);
    return w != db.spellings_end() && *w == word;
}

}  // namespace

// The query with its misspelled words respelled, or empty when none is. A word is misspelled
// when the archive never has it as a word (it is not in the spelling dictionary: only its stem
// may be there, as "goverment" shares "gover" with "governess") and the dictionary has a word
// within one edit (words of up to six letters: "items" is two from "its") or two whose stem
// differs. Stop words,
// numbers, compounds, filters and acronyms typed in capitals are left as typed.
std::string Searcher::suggest(const QueryNode& root, const std::string& query) {
    std::vector<const QueryNode*> nodes;
    free_text(root, nodes);
    const auto& body = schema::field(schema::FieldId::Body);
    std::vector<std::pair<std::size_t, std::size_t>> spans;  // bytes of the query, in order
    std::vector<std::string> words;
    for (const QueryNode* node : nodes) {
        std::size_t at = byte_of_column(query, node->column);
        if (!node->field.empty() && query.compare(at, node->field.size() + 1, node->field + ":") == 0)
            at += node->field.size() + 1;  // "title:layofs": the node starts at its field
        if (node->type == QueryNode::Type::Phrase) at += query.compare(at, 1, "\"") == 0 ? 1 : 3;  // “ is 3 bytes
        if (query.compare(at, node->text.size(), node->text) != 0) continue;  // not where the parser saw it
        for (const auto& t : analyzer_.analyze(node->text)) {
            if (t.compound || t.acronym || !schema::spelling_word(t.term) || stopwords_.contains(t.term) ||
                in_spelling_dictionary(db_, t.term))
                continue;
            const std::string better = db_.get_spelling_suggestion(t.term, t.term.size() <= 6 ? 1 : 2);
            if (better.empty()) continue;
            const auto respelled = analyzer_.analyze(better);
            if (respelled.size() != 1 || schema::word_term(body, respelled.front()) == schema::word_term(body, t)) continue;
            spans.emplace_back(at + t.begin, at + t.end);
            words.push_back(better);
        }
    }
    if (spans.empty()) return {};
    std::string out = query;
    for (std::size_t i = spans.size(); i-- > 0;) out.replace(spans[i].first, spans[i].second - spans[i].first, words[i]);
    return out;
}

// One run()'s state: the query at each stage, how it ranks, the page and its counts, and the
// objects the Enquires point at (weights, posting sources, the key maker, spies), which must
// outlive them. Filled by plan(), preselect(), match(), count() and page() in that order.
struct Searcher::Run {
    Run(const SearchRequest& r, const Xapian::Database& db, bool on_remote, QueryBuilder query_builder)
        : request(r),
          remote(on_remote),
          builder(std::move(query_builder)),
          recency(kRecencyBoost, r.recency_half_life, db),
          date_key(r.sort == SortOrder::DateAsc),
          enquire(db),
          counting(db) {}

    // Remote shards run Xapian's built-in classes only: BM25Weight with the parameters that
    // make it RankingWeight's formula (schema/ranking.h), and no posting source of our own.
    const Xapian::Weight& weight() const {
        if (request.weighting) return *request.weighting;
        return remote ? static_cast<const Xapian::Weight&>(builtin_weight) : ranking_weight;
    }

    const SearchRequest& request;
    const bool remote;
    SearchResults out;
    QueryNode root;
    QueryBuilder builder;
    const schema::RankingWeight ranking_weight;
    const Xapian::BM25Weight builtin_weight = schema::builtin_ranking_weight();
    Xapian::Query query;     // what ranks: expanded by feedback, with the recency boost
    Xapian::Query matching;  // what matches and is counted: the boost matches nothing
    Xapian::Query own;       // the query before feedback: the same matches, without the added words
    std::vector<Xapian::docid> reranked;  // the first pass's best, when feedback ranks them again
    RecencySource recency;
    DateKey date_key;
    std::optional<DenseMatch> dense;
    std::vector<const FacetColumn*> columns;
    std::optional<FacetCounts> counted;
    std::unique_ptr<FacetCounter> fused;  // the ranked pass's match spy, when it counts the facets
    std::vector<Xapian::docid> best;  // the facet pass's, when it ranks
    bool ranked = false;              // by the facet pass
    bool preselected = false;         // the dense path or the facet pass chose the candidates
    std::optional<DocidSource> candidates;
    Xapian::Enquire enquire;
    Xapian::Enquire counting;  // remote facets counted apart from the ranked pass
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    Xapian::doccount check = 0;  // matches checked to count them exactly
    Xapian::MSet mset;
    Xapian::MSet tail;  // oldest first on remote shards: the undated part of the page
};

// Plan, execute, decorate: the query is built and expanded, its candidates chosen, matched and
// counted, an all-words query that finds nothing falls back to any of its words, and the page
// gets its facets, stored articles and snippets.
SearchResults Searcher::run(const SearchRequest& request) {
    Run state{request, db_, !lines_.empty(), query_builder(request)};
    plan(state);
    preselect(state);
    match(state);
    if (state.out.upper_bound == 0 && !request.any_word && request.similar_to.empty() &&
        count_words(state.root) >= 2 && every_word_found(state.root, state.builder, db_)) {
        SearchRequest any = request;
        any.any_word = true;
        if (request.expand == Expand::Auto) any.expand = Expand::Off;  // no question asked: no feedback
        SearchResults fallback = run(any);
        if (fallback.upper_bound > 0) {
            fallback.fell_back_to_any = true;
            return fallback;
        }
    }
    count(state);
    page(state);
    return std::move(state.out);
}

QueryBuilder Searcher::query_builder(const SearchRequest& request) {
    QueryBuilder builder{analyzer_, [this](const std::string& field, const std::string& value) {
                             if (field == "person") return person_values(surnames(), value);
                             std::vector<std::string> names = resolve(gazetteer_, field, value);
                             if (names.empty() && (field == "company" || field == "company_only"))
                                 names = org_values(org_forms(schema::FieldId::Company), value);
                             else if (names.empty() && field == "org")
                                 names = org_values(org_forms(schema::FieldId::Org), value);
                             return names;
                         }};
    builder.set_any_word(request.any_word);
    builder.set_stopwords(&stopwords_);
    builder.set_synonyms(&synonyms_);
    builder.set_vocabulary(&db_);
    return builder;
}

// The query from the request: parsed, with its filters, respelled as a suggestion, built,
// expanded by feedback when asked, and with the recency boost.
void Searcher::plan(Run& run) {
    const SearchRequest& request = run.request;
    SearchResults& out = run.out;
    out.query = request.query;
    out.offset = request.offset;
    out.limit = request.limit;
    const bool no_words = request.query.find_first_not_of(" \t\r\n") == std::string::npos;
    if (no_words && (!request.filters.empty() || !request.similar_to.empty()))
        run.root.type = QueryNode::Type::And;  // filters alone: browse by field
    else
        run.root = parse_query(request.query);
    run.root = with_filters(std::move(run.root), request.filters);
    out.parsed = to_string(run.root);
    out.suggestion = suggest(run.root, request.query);
    if (request.similar_to.empty()) {
        run.query = run.builder.build(run.root);
    } else {
        // More like this: the article's characteristic terms rank; query words and filters,
        // if given, only narrow.
        run.query = similar_query(request.similar_to);
        if (!run.root.children.empty() || run.root.type != QueryNode::Type::And)
            run.query = Xapian::Query(Xapian::Query::OP_FILTER, run.query, run.builder.build(run.root));
    }
    if (run.remote) refuse_on_remote(run.query);
    const bool expand = request.expand == Expand::On || (request.expand == Expand::Auto && request.any_word);
    run.own = run.query;
    if (expand && request.sort == SortOrder::Relevance && request.similar_to.empty()) {
        std::vector<std::string> typed;
        if (request.feedback.proximity > 0) typed_terms(run.root, analyzer_, typed);
        Expansion expansion = expander_.expand(db_, codec_, run.weight(), run.query, request.feedback,
                                               request.offset + request.limit, typed);
        run.query = std::move(expansion.query);
        out.feedback_docs = expansion.terms.empty() ? 0 : expansion.docs;
        out.expansion = std::move(expansion.terms);
        run.reranked = std::move(expansion.best);
    }
    out.xapian_query = run.query.get_description();
    run.matching = run.query;
    // A recency boost rides along with the query: it adds weight, never matches on its own.
    if (request.recency_half_life > 0)
        run.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, run.query,
                                  run.remote ? remote_recency(request.recency_half_life) : Xapian::Query(&run.recency));
}

// Which matches Xapian ranks, when not all: words in most of the archive, ranked by relevance,
// are scored from dense arrays, and Xapian ranks only the candidates for the top results
// (searcher/dense.h). Facets by relevance, most of the archive not matching: the facet pass
// also ranks, and Xapian ranks only the best it found, instead of a pass of its own; only for
// queries whose matches have all their words, whose percentages are then known.
void Searcher::preselect(Run& run) {
    const SearchRequest& request = run.request;
    const bool by_relevance = request.sort == SortOrder::Relevance && !request.collapse &&
                              request.recency_half_life <= 0 && request.similar_to.empty() && !request.weighting;
    // Not on remote shards: it reads postlists from the client.
    if (!run.remote && by_relevance) run.dense = dense_->match(db_, run.query, request.offset + request.limit);
    if (!run.remote)
        for (const auto& name : request.facets) run.columns.push_back(&facet_column(facet_field(name)));
    // Not over several shards: the match spy that keeps the best sees shard docids (facets.h).
    if (!run.dense && facet_ranking_ && db_.size() == 1 && !run.remote && !run.columns.empty() && by_relevance &&
        every_match_has_every_word(run.matching)) {
        Xapian::Enquire guess(db_);  // estimates only: no match is visited
        guess.set_query(run.matching);
        const Xapian::MSet bounds = guess.get_mset(0, 0);
        if (bounds.get_matches_estimated() <= db_.get_doccount() / 2) {
            const auto weight = schema::ranking_weight();
            const FacetRanking ranking{&weight, request.offset + request.limit};
            run.counted = count_facets(facet_handles(), run.matching, bounds.get_matches_estimated(), run.columns,
                                       request.facets, request.facet_limit, kParallelFacetMatches, &ranking,
                                       bounds.get_matches_upper_bound());
            for (const auto& m : run.counted->best) run.best.push_back(m.docid);
            std::sort(run.best.begin(), run.best.end());
        }
    }
    run.ranked = run.counted.has_value();
    run.preselected = run.dense || run.ranked;
    // On remote shards no posting source of ours: feedback re-ranks every match there, so an
    // article outside the first pass's best may rise, and percentages scale over every match.
    if (run.remote && !run.reranked.empty()) {
        run.reranked.clear();
        run.out.notes.push_back("feedback re-ranked every match (the first pass's best need a posting source)");
    }
}

// The ranked pass: the page's matches and the total.
void Searcher::match(Run& run) {
    const SearchRequest& request = run.request;
    run.candidates.emplace(run.dense ? run.dense->candidates : run.ranked ? run.best : run.reranked, ShardMap(db_));
    Xapian::Enquire& enquire = run.enquire;
    enquire.set_query(run.preselected || !run.reranked.empty()
                          ? Xapian::Query(Xapian::Query::OP_FILTER, run.query, Xapian::Query(&*run.candidates))
                          : run.query);
    // BM25 (k1 and b in schema/ranking.h, chosen with bench/eval; docs/ranking.md), its length
    // normalisation stored in the wdfs.
    enquire.set_weighting_scheme(run.weight());
    if (request.collapse) enquire.set_collapse_key(schema::slot::kDupKey);
    if (request.sort != SortOrder::Relevance && !run.remote) {
        run.date_key.use(dates());
        enquire.set_sort_by_key_then_relevance(&run.date_key, request.sort == SortOrder::Date);
    }
    if (request.sort != SortOrder::Relevance && run.remote)  // undated last only when newest first: see below
        enquire.set_sort_by_value_then_relevance(schema::slot::kInstant, request.sort == SortOrder::Date);
    // The total is exact: the matcher checks every match up to the count limit, past which the
    // total is the range it knows (render says so). A bound on work, not on time: Xapian 1.4's
    // Enquire::set_time_limit lets its timer thread write into a finished match's stack frame
    // (crashes after some hundred searches in one process), so it is never used.
    run.check = request.count_limit == 0 ? db_.get_doccount() : std::min(db_.get_doccount(), request.count_limit);
    if (run.remote && !request.facets.empty()) add_remote_spies(run);
    // Local facets are counted over every match (count()), which makes the total exact: no
    // count of the matcher's or from posting lists before it. A date order visits every match
    // anyway: its pass counts the facets, as a match spy that is handed every match.
    const bool facets_count = !run.columns.empty() && !request.collapse && !run.preselected && run.reranked.empty();
    if (facets_count && request.sort != SortOrder::Relevance) {
        run.fused = std::make_unique<FacetCounter>(run.columns);
        run.fused->set_local_docids(db_.size() > 1);
        enquire.add_matchspy(run.fused.get());
    }
    // The dense path asks for the page's predecessors too: the best article sets the percentages.
    // An expanded query ranks the first pass's best articles again (searcher/feedback.h), and
    // its own words' matches are counted apart (below).
    const bool count_apart = !run.reranked.empty() && !run.preselected;
    // Oldest first on remote shards: Xapian's ascending value order puts the undated (no value)
    // first, so the page is read from after them, and completed with them from the front.
    const bool undated_last = run.remote && request.sort == SortOrder::DateAsc;
    const Xapian::doccount undated = undated_last ? count_matches(db_, without_date(run.matching)) : 0;
    // Counted from posting lists when it can be: the matcher then ranks with its minimum weight
    // raised as soon as the page is full (the same page), not visiting every match as a
    // candidate. Past the count limit, Xapian's own bounds are kept: the matcher counts.
    // An expanded query's matches are its own words' (the added words only re-rank): counted
    // from those words' posting lists, and by an unweighted pass only when they cannot be.
    const bool countable =
        !(run.preselected || count_apart || undated_last || request.collapse || run.remote || facets_count);
    const Xapian::Query& counted_query = count_apart ? run.own : run.matching;
    auto counted = countable || count_apart ? count_below_limit(db_, counted_query, run.check) : std::nullopt;
    const bool lone_term = counted_query.get_type() == Xapian::Query::LEAF_TERM;
    const bool count_here = counted && (*counted <= run.check || lone_term);
    const Xapian::doccount check = run.fused                               ? db_.get_doccount()
                                   : count_apart || count_here || facets_count ? 0
                                                                               : run.check;
    run.mset = run.preselected ? enquire.get_mset(0, request.offset + request.limit)
                               : enquire.get_mset(request.offset + undated, request.limit, check);
    if (undated_last && run.mset.size() < request.limit) {
        const Xapian::doccount dated = run.mset.get_matches_estimated() - undated;
        const Xapian::doccount from = request.offset > dated ? static_cast<Xapian::doccount>(request.offset) - dated : 0;
        const Xapian::doccount want = static_cast<Xapian::doccount>(request.limit - run.mset.size());
        if (from < undated) run.tail = enquire.get_mset(from, std::min(want, undated - from), run.check);
    }
    const Xapian::MSet counted_mset =
        count_apart && !count_here ? unweighted_pass(db_, run.matching, run.check) : run.mset;
    SearchResults& out = run.out;
    out.estimate = counted_mset.get_matches_estimated();
    out.lower_bound = counted_mset.get_matches_lower_bound();
    out.upper_bound = counted_mset.get_matches_upper_bound();
    // Having checked as many matches as the limit, the matcher cannot tell whether more follow:
    // then the posting lists say, and a total of exactly the limit stays exact.
    if (countable && !counted && out.lower_bound != out.upper_bound && out.lower_bound <= run.check)
        counted = count_matches_upto(db_, run.matching, run.check);
    if (counted && (*counted <= run.check || lone_term)) out.estimate = out.lower_bound = out.upper_bound = *counted;
    if (run.dense) out.estimate = out.lower_bound = out.upper_bound = run.dense->matches;
    if (run.ranked) out.estimate = out.lower_bound = out.upper_bound = run.counted->matches;
    out.dense = run.dense.has_value();
    out.ranked_by_facet_pass = run.ranked;
    out.exact = out.lower_bound == out.upper_bound;
}

// Exact facets on remote shards: a ValueCountMatchSpy per field, over every match, each
// '\n'-joined slot value split on this side (facets.h, facet_from_spy()). In the ranked pass
// when by relevance; in a pass of their own over every match (uncollapsed, as the local count)
// for a date order, where remote matchers (Xapian 1.4) hand the spies a few articles more than
// match, and change the percentages.
void Searcher::add_remote_spies(Run& run) {
    const SearchRequest& request = run.request;
    const bool apart = request.sort != SortOrder::Relevance || request.collapse;
    for (const auto& name : request.facets) {
        run.spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(facet_field(name).slot));
        (apart ? run.counting : run.enquire).add_matchspy(run.spies.back().get());
    }
    if (apart) {
        run.counting.set_query(run.matching);
        run.counting.set_weighting_scheme(Xapian::BoolWeight());
        run.counting.get_mset(0, 0, run.check);
    }
}

// Facets and the timeline of every match; a facet pass over every match makes the total exact.
void Searcher::count(Run& run) {
    const SearchRequest& request = run.request;
    SearchResults& out = run.out;
    if (run.remote && !run.spies.empty()) {
        for (std::size_t f = 0; f < run.spies.size(); ++f)
            out.facets.push_back(facet_from_spy(*run.spies[f], facet_field(request.facets[f]), request.facets[f],
                                                request.facet_limit, merged_values(facet_field(request.facets[f]))));
        if (!request.collapse) {
            out.estimate = out.lower_bound = out.upper_bound = run.spies.front()->get_total();
            out.exact = true;
        }
    }
    if (!run.columns.empty()) {
        const auto& columns = run.columns;
        const bool rows = std::all_of(columns.begin(), columns.end(), [](const FacetColumn* c) { return c->has_rows(); });
        if (!run.counted && run.fused)
            run.counted = facet_counts(db_, *run.fused, columns, request.facets, request.facet_limit);
        if (!run.counted)
            run.counted = run.dense && rows
                              ? count_facets(db_, *run.dense->scores, run.dense->matches, columns, request.facets,
                                             request.facet_limit)
                              : count_facets(facet_handles(), run.matching, out.estimate, columns, request.facets,
                                             request.facet_limit, kParallelFacetMatches, nullptr,
                                             run.mset.get_matches_upper_bound());
        if (!request.collapse) {  // the facet pass saw every match: the count is exact
            out.estimate = out.lower_bound = out.upper_bound = run.counted->matches;
            out.exact = true;
        }
        out.facets = std::move(run.counted->facets);
    }
    if (request.timeline) out.timeline = count_timeline(db_, run.matching, *request.timeline);
}

// The page's hits: rank, weight and percentage, duplicates folded into each, the stored
// article and its snippet.
void Searcher::page(Run& run) {
    const SearchRequest& request = run.request;
    const Xapian::MSet& mset = run.mset;
    auto first = mset.begin();
    if (run.preselected)
        first = request.offset < mset.size() ? mset[static_cast<Xapian::doccount>(request.offset)] : mset.end();
    // Remote matchers in a date order scale percentages by the best weight of what they send,
    // not of every match: the scale is taken from the best match by relevance instead.
    const bool rescale = run.remote && request.sort != SortOrder::Relevance && !mset.empty();
    const auto scale = rescale ? percent_scale(db_, run.enquire.get_query(), run.weight())
                               : std::pair<double, double>(0, 1);
    std::vector<Xapian::MSetIterator> items;  // the page
    for (auto it = first; it != mset.end(); ++it) items.push_back(it);
    for (auto it = run.tail.begin(); it != run.tail.end(); ++it) items.push_back(it);
    std::vector<std::vector<std::string>> matched;  // per hit, in page order
    if (request.snippets && !run.remote) {
        std::vector<Xapian::docid> docids;
        for (const auto& it : items) docids.push_back(*it);
        matched = matching_terms(db_, run.enquire.get_query(), docids);
    }
    std::size_t rank = request.offset;
    for (const auto& it : items) {
        Hit hit;
        hit.rank = ++rank;
        hit.docid = *it;
        hit.weight = it.get_weight();
        hit.percent = run.dense  ? dense_->percent(run.query, *mset.begin(), mset.begin().get_weight(), hit.weight)
                      : run.ranked ? relevance_percent(hit.weight, mset.begin().get_weight(), 1.0)
                      : rescale    ? relevance_percent(hit.weight, scale.first, scale.second)
                                   : it.get_percent();
        // Remote shards under-report collapse counts: each group is counted by a query of its own.
        if (request.collapse)
            hit.duplicates = run.remote ? count_matches(db_, same_key(run.matching, it.get_collapse_key())) - 1
                                        : it.get_collapse_count();
        hit.article = codec_.load(it.get_document());
        hit.article.people = surnames().attach(hit.article.people);
        hit.article.companies = org_forms(schema::FieldId::Company).attach(hit.article.companies);
        hit.article.orgs = org_forms(schema::FieldId::Org).attach(hit.article.orgs);
        // Matching terms from postlists would be read over the network: from the article's
        // own text instead, analysed again here as the indexer did.
        if (request.snippets && run.remote)
            matched.push_back(text_matching_terms(analyzer_, hit.article, run.enquire.get_query()));
        // The terms that matched this article: wildcard expansions included, negated words not.
        if (request.snippets) {
            MatchTerms match = match_terms(matched[rank - request.offset - 1]);
            add_wildcards(run.root, analyzer_, match);
            // Kept by docid for local databases, which reopen() follows; a remote shard's
            // articles may change unseen.
            hit.snippet = run.remote ? make_snippet(analyzer_, hit.article.body, match, request.snippet_length)
                                     : snippets_.get(analyzer_, hit.docid, hit.article.body, match,
                                                     request.snippet_length);
        }
        run.out.hits.push_back(std::move(hit));
    }
}

}  // namespace news::searcher

namespace news::searcher {

void Searcher::prepare_facets(const std::vector<std::string>& fields) {
    for (const auto& name : fields) {
        const schema::Field& field = facet_field(name);
        if (lines_.empty()) facet_column(field, true);  // remote shards count with spies: no rows
    }
}

// A first facet query of a field reads the matches' value slots; from the second on, this
// Searcher (a long-lived process: a server, a benchmark) holds the rows and reads arrays.
const FacetColumn& Searcher::facet_column(const schema::Field& field, bool rows) {
    auto& column = columns_[static_cast<int>(field.id)];
    const bool used_before = column != nullptr;
    if (!column) column = std::make_shared<FacetColumn>(db_, field, merged_values(field));
    if (used_before || rows) column->load_rows(db_);
    return *column;
}

// As the facet rows: a long-lived process (a server) reads the column at its second date order.
const DateColumn* Searcher::dates() {
    if (!dates_ && ++date_orders_ == 2) dates_ = std::make_unique<std::optional<DateColumn>>(DateColumn::read(db_));
    return dates_ && *dates_ ? &**dates_ : nullptr;
}

const SurnameAttachment& Searcher::surnames() {
    if (!surnames_) surnames_ = std::make_unique<SurnameAttachment>(db_);
    return *surnames_;
}

const OrgForms& Searcher::org_forms(schema::FieldId field) {
    auto& forms = org_forms_[static_cast<int>(field)];
    if (!forms)
        forms = std::make_unique<OrgForms>(db_, schema::field(field), [this](const std::string& value) {
            return gazetteer_.resolve(value) != nullptr;
        });
    return *forms;
}

const FacetColumn::Merged* Searcher::merged_values(const schema::Field& field) {
    if (field.id == schema::FieldId::Person) return &surnames().merged();
    if (field.id == schema::FieldId::Company || field.id == schema::FieldId::Org) return &org_forms(field.id).merged();
    return nullptr;
}

const std::vector<Xapian::Database>& Searcher::facet_handles() {
    if (!handles_.empty()) return handles_;
    handles_.push_back(db_);
    if (db_.size() > 1) return handles_;  // several shards: one pass, across them all
    // The generation the stub named when db_ was opened; a plain Xapian directory has no stub.
    std::filesystem::path generation = schema::stub_generation(path_, stub_);
    if (generation.empty()) generation = path_;
    for (std::size_t t = 1; t < std::min<std::size_t>(schema::available_cores(), 4); ++t) {
        try {
            Xapian::Database extra(generation.string());
            if (extra.get_uuid() != db_.get_uuid() || extra.get_revision() != db_.get_revision()) break;
            handles_.push_back(std::move(extra));
        } catch (const Xapian::Error&) {
            break;  // the generation was replaced meanwhile: count on db_ alone
        }
    }
    return handles_;
}

// More like this: the kSimilarTerms stems that best characterise the article (within-article
// frequency times inverse document frequency), OR-ed and ranked by BM25, the article itself
// excluded. Stems of the default field only (unprefixed, letters only), stopwords left out.
// The article's terms come from adding its stored text to a document again, as the indexer did,
// since a rebuilt index keeps no termlists (indexer/shard_writer.h); the wdfs are those indexed.
Xapian::Query Searcher::similar_query(const std::string& id) {
    constexpr std::size_t kSimilarTerms = 25;
    const std::string id_term = schema::id_term(id);
    const auto post = db_.postlist_begin(id_term);
    if (post == db_.postlist_end(id_term))
        throw QueryError("--similar: no article with id '" + id + "'; ids are shown in --json output", 0);
    const schema::StoredArticle article = codec_.load(db_.get_document(*post));
    Xapian::Document doc;
    schema::add_text(doc, analyzer_.analyze(article.title), analyzer_.analyze(article.body), article.title_derived);
    const double docs = db_.get_doccount();
    std::vector<std::pair<double, std::string>> scored;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string term = *t;
        if (!schema::spelling_word(term) || term[0] < 'a' || term[0] > 'z' || stopwords_.contains(term)) continue;
        const Xapian::doccount freq = db_.get_termfreq(term);
        if (freq == 0) continue;
        scored.emplace_back(t.get_wdf() * std::log((docs + 1) / freq), term);
    }
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (scored.size() > kSimilarTerms) scored.resize(kSimilarTerms);
    std::vector<Xapian::Query> terms;
    for (const auto& [score, term] : scored) terms.emplace_back(term);
    return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                         Xapian::Query(id_term));
}

}  // namespace news::searcher
