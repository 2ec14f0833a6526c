#include "text/snippet.hpp"

#include "text/text_util.hpp"

#include <algorithm>
#include <vector>

namespace libsearch::detail {

namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";

/// Whether a normalised word of a page is one the query looks for.
class Matcher {
public:
    Matcher(const QueryTerms& terms, Analyzer& analyzer, std::string_view language)
        : terms_(terms)
        , analyzer_(analyzer)
        , stem_language_(analyzer.stemmer_language(language)) {
        // Only the stems of the page's own language can match its words.
        if (const auto it = terms.stems.find(stem_language_); it != terms.stems.end()) {
            stems_ = &it->second;
        }
    }

    /// `word` normalised, and as `written` in the page (what its stem is taken from).
    bool matches(const std::string& word, std::string_view written) const {
        if (terms_.words.count(word) != 0) {
            return true;
        }
        for (const auto& prefix : terms_.prefixes) {
            if (word.starts_with(prefix)) {
                return true;
            }
        }
        if (stems_ == nullptr) {
            return false;
        }
        // Stemming every word of a page is the slow part: only words that begin like a
        // query stem can share it.
        const bool candidate =
            std::any_of(stems_->begin(), stems_->end(), [&](const std::string& stem) {
                const std::size_t n = std::min<std::size_t>(3, stem.size());
                return word.compare(0, n, stem, 0, n) == 0;
            });
        if (!candidate) {
            return false;
        }
        for (const auto& stem : analyzer_.stems(word, written, stem_language_)) {
            if (stems_->count(stem) != 0) {
                return true;
            }
        }
        return false;
    }

    bool empty() const {
        return terms_.words.empty() && terms_.prefixes.empty() && stems_ == nullptr &&
               terms_.runs.empty();
    }

    /// Which of `tokens` (of `text`) to mark: the words that match, and the runs of words
    /// that match only side by side, where the whole run is.
    std::vector<bool> mark(std::string_view text, const std::vector<Token>& tokens) const {
        std::vector<bool> marked(tokens.size());
        if (empty()) {
            return marked;
        }
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            marked[i] = matches(tokens[i].text,
                                text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
        }
        for (const auto& run : terms_.runs) {
            const std::size_t length = run.words.size();
            for (std::size_t i = 0; i + length <= tokens.size(); ++i) {
                bool whole = true;
                for (std::size_t k = 0; k < length && whole; ++k) {
                    const std::string& word = tokens[i + k].text;
                    whole = k + 1 == length && run.last_is_prefix ? word.starts_with(run.words[k])
                                                                  : word == run.words[k];
                }
                if (whole) {
                    std::fill(marked.begin() + static_cast<std::ptrdiff_t>(i),
                              marked.begin() + static_cast<std::ptrdiff_t>(i + length), true);
                }
            }
        }
        return marked;
    }

    /// Byte offsets in `text` where a query word may start: where the first bytes of a
    /// query word occur, ignoring ASCII case. A cheap way to find the region worth
    /// tokenizing in a long page.
    std::vector<std::size_t> candidate_offsets(std::string_view text, std::size_t limit) const {
        std::string lowered = ascii_lower(text);
        std::vector<std::string> keys;
        const auto add_key = [&](const std::string& word) {
            keys.push_back(word.substr(0, std::min<std::size_t>(4, word.size())));
        };
        std::for_each(terms_.words.begin(), terms_.words.end(), add_key);
        if (stems_ != nullptr) {
            std::for_each(stems_->begin(), stems_->end(), add_key);
        }
        std::for_each(terms_.prefixes.begin(), terms_.prefixes.end(), add_key);
        for (const auto& run : terms_.runs) {
            add_key(run.words.front());
        }
        std::vector<std::size_t> offsets;
        for (const auto& key : keys) {
            for (std::size_t at = lowered.find(key);
                 at != std::string::npos && offsets.size() < limit;
                 at = lowered.find(key, at + 1)) {
                offsets.push_back(at);
            }
        }
        std::sort(offsets.begin(), offsets.end());
        return offsets;
    }

private:
    const QueryTerms& terms_;
    Analyzer& analyzer_;
    std::string stem_language_;
    const QueryTerms::Words* stems_ = nullptr;
};

/// Appends text[begin, end) as HTML, marking the matching tokens inside it.
void append_marked(std::string& out,
                   std::string_view text,
                   std::size_t begin,
                   std::size_t end,
                   const std::vector<Token>& tokens,
                   const std::vector<bool>& matched) {
    std::size_t at = begin;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto& token = tokens[i];
        if (!matched[i] || token.begin < begin || token.end > end) {
            continue;
        }
        // Marked words with nothing between them are one mark: <mark>浏览器</mark>.
        std::size_t last = i;
        while (last + 1 < tokens.size() && matched[last + 1] &&
               tokens[last + 1].begin == tokens[last].end && tokens[last + 1].end <= end) {
            ++last;
        }
        append_escaped(out, text.substr(at, token.begin - at));
        out += "<mark>";
        append_escaped(out, text.substr(token.begin, tokens[last].end - token.begin));
        out += "</mark>";
        at = tokens[last].end;
        i = last;
    }
    append_escaped(out, text.substr(at, end - at));
}

