// The passage of an article that best covers the matched terms, with highlight spans.
// Built on the shared Analyzer's tokens and offsets, so it highlights exactly what matched.
#pragma once

#include "schema/analyzer.h"

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace news::searcher {

struct Span {
    std::size_t begin = 0, end = 0;  // byte offsets into Snippet::text
};

struct Snippet {
    std::string text;            // one line: newlines folded to spaces, "…" where cut
    std::vector<Span> highlights;  // sorted, non-overlapping; adjacent matches merged
};

/// What to highlight: words as indexed, without their field's prefix (schema::word_term): stems
/// ("layoff") and words that have none ("self-serve", "27000").
struct MatchTerms {
    std::set<std::string> words;
    std::vector<std::string> prefixes;  // of wildcard words: "layof" for layof*
    bool empty() const { return words.empty() && prefixes.empty(); }
};

/// Collects highlightable terms of a Xapian query: free-text prefixes dropped, filter terms
/// ignored.
MatchTerms match_terms(const std::vector<std::string>& query_terms);

/// Cuts about `length` bytes of `text` around the densest cluster of distinct matched terms,
/// starting at a sentence start when one is near, ending at a word end.
Snippet make_snippet(schema::Analyzer& analyzer, std::string_view text, const MatchTerms& match,
                     std::size_t length = 240);

/// Snippets already cut, by article, what to highlight and length: a long-lived Searcher (a
/// server) is asked for the same articles' snippets again by related requests (a query, then
/// the same query narrowed by a facet filter, or paged), and cutting one analyses the article's
/// whole text. Keys are docids: whoever holds one clears it when its database changes. At most
/// about `capacity` snippets, in two generations: the older one goes when the newer one is full,
/// and a snippet used from the older one moves to the newer.
class SnippetCache {
  public:
    explicit SnippetCache(std::size_t capacity) : capacity_(capacity) {}

    /// make_snippet(analyzer, text, match, length) for article `docid` whose text is `text`.
    Snippet get(schema::Analyzer& analyzer, std::uint32_t docid, std::string_view text, const MatchTerms& match,
                std::size_t length);
    void clear();
    std::size_t size() const { return newer_.size() + older_.size(); }

  private:
    std::size_t capacity_;
    std::unordered_map<std::string, Snippet> newer_, older_;
};

}  // namespace news::searcher
