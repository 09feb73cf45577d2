#include "schema/document_data.h"

#include "schema/errors.h"
#include "schema/fields.h"
#include "schema/utf8.h"

#include <nlohmann/json.hpp>
#include <zdict.h>
// ZSTD_getFrameHeader (exported by libzstd 1.5, still in its "experimental" section).
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>

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

// Reads what encode() writes, fast: one object whose members are the known keys, each with
// the type encode() gives it. Bodies are most of a stored article and mostly plain text, so
// strings are copied a run at a time. Anything else (a key encode() never writes, a value of
// another type, a malformed document) makes read() false, and decode() leaves the document to
// nlohmann's parser, which reads any valid JSON and refuses the rest: the two agree on every
// document this reader accepts.
class FastArticleReader {
  public:
    explicit FastArticleReader(std::string_view s) : s_(s) {}

    bool read(StoredArticle& a) {
        if (!take('{')) return false;
        if (take('}')) return end();
        do {
            std::string key;
            if (!string(key) || !take(':') || !member(a, key)) return false;
        } while (take(','));
        return take('}') && end();
    }

  private:
    bool member(StoredArticle& a, const std::string& key) {
        for (auto [name, field] : {std::pair{"id", &a.id}, {"title", &a.title}, {"date", &a.date}, {"time", &a.time},
                                   {"source", &a.source}, {"url", &a.url}, {"path", &a.path}, {"body", &a.body}})
            if (key == name) return string(*field);
        for (const auto& entry : {std::pair{"companies", &a.companies}, {"orgs", &a.orgs}, {"people", &a.people},
                                  {"places", &a.places}, {"mentions", &a.mentions}}) {
            auto* list = entry.second;  // a plain variable: lambdas may not capture structured bindings
            if (key == entry.first) return array([&] { return string(list->emplace_back()); });
        }
        if (key == "title_derived") return literal("true", a.title_derived, true) || literal("false", a.title_derived, false);
        if (key == "percents") return array([&] { return number(a.percents.emplace_back()); });
        if (key == "amounts") return array([&] { return amount(a.amounts.emplace_back()); });
        return false;
    }

    bool amount(Amount& m) {
        if (!take('{')) return false;
        if (take('}')) return true;
        do {
            std::string key;
            if (!string(key) || !take(':')) return false;
            const bool ok = key == "text" ? string(m.text) : key == "currency" ? string(m.currency)
                          : key == "value" ? number(m.value) : false;
            if (!ok) return false;
        } while (take(','));
        return take('}');
    }

    template <class Element>
    bool array(Element element) {
        if (!take('[')) return false;
        if (take(']')) return true;
        do {
            if (!element()) return false;
        } while (take(','));
        return take(']');
    }

    void space() {
        while (at_ < s_.size() && (s_[at_] == ' ' || s_[at_] == '\t' || s_[at_] == '\n' || s_[at_] == '\r')) ++at_;
    }
    bool take(char c) {
        space();
        if (at_ == s_.size() || s_[at_] != c) return false;
        ++at_;
        return true;
    }
    bool end() {
        space();
        return at_ == s_.size();
    }
    bool literal(std::string_view word, bool& out, bool value) {
        space();
        if (s_.substr(at_, word.size()) != word) return false;
        at_ += word.size();
        out = value;
        return true;
    }

    // JSON's number grammar, then the double nearest to it (as strtod, which nlohmann uses).
    bool number(double& out) {
        space();
        const std::size_t begin = at_;
        auto digits = [&] {
            const std::size_t from = at_;
            while (at_ < s_.size() && s_[at_] >= '0' && s_[at_] <= '9') ++at_;
            return at_ > from;
        };
        if (at_ < s_.size() && s_[at_] == '-') ++at_;
        if (at_ < s_.size() && s_[at_] == '0') ++at_;
        else if (!digits()) return false;
        if (at_ < s_.size() && s_[at_] == '.' && (++at_, !digits())) return false;
        if (at_ < s_.size() && (s_[at_] == 'e' || s_[at_] == 'E')) {
            ++at_;
            if (at_ < s_.size() && (s_[at_] == '+' || s_[at_] == '-')) ++at_;
            if (!digits()) return false;
        }
        const auto [end, error] = std::from_chars(s_.data() + begin, s_.data() + at_, out);
        return error == std::errc() && end == s_.data() + at_;
    }

    bool string(std::string& out) {
        if (!take('"')) return false;
        out.clear();
        for (;;) {
            const std::size_t run = at_;  // bytes copied as they are
            while (at_ < s_.size()) {
                const auto c = static_cast<unsigned char>(s_[at_]);
                if (c == '"' || c == '\\' || c < 0x20) break;
                if (c < 0x80) {
                    ++at_;
                    continue;
                }
                const std::size_t length = utf8_sequence_length(s_, at_);
                if (length == 0) return false;
                at_ += length;
            }
            out.append(s_, run, at_ - run);
            if (at_ == s_.size() || static_cast<unsigned char>(s_[at_]) < 0x20) return false;
            if (s_[at_++] == '"') return true;
            if (!escape(out)) return false;
        }
    }

    // After a backslash. A \u escape of a surrogate must be a high one followed by a low one.
    bool escape(std::string& out) {
        if (at_ == s_.size()) return false;
        const char c = s_[at_++];
        switch (c) {
            case '"': case '\\': case '/': out += c; return true;
            case 'b': out += '\b'; return true;
            case 'f': out += '\f'; return true;
            case 'n': out += '\n'; return true;
            case 'r': out += '\r'; return true;
            case 't': out += '\t'; return true;
            case 'u': break;
            default: return false;
        }
        std::uint32_t code = 0;
        if (!hex4(code) || (code >= 0xDC00 && code <= 0xDFFF)) return false;
        if (code >= 0xD800 && code <= 0xDBFF) {
            std::uint32_t low = 0;
            if (s_.substr(at_, 2) != "\\u") return false;
            at_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | code >> 6);
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | code >> 12);
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | code >> 18);
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
        return true;
    }

    bool hex4(std::uint32_t& out) {
        if (s_.size() - at_ < 4) return false;
        for (int k = 0; k < 4; ++k) {
            const char h = s_[at_++];
            const int v = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                        : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (v < 0) return false;
            out = out << 4 | static_cast<std::uint32_t>(v);
        }
        return true;
    }

    std::string_view s_;
    std::size_t at_ = 0;
};

}  // namespace

StoredArticle decode(std::string_view data) {
    {
        StoredArticle a;
        if (FastArticleReader{data}.read(a)) return a;
    }
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
