// The shipped Analyzer, gazetteer and entity extractor, built once per test process and
// shared by the schema and indexer tests that read entities.
#pragma once

#include "schema/analyzer.h"
#include "schema/entities.h"
#include "schema/gazetteer.h"

namespace news::test {

inline schema::Analyzer& analyzer() {
    static schema::Analyzer a{"en"};
    return a;
}

inline const schema::Gazetteer& gazetteer() {
    static const auto g = schema::Gazetteer::load(schema::Gazetteer::default_dir());
    return g;
}

inline const schema::EntityExtractor& extractor() {
    static const schema::EntityExtractor x{gazetteer(), analyzer()};
    return x;
}

}  // namespace news::test
