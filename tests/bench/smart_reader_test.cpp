#include "bench/eval/smart_reader.h"

#include <catch2/catch.hpp>

#include <sstream>

namespace {

// The Cranfield quirks in miniature: doc 1 regular; doc 240 with .A/.B lines inside its
// abstract; doc 471 with every field empty; doc 576 with a second .W; a preamble line.
const char* kDocs =
    "garbage before\n"
    ".I 1\n.T\nexperimental investigation of a\nwing in a slipstream .\n.A\nbrenckman,m.\n.B\n"
    "j. ae. scs. 25, 1958, 324.\n.W\nexperimental investigation .\n  an experimental study .\n"
    ".I 240\n.T\nheat transfer .\n.A\nchapman\n.B\nnaca 3792\n.W\nthe flow field .\n.A\n"
    "application to turbulent separations\n.B\nunity in low-speed flow .\n"
    ".I 471\n.T\n.A\n.B\n.W\n"
    ".I 576\n.T\nstagnation flow\n.W\nfirst part\nbenser, w.a.\n.W\nlimit characteristics .\n";

}  // namespace

TEST_CASE("SMART documents: fields joined, stray markers after .W kept in the text", "[eval][smart]") {
    std::istringstream in(kDocs);
    std::vector<news::eval::SmartNote> notes;
    const auto docs = news::eval::read_smart_documents(in, "cran", notes);
    REQUIRE(docs.size() == 4);
    CHECK(docs[0].id == "1");
    CHECK(docs[0].title == "experimental investigation of a wing in a slipstream .");
    CHECK(docs[0].authors == "brenckman,m.");
    CHECK(docs[0].source == "j. ae. scs. 25, 1958, 324.");
    CHECK(docs[0].text == "experimental investigation . an experimental study .");
    CHECK(docs[1].authors == "chapman");  // not overwritten by the stray .A
    CHECK(docs[1].text == "the flow field . application to turbulent separations unity in low-speed flow .");
    CHECK(docs[2].id == "471");
    CHECK(docs[2].title.empty());
    CHECK(docs[2].text.empty());
    CHECK(docs[3].text == "first part benser, w.a. limit characteristics .");
    // Notes: preamble, .A and .B in 240, empty 471, second .W in 576.
    REQUIRE(notes.size() == 5);
    CHECK(notes[0].where == "cran:1");
    CHECK(notes[1].message == ".A after .W in record 240: marker dropped, text kept in .W");
    CHECK(notes[3].message == "record 471 has no .W text");
    CHECK(notes[4].where == "cran:37");
}

TEST_CASE("SMART queries are numbered by position, CRLF and zero-padded ids allowed", "[eval][smart]") {
    std::istringstream in(".I 001\r\n.W\r\nwhat similarity laws\r\nmust be obeyed .\r\n.I 004\r\n.W\r\nheat conduction .\r\n");
    std::vector<news::eval::SmartNote> notes;
    const auto queries = news::eval::read_smart_queries(in, "cran.qry", notes);
    CHECK(notes.empty());
    REQUIRE(queries.size() == 2);
    CHECK(queries[0].number == 1);
    CHECK(queries[0].id == "1");
    CHECK(queries[0].text == "what similarity laws must be obeyed .");
    CHECK(queries[1].number == 2);  // the qrels call it 2, though its .I is 004
    CHECK(queries[1].id == "4");
    CHECK(queries[1].text == "heat conduction .");
}

TEST_CASE("SMART queries leave out authors and sources, also after .W; documents skip .X", "[eval][smart]") {
    // CISI: bibliographic queries carry .A and .B (here .B after .W); documents end in .X
    // citation triples, which are not text.
    std::istringstream queries(".I 1\r\n.T\r\nIndexing\r\n.A\r\nSmith, J.\r\n.W\r\nautomatic indexing\r\n.B\r\n(J. Doc. 1975)\r\n");
    std::istringstream docs(".I 7\n.T\nthesauri\n.W\nbuilding a thesaurus\n.X\n7 5 7\n12 1 7\n");
    std::vector<news::eval::SmartNote> notes;
    const auto q = news::eval::read_smart_queries(queries, "CISI.QRY", notes);
    REQUIRE(q.size() == 1);
    CHECK(q[0].text == "Indexing automatic indexing");
    const auto d = news::eval::read_smart_documents(docs, "CISI.ALL", notes);
    REQUIRE(d.size() == 1);
    CHECK(d[0].text == "building a thesaurus");
}
