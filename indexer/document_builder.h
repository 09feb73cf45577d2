// Article -> Xapian::Document: the orchestration of one article's analysis, entity extraction
// and storage; what becomes which term or value is schema/document_layout.h.
// Serves the arrow: Article -DocumentBuilder-> Xapian::Document.
#pragma once

#include "indexer/article.h"
#include "schema/analyzer.h"
#include "schema/document_data.h"
#include "schema/entities.h"
#include "schema/ranking.h"

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

namespace news::indexer {

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
    explicit DocumentBuilder(schema::Analyzer& analyzer, const schema::EntityExtractor* entities = nullptr)
        : analyzer_(analyzer), entities_(entities) {}

    /// Not const: the analyzer it shares reuses its buffers between calls (schema/analyzer.h).
    BuiltDocument build(const Article& article);

    /// Stored articles are packed by `codec` (by default one without a dictionary: plain JSON).
    void set_codec(schema::DocumentCodec codec) { codec_ = std::move(codec); }

    /// BM25's b for the stored wdfs (schema/ranking.h); only evaluation indexes take another
    /// than kBm25B (bench/eval, --index-b), since the searcher ranks every index alike.
    void set_length_b(double b) { length_b_ = b; }

    /// An article's stored fields as encode()d JSON, to train a DocumentCodec on.
    static std::string training_sample(const Article& article);

    /// The entities of an article, as build() indexes them (for --extract and tests).
    std::vector<schema::EntityMention> extract(const Article& article);

    /// The article `doc` was built from, out of its stored data and its file key: build() of
    /// it makes the same document (with the same analyzer and dictionaries), content_hash()
    /// the same hash. @throws news::Error as DocumentCodec::load().
    static Article article(const Xapian::Document& doc, const schema::DocumentCodec& codec);

  private:
    void add_entities(Xapian::Document& doc, const std::vector<schema::EntityMention>& mentions,
                      schema::StoredArticle& stored, int year) const;

    schema::Analyzer& analyzer_;
    const schema::EntityExtractor* entities_;
    schema::DocumentCodec codec_;
    double length_b_ = schema::kBm25B;
};

}  // namespace news::indexer
