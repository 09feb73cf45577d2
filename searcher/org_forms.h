// One form per archive for an organisation no dictionary lists, decided when searching: a
// longer unlisted name ("Yukos Oil") that adds whole words to a shorter unlisted one ("Yukos")
// is a form of it when the archive's articles say so, and the form most articles use is shown.
// The query builder, the company and org facets and the results read it (docs/entities.md).
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace news::schema {
struct Field;
}

namespace news::searcher {

class OrgForms {
  public:
    /// A longer name is a form of a shorter one when the shorter is a word-prefix of it and at
    /// least kMinShare of the longer name's articles, and at least kMinShared, also name the
    /// shorter one.
    static constexpr double kMinShare = 0.5;
    static constexpr Xapian::doccount kMinShared = 2;

    /// Whether a folded value is a dictionary name: it is never made a form of another.
    using Listed = std::function<bool(const std::string& value)>;
    /// The articles naming both folded values; may stop counting at `enough`.
    using Shared = std::function<Xapian::doccount(const std::string& longer, const std::string& shorter,
                                                  Xapian::doccount enough)>;

    OrgForms() = default;
    /// From (folded value, articles) pairs of one field, as its terms give them.
    OrgForms(const std::vector<std::pair<std::string, Xapian::doccount>>& values, const Listed& listed,
             const Shared& shared);
    /// From the terms of `field` (company or org) in `db`: their frequencies, the articles two
    /// of them share (postlists), and the shown forms as written in the field's slot.
    OrgForms(const Xapian::Database& db, const schema::Field& field, const Listed& listed);

    /// The form (folded) shown for a folded value, or nullptr when it is shown as itself.
    const std::string* shown(const std::string& value) const;
    /// Every form (folded, sorted) of the names the folded `value` is one of; empty if it is
    /// its own only form.
    std::vector<std::string> forms(const std::string& value) const;
    /// An article's values as stored (as written), each form replaced by the shown form as
    /// written; sorted, without repeats.
    std::vector<std::string> attach(const std::vector<std::string>& values) const;
    /// Each form that is not shown and the form shown for it (folded): what a facet merges.
    const std::unordered_map<std::string, std::string>& merged() const { return shown_; }

  private:
    std::unordered_map<std::string, std::string> shown_;              // form -> shown form
    std::unordered_map<std::string, std::vector<std::string>> forms_;  // shown form -> all forms
    std::unordered_map<std::string, std::string> written_;             // shown form -> as written
};

}  // namespace news::searcher
