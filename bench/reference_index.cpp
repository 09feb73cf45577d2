// newsdex-bench-ref-index: the minimal reference indexer, plain Xapian, to show what Xapian
// alone costs on the benchmark corpus. No ICU, no entities, no stored-field JSON, no id lookups:
// TermGenerator with the English stemmer and positions over title + body, the date in one
// value slot, and "id\ntitle\nbody" as document data for snippets.
//
//   newsdex-bench-ref-index --db DIR articles.jsonl
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <fstream>
#include <iostream>
#include <string>

namespace {

constexpr Xapian::valueno kDateSlot = 0;   // "YYYYMMDD"; the reference query side reads it
constexpr Xapian::termcount kTitleWdf = 3; // as newsdex: a title word counts three body words
constexpr Xapian::termpos kFieldGap = 100; // as newsdex: no phrase across title and body

std::string field(const nlohmann::json& record, const char* key) {
    const auto it = record.find(key);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

/// "1987-02-26" -> "19870226"; anything else -> empty.
std::string date_key(const std::string& date) {
    if (date.size() != 10) return {};
    return date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
}

}  // namespace

int main(int argc, char** argv) {
    std::string db_path, input;
    std::size_t batch = 2000;
    CLI::App app{"newsdex-bench-ref-index: index JSON Lines with plain Xapian (benchmark reference)"};
    app.add_option("--db", db_path, "database directory (overwritten)")->required();
    app.add_option("--batch", batch, "articles per commit (default 2000, as newsdex-index)");
    app.add_option("input", input, "JSON Lines file from bench/prepare.py")->required();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    try {
        std::ifstream in(input);
        if (!in) throw std::runtime_error(input + ": cannot read");
        Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::TermGenerator generator;
        generator.set_stemmer(Xapian::Stem("english"));
        generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        std::size_t count = 0;
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty()) continue;
            const auto record = nlohmann::json::parse(line);
            const std::string id = field(record, "id"), title = field(record, "title"),
                              body = field(record, "body");
            Xapian::Document doc;
            generator.set_document(doc);
            generator.index_text(title, kTitleWdf);
            generator.increase_termpos(kFieldGap);
            generator.index_text(body);
            doc.add_boolean_term("Q" + id);
            doc.add_value(kDateSlot, date_key(field(record, "date")));
            doc.set_data(id + "\n" + title + "\n" + body);
            db.add_document(doc);
            if (++count % batch == 0) db.commit();
        }
        db.commit();
        std::cerr << "newsdex-bench-ref-index: " << count << " articles\n";
        return 0;
    } catch (const Xapian::Error& e) {
        std::cerr << "newsdex-bench-ref-index: " << e.get_description() << "\n";
        return 3;
    } catch (const std::exception& e) {
        std::cerr << "newsdex-bench-ref-index: " << e.what() << "\n";
        return 3;
    }
}
