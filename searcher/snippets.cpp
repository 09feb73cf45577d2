#include "searcher/snippets.h"

#include "schema/fields.h"

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

namespace news::searcher {
namespace {

constexpr std::string_view kEllipsis = "\u2026";

bool is_sentence_end(std::string_view text, std::size_t at) {  // a '.', '!' or '?' then space
    return at + 1 < text.size() && (text[at] == '.' || text[at] == '!' || text[at] == '?') &&
           (text[at + 1] == ' ' || text[at + 1] == '\n');
}

}  // namespace

MatchTerms match_terms(const std::vector<std::string>& query_terms) {
    MatchTerms out;
    for (const auto& term : query_terms) {
        for (const auto& f : schema::kFields) {
            if (f.kind != schema::Kind::FreeText || !term.starts_with(f.prefix)) continue;
            const std::string_view word = std::string_view(term).substr(f.prefix.size());
            // Upper-case letters after the prefix mean another field's prefix, not a word.
            if (word.empty() || (word[0] >= 'A' && word[0] <= 'Z')) continue;
            out.words.insert(std::string(word));
        }
    }
    return out;
}

namespace {

// Whether `match` names token `t`: one of its words, or a word starting with one of its prefixes.
bool is_match(const schema::Token& t, const MatchTerms& match) {
    if (match.words.contains(schema::word_term(schema::field(schema::FieldId::Body), t))) return true;
    for (const auto& p : match.prefixes)
        if (!t.compound && t.term.starts_with(p)) return true;
    return false;
}

// Where the best window starts: of the windows starting at each hit, the one covering the
// most distinct terms, then the most hits. 0 without hits.
std::size_t best_start(const std::vector<schema::Token>& hits, std::size_t length) {
    std::size_t best_begin = 0, best_distinct = 0, best_count = 0;
    for (std::size_t i = 0; i < hits.size(); ++i) {
        std::set<std::string_view> distinct;
        std::size_t count = 0;
        for (std::size_t j = i; j < hits.size() && hits[j].end <= hits[i].begin + length * 3 / 4; ++j) {
            distinct.insert(hits[j].stem.empty() ? hits[j].term : hits[j].stem);
            ++count;
        }
        if (distinct.size() > best_distinct || (distinct.size() == best_distinct && count > best_count)) {
            best_distinct = distinct.size();
            best_count = count;
            best_begin = hits[i].begin;
        }
    }
    return best_begin;
}

// The earliest byte the passage around `best_begin` may start at: a little before it, at a
// sentence start if one is close; 0 when `best_begin` is near the text's start.
std::size_t earliest_start(std::string_view text, std::size_t best_begin, std::size_t length) {
    if (best_begin <= length / 4) return 0;
    const std::size_t begin = best_begin - length / 4;
    for (std::size_t at = best_begin; at-- > begin;)
        if (is_sentence_end(text, at)) return at + 2;
    return begin;
}

// The bytes [begin, end) of the passage around `best_begin`: from the first word at or after
// `earliest`, ending at a word end, or after the sentence's final punctuation, within `length`
// bytes. `tokens` holds at least the text's tokens that begin in [earliest, best_begin + length].
std::pair<std::size_t, std::size_t> passage(std::string_view text, const std::vector<schema::Token>& tokens,
                                            std::size_t best_begin, std::size_t earliest, std::size_t length) {
    std::size_t begin = 0;
    if (best_begin > length / 4) {
        const auto word = std::find_if(tokens.begin(), tokens.end(), [&](const auto& t) { return t.begin >= earliest; });
        begin = word == tokens.end() ? best_begin : std::min(word->begin, best_begin);
    }
    std::size_t end = begin;
    for (const auto& t : tokens) {
        if (t.begin < begin) continue;
        if (t.end > begin + length) break;
        end = std::max(end, t.end);
    }
    if (end < text.size() && end > 0 && (text[end] == '.' || text[end] == '!' || text[end] == '?')) ++end;
    return {begin, end};
}

}  // namespace

Snippet make_snippet(schema::Analyzer& analyzer, std::string_view text, const MatchTerms& match,
                     std::size_t length) {
    // Only the matches and the passage's words are needed: the text is analysed around them
    // (Analyzer::analyze_wanted(), analyze_between()), with the tokens analyze() gives.
    const auto wanted = [&](const schema::Token& t) { return is_match(t, match); };
    std::vector<schema::Token> hits = analyzer.analyze_wanted(text, wanted);
    std::erase_if(hits, [&](const schema::Token& t) { return !wanted(t); });
    const std::size_t best_begin = best_start(hits, length);
    const std::size_t earliest = earliest_start(text, best_begin, length);
    const auto [begin, end] = passage(text, analyzer.analyze_between(text, earliest, best_begin + length + 1),
                                      best_begin, earliest, length);

    Snippet s;
    const bool cut_front = begin > 0, cut_back = end < text.size();
    if (cut_front) s.text = kEllipsis;
    // One line: a run of blanks that holds a line break ("\n\n" between paragraphs) becomes
    // one space. out_at[i] is where byte begin + i of `text` lands in s.text.
    const std::size_t floor = s.text.size();
    std::vector<std::size_t> out_at(end - begin + 1);
    for (std::size_t i = begin; i < end; ++i) {
        out_at[i - begin] = s.text.size();
        if (text[i] != '\n' && text[i] != '\r') {
            s.text += text[i];
            continue;
        }
        while (s.text.size() > floor && s.text.back() == ' ') s.text.pop_back();
        out_at[i - begin] = s.text.size();
        if (s.text.size() > floor) s.text += ' ';
        for (; i + 1 < end && (text[i + 1] == '\n' || text[i + 1] == '\r' || text[i + 1] == ' ' || text[i + 1] == '\t'); ++i)
            out_at[i + 1 - begin] = s.text.size();
    }
    out_at[end - begin] = s.text.size();
    if (cut_back) s.text += kEllipsis;
    for (const auto& h : hits) {
        if (h.begin < begin || h.end > end) continue;
        const Span span{out_at[h.begin - begin], out_at[h.end - begin]};
        if (!s.highlights.empty() && span.begin <= s.highlights.back().end + 1 &&
            s.text.substr(s.highlights.back().end, span.begin - s.highlights.back().end).find_first_not_of(' ') ==
                std::string::npos)
            s.highlights.back().end = std::max(s.highlights.back().end, span.end);  // "walk out" as one
        else
            s.highlights.push_back(span);
    }
    return s;
}

Snippet SnippetCache::get(schema::Analyzer& analyzer, std::uint32_t docid, std::string_view text,
                          const MatchTerms& match, std::size_t length) {
    // Words and prefixes hold no NUL (terms never do): NUL-separated, the key is unambiguous.
    std::string key = std::to_string(docid) + '\0' + std::to_string(length) + '\0';
    for (const auto& word : match.words) key += word + '\0';
    key += '\0';
    for (const auto& prefix : match.prefixes) key += prefix + '\0';
    if (const auto found = newer_.find(key); found != newer_.end()) return found->second;
    Snippet snippet;
    if (const auto found = older_.find(key); found != older_.end()) {
        snippet = std::move(found->second);
        older_.erase(found);
    } else {
        snippet = make_snippet(analyzer, text, match, length);
    }
    if (newer_.size() >= std::max<std::size_t>(capacity_ / 2, 1)) older_ = std::exchange(newer_, {});
    newer_.emplace(std::move(key), snippet);
    return snippet;
}

void SnippetCache::clear() {
    newer_.clear();
    older_.clear();
}

}  // namespace news::searcher
