// The entity dictionaries: canonical names, aliases, kinds and parents, loaded from the
// plain-text files in schema/gazetteers/ (or a folder the user names). Read by the entity
// extractor at index time and by the query builder to resolve aliases (company:aws).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace news::schema {

enum class EntityKind { Company, Org, Place, Person, Year, Money, Percent };

std::string_view to_string(EntityKind kind);

/// A name an entity bore in some years only ("Thorn EMI" 1979-1996); 0 leaves a side open.
struct DatedName {
    std::string name;
    int from = 0, to = 0;
    bool covers(int year) const { return year > 0 && (from == 0 || year >= from) && (to == 0 || year <= to); }
};

struct Entity {
    std::string canonical;
    EntityKind kind = EntityKind::Company;
    std::string place_type;   // "country", "region", "state", "city" for places; empty otherwise
    std::string parent;       // canonical name of the parent, or empty
    int parent_from = 0;      // the year the parent took over ("Comcast@2018"); 0: always
    std::vector<DatedName> period_parents;  // parents in some years only, there instead of `parent`
                                            // ("West Germany@1949-1990" for Frankfurt)
    std::vector<std::string> aliases;      // every alias, dated or not, as matched in text
    std::vector<DatedName> dated_names;    // the aliases written "Name@FROM-TO"
    bool ambiguous = false;   // also an ordinary word or name: needs context to count
};

class Gazetteer {
  public:
    /// Reads every *.tsv in `dir` except reuters_*.tsv (evaluation mappings), plus
    /// first_names.txt, first_names_ambiguous.txt, person_titles.txt and nationalities.txt
    /// when present.
    /// @throws news::Error naming the file and line of a malformed entry.
    static Gazetteer load(const std::filesystem::path& dir);

    /// The data folder's gazetteers/ (schema/data_dir.h).
    static std::filesystem::path default_dir();

    const std::vector<Entity>& entities() const { return entities_; }
    const Entity* find(std::string_view canonical) const;
    /// The entry whose canonical name or dated name (an indexed value: "Viacom") is `name`.
    const Entity* find_named(std::string_view name) const;

    /// The entity a name or alias denotes, compared after schema::fold(): "aws" -> AWS's entry,
    /// "SÃO PAULO" -> São Paulo's.
    /// Restricted to `kind` when given.
    const Entity* resolve(std::string_view name, std::optional<EntityKind> kind = std::nullopt) const;

    /// Every entity a name or alias denotes, in the order of the files: a name several
    /// places bear ("Georgia": the country and the US state) gives each of them.
    std::vector<const Entity*> resolve_all(std::string_view name, std::optional<EntityKind> kind = std::nullopt) const;

    /// The canonical names of the parents of `canonical` (or of the entry a dated name names),
    /// nearest first (Twitch -> Amazon), up to
    /// the first link that did not yet hold in `year` (0: undated, no dated link holds). In the
    /// years of a period parent that parent is the link (Frankfurt -> West Germany in 1987,
    /// Germany in 2005 and undated).
    std::vector<std::string> ancestors(std::string_view canonical, int year = 0) const;

    /// The canonical names of every parent `canonical` had in any year, and theirs, nearest
    /// first: the family that tells a name's context (a mention of Twitch says "Amazon" is the
    /// company, whatever the article's year), not what it rolls up to.
    std::vector<std::string> relatives(std::string_view canonical) const;

    /// The name to index for a mention of `e` written as `written`: in a dated article the
    /// name the entity bore that year ("Viacom" in 2005), else its canonical name; in an
    /// undated one the dated name the text uses, else the canonical name.
    std::string name_at(const Entity& e, int year, std::string_view written) const;

    /// Every name an indexed value of `e` can carry: its canonical and dated names.
    std::vector<std::string> indexed_names(const Entity& e) const;

    bool is_first_name(std::string_view word) const { return first_names_.contains(std::string(word)); }
    bool is_ambiguous_first_name(std::string_view word) const {
        return ambiguous_first_names_.contains(std::string(word));
    }
    const std::vector<std::string>& person_titles() const { return person_titles_; }
    /// A nationality or regional adjective or demonym as written ("Argentine", "Britons": a
    /// plural in -s is read from its singular). Such a word never is, nor starts, a person's name.
    bool is_nationality(std::string_view word) const;
    /// The given names as listed, plain and ambiguous: for tables built from them (the tagger's).
    const std::unordered_set<std::string>& first_names() const { return first_names_; }
    const std::unordered_set<std::string>& ambiguous_first_names() const { return ambiguous_first_names_; }

  private:
    std::vector<Entity> entities_;
    std::unordered_map<std::string, std::size_t> by_canonical_;
    std::unordered_map<std::string, std::vector<std::size_t>> by_folded_name_;  // fold() of names and aliases
    std::unordered_set<std::string> first_names_, ambiguous_first_names_, nationalities_;
    std::vector<std::string> person_titles_;
};

/// The lines of a word-list file, '#' comments and blank lines left out; empty if missing.
std::unordered_set<std::string> load_word_list(const std::filesystem::path& file);

/// ASCII lower case, for case-insensitive name lookups.
std::string lower_ascii(std::string_view s);

}  // namespace news::schema
