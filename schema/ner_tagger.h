// The learned name tagger: an averaged perceptron over word-shape, affix, context and gazetteer
// features, decoded greedily left to right with BIO tags for people, organisations and places.
// Serves the entities arrow of the indexer (tokens -> candidate name spans with a confidence).
#pragma once

#include "schema/analyzer.h"
#include "schema/gazetteer.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace news::schema {

/// Bump whenever schema/ner_model.bin is retrained or the features change; kSchemaVersion
/// (fields.h) is bumped with it, so an index tagged by another model is refused.
inline constexpr std::uint32_t kNerModelVersion = 3;

enum class NerKind : std::uint8_t { Person, Org, Place };
inline constexpr std::size_t kNerKinds = 3;
std::string_view to_string(NerKind kind);

/// Tags: 0 = O, then B and I for each kind: 1 B-Person, 2 I-Person, 3 B-Org, ...
inline constexpr std::size_t kNerTags = 1 + 2 * kNerKinds;

/// One word of a sentence, as the tagger sees it.
struct NerWord {
    std::string surface;     // the word as written, possessive dropped: "Yukos's" -> "Yukos"
    std::string term;        // the Analyzer's term (schema::fold): "U.S." -> "us", "Zürich" -> "zurich"
    std::string gap;         // non-space characters between the previous word and this one: ",", "("
    bool possessive = false; // "'s" followed the word
    std::size_t begin = 0, end = 0;  // byte offsets of surface in the text
    std::size_t token_end = 0;       // end of the whole token, possessive included
};

/// A run of words tagged together: a sentence of the text (or of a training corpus).
using NerSentence = std::vector<NerWord>;

/// The words of an analysed text (non-compound tokens), cut into sentences at '.', '!', '?'
/// (not after a one- or two-letter capitalised word: "Mr.", "U.S.") and at blank lines; a
/// sentence longer than `max_words` is cut too, so tagging stays linear in the text: at the
/// next comma, colon, semicolon, bracket or line break, else within max_words / 4 more words at
/// a space, else at max_words * 3 / 2 words.
std::vector<NerSentence> ner_sentences(std::string_view text, const std::vector<Token>& tokens,
                                       std::size_t max_words = 80);

/// A name the tagger found: words [first, last] of a sentence.
struct NerSpan {
    std::size_t first = 0, last = 0;
    NerKind kind = NerKind::Person;
    double confidence = 0;  // the lowest probability of the span's tags, 0..1
};

/// The hash of a word's term that the tagger's features and the lexicon's lookups share (FNV-1a).
std::uint64_t ner_term_hash(std::string_view term);

/// A set of strings looked up by the FNV-1a hash (ner_term_hash) the caller has already or
/// can compute cheaply: an open-addressed table, a probe or two and one string comparison,
/// instead of a std::hash of each word. Read-only once built.
class NerStringSet {
  public:
    NerStringSet() = default;
    explicit NerStringSet(std::vector<std::string> strings);
    /// `hash` must be ner_term_hash(s).
    bool contains(std::string_view s, std::uint64_t hash) const;

  private:
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t index = 0;  // into strings_, + 1; 0: an empty slot
    };
    std::vector<std::string> strings_;
    std::vector<Slot> slots_;
};

/// What the gazetteers say of each word: the longest dictionary name covering it (by kind,
/// case-insensitive), given names, person titles. Built once per process, read-only after.
class NerLexicon {
  public:
    NerLexicon(const Gazetteer& gazetteer, Analyzer& analyzer);

    /// Per word of the sentence (compared by term, so case-insensitively): a small code, 0 = not
    /// in any name; the codes feed the features.
    std::vector<std::uint8_t> name_codes(const NerSentence& sentence) const;
    /// The same, given each word's ner_term_hash() (NerFeatures has them already).
    std::vector<std::uint8_t> name_codes(const NerSentence& sentence, const std::vector<std::uint64_t>& term_hashes) const;
    /// `word` as written (a given name is listed with its capital: "John", not "JOHN").
    bool is_first_name(std::string_view word) const { return is_first_name(word, ner_term_hash(word)); }
    /// The same, given ner_term_hash(word).
    bool is_first_name(std::string_view word, std::uint64_t hash) const { return first_names_.contains(word, hash); }
    /// `term`: a word's folded term ("mr" for "Mr." or "MR").
    bool is_title(std::string_view term) const { return is_title(term, ner_term_hash(term)); }
    /// The same, given ner_term_hash(term).
    bool is_title(std::string_view term, std::uint64_t hash) const { return titles_.contains(term, hash); }

