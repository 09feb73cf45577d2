#include "tools/ner_training.h"

#include "schema/errors.h"
#include "schema/gazetteer.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <tuple>

namespace news::tools {
namespace fs = std::filesystem;
using schema::kNerTags;
namespace {

std::ifstream open(const fs::path& file) {
    std::ifstream in(file);
    if (!in) throw Error(file.string() + ": cannot read this training corpus");
    return in;
}

std::vector<std::string> fields_of(const std::string& line) {
    std::vector<std::string> out;
    std::istringstream in(line);
    for (std::string f; in >> f;) out.push_back(f);
    return out;
}

bool punctuation_only(std::string_view t) {
    return !t.empty() && t.find_first_not_of(",.;:!?)]}%") == std::string_view::npos;
}

bool capitalised(std::string_view w) {
    return !w.empty() && ((w[0] >= 'A' && w[0] <= 'Z') || (w[0] >= '0' && w[0] <= '9') ||
                          static_cast<unsigned char>(w[0]) >= 0x80);
}
bool has_letter(std::string_view w) {
    return std::any_of(w.begin(), w.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
    });
}
// GUM marks pronouns as mentions too; a capitalised one opens a sentence, it is no name.
const std::set<std::string, std::less<>> kPronouns{"He", "She", "It", "They", "We", "I", "You", "His", "Her",
                                                     "Its", "Their", "Our", "My", "Your", "This", "That",
                                                     "These", "Those", "Who", "Which", "Him", "Them", "Us"};
const std::set<std::string, std::less<>> kNameParticles{"of", "the", "de", "and", "for", "la", "le", "von",
                                                          "van", "du", "del", "der", "da", "bin", "al", "&"};

// Keeps a GUM run [first, last) as a name only if it reads as one (see read_gum).
void keep_if_name(CorpusSentence& s, std::size_t first, std::size_t last) {
    while (first < last && (!capitalised(s[first].text) || kPronouns.contains(s[first].text))) s[first++].kind = -1;
    bool name = first < last;
    for (std::size_t k = first; k < last && name; ++k)
        if (has_letter(s[k].text) && !capitalised(s[k].text) && !kNameParticles.contains(s[k].text)) name = false;
    for (std::size_t k = first; k < last; ++k) {
        if (!name) s[k].kind = -1;
        s[k].begins = name && k == first;
    }
}

using Spans = std::set<std::tuple<std::size_t, std::size_t, int>>;  // where (words or bytes), kind

void tally(const Spans& gold, const Spans& predicted, Scores& scores) {
    for (const auto& g : gold) ++scores[static_cast<std::size_t>(std::get<2>(g))].gold;
    for (const auto& p : predicted) {
        ++scores[static_cast<std::size_t>(std::get<2>(p))].predicted;
        if (gold.contains(p)) ++scores[static_cast<std::size_t>(std::get<2>(p))].correct;
    }
}

// The last row: all kinds together.
Scores total(Scores scores) {
    for (std::size_t k = 0; k < schema::kNerKinds; ++k) {
        scores.back().gold += scores[k].gold;
        scores.back().predicted += scores[k].predicted;
        scores.back().correct += scores[k].correct;
    }
    return scores;
}

}  // namespace

int kind_of_tag(std::string_view type) {
    if (type == "PER" || type == "person") return static_cast<int>(schema::NerKind::Person);
    if (type == "ORG" || type == "corporation" || type == "group" || type == "organization")
        return static_cast<int>(schema::NerKind::Org);
    if (type == "LOC" || type == "location" || type == "place") return static_cast<int>(schema::NerKind::Place);
    return -1;
}

std::vector<std::vector<CorpusSentence>> read_conll(const fs::path& file) {
    auto in = open(file);
    std::vector<std::vector<CorpusSentence>> documents(1);
    CorpusSentence sentence;
    auto end_sentence = [&] {
        if (!sentence.empty()) documents.back().push_back(std::move(sentence));
        sentence.clear();
    };
    for (std::string line; std::getline(in, line);) {
        const auto f = fields_of(line);
        if (f.empty()) {
            end_sentence();
            continue;
        }
        if (f[0] == "-DOCSTART-") {
            end_sentence();
            if (!documents.back().empty()) documents.emplace_back();
            continue;
        }
        CorpusToken t{f[0]};
        const std::string& tag = f.size() > 1 ? f.back() : "O";
        if (tag.size() > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-') {
            t.kind = kind_of_tag(std::string_view(tag).substr(2));
            t.begins = t.kind >= 0 && (tag[0] == 'B' || sentence.empty() || sentence.back().kind != t.kind);
        }
        sentence.push_back(std::move(t));
    }
    end_sentence();
    if (documents.back().empty()) documents.pop_back();
    return documents;
}

