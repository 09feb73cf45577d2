// What an update may delete: only articles whose source lies under a path given in the run and
// is gone. Ids do not depend on which enclosing folder was given; a mass delete stops first.
#include "indexer/unseen_rule.h"

#include "indexer/indexer.h"
#include "schema/fields.h"

#include "temp_dir.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using news::indexer::IndexOptions;
using news::indexer::IndexStats;
using news::test::TempDir;

namespace {

// An archive folder with tech/ (5 stories) and biz/ (3 stories), and a database beside it.
struct Archive {
    TempDir dir;
    fs::path db = dir.path / "db", root = dir.path / "archive";
    Archive() {
        for (int i = 1; i <= 5; ++i) write(root / "tech" / ("t" + std::to_string(i) + ".txt"), "tech", i);
        for (int i = 1; i <= 3; ++i) write(root / "biz" / ("b" + std::to_string(i) + ".txt"), "biz", i);
    }
    static void write(const fs::path& file, const std::string& topic, int i) {
        fs::create_directories(file.parent_path());
        std::ofstream(file) << "A " << topic << " story number " << i << "\n\nMarkets moved, word" << topic << i
                            << " said.\n";
    }
    IndexStats index(const fs::path& input, IndexOptions options = {}) const {
        options.db = db;
        options.inputs = {input};
        return news::indexer::run_indexer(options);
    }
    Xapian::doccount docs() const { return Xapian::Database((db / "XAPIANDB").string()).get_doccount(); }
    Xapian::doccount with(const std::string& term) const {
        return Xapian::Database((db / "XAPIANDB").string()).get_termfreq(term);
    }
};

// Records r<first>..r<last> of a JSON Lines file, each with a word of its own ("onlyrN").
void write_jsonl(const fs::path& path, int first, int last) {
    std::ofstream out(path);
    for (int i = first; i <= last; ++i)
        out << R"({"id": "r)" << i << R"(", "title": "Story )" << i << R"(", "body": "Prices rose, onlyr)" << i
            << R"(."})" << "\n";
}

}  // namespace

TEST_CASE("Updating a child folder of the indexed archive adds it and deletes nothing else",
          "[indexer][unseen]") {
    Archive a;
    CHECK(a.index(a.root).added == 8);
    Archive::write(a.root / "tech" / "t6.txt", "tech", 6);
    const auto stats = a.index(a.root / "tech");
    CHECK(stats.added == 1);
    CHECK(stats.unchanged == 5);
    CHECK(stats.deleted == 0);
    CHECK(stats.outside == 3);
    CHECK(a.docs() == 9);
    CHECK(a.with("Qtech/t6.txt") == 1);  // the id is relative to the archive, as if it was given
    CHECK(a.with("Qbiz/b1.txt") == 1);
}

TEST_CASE("A child folder indexed first keeps its ids when its parent is indexed next",
          "[indexer][unseen]") {
    Archive a;
    CHECK(a.index(a.root / "tech").added == 5);
    CHECK(a.with("Qt1.txt") == 1);  // relative to the first folder given: the database's root
    auto stats = a.index(a.root);
    CHECK(stats.unchanged == 5);
    CHECK(stats.added == 3);
    CHECK(stats.deleted == 0);
    CHECK(a.docs() == 8);
    // Files outside the root are known by their absolute path.
    const std::string biz = fs::weakly_canonical(a.root / "biz" / "b1.txt").generic_string();
    CHECK(a.with("Q" + biz) == 1);
    stats = a.index(a.root / "tech");
    CHECK(stats.unchanged == 5);
    CHECK(stats.deleted == 0);
    CHECK(a.docs() == 8);
}

TEST_CASE("A file removed under the folder given is deleted; one outside it is not",
          "[indexer][unseen]") {
    Archive a;
    a.index(a.root);
    fs::remove(a.root / "tech" / "t1.txt");
    fs::remove(a.root / "biz" / "b1.txt");
    auto stats = a.index(a.root / "tech");
    CHECK(stats.deleted == 1);
    CHECK(a.docs() == 7);
    CHECK(a.with("Qbiz/b1.txt") == 1);  // biz/ was not given: not this run's business
    stats = a.index(a.root / "biz" / "b2.txt");  // a single file covers only itself
    CHECK(stats.deleted == 0);
    stats = a.index(a.root);
    CHECK(stats.deleted == 1);
    CHECK(a.docs() == 6);
}

