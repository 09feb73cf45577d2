#include "schema/ner_tagger.h"

#include "schema/data_dir.h"
#include "schema/errors.h"

#include <zstd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

namespace news::schema {
namespace fs = std::filesystem;
namespace {

constexpr char kMagic[8] = {'N', 'D', 'X', 'N', 'E', 'R', '\n', '\0'};
constexpr std::size_t kMaxGap = 3;  // bytes of punctuation kept as a feature

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// A first byte that may start a capital: ASCII A-Z, or any non-ASCII letter ("Ángel").
bool may_be_capital(const std::string& w) {
    return !w.empty() && (is_upper(w[0]) || static_cast<unsigned char>(w[0]) >= 0x80);
}

// "Yukos" -> "Xx", "IBM" -> "X", "3M" -> "dX", "McDonald" -> "XxXx": classes, repeats collapsed.
std::string shape_of(std::string_view w) {
    std::string out;
    for (const char c : w) {
        char k = c;
        if (is_upper(c)) k = 'X';
        else if (is_lower(c)) k = 'x';
        else if (c >= '0' && c <= '9') k = 'd';
        else if (static_cast<unsigned char>(c) >= 0x80) k = 'u';
        if (out.empty() || out.back() != k) out += k;
        if (out.size() >= 8) break;
    }
    return out;
}

// FNV-1a over a feature template number and its parts; the model's bucket is its low bits.
class Hash {
  public:
    explicit Hash(std::uint32_t feature) { add_byte(static_cast<unsigned char>(feature)); }
    Hash& add(std::string_view s) {
        for (const char c : s) add_byte(static_cast<unsigned char>(c));
        add_byte(0x1f);
        return *this;
    }
    Hash& add(std::uint32_t n) {
        add_byte(static_cast<unsigned char>(n & 0xff));
        add_byte(static_cast<unsigned char>(n >> 8));
        return *this;
    }
    std::uint32_t value() const { return static_cast<std::uint32_t>(h_ ^ (h_ >> 32)); }

  private:
    void add_byte(unsigned char b) { h_ = (h_ ^ b) * 1099511628211ULL; }
    std::uint64_t h_ = 14695981039346656037ULL;
};

void strip_possessive(NerWord& w) {
    for (const std::string_view tail : {"\u2019s", "'s", "\u2019", "'"})
        if (w.surface.size() > tail.size() && w.surface.ends_with(tail)) {
            w.surface.resize(w.surface.size() - tail.size());
            w.possessive = true;
            return;
        }
}

// A sentence ends before this word: the gap has a full stop (not after "Mr." or "U.S.") or a blank line.
bool sentence_break(std::string_view raw_gap, const NerWord& previous) {
    if (std::count(raw_gap.begin(), raw_gap.end(), '\n') >= 2) return true;
    if (raw_gap.find_first_of("!?") != std::string_view::npos) return true;
    if (raw_gap.find('.') == std::string_view::npos) return false;
    const std::string& p = previous.surface;
    const bool abbreviation = (p.size() <= 2 && !p.empty() && is_upper(p[0])) ||
                              p.find('.') != std::string::npos;
    return !abbreviation;
}

void write_all(std::ofstream& out, const void* data, std::size_t n) {
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(n));
}

}  // namespace

std::string_view to_string(NerKind kind) {
    switch (kind) {
        case NerKind::Person: return "person";
        case NerKind::Org: return "org";
        case NerKind::Place: return "place";
    }
    return "?";
}

std::vector<NerSentence> ner_sentences(std::string_view text, const std::vector<Token>& tokens,
                                       std::size_t max_words) {
    std::vector<NerSentence> out;
    NerSentence current;
    std::size_t previous_end = 0;
    for (const Token& t : tokens) {
        if (t.compound || t.end <= t.begin || t.end > text.size()) continue;
        NerWord w;
        w.surface = std::string(text.substr(t.begin, t.end - t.begin));
        w.begin = t.begin;
        strip_possessive(w);
        w.end = t.begin + w.surface.size();
        const std::string_view raw_gap = text.substr(previous_end, t.begin > previous_end ? t.begin - previous_end : 0);
        for (const char c : raw_gap)
            if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && w.gap.size() < kMaxGap) w.gap += c;
        if (!current.empty() && (current.size() >= max_words || sentence_break(raw_gap, current.back())))
            out.push_back(std::move(current)), current.clear();
        previous_end = t.end;
        current.push_back(std::move(w));
    }
    if (!current.empty()) out.push_back(std::move(current));
    return out;
}

