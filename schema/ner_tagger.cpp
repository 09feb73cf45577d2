#include "schema/ner_tagger.h"

#include "schema/data_dir.h"
#include "schema/errors.h"

#include <zstd.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>

namespace news::schema {
namespace fs = std::filesystem;
namespace {

constexpr char kMagic[8] = {'N', 'D', 'X', 'N', 'E', 'R', '\n', '\0'};
constexpr std::size_t kMaxGap = 3;  // bytes of punctuation kept as a feature

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// FNV-1a over bytes: the per-word hashes (term, shape, gap, affixes) that features combine.
std::uint64_t fnv(std::string_view s) {
    std::uint64_t h = 14695981039346656037ULL;
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return h;
}

// The hash of a word's shape: classes of its characters, repeats collapsed, at most 8
// ("Yukos" -> Xx, "IBM" -> X, "3M" -> dX, "McDonald" -> XxXx), without building the string.
std::uint64_t shape_hash(std::string_view w) {
    std::uint64_t h = 14695981039346656037ULL;
    char last = 0;
    std::size_t n = 0;
    for (const char c : w) {
        char k = c;
        if (is_upper(c)) k = 'X';
        else if (is_lower(c)) k = 'x';
        else if (c >= '0' && c <= '9') k = 'd';
        else if (static_cast<unsigned char>(c) >= 0x80) k = 'u';
        if (k == last) continue;
        last = k;
        h = (h ^ static_cast<unsigned char>(k)) * 1099511628211ULL;
        if (++n >= 8) break;
    }
    return h;
}

// One feature id from its template number and up to three hashes (a mixer in the manner of
// splitmix64): a few multiplications instead of re-hashing strings for every template.
std::uint32_t mix(std::uint32_t feature, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0) {
    std::uint64_t h = (feature + 1) * 0x9E3779B97F4A7C15ULL ^ a;
    h = (h ^ (h >> 31)) * 0xBF58476D1CE4E5B9ULL ^ b;
    h = (h ^ (h >> 29)) * 0x94D049BB133111EBULL ^ c;
    h = (h ^ (h >> 32)) * 0xD6E8FEB86659FD93ULL;
    return static_cast<std::uint32_t>(h ^ (h >> 32));
}

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

// A sentence without full stops (a list of names, a table) is cut once it has `max_words`
// words, between list items rather than inside a name: at the first gap with a comma, colon,
// semicolon, bracket or line break; failing that, a quarter further on, at the first space; at
// half as much again, anywhere. Never inside "Kilroy-Silk" while a better gap comes.
bool long_sentence_break(std::string_view raw_gap, std::size_t words, std::size_t max_words) {
    if (words < max_words) return false;
    if (raw_gap.find_first_of(",;:()[]\n") != std::string_view::npos) return true;
    if (words >= max_words + max_words / 4 && raw_gap.find_first_of(" \t\r") != std::string_view::npos) return true;
    return words >= max_words + max_words / 2;
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
    constexpr std::size_t kTypicalWords = 32;  // most sentences of news are shorter: one allocation each
    NerSentence current;
    current.reserve(kTypicalWords);
    std::size_t previous_end = 0;
    for (const Token& t : tokens) {
        if (t.compound || t.end <= t.begin || t.end > text.size()) continue;
        NerWord w;
        w.surface = std::string(text.substr(t.begin, t.end - t.begin));
        w.term = t.term;
        w.begin = t.begin;
        strip_possessive(w);
        w.end = t.begin + w.surface.size();
        w.token_end = t.end;
        const std::string_view raw_gap = text.substr(previous_end, t.begin > previous_end ? t.begin - previous_end : 0);
        for (const char c : raw_gap)
            if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && w.gap.size() < kMaxGap) w.gap += c;
        if (!current.empty() &&
            (sentence_break(raw_gap, current.back()) || long_sentence_break(raw_gap, current.size(), max_words))) {
            out.push_back(std::move(current));
            current = NerSentence{};
            current.reserve(kTypicalWords);
        }
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

NerStringSet::NerStringSet(std::vector<std::string> strings) : strings_(std::move(strings)) {
    std::size_t slots = 16;
    while (slots < 2 * strings_.size()) slots *= 2;
    slots_.assign(slots, Slot{});
    for (std::size_t i = 0; i < strings_.size(); ++i) {
        const std::uint64_t hash = ner_term_hash(strings_[i]);
        std::size_t slot = hash & (slots - 1);
        while (slots_[slot].index != 0) slot = (slot + 1) & (slots - 1);
        slots_[slot] = {hash, static_cast<std::uint32_t>(i + 1)};
    }
}

bool NerStringSet::contains(std::string_view s, std::uint64_t hash) const {
    if (slots_.empty()) return false;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = hash & mask; slots_[slot].index != 0; slot = (slot + 1) & mask)
        if (slots_[slot].hash == hash && strings_[slots_[slot].index - 1] == s) return true;
    return false;
}

NerLexicon::NerLexicon(const Gazetteer& gazetteer, Analyzer& analyzer) {
    std::unordered_map<std::string, std::vector<Name>> by_first_word;
    for (const Entity& e : gazetteer.entities()) {
        std::uint8_t kind = e.kind == EntityKind::Company ? 1 : e.kind == EntityKind::Org ? 2 : 3;
        if (e.ambiguous) kind += 3;
        std::vector<std::string> names{e.canonical};
        names.insert(names.end(), e.aliases.begin(), e.aliases.end());
        for (const auto& name : names) {
            Name n{{}, kind};
            for (const auto& sentence : ner_sentences(name, analyzer.analyze(name), 1000))
                for (const auto& w : sentence) n.words.push_back(w.term);
            if (n.words.empty()) continue;
            if (n.words.size() > 1) n.second = ner_term_hash(n.words[1]);
            auto& list = by_first_word[n.words.front()];
            if (std::find_if(list.begin(), list.end(), [&](const Name& o) { return o.words == n.words; }) == list.end())
                list.push_back(std::move(n));
        }
    }
    index_names(std::move(by_first_word));
    std::vector<std::string> titles;
    for (const auto& title : gazetteer.person_titles()) {
        const auto terms = analyzer.analyze(title);
        std::vector<const Token*> words;
        for (const Token& t : terms)
            if (!t.compound) words.push_back(&t);
        if (words.size() == 1) titles.push_back(words.front()->term);  // "Mr." -> mr
    }
    titles_ = NerStringSet{std::move(titles)};
    std::vector<std::string> first_names(gazetteer.first_names().begin(), gazetteer.first_names().end());
    first_names.insert(first_names.end(), gazetteer.ambiguous_first_names().begin(),
                       gazetteer.ambiguous_first_names().end());
    first_names_ = NerStringSet{std::move(first_names)};
}

void NerLexicon::index_names(std::unordered_map<std::string, std::vector<Name>> by_first_word) {
    // Words whose hashes collide share a group; a stable sort keeps each word's names in the
    // order they were listed, longest first.
    std::map<std::uint64_t, std::vector<Name>> by_hash;
    for (auto& [word, list] : by_first_word) {
        auto& group = by_hash[ner_term_hash(word)];
        std::move(list.begin(), list.end(), std::back_inserter(group));
    }
    std::size_t slots = 16;
    while (slots < 2 * by_hash.size()) slots *= 2;
    groups_.assign(slots, Group{});
    group_filter_.assign(kFilterBits / 64, 0);
    for (const auto& entry : by_hash) {
        const std::size_t bit = (entry.first >> kFilterShift) & (kFilterBits - 1);
        group_filter_[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
    for (auto& [hash, list] : by_hash) {
        std::stable_sort(list.begin(), list.end(),
                         [](const Name& a, const Name& b) { return a.words.size() > b.words.size(); });
        std::size_t slot = hash & (slots - 1);
        while (groups_[slot].end != 0) slot = (slot + 1) & (slots - 1);
        groups_[slot] = {hash, static_cast<std::uint32_t>(names_.size()),
                         static_cast<std::uint32_t>(names_.size() + list.size())};
        std::move(list.begin(), list.end(), std::back_inserter(names_));
    }
}

const NerLexicon::Group* NerLexicon::group(std::uint64_t hash) const {
    const std::size_t bit = (hash >> kFilterShift) & (kFilterBits - 1);
    if ((group_filter_[bit / 64] >> (bit % 64) & 1) == 0) return nullptr;
    const std::size_t mask = groups_.size() - 1;
    for (std::size_t slot = hash & mask; groups_[slot].end != 0; slot = (slot + 1) & mask)
        if (groups_[slot].hash == hash) return &groups_[slot];
    return nullptr;
}

std::vector<std::uint8_t> NerLexicon::name_codes(const NerSentence& sentence) const {
    std::vector<std::uint64_t> hashes(sentence.size());
    for (std::size_t i = 0; i < sentence.size(); ++i) hashes[i] = ner_term_hash(sentence[i].term);
    return name_codes(sentence, hashes);
}

std::vector<std::uint8_t> NerLexicon::name_codes(const NerSentence& sentence,
                                                 const std::vector<std::uint64_t>& term_hashes) const {
    std::vector<std::uint8_t> codes(sentence.size(), 0);
    for (std::size_t i = 0; i < sentence.size(); ++i) {
        const Group* g = group(term_hashes[i]);
        if (!g) continue;
        for (std::uint32_t m = g->begin; m < g->end; ++m) {
            const Name& n = names_[m];
            if (i + n.words.size() > sentence.size()) continue;
            if (n.words.size() > 1 && term_hashes[i + 1] != n.second) continue;
            if (n.words.front() != sentence[i].term) continue;  // another word of the same hash
            bool all = true;
            for (std::size_t k = 1; k < n.words.size() && all; ++k) all = sentence[i + k].term == n.words[k];
            if (!all) continue;
            for (std::size_t k = 0; k < n.words.size(); ++k)
                codes[i + k] = static_cast<std::uint8_t>(n.kind * 2 + (k == 0 ? 0 : 1));
            i += n.words.size() - 1;
            break;
        }
    }
    return codes;
}

std::uint64_t ner_term_hash(std::string_view term) { return fnv(term); }

bool ner_may_start_name(std::string_view w) {
    if (!w.empty() && static_cast<unsigned char>(w[0]) >= 0x80) return true;
    return std::any_of(w.begin(), w.end(), is_upper);
}

NerFeatures::NerFeatures(const NerSentence& s, const NerLexicon& lexicon, std::uint32_t buckets)
    : sentence_(s), mask_(buckets - 1) {
    const std::size_t n = s.size();
    term_.resize(n);
    shape_.resize(n);
    gap_.resize(n);
    first_name_.assign(n, 0);
    title_.assign(n, 0);
    scored_.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        term_[i] = ner_term_hash(s[i].term);
        shape_[i] = shape_hash(s[i].surface);
        gap_[i] = fnv(s[i].gap);
        if (std::any_of(s[i].surface.begin(), s[i].surface.end(), is_lower)) headline_ = false;
        // Given names and titles are capitalised words: the lookups are for those only.
        if (ner_may_start_name(s[i].surface)) {
            scored_[i] = 1;
            first_name_[i] = lexicon.is_first_name(s[i].surface, ner_term_hash(s[i].surface));
            title_[i] = lexicon.is_title(s[i].term, term_[i]);
        }
    }
    code_ = lexicon.name_codes(s, term_);
}

void NerFeatures::features(std::size_t u, std::size_t prev, std::size_t prev2, std::uint32_t* out) const {
    const std::size_t n = term_.size();
    const auto i = static_cast<std::ptrdiff_t>(u);
    constexpr std::uint64_t kStart = 0x5354415254ULL, kEnd = 0x454e44ULL;  // beyond the sentence
    auto at = [&](const std::vector<std::uint64_t>& v, std::ptrdiff_t j) -> std::uint64_t {
        if (j < 0) return kStart;
        return j >= static_cast<std::ptrdiff_t>(n) ? kEnd : v[static_cast<std::size_t>(j)];
    };
    auto code = [&](std::ptrdiff_t j) -> std::uint64_t {
        if (j < 0 || j >= static_cast<std::ptrdiff_t>(n)) return 99;
        return code_[static_cast<std::size_t>(j)];
    };
    const std::string& w = sentence_[u].term;
    const std::string_view v{w};
    const std::uint64_t word = term_[u], shape = shape_[u];
    const std::uint64_t first = u == 0, possessive = sentence_[u].possessive;
    const std::uint64_t name_before = u > 0 ? first_name_[u - 1] : 0, name_after = u + 1 < n ? first_name_[u + 1] : 0;
    std::uint32_t f[kStatic] = {
        mix(1, 0),
        mix(2, word),
        mix(3, shape),
        mix(4, fnv(v.substr(0, 2))),
        mix(5, fnv(v.substr(0, 3))),
        mix(6, fnv(v.substr(w.size() > 2 ? w.size() - 2 : 0))),  // a short word repeats its last suffix
        mix(7, fnv(v.substr(w.size() > 3 ? w.size() - 3 : 0))),
        mix(8, fnv(v.substr(w.size() > 4 ? w.size() - 4 : 0))),
        mix(9, at(term_, i - 1)),
        mix(10, at(term_, i + 1)),
        mix(11, at(term_, i - 2)),
        mix(12, at(term_, i + 2)),
        mix(13, at(shape_, i - 1)),
        mix(14, at(shape_, i + 1)),
        mix(15, at(shape_, i - 1), shape, at(shape_, i + 1)),
        mix(16, gap_[u]),
        mix(17, at(gap_, i + 1)),
        mix(18, possessive, shape),
        mix(19, first, shape),
        mix(20, code(i)),
        mix(21, code(i - 1), code(i)),
        mix(22, code(i), code(i + 1)),
        mix(23, first_name_[u], shape),
        mix(24, name_before, shape),
        mix(25, u > 0 ? title_[u - 1] : 0, shape),
        mix(26, headline_, shape),
        mix(27, at(term_, i - 1), word),
        mix(28, word, at(term_, i + 1)),
        mix(29, first, word),
        mix(30, name_after, shape),
    };
    for (std::size_t k = 0; k < kStatic; ++k) out[k] = f[k] & mask_;
    out[kStatic] = mix(40, prev) & mask_;
    out[kStatic + 1] = mix(41, prev, prev2) & mask_;
    out[kStatic + 2] = mix(42, prev, word) & mask_;
}

NerModel::NerModel(std::uint32_t buckets, const std::vector<float>& weights, double threshold, double temperature)
    : buckets_(buckets), threshold_(threshold), temperature_(temperature) {
    float largest = 0;
    for (const float w : weights) largest = std::max(largest, std::fabs(w));
    scale_ = largest > 0 ? largest / 32767.0 : 1.0;
    weights_.assign(static_cast<std::size_t>(buckets) * kRow, 0);
    for (std::size_t b = 0; b < buckets; ++b)
        for (std::size_t t = 0; t < kNerTags; ++t)
            weights_[b * kRow + t] = static_cast<std::int16_t>(std::lround(weights[b * kNerTags + t] / scale_));
}

fs::path NerModel::default_file() { return data_dir() / "ner_model.bin"; }

void NerModel::score(const std::uint32_t* features, std::size_t n, float* scores) const {
    std::int32_t sum[kRow] = {};
    for (std::size_t k = 0; k < n; ++k) {
        const std::int16_t* w = &weights_[static_cast<std::size_t>(features[k]) * kRow];
        for (std::size_t t = 0; t < kRow; ++t) sum[t] += w[t];
    }
    for (std::size_t t = 0; t < kNerTags; ++t) scores[t] += static_cast<float>(sum[t] * scale_);
}

std::vector<NerSpan> NerModel::tag(const NerSentence& sentence, const NerLexicon& lexicon,
                                   std::vector<float>* probabilities) const {
    // A sentence without a capital letter names nobody: skip the features altogether.
    if (std::none_of(sentence.begin(), sentence.end(), [](const NerWord& w) { return ner_may_start_name(w.surface); })) {
        if (probabilities) probabilities->assign(sentence.size(), 1.0f);
        return {};
    }
    const NerFeatures features{sentence, lexicon, buckets_};
    std::vector<std::uint8_t> tags(sentence.size(), 0);
    std::vector<float> probability(sentence.size(), 1.0f);
    std::uint32_t f[NerFeatures::kStatic + NerFeatures::kHistory];
    std::size_t prev = 0, prev2 = 0;
    for (std::size_t i = 0; i < sentence.size(); ++i) {
        if (features.skipped(i, prev)) {
            prev2 = prev;
            prev = 0;
            continue;
        }
        features.features(i, prev, prev2, f);
        float scores[kNerTags] = {};
        score(f, std::size(f), scores);
        // I-X only continues B-X or I-X; softmax over the allowed tags.
        bool allowed[kNerTags];
        float best = -1e30f;
        std::size_t arg = 0;
        for (std::size_t t = 0; t < kNerTags; ++t) {
            allowed[t] = t == 0 || (t - 1) % 2 == 0 || (prev != 0 && (prev - 1) / 2 == (t - 1) / 2);
            if (allowed[t] && scores[t] > best) best = scores[t], arg = t;
        }
        if (arg != 0) {  // only the words of a span need their probability
            double total = 0;
            for (std::size_t t = 0; t < kNerTags; ++t)
                if (allowed[t]) total += std::exp(static_cast<double>(scores[t] - best) / temperature_);
            probability[i] = static_cast<float>(1.0 / total);
        }
        tags[i] = static_cast<std::uint8_t>(arg);
        prev2 = prev;
        prev = arg;
    }
    auto spans = spans_of(tags);
    for (auto& s : spans) {
        s.confidence = 1.0;
        for (std::size_t k = s.first; k <= s.last; ++k) s.confidence = std::min<double>(s.confidence, probability[k]);
    }
    if (probabilities) *probabilities = std::move(probability);
    return spans;
}

void NerModel::save(const fs::path& file) const {
    std::vector<std::int16_t> q(static_cast<std::size_t>(buckets_) * kNerTags);
    for (std::size_t b = 0; b < buckets_; ++b)
        for (std::size_t t = 0; t < kNerTags; ++t) q[b * kNerTags + t] = weights_[b * kRow + t];
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
    write_all(out, &scale_, sizeof scale_);
    write_all(out, &size, sizeof size);
    write_all(out, packed.data(), n);
    if (!out.flush()) throw Error(file.string() + ": cannot write the model");
}

NerModel NerModel::load(const fs::path& file) {
    const std::string rebuild =
        "; reinstall newsdex, or rebuild it with `newsdex-train-ner --corpora DIR --out " + file.string() +
        "`, DIR being the folder of annotated NER corpora (docs/entities.md, Training)";
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
    NerModel model;
    model.buckets_ = buckets;
    model.threshold_ = threshold;
    model.temperature_ = temperature;
    model.scale_ = scale;
    model.weights_.assign(static_cast<std::size_t>(buckets) * kRow, 0);
    for (std::size_t b = 0; b < buckets; ++b)
        std::copy_n(&q[b * kNerTags], kNerTags, &model.weights_[b * kRow]);
    return model;
}

}  // namespace news::schema
