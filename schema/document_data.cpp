#include "schema/document_data.h"

#include "schema/errors.h"
#include "schema/fields.h"

#include <nlohmann/json.hpp>
#include <zdict.h>
// ZSTD_getFrameHeader (exported by libzstd 1.5, still in its "experimental" section).
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include <cstdint>
#include <cstring>

namespace news::schema {

std::string iso_instant(const ArticleFields& a) {
    if (a.date.empty() || a.time.empty()) return {};
    return a.date + "T" + a.time + "Z";
}

std::string encode(const StoredArticle& a) {
    nlohmann::json j{{"id", a.id},     {"title", a.title}, {"date", a.date},
                     {"source", a.source}, {"url", a.url}, {"path", a.path},
                     {"body", a.body}};
    if (a.title_derived) j["title_derived"] = true;
    if (!a.time.empty()) j["time"] = a.time;
    auto put = [&](const char* key, const std::vector<std::string>& values) {
        if (!values.empty()) j[key] = values;
    };
    put("companies", a.companies);
    put("orgs", a.orgs);
    put("people", a.people);
    put("places", a.places);
    put("mentions", a.mentions);
    for (const auto& m : a.amounts)
        j["amounts"].push_back({{"text", m.text}, {"value", m.value}, {"currency", m.currency}});
    if (!a.percents.empty()) j["percents"] = a.percents;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

// Fills a StoredArticle straight from the parser's events: no JSON tree is built (a search
// decodes every hit it shows, so this is on every query's path). Unknown keys are skipped.
class ArticleReader : public nlohmann::json_sax<nlohmann::json> {
  public:
    explicit ArticleReader(StoredArticle& a) : a_(a) {}

    bool null() override { return true; }
    bool boolean(bool v) override {
        if (depth_ == 1 && key_ == "title_derived") a_.title_derived = v;
        return true;
    }
    bool number_integer(number_integer_t v) override { return number(static_cast<double>(v)); }
    bool number_unsigned(number_unsigned_t v) override { return number(static_cast<double>(v)); }
    bool number_float(number_float_t v, const string_t&) override { return number(v); }
    bool string(string_t& v) override {
        if (depth_ == 1) {
            if (std::string* field = text_field()) *field = std::move(v);
        } else if (depth_ == 2 && list_) {
            list_->push_back(std::move(v));
        } else if (depth_ == 3 && in_amounts_ && !a_.amounts.empty()) {
            if (inner_key_ == "text") a_.amounts.back().text = std::move(v);
            if (inner_key_ == "currency") a_.amounts.back().currency = std::move(v);
        }
        return true;
    }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
        ++depth_;
        if (depth_ == 3 && in_amounts_) a_.amounts.emplace_back();
        return true;
    }
    bool key(string_t& k) override {
        (depth_ == 1 ? key_ : inner_key_) = std::move(k);
        return true;
    }
    bool end_object() override {
        --depth_;
        return true;
    }
    bool start_array(std::size_t) override {
        if (depth_ == 0) return false;  // the document must be an object
        ++depth_;
        if (depth_ == 2) {
            list_ = list_field();
            in_amounts_ = key_ == "amounts";
            in_percents_ = key_ == "percents";
        }
        return true;
    }
    bool end_array() override {
        if (depth_-- == 2) {
            list_ = nullptr;
            in_amounts_ = in_percents_ = false;
        }
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

  private:
    bool number(double v) {
        if (depth_ == 2 && in_percents_) a_.percents.push_back(v);
        if (depth_ == 3 && in_amounts_ && !a_.amounts.empty() && inner_key_ == "value") a_.amounts.back().value = v;
        return true;
    }
    std::string* text_field() {
        for (auto [name, field] : {std::pair{"id", &a_.id}, {"title", &a_.title}, {"date", &a_.date}, {"time", &a_.time},
                                   {"source", &a_.source}, {"url", &a_.url}, {"path", &a_.path}, {"body", &a_.body}})
            if (key_ == name) return field;
        return nullptr;
    }
    std::vector<std::string>* list_field() {
        for (auto [name, field] : {std::pair{"companies", &a_.companies}, {"orgs", &a_.orgs}, {"people", &a_.people},
                                   {"places", &a_.places}, {"mentions", &a_.mentions}})
            if (key_ == name) return field;
        return nullptr;
    }

    StoredArticle& a_;
    int depth_ = 0;
    std::string key_, inner_key_;
    std::vector<std::string>* list_ = nullptr;
    bool in_amounts_ = false, in_percents_ = false;
};

}  // namespace

StoredArticle decode(std::string_view data) {
    StoredArticle a;
    ArticleReader reader{a};
    // A top-level value that is not an object ("3", "[]", "null") fails too.
    const auto first = data.find_first_not_of(" \t\r\n");
    const bool ok = first != std::string_view::npos && data[first] == '{' && nlohmann::json::sax_parse(data, &reader);
    if (!ok) throw Error("stored document data is not newsdex JSON; rebuild the index with --rebuild");
    return a;
}

namespace {

// Level 3 of 22: higher levels pack a few percent smaller at several times the time per
// article (bench/RESULTS.md, Measurements behind constants).
constexpr int kLevel = 3;
constexpr std::size_t kDictionaryBytes = 64 * 1024;

bool compressed(std::string_view data) {  // a zstd frame: JSON starts with '{'
    constexpr unsigned char magic[4] = {0x28, 0xb5, 0x2f, 0xfd};
    return data.size() >= 4 && std::memcmp(data.data(), magic, 4) == 0;
}

/// The most bytes the blocks of the zstd frame `data` can make (RFC 8878, section 3.1.1.2): a raw
/// or RLE block states its size, a compressed one makes at most the frame's block maximum.
/// ZSTD_CONTENTSIZE_ERROR when the header or a block header is damaged or cut short.
unsigned long long frame_output_bound(std::string_view data) {
    ZSTD_frameHeader header{};
    if (ZSTD_getFrameHeader(&header, data.data(), data.size()) != 0) return ZSTD_CONTENTSIZE_ERROR;
    unsigned long long bound = 0;
    for (std::size_t at = header.headerSize;;) {
        if (data.size() - at < 3) return ZSTD_CONTENTSIZE_ERROR;
        const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + i])); };
        const std::uint32_t block = byte(0) | byte(1) << 8 | byte(2) << 16;
        at += 3;
        const std::size_t size = block >> 3;
        switch ((block >> 1) & 3) {
            case 0: bound += size; at += size; break;                   // raw
            case 1: bound += size; at += 1; break;                      // RLE: one byte, repeated
            case 2: bound += header.blockSizeMax; at += size; break;    // compressed
            default: return ZSTD_CONTENTSIZE_ERROR;                     // reserved
        }
        if (at > data.size()) return ZSTD_CONTENTSIZE_ERROR;
        if (block & 1) return bound;  // the last block
    }
}