TEST_CASE("A JSON Lines file split in two loses no record", "[indexer][unseen]") {
    Archive a;
    write_jsonl(a.root / "feed.jsonl", 1, 6);
    CHECK(a.index(a.root).added == 14);
    write_jsonl(a.root / "feed.jsonl", 1, 3);
    write_jsonl(a.root / "feed2.jsonl", 4, 6);
    auto stats = a.index(a.root / "feed2.jsonl");  // feed.jsonl not read: its records stay
    CHECK(stats.added == 3);
    CHECK(stats.deleted == 0);
    CHECK(a.docs() == 17);
    stats = a.index(a.root / "feed.jsonl");  // records 4-6 are gone from a file read
    CHECK(stats.unchanged == 3);
    CHECK(stats.deleted == 3);
    CHECK(a.docs() == 14);
    for (int i = 1; i <= 6; ++i) CHECK(a.with("onlyr" + std::to_string(i)) == 1);
}

TEST_CASE("A folder renamed moves its articles to their new ids, none lost", "[indexer][unseen]") {
    Archive a;
    a.index(a.root);
    fs::rename(a.root / "tech", a.root / "technology");
    auto stats = a.index(a.root);
    CHECK(stats.added == 5);
    CHECK(stats.deleted == 5);
    CHECK(stats.unchanged == 3);
    CHECK(a.docs() == 8);
    CHECK(a.with("Qtechnology/t3.txt") == 1);
    CHECK(a.with("Qtech/t3.txt") == 0);
    stats = a.index(a.root / "technology");
    CHECK(stats.unchanged == 5);
    CHECK(a.docs() == 8);
}

TEST_CASE("A rebuild of a child folder keeps the rest of the archive", "[indexer][unseen]") {
    Archive a;
    a.index(a.root);
    IndexOptions rebuild;
    rebuild.rebuild = true;
    const auto stats = a.index(a.root / "tech", rebuild);
    CHECK(stats.added == 5);
    CHECK(stats.outside == 3);
    CHECK(stats.deleted == 0);
    CHECK(a.docs() == 8);
    CHECK(a.with("wordbiz2") == 1);  // built again from its stored copy, still searchable
}

TEST_CASE("A run that would delete over a fifth of the index and 100 articles stops before writing",
          "[indexer][unseen]") {
    Archive a;
    for (int i = 1; i <= 120; ++i) Archive::write(a.root / "old" / ("o" + std::to_string(i) + ".txt"), "old", i);
    CHECK(a.index(a.root).added == 128);
    fs::rename(a.root / "old", a.dir.path / "moved");  // e.g. a folder not mounted tonight
    Archive::write(a.root / "tech" / "t6.txt", "tech", 6);

    IndexOptions dry;
    dry.dry_run = true;
    const auto preview = a.index(a.root, dry);
    CHECK(preview.deleted == 120);
    CHECK_THAT(preview.mass_delete, Catch::Contains("would delete 120 of the 128 articles"));

    CHECK_THROWS_AS(a.index(a.root), news::indexer::MassDeleteError);
    CHECK(a.docs() == 128);
    CHECK(a.with("Qtech/t6.txt") == 0);  // stopped before writing anything

    IndexOptions add_only;
    add_only.no_delete = true;
    auto stats = a.index(a.root, add_only);
    CHECK(stats.added == 1);
    CHECK(stats.deleted == 0);
    CHECK(a.docs() == 129);

    IndexOptions allow;
    allow.allow_mass_delete = true;
    stats = a.index(a.root, allow);
    CHECK(stats.deleted == 120);
    CHECK(a.docs() == 9);
}

TEST_CASE("Records gone from a JSON Lines file beyond the limit are not deleted", "[indexer][unseen]") {
    Archive a;
    write_jsonl(a.root / "feed.jsonl", 1, 150);
    CHECK(a.index(a.root).added == 158);
    write_jsonl(a.root / "feed.jsonl", 1, 10);  // a truncated download
    CHECK_THROWS_WITH(a.index(a.root), Catch::Contains("would delete 140 of the 158 articles") &&
                                           Catch::Contains("nothing was deleted"));
    CHECK(a.docs() == 158);
}

TEST_CASE("Deleting by id removes the articles named and nothing else", "[indexer][unseen]") {
    Archive a;
    a.index(a.root);
    IndexOptions options;
    options.db = a.db;
    options.delete_ids = {"tech/t2.txt", "biz/b9.txt"};
    const auto stats = news::indexer::run_indexer(options);
    CHECK(stats.deleted == 1);
    CHECK(stats.not_found == std::vector<std::string>{"biz/b9.txt"});
    CHECK(a.docs() == 7);
    CHECK(a.with("Qtech/t2.txt") == 0);
    // t2.txt is still on disk: the next update of its folder adds it again.
    CHECK(a.index(a.root / "tech").added == 1);
}

