// Surname attachment across the archive, decided when searching: a person value that is a
// surname alone ("Blair", from an article that names nobody with that surname in full) stands
// for the full name the archive uses most for that surname, when one clearly dominates. The
// query builder, the person facet and the results read it (docs/entities.md).
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace news::searcher {

class SurnameAttachment {
  public:
    /// A full name takes a lone surname when it has at least kMinShare of the articles that
    /// name someone of that surname in full (each full name counted by its articles) and at
    /// least kMinArticles of them.
    static constexpr double kMinShare = 0.75;
    static constexpr Xapian::doccount kMinArticles = 5;

    SurnameAttachment() = default;
    /// From the person terms of `db` (folded values) and their frequencies, and the names as
    /// written in the person slot of an article that has them. Reads nothing from articles
    /// but one per attached name.
    explicit SurnameAttachment(const Xapian::Database& db);
    /// From (folded value, articles) pairs, as the person terms give them.
    explicit SurnameAttachment(const std::vector<std::pair<std::string, Xapian::doccount>>& values);

    /// The full name (folded) a lone surname (folded) stands for, or nullptr.
    const std::string* full_name(const std::string& surname) const;
    /// The lone surnames (folded) attached to a full name (folded).
    std::vector<std::string> surnames(const std::string& full_name) const;
    /// An article's people as stored (as written, sorted), each lone surname replaced by its
    /// full name as written; sorted, without repeats.
    std::vector<std::string> attach(const std::vector<std::string>& people) const;

    bool empty() const { return full_.empty(); }
    /// Each attached lone surname and its full name (folded): the values a facet merges.
    const std::unordered_map<std::string, std::string>& merged() const { return full_; }

  private:
    std::unordered_map<std::string, std::string> full_;     // lone surname -> full name, folded
    std::unordered_map<std::string, std::string> written_;  // full name folded -> as written
};

}  // namespace news::searcher