std::vector<NerSpan> spans_of(const std::vector<std::uint8_t>& tags) {
    std::vector<NerSpan> out;
    for (std::size_t i = 0; i < tags.size(); ++i) {
        if (tags[i] == 0) continue;
        const std::size_t kind = (tags[i] - 1) / 2;
        const bool inside = (tags[i] - 1) % 2 == 1;
        if (inside && !out.empty() && out.back().last + 1 == i && static_cast<std::size_t>(out.back().kind) == kind)
            out.back().last = i;
        else
            out.push_back({i, i, static_cast<NerKind>(kind), 1.0});
    }
    return out;
}

NerLexicon::NerLexicon(const Gazetteer& gazetteer, const Analyzer& analyzer) : gazetteer_(gazetteer) {
    for (const Entity& e : gazetteer.entities()) {
        std::uint8_t kind = e.kind == EntityKind::Company ? 1 : e.kind == EntityKind::Org ? 2 : 3;
        if (e.ambiguous) kind += 3;
        std::vector<std::string> names{e.canonical};
        names.insert(names.end(), e.aliases.begin(), e.aliases.end());
        for (const auto& name : names) {
            Name n{{}, kind};
            for (const auto& sentence : ner_sentences(name, analyzer.analyze(name), 1000))
                for (const auto& w : sentence) n.words.push_back(lower_ascii(w.surface));
            if (n.words.empty()) continue;
            auto& list = names_[n.words.front()];
            if (std::find_if(list.begin(), list.end(), [&](const Name& o) { return o.words == n.words; }) == list.end())
                list.push_back(std::move(n));
        }
    }
    for (auto& [word, list] : names_)
        std::stable_sort(list.begin(), list.end(),
                         [](const Name& a, const Name& b) { return a.words.size() > b.words.size(); });
    for (const auto& title : gazetteer.person_titles()) {
        std::string t = lower_ascii(title);
        if (!t.empty() && t.back() == '.') t.pop_back();
        if (t.find(' ') == std::string::npos) titles_[t] = true;
    }
}

std::vector<std::uint8_t> NerLexicon::name_codes(const NerSentence& sentence) const {
    std::vector<std::uint8_t> codes(sentence.size(), 0);
    std::vector<std::string> lower;
    lower.reserve(sentence.size());
    for (const auto& w : sentence) lower.push_back(lower_ascii(w.surface));
    for (std::size_t i = 0; i < sentence.size(); ++i) {
        const auto it = names_.find(lower[i]);
        if (it == names_.end()) continue;
        for (const Name& n : it->second) {
            if (i + n.words.size() > sentence.size() ||
                !std::equal(n.words.begin(), n.words.end(), lower.begin() + static_cast<std::ptrdiff_t>(i)))
                continue;
            for (std::size_t k = 0; k < n.words.size(); ++k)
                codes[i + k] = static_cast<std::uint8_t>(n.kind * 2 + (k == 0 ? 0 : 1));
            i += n.words.size() - 1;
            break;
        }
    }
    return codes;
}

bool NerLexicon::is_first_name(std::string_view word) const {
    return gazetteer_.is_first_name(word) || gazetteer_.is_ambiguous_first_name(word);
}

