// Training and evaluation of the name tagger (schema/ner_tagger.h) on the annotated corpora:
// corpus files -> labelled sentences (through the Analyzer, as at index time) -> averaged
// perceptron -> NerModel; and mention-level precision/recall/F1 per kind on held-out sentences.
#pragma once

#include "schema/analyzer.h"
#include "schema/entities.h"
#include "schema/ner_tagger.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace news::tools {

/// A sentence with its gold tags (schema::kNerTags codes), one per word.
struct LabelledSentence {
    std::string text;  // the sentence as written (label() joins the corpus tokens)
    schema::NerSentence words;
    std::vector<std::uint8_t> tags;
};

/// A corpus's token/tag lines, before analysis: tags already mapped to kinds.
struct CorpusToken {
    std::string text;
    int kind = -1;       // schema::NerKind as int, -1 outside a name
    bool begins = false; // opens a new name (B-, or the first token of a run)
};
using CorpusSentence = std::vector<CorpusToken>;

/// Maps a corpus tag to a kind: PER/person -> Person; ORG/corporation/group/organization -> Org;
/// LOC/location/place -> Place; anything else (MISC, product, event, ...) -> -1.
int kind_of_tag(std::string_view type);

/// Reads a CoNLL-style file (token first, tag last; blank lines end sentences; -DOCSTART-
/// lines end documents). B-X opens a name, I-X continues one of the same kind or opens one
/// (IO files). Sentences are grouped per document. @throws news::Error if unreadable.
std::vector<std::vector<CorpusSentence>> read_conll(const std::filesystem::path& file);

/// Reads a GUM tsv file (token, entity type; a run of one type is one mention). GUM marks every
/// mention ("asylum seekers"); only names are kept: runs whose words are capitalised, leading
/// lower-case words ("the") dropped.
std::vector<CorpusSentence> read_gum(const std::filesystem::path& file);

/// Joins the tokens into text as it was written (no space before ",", "'s"...), analyses it,
/// and tags the words: a word takes the kind of the token it starts in.
LabelledSentence label(const CorpusSentence& sentence, schema::Analyzer& analyzer);

/// The training, development and held-out test sentences of every corpus.
struct Split {
    std::string corpus;
    std::vector<LabelledSentence> train, test;
};

/// The five corpora of `root` (the shared corpora/ner folder) with their splits:
/// btc sections a b e f g / h; wnut17 train+dev / test; sec-filings FIN5 / FIN3; wikigold every
/// fifth document (4, 9, ...) held out; gum-news every fourth file (in name order) held out.
std::vector<Split> load_corpora(const std::filesystem::path& root, schema::Analyzer& analyzer);

struct TrainOptions {
    std::uint32_t buckets = 1u << 18;
    int epochs = 8;
    std::uint32_t seed = 1;
};

/// Averaged perceptron, greedy decoding with the predicted history, sentences shuffled each
/// epoch with a fixed seed (std::mt19937, whose sequence the standard fixes).
schema::NerModel train(const std::vector<LabelledSentence>& sentences, const schema::NerLexicon& lexicon,
                       const TrainOptions& options);

/// Counts for one kind.
struct Counts {
    std::size_t predicted = 0, gold = 0, correct = 0;
    double precision() const { return predicted ? double(correct) / double(predicted) : 0; }
    double recall() const { return gold ? double(correct) / double(gold) : 0; }
    double f1() const {
        const double p = precision(), r = recall();
        return p + r > 0 ? 2 * p * r / (p + r) : 0;
    }
};
using Scores = std::array<Counts, schema::kNerKinds + 1>;  // per kind, then all kinds

/// Exact-span matches (same words, same kind) of the model's spans at `threshold` against gold.
Scores evaluate(const schema::NerModel& model, const schema::NerLexicon& lexicon,
                const std::vector<LabelledSentence>& sentences, double threshold);

/// The whole entity extractor (dictionaries, the tagger, the rules) on `sentences`, each read
/// as the body of an undated article of its own: exact-span matches (the same bytes, the same
/// kind; a company counts as an organisation) of its people, organisations and places. With
/// `disagreements`, each sentence where the two differ is written there with the spans only the
/// gold ("missed") or only the extractor ("wrong") has, after a "## `corpus`" line.
Scores evaluate_extractor(const schema::EntityExtractor& extractor, schema::Analyzer& analyzer,
                          const std::vector<LabelledSentence>& sentences, std::ostream* disagreements = nullptr,
                          const std::string& corpus = "");

/// A file opened for a listing, or an error naming it.
std::ofstream open_listing(const std::string& path);

/// A Markdown table of `score(split)` for every split: corpus, kind, gold, found, P, R, F1.
std::string scores_table(const std::vector<Split>& splits, const std::function<Scores(const Split&)>& score);

/// The temperature among 1, 2, 4, ..., 256 that gives the gold tags of `dev` the highest
/// likelihood under the model's softmax (so that confidences read as probabilities).
double choose_temperature(const schema::NerModel& model, const schema::NerLexicon& lexicon,
                          const std::vector<LabelledSentence>& dev);

/// The threshold among 0, 0.3, 0.5, ..., 0.99 with the best F0.5 (precision counted twice) on `dev`.
double choose_threshold(const schema::NerModel& model, const schema::NerLexicon& lexicon,
                        const std::vector<LabelledSentence>& dev);

}  // namespace news::tools