std::vector<CorpusSentence> read_gum(const fs::path& file) {
    auto in = open(file);
    std::vector<CorpusSentence> out;
    CorpusSentence sentence;
    std::vector<std::string> types;
    auto end_sentence = [&] {
        for (std::size_t i = 0; i < sentence.size();) {
            std::size_t j = i + 1;
            while (j < sentence.size() && types[j] == types[i]) ++j;
            const int kind = kind_of_tag(types[i]);
            for (std::size_t k = i; k < j; ++k) sentence[k].kind = kind;
            if (kind >= 0) keep_if_name(sentence, i, j);
            i = j;
        }
        if (!sentence.empty()) out.push_back(std::move(sentence));
        sentence.clear();
        types.clear();
    };
    for (std::string line; std::getline(in, line);) {
        const auto f = fields_of(line);
        if (f.empty()) {
            end_sentence();
            continue;
        }
        sentence.push_back({f[0]});
        types.push_back(f.size() > 1 ? f[1] : "O");
    }
    end_sentence();
    return out;
}

LabelledSentence label(const CorpusSentence& sentence, schema::Analyzer& analyzer) {
    std::string text;
    std::vector<std::size_t> token_at;  // per byte of text: the corpus token it belongs to
    for (std::size_t i = 0; i < sentence.size(); ++i) {
        const std::string& t = sentence[i].text;
        const bool glued = i == 0 || punctuation_only(t) || t.starts_with("'") || t == "n't" ||
                           sentence[i - 1].text == "(" || sentence[i - 1].text == "$" ||
                           sentence[i - 1].text == "\u00A3";
        if (!glued) {
            text += ' ';
            token_at.push_back(i);
        }
        text += t;
        token_at.insert(token_at.end(), t.size(), i);
    }
    LabelledSentence out;
    out.text = text;
    for (auto& part : schema::ner_sentences(text, analyzer.analyze(text), 1000))
        for (auto& w : part) out.words.push_back(std::move(w));
    std::size_t open_token = sentence.size();  // the token whose name the previous word is in
    for (const auto& w : out.words) {
        const std::size_t i = token_at[w.begin];
        const int kind = sentence[i].kind;
        std::uint8_t tag = 0;
        if (kind >= 0) {
            // Inside the name that the previous word opened or continued: I; else B.
            std::size_t start = i;
            while (!sentence[start].begins && start > 0) --start;
            const bool inside = open_token != sentence.size() && open_token == start;
            tag = static_cast<std::uint8_t>(1 + 2 * kind + (inside ? 1 : 0));
            open_token = start;
        } else {
            open_token = sentence.size();
        }
        out.tags.push_back(tag);
    }
    return out;
}

std::vector<Split> load_corpora(const fs::path& root, schema::Analyzer& analyzer) {
    std::vector<Split> out;
    auto add = [&](Split& split, bool test, const std::vector<CorpusSentence>& sentences) {
        for (const auto& s : sentences) {
            auto l = label(s, analyzer);
            if (!l.words.empty()) (test ? split.test : split.train).push_back(std::move(l));
        }
    };
    auto conll = [&](Split& split, bool test, const fs::path& file) {
        for (const auto& doc : read_conll(file)) add(split, test, doc);
    };
    {
        Split s{"btc", {}, {}};
        for (const char* section : {"a", "b", "e", "f", "g"}) conll(s, false, root / "btc" / (std::string(section) + ".conll"));
        conll(s, true, root / "btc" / "h.conll");
        out.push_back(std::move(s));
    }
    {
        Split s{"wnut17", {}, {}};
        conll(s, false, root / "wnut17" / "wnut17train.conll");
        conll(s, false, root / "wnut17" / "emerging.dev.conll");
        conll(s, true, root / "wnut17" / "emerging.test.annotated");
        out.push_back(std::move(s));
    }
    {
        Split s{"sec-filings", {}, {}};
        conll(s, false, root / "sec-filings" / "FIN5.txt");
        conll(s, true, root / "sec-filings" / "FIN3.txt");
        out.push_back(std::move(s));
    }
    {
        Split s{"wikigold", {}, {}};
        const auto docs = read_conll(root / "wikigold" / "wikigold.conll.txt");
        for (std::size_t d = 0; d < docs.size(); ++d) add(s, d % 5 == 4, docs[d]);
        out.push_back(std::move(s));
    }
    {
        Split s{"gum-news", {}, {}};
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(root / "gum-news"))
            if (e.path().extension() == ".tsv") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (std::size_t f = 0; f < files.size(); ++f) add(s, f % 4 == 3, read_gum(files[f]));
        out.push_back(std::move(s));
    }
    return out;
}