NerFeatures::NerFeatures(const NerSentence& s, const NerLexicon& lexicon, std::uint32_t buckets)
    : static_(s.size()), mask_(buckets - 1) {
    const std::size_t n = s.size();
    std::vector<std::string> shape(n);
    lower_.resize(n);
    bool headline = true;  // every word with letters in capitals: a wire headline
    for (std::size_t i = 0; i < n; ++i) {
        lower_[i] = lower_ascii(s[i].surface);
        shape[i] = shape_of(s[i].surface);
        if (shape[i].find('x') != std::string::npos) headline = false;
    }
    const auto codes = lexicon.name_codes(s);
    auto word = [&](std::ptrdiff_t j) -> std::string_view {
        if (j < 0) return "<s>";
        if (j >= static_cast<std::ptrdiff_t>(n)) return "</s>";
        return lower_[static_cast<std::size_t>(j)];
    };
    auto shp = [&](std::ptrdiff_t j) -> std::string_view {
        if (j < 0 || j >= static_cast<std::ptrdiff_t>(n)) return "#";
        return shape[static_cast<std::size_t>(j)];
    };
    auto code = [&](std::ptrdiff_t j) -> std::uint32_t {
        if (j < 0 || j >= static_cast<std::ptrdiff_t>(n)) return 99;
        return codes[static_cast<std::size_t>(j)];
    };
    for (std::size_t u = 0; u < n; ++u) {
        const auto i = static_cast<std::ptrdiff_t>(u);
        const std::string& w = lower_[u];
        auto& f = static_[u];
        f.reserve(32);
        auto put = [&](const Hash& h) { f.push_back(h.value() & mask_); };
        put(Hash(1));
        put(Hash(2).add(w));
        put(Hash(3).add(shape[u]));
        put(Hash(4).add(std::string_view(w).substr(0, 2)));
        put(Hash(5).add(std::string_view(w).substr(0, 3)));
        for (std::uint32_t k = 2; k <= 4; ++k)
            if (w.size() > k) put(Hash(4 + k).add(std::string_view(w).substr(w.size() - k)));
        put(Hash(9).add(word(i - 1)));
        put(Hash(10).add(word(i + 1)));
        put(Hash(11).add(word(i - 2)));
        put(Hash(12).add(word(i + 2)));
        put(Hash(13).add(shp(i - 1)));
        put(Hash(14).add(shp(i + 1)));
        put(Hash(15).add(shp(i - 1)).add(shape[u]).add(shp(i + 1)));
        put(Hash(16).add(s[u].gap));
        put(Hash(17).add(u + 1 < n ? std::string_view(s[u + 1].gap) : std::string_view("</s>")));
        put(Hash(18).add(s[u].possessive ? 1u : 0u).add(shape[u]));
        put(Hash(19).add(u == 0 ? 1u : 0u).add(shape[u]));
        put(Hash(20).add(code(i)));
        put(Hash(21).add(code(i - 1)).add(code(i)));
        put(Hash(22).add(code(i)).add(code(i + 1)));
        put(Hash(23).add(lexicon.is_first_name(s[u].surface) ? 1u : 0u).add(shape[u]));
        put(Hash(24).add(u > 0 && lexicon.is_first_name(s[u - 1].surface) ? 1u : 0u).add(shape[u]));
        put(Hash(25).add(u > 0 && lexicon.is_title(lower_[u - 1]) ? 1u : 0u).add(shape[u]));
        put(Hash(26).add(headline ? 1u : 0u).add(shape[u]));
        put(Hash(27).add(word(i - 1)).add(w));
        put(Hash(28).add(w).add(word(i + 1)));
        put(Hash(29).add(u == 0 ? 1u : 0u).add(w));
    }
}

void NerFeatures::add_history(std::size_t i, std::size_t prev, std::size_t prev2,
                              std::vector<std::uint32_t>& out) const {
    const auto p = static_cast<std::uint32_t>(prev), p2 = static_cast<std::uint32_t>(prev2);
    out.push_back(Hash(40).add(p).value() & mask_);
    out.push_back(Hash(41).add(p).add(p2).value() & mask_);
    out.push_back(Hash(42).add(p).add(lower_[i]).value() & mask_);
}

NerModel::NerModel(std::uint32_t buckets, std::vector<float> weights, double threshold, double temperature)
    : buckets_(buckets), weights_(std::move(weights)), threshold_(threshold), temperature_(temperature) {}

fs::path NerModel::default_file() { return data_dir() / "ner_model.bin"; }

void NerModel::score(const std::vector<std::uint32_t>& features, float* scores) const {
    for (const std::uint32_t f : features) {
        const float* w = &weights_[static_cast<std::size_t>(f) * kNerTags];
        for (std::size_t t = 0; t < kNerTags; ++t) scores[t] += w[t];
    }
}

std::vector<NerSpan> NerModel::tag(const NerSentence& sentence, const NerLexicon& lexicon) const {
    // A sentence without a capital letter names nobody: skip the features altogether.
    if (std::none_of(sentence.begin(), sentence.end(), [](const NerWord& w) { return may_be_capital(w.surface); }))
        return {};
    const NerFeatures features{sentence, lexicon, buckets_};
    std::vector<std::uint8_t> tags(sentence.size(), 0);
    std::vector<float> probability(sentence.size(), 1.0f);
    std::vector<std::uint32_t> f;
    std::size_t prev = 0, prev2 = 0;
    for (std::size_t i = 0; i < sentence.size(); ++i) {
        f = features.static_features(i);
        features.add_history(i, prev, prev2, f);
        float scores[kNerTags] = {};
        score(f, scores);
        // I-X only continues B-X or I-X; softmax over the allowed tags.
        bool allowed[kNerTags];
        float best = -1e30f;
        std::size_t arg = 0;
        for (std::size_t t = 0; t < kNerTags; ++t) {
            allowed[t] = t == 0 || (t - 1) % 2 == 0 || (prev != 0 && (prev - 1) / 2 == (t - 1) / 2);
            if (allowed[t] && scores[t] > best) best = scores[t], arg = t;
        }
        double total = 0;
        for (std::size_t t = 0; t < kNerTags; ++t)
            if (allowed[t]) total += std::exp(static_cast<double>(scores[t] - best) / temperature_);
        tags[i] = static_cast<std::uint8_t>(arg);
        probability[i] = static_cast<float>(1.0 / total);
        prev2 = prev;
        prev = arg;
    }
    auto spans = spans_of(tags);
    for (auto& s : spans) {
        s.confidence = 1.0;
        for (std::size_t k = s.first; k <= s.last; ++k) s.confidence = std::min<double>(s.confidence, probability[k]);
    }
    return spans;
}

