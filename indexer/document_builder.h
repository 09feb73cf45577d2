// Article -> Xapian::Document: terms through the shared Analyzer, values and stored data
// through the schema. Serves the arrow: Article -DocumentBuilder-> Xapian::Document.
#pragma once

#include "indexer/article.h"
#include "schema/analyzer.h"
#include "schema/document_data.h"
#include "schema/entities.h"
#include "schema/fields.h"

#include <xapian.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>


namespace news::indexer {

/// A title word counts this many times a body word (BM25 within-document frequency).
inline constexpr Xapian::termcount kTitleWdf = 3;

/// Positions between title and body, so a phrase cannot match across them.
inline constexpr Xapian::termpos kFieldGap = 100;

/// What DocumentBuilder::build() makes: the document, and the distinct words of its title and
/// body for the spelling dictionary ("Did you mean", wildcards). A word with a stem is indexed
/// as its stem alone (schema::word_term), so the words are not among the document's terms.
struct BuiltDocument {
    Xapian::Document doc;
    std::vector<std::string> spelling;  // schema::spelling_word()s, each once
};

class DocumentBuilder {
  public:
    /// Without an extractor, articles are indexed without entity fields.
    explicit DocumentBuilder(const schema::Analyzer& analyzer, const schema::EntityExtractor* entities = nullptr)
        : analyzer_(analyzer), entities_(entities) {}

    BuiltDocument build(const Article& article) const;

    /// Stored articles are packed by `codec` (by default one without a dictionary: plain JSON).
    void set_codec(schema::DocumentCodec codec) { codec_ = std::move(codec); }

    /// An article's stored fields as encode()d JSON, to train a DocumentCodec on.
    static std::string training_sample(const Article& article);

    /// The entities of an article, as build() indexes them (for --extract and tests).
    std::vector<schema::EntityMention> extract(const Article& article) const;

    /// The unique id term of an article id (long ids are shortened with a hash).
    static std::string id_term(std::string_view article_id);

    /// The article id an id term names, for messages (a shortened id stays shortened).
    static std::string article_id(std::string_view id_term);

    /// Hash of everything that goes into the document, 8 bytes; equal hashes mean nothing to redo.
    static std::string content_hash(const Article& article);

    /// The article a document was built from, out of its stored data: build() of it makes
    /// the same document (with the same analyzer and dictionaries), content_hash() the same hash.
    static Article article(const schema::StoredArticle& stored);

  private:
    /// Adds `tokens` with positions from `pos` on; returns the last position used (`pos` if none).
    Xapian::termpos add_tokens(Xapian::Document& doc, Xapian::termpos pos, const std::vector<schema::Token>& tokens,
                               const schema::Field& field, Xapian::termcount wdf) const;
    void add_entities(Xapian::Document& doc, const std::vector<schema::EntityMention>& mentions,
                      schema::StoredArticle& stored) const;

    const schema::Analyzer& analyzer_;
    const schema::EntityExtractor* entities_;
    schema::DocumentCodec codec_;
};

}  // namespace news::indexer