/// Byte length of the first `chars` code points from `offset`.
std::size_t bytes_for_chars(std::string_view text, std::size_t offset, std::size_t chars) {
    std::size_t end = offset;
    std::size_t count = 0;
    while (end < text.size()) {
        if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80) {
            if (count == chars) {
                break;
            }
            ++count;
        }
        ++end;
    }
    return end - offset;
}

/// Moves a byte offset back to the start of a UTF-8 sequence.
std::size_t char_boundary(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    while (offset > 0 && offset < text.size() &&
           (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) {
        --offset;
    }
    return offset;
}

} // namespace

void append_escaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
}

std::string highlight_all(std::string_view text,
                          const QueryTerms& terms,
                          Analyzer& analyzer,
                          std::string_view language) {
    const Matcher matcher(terms, analyzer, language);
    std::string out;
    if (matcher.empty()) {
        append_escaped(out, text);
        return out;
    }
    const auto tokens = analyzer.tokenize(text);
    append_marked(out, text, 0, text.size(), tokens, matcher.mark(text, tokens));
    return out;
}

std::string make_snippet(std::string_view text,
                         const QueryTerms& terms,
                         Analyzer& analyzer,
                         std::string_view language) {
    const Matcher matcher(terms, analyzer, language);
    // The region to tokenize: around the densest cluster of candidate offsets, or the start.
    std::size_t region_begin = 0;
    if (!matcher.empty()) {
        const auto offsets = matcher.candidate_offsets(text, 256);
        std::size_t best = 0;
        std::size_t best_count = 0;
        for (std::size_t i = 0, j = 0; i < offsets.size(); ++i) {
            while (offsets[i] - offsets[j] > kSnippetChars) {
                ++j;
            }
            if (i - j + 1 > best_count) {
                best_count = i - j + 1;
                best = offsets[j];
            }
        }
        region_begin = best_count > 0 ? best : 0;
    }
    // A little before the first match, so the passage reads as a sentence, at a word start.
    std::size_t begin = char_boundary(text, region_begin > 40 ? region_begin - 40 : 0);
    if (begin > 0) {
        const std::size_t space = text.find_first_of(" \n", begin);
        if (space != std::string_view::npos && space < region_begin) {
            begin = space + 1;
        }
    }
    std::size_t end = begin + bytes_for_chars(text, begin, kSnippetChars);
    if (end < text.size()) {
        const std::size_t space = text.substr(0, end).find_last_of(" \n");
        if (space != std::string_view::npos && space > begin + (end - begin) / 2) {
            end = space;
        }
    }
    const std::string_view window = text.substr(begin, end - begin);
    const auto tokens = analyzer.tokenize(window);
    const std::vector<bool> matched = matcher.mark(window, tokens);
    std::string out;
    if (begin > 0) {
        out += kEllipsis;
    }
    // Newlines are paragraph breaks in the stored text; a snippet is one line.
    std::string flat(window);
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    append_marked(out, flat, 0, flat.size(), tokens, matched);
    if (end < text.size()) {
        out += kEllipsis;
    }
    return out;
}

} // namespace libsearch::detail