void NerModel::save(const fs::path& file) const {
    float largest = 0;
    for (const float w : weights_) largest = std::max(largest, std::fabs(w));
    const double scale = largest > 0 ? largest / 32767.0 : 1.0;
    std::vector<std::int16_t> q(weights_.size());
    for (std::size_t i = 0; i < weights_.size(); ++i)
        q[i] = static_cast<std::int16_t>(std::lround(weights_[i] / scale));
    std::vector<char> packed(ZSTD_compressBound(q.size() * sizeof(std::int16_t)));
    ZSTD_CCtx* cctx = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, 19);
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);  // a damaged file fails to load
    const std::size_t n = ZSTD_compress2(cctx, packed.data(), packed.size(), q.data(), q.size() * sizeof(std::int16_t));
    ZSTD_freeCCtx(cctx);
    if (ZSTD_isError(n)) throw Error(file.string() + ": cannot compress the model: " + ZSTD_getErrorName(n));
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    const std::uint32_t version = kNerModelVersion;
    const std::uint64_t size = n;
    write_all(out, kMagic, sizeof kMagic);
    write_all(out, &version, sizeof version);
    write_all(out, &buckets_, sizeof buckets_);
    write_all(out, &threshold_, sizeof threshold_);
    write_all(out, &temperature_, sizeof temperature_);
    write_all(out, &scale, sizeof scale);
    write_all(out, &size, sizeof size);
    write_all(out, packed.data(), n);
    if (!out.flush()) throw Error(file.string() + ": cannot write the model");
}

NerModel NerModel::load(const fs::path& file) {
    const std::string rebuild =
        "; rebuild it with `newsdex-train-ner --corpora <shared>/corpora/ner --out " + file.string() + "`";
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(file.string() + ": cannot read the name tagger's model" + rebuild);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::uint32_t version = 0, buckets = 0;
    double threshold = 0, temperature = 0, scale = 0;
    std::uint64_t size = 0;
    constexpr std::size_t header = sizeof kMagic + 2 * sizeof(std::uint32_t) + 3 * sizeof(double) + sizeof(std::uint64_t);
    if (bytes.size() < header || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        throw Error(file.string() + ": not a name tagger model (damaged or another file)" + rebuild);
    const char* p = bytes.data() + sizeof kMagic;
    for (auto [field, n] : {std::pair<void*, std::size_t>{&version, 4}, {&buckets, 4}, {&threshold, 8}, {&temperature, 8}, {&scale, 8}, {&size, 8}}) {
        std::memcpy(field, p, n);
        p += n;
    }
    if (version != kNerModelVersion)
        throw Error(file.string() + ": name tagger model version " + std::to_string(version) + ", this program needs " +
                    std::to_string(kNerModelVersion) + rebuild);
    if (buckets == 0 || (buckets & (buckets - 1)) != 0 || buckets > (1u << 24) || size != bytes.size() - header ||
        !(scale > 0) || !(temperature > 0) || !(threshold >= 0 && threshold <= 1))
        throw Error(file.string() + ": damaged name tagger model (bad header or truncated)" + rebuild);
    std::vector<std::int16_t> q(static_cast<std::size_t>(buckets) * kNerTags);
    const std::size_t got = ZSTD_decompress(q.data(), q.size() * sizeof(std::int16_t), p, size);
    if (ZSTD_isError(got) || got != q.size() * sizeof(std::int16_t))
        throw Error(file.string() + ": damaged name tagger model (weights do not decompress)" + rebuild);
    std::vector<float> weights(q.size());
    for (std::size_t i = 0; i < q.size(); ++i) weights[i] = static_cast<float>(q[i] * scale);
    return NerModel{buckets, std::move(weights), threshold, temperature};
}

}  // namespace news::schema
