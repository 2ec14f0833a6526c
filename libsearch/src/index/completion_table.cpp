#include "index/completion_table.hpp"

#include "index/schema.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace libsearch::detail {

namespace {

/// Bytes of the first `letters` code points of `word` (all of it when shorter).
std::size_t prefix_bytes(std::string_view word, std::size_t letters) {
    std::size_t at = 0;
    for (std::size_t seen = 0; at < word.size(); ++at) {
        if ((static_cast<unsigned char>(word[at]) & 0xC0) != 0x80 && seen++ == letters) {
            break;
        }
    }
    return at;
}

/// The length of a term's prefix: 1 for a title word (S), 0 for an unprefixed word, npos for
/// the other prefixed terms (ids, stems, facets), which are never completed.
std::size_t term_prefix_length(std::string_view term) {
    if (term.empty() || term[0] < 'A' || term[0] > 'Z') {
        return 0;
    }
    return term.size() > 1 && term.substr(0, 1) == schema::kTitlePrefix ? 1 : std::string::npos;
}

using Ranked = std::vector<std::pair<Xapian::doccount, std::string>>;

bool more_frequent(const std::pair<Xapian::doccount, std::string>& a,
                   const std::pair<Xapian::doccount, std::string>& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
}

std::string join(const Ranked& ranked) {
    std::string out;
    for (const auto& [frequency, term] : ranked) {
        out += term;
        out += '\n';
    }
    return out;
}

} // namespace

void write_completion_table(Xapian::WritableDatabase& database) {
    std::unordered_map<std::string, Ranked> table; // key: term prefix; a min-heap per key
    for (auto it = database.allterms_begin(); it != database.allterms_end(); ++it) {
        const std::string term = *it;
        const std::size_t skip = term_prefix_length(term);
        if (skip == std::string::npos) {
            continue;
        }
        const std::string_view word = std::string_view(term).substr(skip);
        const Xapian::doccount frequency = it.get_termfreq();
        for (std::size_t letters = 1; letters <= kShortPrefixLetters; ++letters) {
            const std::size_t bytes = prefix_bytes(word, letters);
            Ranked& ranked = table[term.substr(0, skip + bytes)];
            if (ranked.size() < kCompletionsPerPrefix) {
                ranked.emplace_back(frequency, term);
                std::push_heap(ranked.begin(), ranked.end(), more_frequent);
            } else if (more_frequent({frequency, term}, ranked.front())) {
                std::pop_heap(ranked.begin(), ranked.end(), more_frequent);
                ranked.back() = {frequency, term};
                std::push_heap(ranked.begin(), ranked.end(), more_frequent);
            }
            if (bytes == word.size()) {
                break; // the word is shorter than the longer prefixes
            }
        }
    }
    const std::string key_prefix(schema::kCompletionsKeyPrefix);
    std::vector<std::string> stale;
    for (auto it = database.metadata_keys_begin(key_prefix);
         it != database.metadata_keys_end(key_prefix); ++it) {
        if (table.count((*it).substr(key_prefix.size())) == 0) {
            stale.push_back(*it);
        }
    }
    for (const auto& key : stale) {
        database.set_metadata(key, std::string()); // an empty value removes the key
    }
    for (auto& [prefix, ranked] : table) {
        std::sort(ranked.begin(), ranked.end(), more_frequent);
        database.set_metadata(key_prefix + prefix, join(ranked));
    }
}

std::vector<std::string> most_frequent_completions(const Xapian::Database& database,
                                                   const std::string& prefix,
                                                   std::size_t limit) {
    std::vector<std::string> out;
    const std::size_t skip = term_prefix_length(prefix);
    const bool short_prefix =
        skip != std::string::npos && prefix.size() > skip &&
        count_code_points(std::string_view(prefix).substr(skip)) <= kShortPrefixLetters;
    if (short_prefix && limit <= kCompletionsPerPrefix) {
        const std::string listed =
            database.get_metadata(std::string(schema::kCompletionsKeyPrefix) + prefix);
        for (std::size_t start = 0; start < listed.size() && out.size() < limit;) {
            const std::size_t end = listed.find('\n', start);
            out.push_back(listed.substr(start, end - start));
            start = end + 1;
        }
        return out;
    }
    Ranked ranked;
    for (auto it = database.allterms_begin(prefix); it != database.allterms_end(prefix); ++it) {
        ranked.emplace_back(it.get_termfreq(), *it);
    }
    const std::size_t keep = std::min(limit, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep),
                      ranked.end(), more_frequent);
    for (std::size_t i = 0; i < keep; ++i) {
        out.push_back(std::move(ranked[i].second));
    }
    return out;
}

void cut_last_typed_run(const Xapian::Database& database, std::vector<Token>& tokens) {
    if (tokens.empty()) {
        return;
    }
    Token& typed = tokens.back();
    if (!is_unspaced_script(first_code_point(typed.text)) ||
        typed.end - typed.begin != typed.text.size() || database.term_exists(typed.text)) {
        return;
    }
    // Cut before each code point, from the last: the longest whole word first.
    for (std::size_t at = typed.text.size(); at > 0;) {
        do {
            --at;
        } while (at > 0 && (static_cast<unsigned char>(typed.text[at]) & 0xC0) == 0x80);
        if (at == 0) {
            return;
        }
        std::string rest = typed.text.substr(at);
        if (!database.term_exists(typed.text.substr(0, at)) ||
            database.allterms_begin(rest) == database.allterms_end(rest)) {
            continue;
        }
        Token second = typed;
        second.text = std::move(rest);
        second.begin = typed.begin + at;
        second.position = typed.position + 1;
        typed.text.resize(at);
        typed.end = second.begin;
        tokens.push_back(std::move(second)); // `typed` is not used past here
        return;
    }
}

} // namespace libsearch::detail
