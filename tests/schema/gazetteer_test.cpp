// The gazetteer: the real folder loads and resolves aliases and parents; a malformed line is
// an error naming file:line; a file the user adds is read at run time, without recompiling.
#include "schema/gazetteer.h"

#include "schema/analyzer.h"
#include "schema/entities.h"
#include "schema/errors.h"

#include "temp_dir.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using news::schema::EntityKind;
using news::schema::Gazetteer;

using news::test::TempDir;

void write(const fs::path& file, const std::string& text) {
    std::ofstream out{file, std::ios::binary};
    out << text;
}

const Gazetteer& real() {
    static const Gazetteer g = Gazetteer::load(Gazetteer::default_dir());
    return g;
}

}  // namespace

TEST_CASE("The built-in gazetteer loads every list", "[schema][gazetteer]") {
    CHECK(real().entities().size() > 1500);
    CHECK(real().find("Amazon") != nullptr);
    CHECK(real().find("United States") != nullptr);
    CHECK(real().find("The Wall Street Journal") != nullptr);
    CHECK(real().is_first_name("Teresa"));
    CHECK_FALSE(real().person_titles().empty());
}

TEST_CASE("Nationalities are read as written, plurals from their singular", "[schema][gazetteer]") {
    for (const char* word : {"Argentine", "Argentines", "Briton", "Britons", "Soviet", "Swiss", "Costa Rican"}) {
        CAPTURE(word);
        CHECK(real().is_nationality(word));
    }
    for (const char* word : {"Argentina", "argentine", "Peter", "Roman", "Ss", ""}) {
        CAPTURE(word);
        CHECK_FALSE(real().is_nationality(word));
    }
}

TEST_CASE("Gazetteer resolves aliases case-insensitively", "[schema][gazetteer]") {
    for (const char* name : {"AWS", "aws", "Aws", "amazon web services", "AMAZON WEB SERVICES"}) {
        INFO(name);
        const auto* e = real().resolve(name);
        REQUIRE(e != nullptr);
        CHECK(e->canonical == "Amazon Web Services");
        CHECK(e->kind == EntityKind::Company);
    }
    CHECK(real().resolve("wsj")->canonical == "The Wall Street Journal");
    CHECK(real().resolve("no such company at all") == nullptr);
    CHECK(real().resolve("aws", EntityKind::Place) == nullptr);  // restricted to a kind
}

TEST_CASE("Gazetteer gives a name's relatives of every year, nearest first", "[schema][gazetteer]") {
    CHECK(real().relatives("Twitch") == std::vector<std::string>{"Amazon"});  // Amazon@2014
    // Waymo: Alphabet from 2016, Google 2009-2016, and Google's own parent.
    CHECK(real().relatives("Waymo") == std::vector<std::string>{"Alphabet", "Google"});
    CHECK(real().relatives("Motorola Mobility") == std::vector<std::string>{"Lenovo", "Google", "Alphabet"});
    CHECK(real().relatives("Amazon").empty());
    CHECK(real().relatives("not an entry").empty());
    CHECK(real().ancestors("Twitch").empty());  // no dated link holds undated: rolls up to nothing
}

TEST_CASE("Banks merged into a group are their own before the merger and roll up after it", "[schema][gazetteer]") {
    REQUIRE(real().resolve("Dai-Ichi Kangyo Bank") != nullptr);
    CHECK(real().resolve("Dai-Ichi Kangyo Bank")->canonical == "Dai-Ichi Kangyo Bank");
    CHECK(real().ancestors("Dai-Ichi Kangyo Bank", 1987).empty());
    CHECK(real().ancestors("Fuji Bank", 2005) == std::vector<std::string>{"Mizuho Financial Group"});
}

TEST_CASE("Gazetteer gives the parents, nearest first", "[schema][gazetteer]") {
    CHECK(real().ancestors("Twitch", 2020) == std::vector<std::string>{"Amazon"});
    CHECK(real().ancestors("Amazon Web Services") == std::vector<std::string>{"Amazon"});
    CHECK(real().ancestors("Google", 2020) == std::vector<std::string>{"Alphabet"});
    CHECK(real().ancestors("Google DeepMind", 2020) == std::vector<std::string>{"Google", "Alphabet"});
    CHECK(real().ancestors("Amazon").empty());
    CHECK(real().ancestors("not an entry").empty());
    const auto* tokyo = real().find("Tokyo");
    REQUIRE(tokyo != nullptr);
    CHECK(tokyo->place_type == "city");
    CHECK(real().ancestors("Tokyo") == std::vector<std::string>{"Japan"});
}

