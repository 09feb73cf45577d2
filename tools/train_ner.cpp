// newsdex-train-ner: trains the name tagger on the annotated corpora, reports its held-out
// scores, and writes the model file (schema/ner_model.bin).
#include "tools/ner_training.h"

#include "schema/errors.h"
#include "schema/gazetteer.h"
#include "schema/ner_span_tagger.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>

int main(int argc, char** argv) {
    std::string corpora, out, gazetteers, disagreements;
    news::tools::TrainOptions options;
    CLI::App app{"newsdex-train-ner: train the name tagger and write its model file"};
    app.add_option("--corpora", corpora, "the annotated corpora folder (shared corpora/ner)")->required();
    app.add_option("--out", out, "model file to write (schema/ner_model.bin)")->required();
    app.add_option("--gazetteers", gazetteers, "gazetteer folder for the dictionary features");
    app.add_option("--disagreements", disagreements,
                   "file to write each held-out sentence where the whole extractor and the gold differ");
    app.add_option("--epochs", options.epochs, "passes over the training sentences")->capture_default_str();
    app.add_option("--seed", options.seed, "shuffling seed")->capture_default_str();
    app.add_option("--buckets", options.buckets, "hashed feature rows, a power of two")
        ->capture_default_str()
        ->check([](const std::string& v) {
            const unsigned long n = std::stoul(v);
            return n >= 1024 && (n & (n - 1)) == 0 ? std::string() : std::string("a power of two, 1024 or more");
        });
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    try {
        news::schema::Analyzer analyzer{"en"};
        const auto gazetteer = news::schema::Gazetteer::load(
            gazetteers.empty() ? news::schema::Gazetteer::default_dir() : std::filesystem::path(gazetteers));
        const news::schema::NerLexicon lexicon{gazetteer, analyzer};
        const auto splits = news::tools::load_corpora(corpora, analyzer);
        // Every tenth training sentence is held aside to choose the confidence threshold.
        std::vector<news::tools::LabelledSentence> train, dev;
        for (const auto& split : splits) {
            for (std::size_t i = 0; i < split.train.size(); ++i) (i % 10 == 9 ? dev : train).push_back(split.train[i]);
            std::fprintf(stderr, "%s: %zu training, %zu held-out sentences\n", split.corpus.c_str(), split.train.size(),
                         split.test.size());
        }
        auto model = news::tools::train(train, lexicon, options);
        model.set_temperature(news::tools::choose_temperature(model, lexicon, dev));
        model.set_threshold(news::tools::choose_threshold(model, lexicon, dev));
        model.save(out);
        // Report what the saved (quantised) file does, not the training weights.
        const auto saved = news::schema::NerModel::load(out);
        std::printf("temperature %.0f, threshold %.2f (best log-likelihood and F0.5 on %zu development sentences)\n\n", saved.temperature(), saved.threshold(), dev.size());
        using news::tools::Split;
        auto table = [&](const char* heading, const std::function<news::tools::Scores(const Split&)>& score) {
            std::printf("%s\n\n%s", heading, news::tools::scores_table(splits, score).c_str());
        };
        table("held out, at the threshold:",
              [&](const Split& s) { return news::tools::evaluate(saved, lexicon, s.test, saved.threshold()); });
        table("\nwithout the threshold:", [&](const Split& s) { return news::tools::evaluate(saved, lexicon, s.test, 0); });
        // What an index gets: the model with the dictionaries and the rules, as newsdex-index runs them.
        const news::schema::NerSpanTagger tagger{gazetteer, analyzer, out};
        const news::schema::EntityExtractor extractor{gazetteer, analyzer, &tagger, tagger.threshold()};
        std::ofstream listing = disagreements.empty() ? std::ofstream() : news::tools::open_listing(disagreements);
        table("\nthe whole extractor (dictionaries, model, rules), each held-out sentence an article:",
              [&](const Split& s) {
                  return news::tools::evaluate_extractor(extractor, analyzer, s.test, listing.is_open() ? &listing : nullptr,
                                                         s.corpus);
              });
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "newsdex-train-ner: " << e.what() << "\n";
        return 3;
    }
}
