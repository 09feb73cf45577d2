// What each Xapian document stores for display: the contract between the indexer, which
// writes it, and the searcher, which shows it. Encoded as JSON, compressed by a DocumentCodec
// with a zstd dictionary trained on the index's own articles, in value slot slot::kStored.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace news::schema {


struct Amount {
    std::string text;      // as written: "$700 million"
    double value = 0;      // 700000000
    std::string currency;  // "USD"
};

/// The fields an article read from the corpus (indexer::Article) and its stored copy share:
/// everything content_hash() reads, so a stored article can be built into its document again.
struct ArticleFields {
    std::string id;      // stable identity across runs: "<relative path>" or "<relative path>#<json id>"
    std::string title;   // display title: the headline, or derived from the first sentence
    bool title_derived = false;  // true when no headline was present and the title was derived
    std::string date;    // publication day in UTC, "YYYY-MM-DD"; empty when the article is undated
    std::string time;    // publication time of day in UTC, "hh:mm:ss"; empty when the source gave
                         // only a day (or none)
    std::string source;  // publication or site name, when known
    std::string url;     // original address, when known
    std::string path;    // the file it came from, as found while walking the corpus
    std::string body;    // article text, debris removed, valid UTF-8; snippets are cut from it
};

struct StoredArticle : ArticleFields {
    std::vector<std::string> companies, orgs, people, places;  // canonical names, sorted
    std::vector<std::string> mentions;                          // years mentioned, "YYYY"
    std::vector<Amount> amounts;                                // money, in order of mention
    std::vector<double> percents;
};

/// The publication instant of an article in ISO 8601, UTC: "2005-02-16T04:30:00Z"; empty when
/// the article has no time of day. The "time" of the JSON documents (docs/json.md).
std::string iso_instant(const ArticleFields& article);

std::string encode(const StoredArticle& article);

/// @throws news::Error if `data` is not a document written by this schema version.
StoredArticle decode(std::string_view data);

/// Stores articles in their documents: their JSON compressed with zstd and a dictionary trained
/// on a sample of the index's articles, kept in the database's metadata. An article of ~1 KB
/// has little to compress alone; a dictionary finds what articles share (bench/RESULTS.md,
/// Measurements behind constants). They go in a value slot, not in Document::set_data(), since
/// Xapian would spend zlib on the compressed bytes again. Without a dictionary (an index of too few articles to train one) articles
/// stay JSON. load() reads both. Thread-safe: each thread compresses with its own context.
class DocumentCodec {
  public:
    DocumentCodec() = default;  // no dictionary: plain JSON
    explicit DocumentCodec(std::string dictionary);

    /// Metadata key of the dictionary; absent or empty when there is none.
    static constexpr std::string_view kMetadataKey = "newsdex_zstd_dictionary";
    /// The fewest articles a dictionary is trained from; fewer keep articles plain JSON.
    static constexpr std::size_t kMinSamples = 200;
    /// As many as a dictionary needs: twice as many train almost twice as long for a
    /// dictionary that packs barely better.
    static constexpr std::size_t kEnoughSamples = 2000;

    /// The codec of an index: its dictionary, if it has one.
    static DocumentCodec of(const Xapian::Database& db);

    /// A codec with a dictionary trained on `samples` (encode()d articles; kEnoughSamples of
    /// them spread over the input are enough), or a plain one if there are fewer than
    /// kMinSamples or zstd cannot train on them.
    static DocumentCodec train(const std::vector<std::string>& samples);

    void store(const StoredArticle& article, Xapian::Document& doc) const;

    /// @throws news::Error if the document holds neither this codec's data nor plain JSON of
    ///         this schema.
    StoredArticle load(const Xapian::Document& doc) const;

    std::string pack(const StoredArticle& article) const;
    StoredArticle unpack(std::string_view data) const;

    const std::string& dictionary() const { return dictionary_; }

  private:
    struct Dictionaries;  // zstd's digested dictionaries, shared by copies of the codec
    std::string dictionary_;
    std::shared_ptr<const Dictionaries> digested_;
};

}  // namespace news::schema