schema::NerModel train(const std::vector<LabelledSentence>& sentences, const schema::NerLexicon& lexicon,
                       const TrainOptions& options) {
    const std::size_t n = static_cast<std::size_t>(options.buckets) * kNerTags;
    std::vector<float> w(n, 0), u(n, 0);  // weights; sum of update * time, for the average
    std::vector<schema::NerFeatures> features;
    features.reserve(sentences.size());
    for (const auto& s : sentences) features.emplace_back(s.words, lexicon, options.buckets);
    std::vector<std::size_t> order(sentences.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937 rng(options.seed);
    float time = 1;
    std::uint32_t f[schema::NerFeatures::kStatic + schema::NerFeatures::kHistory];
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
        for (const std::size_t si : order) {
            const auto& s = sentences[si];
            const auto& fs = features[si];
            std::size_t prev = 0, prev2 = 0;
            for (std::size_t i = 0; i < s.words.size(); ++i, ++time) {
                if (fs.skipped(i, prev)) {  // outside a name without scoring, as when tagging
                    prev2 = prev;
                    prev = 0;
                    continue;
                }
                fs.features(i, prev, prev2, f);
                float scores[kNerTags] = {};
                for (const auto b : f)
                    for (std::size_t t = 0; t < kNerTags; ++t) scores[t] += w[b * kNerTags + t];
                std::size_t guess = 0;
                for (std::size_t t = 1; t < kNerTags; ++t)
                    if (scores[t] > scores[guess]) guess = t;
                const std::size_t gold = s.tags[i];
                if (guess != gold)
                    for (const auto b : f) {
                        w[b * kNerTags + gold] += 1, u[b * kNerTags + gold] += time;
                        w[b * kNerTags + guess] -= 1, u[b * kNerTags + guess] -= time;
                    }
                prev2 = prev;
                prev = guess;
            }
        }
    }
    for (std::size_t i = 0; i < n; ++i) w[i] -= u[i] / time;
    return schema::NerModel{options.buckets, w, 0.5};
}

Scores evaluate(const schema::NerModel& model, const schema::NerLexicon& lexicon,
                const std::vector<LabelledSentence>& sentences, double threshold) {
    Scores scores{};
    for (const auto& s : sentences) {
        Spans gold, predicted;
        for (const auto& g : schema::spans_of(s.tags)) gold.insert({g.first, g.last, static_cast<int>(g.kind)});
        for (const auto& p : model.tag(s.words, lexicon))
            if (p.confidence >= threshold) predicted.insert({p.first, p.last, static_cast<int>(p.kind)});
        tally(gold, predicted, scores);
    }
    return total(scores);
}