TEST_CASE("UnseenRule places an article by its file key under the inputs", "[indexer][unseen]") {
    news::indexer::UnseenRule rule{"/srv/archive"};
    rule.add_input("/srv/archive/tech", true);
    rule.add_input("/srv/other/feed.jsonl", false);
    const news::schema::DocumentCodec codec;
    auto fate = [&](const std::string& id, const std::string& file) {
        Xapian::Document doc;
        if (!file.empty()) doc.add_value(news::schema::slot::kFile, file);
        return rule.classify("Q" + id, doc, codec);
    };
    using news::indexer::Unseen;
    // None of these files exists: those outside the inputs are orphans (kept, reported).
    CHECK(fate("tech/a.txt", "tech/a.txt") == Unseen::Delete);
    CHECK(fate("technology/a.txt", "technology/a.txt") == Unseen::Orphan);
    CHECK(fate("front-matter-id", "tech/b.md") == Unseen::Delete);
    CHECK(fate("tech/c.md", "biz/c.md") == Unseen::Orphan);  // the file key decides, not the id
    CHECK(fate("/srv/other/feed.jsonl#7", "/srv/other/feed.jsonl") == Unseen::Delete);
    CHECK(fate("/srv/other/feed.jsonl2#7", "/srv/other/feed.jsonl2") == Unseen::Orphan);
    CHECK(fate("tech/old.txt", "") == Unseen::Delete);  // no file key: placed by its id
}

TEST_CASE("An archive moved elsewhere is indexed once: the old ids of the moved articles go", "[indexer][unseen]") {
    const bool rebuild = GENERATE(false, true);
    CAPTURE(rebuild);
    Archive a;
    CHECK(a.index(a.root).added == 8);
    // The whole archive moves out of the database's root; biz/b3.txt is edited on the way and
    // tech/t5.txt is left behind in a folder that is gone too.
    const fs::path moved = a.dir.path / "elsewhere" / "archive";
    fs::create_directories(moved.parent_path());
    fs::rename(a.root, moved);
    std::ofstream(moved / "biz" / "b3.txt", std::ios::app) << "A late correction.\n";
    fs::remove(moved / "tech" / "t5.txt");
    IndexOptions options;
    options.rebuild = rebuild;
    options.dry_run = true;
    IndexStats stats = a.index(moved, options);
    CHECK(stats.moved == 6);
    CHECK(a.docs() == 8);  // a dry run changes nothing
    options.dry_run = false;
    stats = a.index(moved, options);
    CHECK(stats.added == 7);
    CHECK(stats.moved == 6);     // the unchanged ones, under their new ids
    CHECK(stats.deleted == 0);   // nothing was asked about the old place
    CHECK(stats.orphaned == 2);  // b3 (its text changed) and t5 (gone): kept, and said
    CHECK(stats.outside == 2);
    CHECK(a.docs() == 9);
    CHECK(a.with("Qbiz/b1.txt") == 0);
    CHECK(a.with("Q" + (moved / "biz" / "b1.txt").generic_string()) == 1);
    CHECK(a.with("Qbiz/b3.txt") == 1);
    CHECK(a.with("Qtech/t5.txt") == 1);
    // The orphans go only when asked; an index run of the new place alone keeps them.
    stats = a.index(moved);
    CHECK(stats.unchanged == 7);
    CHECK(stats.orphaned == 2);
    CHECK(a.docs() == 9);
    options = {};
    options.delete_orphans = true;
    options.db = a.db;
    stats = news::indexer::run_indexer(options);  // no inputs: every orphan of the index
    CHECK(stats.deleted == 2);
    CHECK(stats.orphaned == 0);
    CHECK(a.docs() == 7);
}

TEST_CASE("Articles outside the paths given whose files still exist are neither moved nor orphans",
          "[indexer][unseen]") {
    Archive a;
    CHECK(a.index(a.root).added == 8);
    // A copy of tech/ elsewhere: the same texts, but the originals are still there.
    const fs::path copy = a.dir.path / "copy";
    fs::copy(a.root / "tech", copy, fs::copy_options::recursive);
    const IndexStats stats = a.index(copy);
    CHECK(stats.added == 5);
    CHECK(stats.moved == 0);
    CHECK(stats.orphaned == 0);
    CHECK(stats.outside == 8);
    CHECK(a.docs() == 13);
}