TEST_CASE("Subdivisions are states of their country, regions places of their own", "[schema][gazetteer]") {
    auto [name, canonical, type, parents] = GENERATE(table<std::string, std::string, std::string, std::vector<std::string>>({
        {"Queensland", "Queensland", "state", {"Australia"}},
        {"Bayern", "Bavaria", "state", {"Germany"}},
        {"Bretagne", "Brittany", "state", {"France"}},
        {"Catalunya", "Catalonia", "state", {"Spain"}},
        {"Yorkshire", "Yorkshire", "region", {"England", "United Kingdom"}},
        {"Essex", "Essex", "state", {"England", "United Kingdom"}},
        {"Szechuan", "Sichuan", "state", {"China"}},
        {"Europe", "Europe", "region", {}},
        {"Mideast", "Middle East", "region", {}},
        {"Mindanao", "Mindanao", "region", {"Philippines"}},
    }));
    CAPTURE(name);
    const auto* e = real().resolve(name, EntityKind::Place);
    REQUIRE(e != nullptr);
    CHECK(e->canonical == canonical);
    CHECK(e->place_type == type);
    CHECK(real().ancestors(e->canonical, 2005) == parents);
}

TEST_CASE("A subdivision or region name is no other entry's, but for the shared names documented",
          "[schema][gazetteer]") {
    // The files' comments: Victoria (the Australian state and the city in British Columbia) and
    // Punjab (the states of India and Pakistan) are shared place names the extractor resolves.
    const std::set<std::string> shared{"victoria", "punjab"};
    std::size_t checked = 0;
    for (const auto& e : real().entities()) {
        const bool us_state = e.place_type == "state" && e.parent == "United States";
        if (e.kind != EntityKind::Place || (e.place_type != "state" && e.place_type != "region") || us_state) continue;
        std::vector<std::string> names{e.canonical};
        names.insert(names.end(), e.aliases.begin(), e.aliases.end());
        for (const auto& name : names) {
            CAPTURE(e.canonical, name);
            if (!shared.contains(news::schema::lower_ascii(name))) CHECK(real().resolve_all(name).size() == 1);
            ++checked;
        }
    }
    CHECK(checked > 600);
    CHECK(real().resolve_all("Victoria", EntityKind::Place).size() == 2);
    CHECK(real().resolve_all("Punjab", EntityKind::Place).size() == 2);
}

TEST_CASE("A region may have a country as parent, or none", "[schema][gazetteer]") {
    const TempDir dir;
    write(dir.path / "a.tsv", "Land\tcountry\t\t\t\nHighland\tregion\tLand\t\t\nWorld Part\tregion\t\t\t\n");
    const Gazetteer g = Gazetteer::load(dir.path);
    REQUIRE(g.find("Highland") != nullptr);
    CHECK(g.find("Highland")->kind == EntityKind::Place);
    CHECK(g.find("Highland")->place_type == "region");
    CHECK(g.ancestors("Highland") == std::vector<std::string>{"Land"});
    CHECK(g.ancestors("World Part").empty());
}

TEST_CASE("A period parent is the roll-up of the years it names, the parent the rest", "[schema][gazetteer]") {
    // Frankfurt: "Germany|West Germany@1949-1990"; Russia: "Soviet Union@1922-1991".
    CHECK(real().ancestors("Frankfurt", 1987) == std::vector<std::string>{"West Germany"});
    CHECK(real().ancestors("Frankfurt", 2005) == std::vector<std::string>{"Germany"});
    CHECK(real().ancestors("Frankfurt") == std::vector<std::string>{"Germany"});
    CHECK(real().ancestors("Moscow", 1987) == std::vector<std::string>{"Russia", "Soviet Union"});
    CHECK(real().ancestors("Moscow", 2005) == std::vector<std::string>{"Russia"});
    CHECK(real().ancestors("Moscow") == std::vector<std::string>{"Russia"});
    CHECK(real().ancestors("European Commission", 1987) == std::vector<std::string>{"European Community"});
    CHECK(real().ancestors("European Commission", 2005) == std::vector<std::string>{"European Union"});

    const TempDir dir;
    write(dir.path / "a.tsv",
          "Land\tcountry\t\t\t\nOld Union\tcountry\t\t\t\nTown\tcity\tLand|Old Union@1950-1960\t\t\n");
    const Gazetteer g = Gazetteer::load(dir.path);
    CHECK(g.ancestors("Town", 1949) == std::vector<std::string>{"Land"});
    CHECK(g.ancestors("Town", 1950) == std::vector<std::string>{"Old Union"});
    CHECK(g.ancestors("Town", 1960) == std::vector<std::string>{"Old Union"});
    CHECK(g.ancestors("Town", 1961) == std::vector<std::string>{"Land"});
}