  private:
    struct Name {
        std::vector<std::string> words;  // terms
        std::uint8_t kind;               // 1 company, 2 org, 3 place; +3 when ambiguous
        // ner_term_hash of the second word (0 for a one-word name): most names of a group
        // are rejected on it, without reading their words from the heap.
        std::uint64_t second = 0;
    };
    // The names grouped by the hash of their first word, longest first within a group, in one
    // open-addressed table of power-of-two size: a lookup is a probe or two on a hash the
    // tagger computed anyway, with no string hashed. Words whose hashes collide share a group;
    // name_codes() compares the first word. Most words start no name: a bit per hash (in a
    // filter small enough to stay in cache) answers those without probing the table.
    struct Group {
        std::uint64_t hash = 0;
        std::uint32_t begin = 0, end = 0;  // names_[begin, end); end == 0: an empty slot
    };
    const Group* group(std::uint64_t hash) const;
    void index_names(std::unordered_map<std::string, std::vector<Name>> by_first_word);
    std::vector<Name> names_;
    std::vector<Group> groups_;
    static constexpr std::size_t kFilterBits = std::size_t{1} << 16;  // 8 KB
    static constexpr unsigned kFilterShift = 40;  // bits of the hash the slots do not use first
    std::vector<std::uint64_t> group_filter_;  // bit (hash >> kFilterShift) & mask: some group may have it
    NerStringSet first_names_;  // given names, as written, ambiguous ones too
    NerStringSet titles_;       // one-word titles as terms
};

/// A word the tagger scores: it has a capital letter, or starts with a letter past ASCII
/// ("Ángel"). Any other word right after a word outside a name is outside a name too, without
/// scoring, in training and tagging alike: news names start with a capital, and most words of
/// a text are skipped so.
bool ner_may_start_name(std::string_view surface);

/// Feature ids of the words of one sentence, hashed into the model's buckets. Per word it keeps
/// a few hashes (term, shape, gap) that neighbours' features reuse; a word's features are
/// mixed from them only when the word is scored. Exposed for the trainer.
class NerFeatures {
  public:
    static constexpr std::size_t kStatic = 30;  // features per word that do not depend on tags
    static constexpr std::size_t kHistory = 3;  // features per word that do

    NerFeatures(const NerSentence& sentence, const NerLexicon& lexicon, std::uint32_t buckets);
    /// All features of word `i` given the two previous tags, into `out` (kStatic + kHistory).
    void features(std::size_t i, std::size_t prev, std::size_t prev2, std::uint32_t* out) const;
    /// Word `i` is outside a name without scoring (see ner_may_start_name).
    bool skipped(std::size_t i, std::size_t prev) const { return prev == 0 && !scored_[i]; }
    std::size_t size() const { return term_.size(); }

  private:
    const NerSentence& sentence_;
    std::vector<std::uint64_t> term_, shape_, gap_;  // hashes per word
    std::vector<std::uint8_t> code_, first_name_, title_, scored_;
    bool headline_ = true;
    std::uint32_t mask_;
};

/// The trained weights: `buckets` rows of kNerTags scores, plus the confidence threshold.
class NerModel {
  public:
    NerModel() = default;
    /// `weights`: buckets * kNerTags scores, quantised here to 16 bits as the file keeps them.
    NerModel(std::uint32_t buckets, const std::vector<float>& weights, double threshold, double temperature = 1);

    /// Reads a model written by save(). @throws news::Error naming the file, what is wrong,
    /// and how to rebuild it (newsdex-train-ner) when it is missing, damaged or of another version.
    static NerModel load(const std::filesystem::path& file);
    /// The model in the data folder (schema/data_dir.h): ner_model.bin, from schema/ner_model.bin.
    static std::filesystem::path default_file();
    /// Writes the weights quantised to 16 bits and zstd-compressed. @throws news::Error.
    void save(const std::filesystem::path& file) const;

    /// Spans with their confidence, before any threshold. `probabilities`, when given, receives
    /// each word's tag probability (1 for words outside names).
    std::vector<NerSpan> tag(const NerSentence& sentence, const NerLexicon& lexicon,
                             std::vector<float>* probabilities = nullptr) const;

    /// Scores of the kNerTags tags for `n` features (added into `scores`).
    void score(const std::uint32_t* features, std::size_t n, float* scores) const;

    std::uint32_t buckets() const { return buckets_; }
    double threshold() const { return threshold_; }
    void set_threshold(double t) { threshold_ = t; }
    /// Scores are divided by it before the softmax that gives the tags' probabilities.
    double temperature() const { return temperature_; }
    void set_temperature(double t) { temperature_ = t; }

  private:
    std::uint32_t buckets_ = 0;
    // kRow int16 per bucket (kNerTags used, the rest 0): one aligned 16-byte load per feature.
    static constexpr std::size_t kRow = 8;
    std::vector<std::int16_t> weights_;
    double scale_ = 1;  // weight = int16 * scale_
    double threshold_ = 0.5;
    double temperature_ = 1;
};

/// The tag sequence's spans: B-X opens a span, I-X continues one of the same kind.
std::vector<NerSpan> spans_of(const std::vector<std::uint8_t>& tags);

}  // namespace news::schema