struct CContextFree {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DContextFree {
    void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

}  // namespace

struct DocumentCodec::Dictionaries {
    ZSTD_CDict* compress = nullptr;
    ZSTD_DDict* decompress = nullptr;
    explicit Dictionaries(const std::string& d)
        : compress(ZSTD_createCDict(d.data(), d.size(), kLevel)), decompress(ZSTD_createDDict(d.data(), d.size())) {
        if (!compress || !decompress) {
            ZSTD_freeCDict(compress);
            ZSTD_freeDDict(decompress);
            throw Error("cannot load the index's zstd dictionary; rebuild the index with --rebuild");
        }
    }
    ~Dictionaries() {
        ZSTD_freeCDict(compress);
        ZSTD_freeDDict(decompress);
    }
    Dictionaries(const Dictionaries&) = delete;
    Dictionaries& operator=(const Dictionaries&) = delete;
};

DocumentCodec::DocumentCodec(std::string dictionary) : dictionary_(std::move(dictionary)) {
    if (!dictionary_.empty()) digested_ = std::make_shared<const Dictionaries>(dictionary_);
}

DocumentCodec DocumentCodec::of(const Xapian::Database& db) {
    return DocumentCodec(db.get_metadata(std::string(kMetadataKey)));
}

DocumentCodec DocumentCodec::train(const std::vector<std::string>& samples) {
    if (samples.size() < kMinSamples) return {};
    std::string joined;
    std::vector<std::size_t> sizes;
    for (const auto& sample : samples) {
        joined += sample;
        sizes.push_back(sample.size());
    }
    std::string dictionary(kDictionaryBytes, '\0');
    const std::size_t size = ZDICT_trainFromBuffer(dictionary.data(), dictionary.size(), joined.data(), sizes.data(),
                                                   static_cast<unsigned>(sizes.size()));
    if (ZDICT_isError(size)) return {};  // too little to learn from: articles stay plain JSON
    dictionary.resize(size);
    return DocumentCodec(std::move(dictionary));
}

std::string DocumentCodec::pack(const StoredArticle& article) const {
    std::string json = encode(article);
    if (!digested_) return json;
    thread_local std::unique_ptr<ZSTD_CCtx, CContextFree> context{ZSTD_createCCtx()};
    ZSTD_CCtx* c = context.get();
    ZSTD_CCtx_reset(c, ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_setParameter(c, ZSTD_c_dictIDFlag, 0);  // one dictionary per index: 4 bytes saved
    ZSTD_CCtx_refCDict(c, digested_->compress);
    std::string out(ZSTD_compressBound(json.size()), '\0');
    const std::size_t size = ZSTD_compress2(c, out.data(), out.size(), json.data(), json.size());
    if (ZSTD_isError(size)) return json;  // cannot happen with a bound-sized buffer; JSON is valid data
    out.resize(size);
    return out;
}

void DocumentCodec::store(const StoredArticle& article, Xapian::Document& doc) const {
    doc.add_value(slot::kStored, pack(article));
}

StoredArticle DocumentCodec::load(const Xapian::Document& doc) const { return unpack(doc.get_value(slot::kStored)); }

StoredArticle DocumentCodec::unpack(std::string_view data) const {
    if (!compressed(data)) return decode(data);
    if (!digested_)
        throw Error("stored document data is compressed, but the index has no dictionary; rebuild the index with --rebuild");
    const unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
    constexpr unsigned long long kLargest = 256ULL << 20;  // no article is that big: a damaged header
    // The size the header declares is allocated below: it must be what the frame's blocks can
    // make, so a damaged header cannot ask for more memory than the data itself could fill.
    const unsigned long long bound = frame_output_bound(data);
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kLargest ||
        bound == ZSTD_CONTENTSIZE_ERROR || size > bound)
        throw Error("stored document data is damaged; rebuild the index with --rebuild");
    thread_local std::unique_ptr<ZSTD_DCtx, DContextFree> context{ZSTD_createDCtx()};
    std::string json(size, '\0');
    const std::size_t got = ZSTD_decompress_usingDDict(context.get(), json.data(), json.size(), data.data(), data.size(),
                                                       digested_->decompress);
    if (ZSTD_isError(got) || got != size)
        throw Error("stored document data does not decompress with the index's dictionary; rebuild the index with --rebuild");
    return decode(json);
}

}  // namespace news::schema