TEST_CASE("A takeover holds from its year; a dated name names its entry", "[schema][gazetteer]") {
    // The built-in lists: no owner of a later year for an earlier article, none for an undated one.
    CHECK(real().ancestors("Google DeepMind", 2010).empty());
    CHECK(real().ancestors("Google DeepMind").empty());
    CHECK(real().ancestors("Google", 2014).empty());
    CHECK(real().ancestors("Chemical Bank", 1987).empty());
    CHECK(real().ancestors("Chemical Bank", 1998) == std::vector<std::string>{"Chase Manhattan"});
    CHECK(real().ancestors("Chemical Bank", 2005) == std::vector<std::string>{"Chase Manhattan", "JPMorgan Chase"});
    CHECK(real().ancestors("Financial Times", 1987) == std::vector<std::string>{"Pearson"});
    CHECK(real().ancestors("Financial Times", 2015) == std::vector<std::string>{"Pearson"});  // sold in November
    CHECK(real().ancestors("Financial Times", 2016) == std::vector<std::string>{"Nihon Keizai Shimbun"});
    CHECK(real().ancestors("Hong Kong", 1987) == std::vector<std::string>{"United Kingdom"});
    CHECK(real().ancestors("Hong Kong", 2005) == std::vector<std::string>{"China"});
    CHECK(real().ancestors("Hong Kong") == std::vector<std::string>{"China"});
    CHECK(real().ancestors("Financial Times").empty());
    CHECK(real().ancestors("Amazon Web Services", 1987) == std::vector<std::string>{"Amazon"});  // always Amazon's

    const TempDir dir;
    write(dir.path / "a.tsv",
          "Parent Corp\tcompany\t\tOld Parent@-1999\t\n"
          "Other Owner\tcompany\t\t\t\n"
          "Zorblax Widgets\tcompany\tParent Corp@1995|Other Owner@1990-1994\tZorblax|Old Zorblax@-1996\t\n");
    const Gazetteer g = Gazetteer::load(dir.path);
    CHECK(g.ancestors("Zorblax Widgets", 1989).empty());
    CHECK(g.ancestors("Zorblax Widgets", 1990) == std::vector<std::string>{"Other Owner"});
    CHECK(g.ancestors("Zorblax Widgets", 1994) == std::vector<std::string>{"Other Owner"});
    CHECK(g.ancestors("Zorblax Widgets", 1995) == std::vector<std::string>{"Parent Corp"});
    CHECK(g.ancestors("Zorblax Widgets").empty());
    CHECK(g.ancestors("Old Zorblax", 1995) == std::vector<std::string>{"Parent Corp"});
    REQUIRE(g.find_named("Old Zorblax") != nullptr);
    CHECK(g.find_named("Old Zorblax")->canonical == "Zorblax Widgets");
    CHECK(g.find_named("Zorblax") == nullptr);  // an undated alias is never an indexed value

    // The roll-up carries the parent's name of the article's year.
    news::schema::Analyzer analyzer{"en"};
    const news::schema::EntityExtractor extractor{g, analyzer};
    const std::string text = "Zorblax said sales rose.";
    const auto values = [&](int year) {
        const auto mentions = extractor.extract({{"body", text, analyzer.analyze(text)}}, year);
        return news::schema::distinct(mentions, EntityKind::Company, &g, year);
    };
    CHECK(values(1992) == std::vector<std::string>{"Old Zorblax", "Other Owner"});
    CHECK(values(1996) == std::vector<std::string>{"Old Parent", "Old Zorblax"});
    CHECK(values(1999) == std::vector<std::string>{"Old Parent", "Zorblax Widgets"});
    CHECK(values(2005) == std::vector<std::string>{"Parent Corp", "Zorblax Widgets"});
    CHECK(values(0) == std::vector<std::string>{"Zorblax Widgets"});
}

