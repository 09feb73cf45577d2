// The learned tagger as the entity extractor's SpanTagger: the model's spans at or above its
// threshold, titles ("Mr", "Sir") dropped from people's names, organisations no dictionary
// lists sorted into companies and other bodies. Feeds EntityExtractor's tagger pass.
#pragma once

#include "schema/entities.h"
#include "schema/ner_tagger.h"

#include <filesystem>
#include <vector>

namespace news::schema {

class NerSpanTagger : public SpanTagger {
  public:
    /// Loads `model_file` once; `analyzer` splits the gazetteer's names for the lexicon.
    /// @throws news::Error naming the model file and how to rebuild it.
    NerSpanTagger(const Gazetteer& gazetteer, Analyzer& analyzer,
                  const std::filesystem::path& model_file = NerModel::default_file());

    /// Safe from several threads at once: reads the model and the lexicon only.
    std::vector<TaggedSpan> tag(const std::vector<TextPart>& parts) const override;

    /// Below this confidence a span is not an entity (the model's, chosen at training).
    double threshold() const { return model_.threshold(); }

  private:
    const Gazetteer& gazetteer_;
    NerModel model_;
    NerLexicon lexicon_;
};

}  // namespace news::schema
