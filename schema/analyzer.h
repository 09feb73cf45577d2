// The one text analyzer: UTF-8 text -> tokens with terms, stems and byte offsets.
// Used by the indexer on articles, by the query builder on query words, and by snippets.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace news::schema {

struct Token {
    std::string term;               // normalised surface form: "shares", "27000", "u.s" -> "us";
                                    // a hyphenated word's parts joined: "e-mail" -> "email"
    std::string stem;               // Snowball stem: "share"; empty for numbers and for compounds
                                    // other than hyphenated words
    std::size_t begin = 0, end = 0; // byte offsets into the input, for highlighting
    std::uint32_t position = 0;     // word position from 0; a compound shares its first part's
    bool compound = false;          // the whole of "self-serve", "$700", "29%", "amazon.com";
                                    // its parts follow as ordinary tokens
    bool acronym = false;           // written in capitals ("AWS", "U.S."): see is_acronym rule in
                                    // docs/analysis.md; indexed unstemmed (schema::word_term)
};

/// The one fold of newsdex, for words, filter values and dictionary keys alike: NFKC, Unicode
/// case folding, accents and other combining marks removed ("Zürich" -> "zurich", "ＡＷＳ" ->
/// "aws", "ﬁ" -> "fi"), a few letters without a decomposition spelled in ASCII ("ø" -> "o",
/// "æ" -> "ae") and typographic apostrophes made ASCII. Invalid UTF-8 reads as U+FFFD.
/// Thread-safe.
std::string fold(std::string_view utf8);

/// A word of the spelling dictionary: an unprefixed, all-letter analyzer term ("layoffs",
/// "café"), not a number, compound or prefixed term. Bytes past ASCII count as letters.
inline bool spelling_word(std::string_view term) {
    if (term.size() < 2) return false;
    for (const char c : term)
        if (!(c >= 'a' && c <= 'z') && static_cast<unsigned char>(c) < 0x80) return false;
    return true;
}

/// Not thread-safe: it owns an ICU BreakIterator and reuses its buffers and stem cache from one
/// call of analyze() to the next, so analyze() is not const. Give each thread its own Analyzer.
class Analyzer {
  public:
    explicit Analyzer(const std::string& language = "en");  // ICU locale + Xapian::Stem
    ~Analyzer();
    Analyzer(const Analyzer&) = delete;
    Analyzer& operator=(const Analyzer&) = delete;

    /// Splits, normalises (fold(), possessives dropped, U.S. -> us, 27,000 -> 27000) and
    /// stems; marks acronyms. Invalid UTF-8 is read as U+FFFD. Positions count words.
    std::vector<Token> analyze(std::string_view utf8);

    /// The tokens of analyze(utf8) less some that `wanted` refuses, at a fraction of the cost on
    /// a long text with few wanted tokens (a snippet's matches): every token t of analyze(utf8)
    /// with wanted(t) is there, the same in every field (position too), and all in the same
    /// order. A word of ASCII letters and digits alone between blanks, punctuation around it, is
    /// one token whose term is the word in lower case: `wanted` is asked about that token (twice
    /// for a word in capitals, as an acronym and not), and the word is not analysed when refused.
    /// The rest of the text is analysed, in stretches that start and end where analysis gives
    /// the same tokens as in the whole text. `wanted` must look only at term, stem, compound and
    /// acronym; empty, it wants nothing.
    std::vector<Token> analyze_wanted(std::string_view utf8, const std::function<bool(const Token&)>& wanted);

    /// The tokens of analyze(utf8) in the shortest stretch around utf8[from, to) that analysis
    /// can start and end without changing them: every token that begins in [from, to), the same
    /// but for its position, counted from the stretch's start. A snippet's passage.
    std::vector<Token> analyze_between(std::string_view utf8, std::size_t from, std::size_t to);

    /// fold() of a whole string, no splitting.
    std::string fold(std::string_view utf8) const { return schema::fold(utf8); }

    const Xapian::Stem& stemmer() const;

  private:
    struct Impl;  // owns the ICU BreakIterator; defined in analyzer.cpp
    std::unique_ptr<Impl> impl_;
};

}  // namespace news::schema