TEST_CASE("A malformed gazetteer line is an error naming the file and line", "[schema][gazetteer][errors]") {
    const TempDir dir;
    const fs::path file = dir.path / "bad.tsv";
    SECTION("too few columns") {
        write(file, "# comment\nAcme\tcompany\t\t\t\nBroken\tcompany\n");
        REQUIRE_THROWS_AS(Gazetteer::load(dir.path), news::Error);
        REQUIRE_THROWS_WITH(Gazetteer::load(dir.path), Catch::Contains("bad.tsv:3"));
    }
    SECTION("unknown kind") {
        write(file, "Acme\tbusiness\t\t\t\n");
        REQUIRE_THROWS_WITH(Gazetteer::load(dir.path),
                            Catch::Contains("bad.tsv:1") && Catch::Contains("unknown kind") &&
                                Catch::Contains("region"));
    }
    SECTION("defined twice") {
        write(file, "Acme\tcompany\t\t\t\nAcme\tcompany\t\t\t\n");
        REQUIRE_THROWS_WITH(Gazetteer::load(dir.path), Catch::Contains("bad.tsv:2"));
    }
    SECTION("a parent that is not an entry") {
        write(file, "Acme\tcompany\tNobody Corp\t\t\n");
        REQUIRE_THROWS_WITH(Gazetteer::load(dir.path), Catch::Contains("Nobody Corp"));
    }
    SECTION("a period parent that is not an entry") {
        write(file, "Land\tcountry\t\t\t\nTown\tcity\tLand|Old Union@1950-1960\t\t\n");
        REQUIRE_THROWS_WITH(Gazetteer::load(dir.path), Catch::Contains("Old Union"));
    }
    SECTION("two parents without an end year") {
        write(file, "Land\tcountry\t\t\t\nSea\tcountry\t\t\t\nTown\tcity\tLand|Sea@1950\t\t\n");
        REQUIRE_THROWS_WITH(Gazetteer::load(dir.path), Catch::Contains("bad.tsv:3") && Catch::Contains("at most one"));
    }
    SECTION("no folder") {
        REQUIRE_THROWS_AS(Gazetteer::load(dir.path / "missing"), news::Error);
    }
}

TEST_CASE("A file the user adds to a copy of the folder is picked up at load time", "[schema][gazetteer]") {
    const TempDir dir;
    for (const auto& entry : fs::directory_iterator(Gazetteer::default_dir()))
        fs::copy_file(entry.path(), dir.path / entry.path().filename());
    write(dir.path / "extra.tsv",
          "# my own companies\nZorblax Widgets\tcompany\tAmazon\tZorblax|ZWX\t\n");
    const Gazetteer g = Gazetteer::load(dir.path);
    CHECK(g.entities().size() == real().entities().size() + 1);
    const auto* e = g.resolve("zwx");
    REQUIRE(e != nullptr);
    CHECK(e->canonical == "Zorblax Widgets");
    CHECK(g.ancestors("Zorblax Widgets") == std::vector<std::string>{"Amazon"});

    // ... and the extractor finds it in text.
    news::schema::Analyzer analyzer{"en"};
    const news::schema::EntityExtractor extractor{g, analyzer};
    const std::string text = "Zorblax said sales rose.";
    const auto tokens = analyzer.analyze(text);
    const auto mentions = extractor.extract({{"body", text, tokens}});
    REQUIRE(mentions.size() == 1);
    CHECK(mentions[0].canonical == "Zorblax Widgets");
    CHECK(news::schema::distinct(mentions, EntityKind::Company, &g) ==
          std::vector<std::string>{"Amazon", "Zorblax Widgets"});
}

TEST_CASE("The evaluation mappings (reuters_*.tsv) are not loaded as entities", "[schema][gazetteer]") {
    const TempDir dir;
    write(dir.path / "reuters_places.tsv", "this is not\tan entity line\n");
    write(dir.path / "a.tsv", "Acme\tcompany\t\t\t\n");
    const Gazetteer g = Gazetteer::load(dir.path);
    CHECK(g.entities().size() == 1);
}
