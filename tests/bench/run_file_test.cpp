#include "bench/eval/run_file.h"

#include <catch2/catch.hpp>

#include <sstream>

TEST_CASE("Run files have trec_eval's six columns, ranks from 1", "[eval][run]") {
    std::ostringstream out;
    news::eval::write_run(out, "7", {{"51", 22.0215093}, {"486", 21.3945}, {"12", 0}}, "my run");
    CHECK(out.str() ==
          "7 Q0 51 1 22.021509 my_run\n"
          "7 Q0 486 2 21.394500 my_run\n"
          "7 Q0 12 3 0.000000 my_run\n");
}

TEST_CASE("An empty ranking writes nothing", "[eval][run]") {
    std::ostringstream out;
    news::eval::write_run(out, "7", {}, "newsdex");
    CHECK(out.str().empty());
}