Scores evaluate_extractor(const schema::EntityExtractor& extractor, schema::Analyzer& analyzer,
                          const std::vector<LabelledSentence>& sentences, std::ostream* disagreements,
                          const std::string& corpus) {
    static const char* kKinds[] = {"person", "org", "place"};
    if (disagreements && !corpus.empty()) *disagreements << "## " << corpus << "\n";
    Scores scores{};
    for (const auto& s : sentences) {
        // A final period counts on neither side: the extractor's "Acme Inc." is the corpus's
        // "Acme Inc" followed by a sentence's period, and its "U.S." the corpus's "U.S.".
        auto end_of = [&](std::size_t begin, std::size_t end) {
            return end > begin + 1 && s.text[end - 1] == '.' ? end - 1 : end;
        };
        Spans gold, predicted;
        for (const auto& g : schema::spans_of(s.tags)) {
            const std::size_t begin = s.words[g.first].begin;
            gold.insert({begin, end_of(begin, s.words[g.last].end), static_cast<int>(g.kind)});
        }
        const auto tokens = analyzer.analyze(s.text);
        for (const auto& m : extractor.extract({{"body", s.text, tokens}})) {
            int kind = -1;
            switch (m.kind) {
                case schema::EntityKind::Person: kind = static_cast<int>(schema::NerKind::Person); break;
                case schema::EntityKind::Company:
                case schema::EntityKind::Org: kind = static_cast<int>(schema::NerKind::Org); break;
                case schema::EntityKind::Place: kind = static_cast<int>(schema::NerKind::Place); break;
                default: break;  // years, money, percentages
            }
            if (kind >= 0) predicted.insert({m.begin, end_of(m.begin, m.end), kind});
        }
        tally(gold, predicted, scores);
        if (disagreements && gold != predicted) {
            // One block per sentence: its text, then each span only one side has.
            *disagreements << s.text << "\n";
            auto side = [&](const Spans& these, const Spans& other, const char* mark) {
                for (const auto& [begin, end, kind] : these)
                    if (!other.contains({begin, end, kind}))
                        *disagreements << "  " << mark << " " << kKinds[kind] << " "
                                       << s.text.substr(begin, end - begin) << "\n";
            };
            side(gold, predicted, "missed");
            side(predicted, gold, "wrong ");
        }
    }
    return total(scores);
}

std::ofstream open_listing(const std::string& path) {
    std::ofstream out(path);
    if (!out) throw Error(path + ": cannot write this file; check that its folder exists");
    return out;
}

std::string scores_table(const std::vector<Split>& splits, const std::function<Scores(const Split&)>& score) {
    static const char* kNames[] = {"person", "org", "place", "all"};
    std::string out = "| corpus (held out) | kind | gold | found | P | R | F1 |\n|---|---|---|---|---|---|---|\n";
    char row[256];
    for (const auto& split : splits) {
        const Scores s = score(split);
        for (std::size_t k = 0; k < s.size(); ++k) {
            std::snprintf(row, sizeof row, "| %s | %s | %zu | %zu | %.3f | %.3f | %.3f |\n", split.corpus.c_str(), kNames[k],
                          s[k].gold, s[k].predicted, s[k].precision(), s[k].recall(), s[k].f1());
            out += row;
        }
    }
    return out;
}

double choose_temperature(const schema::NerModel& model, const schema::NerLexicon& lexicon,
                          const std::vector<LabelledSentence>& dev) {
    // Gold history, so each word's distribution is scored on its own.
    std::vector<std::array<float, kNerTags>> scores;
    std::vector<std::uint8_t> gold;
    std::uint32_t f[schema::NerFeatures::kStatic + schema::NerFeatures::kHistory];
    for (const auto& s : dev) {
        const schema::NerFeatures features{s.words, lexicon, model.buckets()};
        for (std::size_t i = 0; i < s.words.size(); ++i) {
            if (features.skipped(i, i > 0 ? s.tags[i - 1] : 0)) continue;
            features.features(i, i > 0 ? s.tags[i - 1] : 0, i > 1 ? s.tags[i - 2] : 0, f);
            std::array<float, kNerTags> sc{};
            model.score(f, std::size(f), sc.data());
            scores.push_back(sc);
            gold.push_back(s.tags[i]);
        }
    }
    double best = 1, best_loss = 1e300;
    for (double t = 1; t <= 256; t *= 2) {
        double loss = 0;
        for (std::size_t k = 0; k < scores.size(); ++k) {
            const float top = *std::max_element(scores[k].begin(), scores[k].end());
            double total = 0;
            for (const float x : scores[k]) total += std::exp((x - top) / t);
            loss -= (scores[k][gold[k]] - top) / t - std::log(total);
        }
        if (loss < best_loss) best_loss = loss, best = t;
    }
    return best;
}

double choose_threshold(const schema::NerModel& model, const schema::NerLexicon& lexicon,
                        const std::vector<LabelledSentence>& dev) {
    double best = 0, best_f = -1;
    for (const double t : {0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99}) {
        const Counts c = evaluate(model, lexicon, dev, t).back();
        const double p = c.precision(), r = c.recall();
        const double f = p + r > 0 ? 1.25 * p * r / (0.25 * p + r) : 0;
        if (f > best_f) best_f = f, best = t;
    }
    return best;
}

}  // namespace news::tools
