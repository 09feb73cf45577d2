// The layout of a Xapian document: which terms, positions, wdfs and values an article's fields
// become. The indexer writes documents through it (DocumentBuilder), the searcher reaches them
// through it (query terms, --similar building an article's document again).
#pragma once

#include "schema/analyzer.h"
#include "schema/document_data.h"
#include "schema/fields.h"
#include "schema/ranking.h"

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace news::schema {

/// Xapian refuses longer terms (its glass backend's key limit).
inline constexpr std::size_t kMaxTermBytes = 245;

/// A value longer than this keeps its first kMaxValueBytes - 17 bytes, '#' and the 16 hex
/// digits of its hash in its term: unique, and well within kMaxTermBytes after any prefix.
inline constexpr std::size_t kMaxValueBytes = 200;

/// A title word counts this many times a body word (BM25 within-document frequency).
inline constexpr Xapian::termcount kTitleWdf = 3;

/// Positions between title and body, so a phrase cannot match across them.
inline constexpr Xapian::termpos kFieldGap = 100;

/// The one term a value of `f` is indexed and searched as: the prefix, then the value (folded
/// by normalize_filter_value, except ids, which are case-sensitive), shortened with a hash
/// when longer than kMaxValueBytes. Every value that becomes a term goes through here, on both
/// sides, so a long source, place or id is stored and found alike.
std::string term(const Field& f, std::string_view value);

/// The unique id term of an article id: term(field(FieldId::Id), id).
std::string id_term(std::string_view article_id);

/// The article id an id term names, for messages (a shortened id stays shortened).
std::string article_id(std::string_view id_term);

/// Adds the values of a Filter field: one boolean term each (term()), and, if the field has a
/// slot, the value ('\n'-joined for a multi-valued field; nothing for no values).
void add(Xapian::Document& doc, const Field& f, const std::vector<std::string>& values);

/// "2020-12-15" -> "20201215": the date field's term value and slot::kDate's encoding.
std::string date_key(std::string_view date);

/// "2005-02-16" and "04:30:00" -> "20050216043000": slot::kInstant's encoding, the UTC
/// instant of an article's day and time of day (ArticleFields); a day without a time is its
/// midnight, "20050216000000", so it sorts before the timed articles of its day.
std::string instant_key(std::string_view date, std::string_view time);

/// Adds an article's text: title words (their stems) under the title prefix, without positions;
/// title then body words in the default field, with positions and the title's kTitleWdf, a
/// kFieldGap between them (a derived title, the body's first sentence, is not added again);
/// slot::kTitleEnd, the title's last position there; and every wdf BM25-normalised by the
/// default field's length (ranking.h). Every term already in the document is rescaled too:
/// DocumentBuilder adds the id term first, which thus has wdf 1; other terms come after.
/// `b`: BM25's length normalisation strength (normalised_wdf()); another than kBm25B only for
/// evaluation indexes, which no searcher updates (the content hash does not include it);
/// kRawWdfs leaves the wdfs as counts, for weighting models that read document lengths.
void add_text(Xapian::Document& doc, const std::vector<Token>& title, const std::vector<Token>& body,
              bool title_derived, double b = kBm25B);

/// The default-field terms add_text() gives an article and their wdfs as it stores them (with
/// kBm25B), computed from the tokens without building a document: what feedback reads of an
/// article when the index keeps no termlists. In term order, as a termlist.
std::vector<std::pair<std::string, Xapian::termcount>> text_wdfs(const std::vector<Token>& title,
                                                                 const std::vector<Token>& body, bool title_derived);

/// slot::kHash: hash of everything that goes into the document, 8 bytes; equal hashes mean
/// nothing to redo.
std::string content_hash(const ArticleFields& article);

/// slot::kDupKey: 8-byte hash of the body's first words (case, punctuation and spacing
/// ignored), equal for the same story indexed twice; empty for a body without words.
std::string duplicate_key(const std::vector<Token>& body);

}  // namespace news::schema
