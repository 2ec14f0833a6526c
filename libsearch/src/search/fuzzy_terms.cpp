#include "search/fuzzy_terms.hpp"

#include "text/text_util.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <cstdint>

namespace libsearch::detail {

namespace {

/// Length of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) {
    if (lead < 0xC0) {
        return 1;
    }
    if (lead < 0xE0) {
        return 2;
    }
    return lead < 0xF0 ? 3 : 4;
}

/// The code point at `text[at]` and the bytes it takes. Index words are valid UTF-8 (the
/// analyzer made them); anything else reads as one code point per byte and never matches.
std::pair<char32_t, std::size_t> decode_at(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) {
        return {lead, 1};
    }
    const std::size_t length = sequence_length(lead);
    if (length == 1 || at + length > text.size()) {
        return {0x110000 + lead, 1};
    }
    char32_t value = lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        value = (value << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3F);
    }
    return {value, length};
}

std::u32string decode(std::string_view text) {
    std::u32string out;
    for (std::size_t at = 0; at < text.size();) {
        const auto [value, length] = decode_at(text, at);
        out.push_back(value);
        at += length;
    }
    return out;
}

/// The smallest string after every string that starts with `prefix` (non-empty UTF-8: its
/// last byte is never 0xFF, so incrementing it cannot overflow).
std::string past(std::string prefix) {
    prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
    return prefix;
}

std::string utf8_of(char32_t c) {
    std::string out;
    append_utf8(out, c);
    return out;
}

/// The letters a first letter may be mistyped as: a..z for a..z, else its own 256-letter
/// block of Unicode (Cyrillic for Cyrillic). A letter of another script is not a typo.
std::pair<char32_t, char32_t> first_letter_range(char32_t first) {
    if (first < 0x80) {
        return {U'a', U'z' + 1};
    }
    const char32_t block = first & ~char32_t{0xFF};
    return {std::max<char32_t>(block, 0x80), block + 0x100}; // never ASCII: prefixed terms
}

using Row = std::vector<std::uint16_t>;

class Walk {
public:
    Walk(const Xapian::Database& database, std::string_view word, const FuzzyLookup& lookup)
        : query_(decode(word))
        , lookup_(lookup)
        , iterator_(database.allterms_begin())
        , end_(database.allterms_end()) {}

    FuzzyTerms run() {
        if (query_.empty()) {
            return std::move(found_);
        }
        // Row 0: the typed word against the empty prefix, every letter of it deleted.
        Row first(query_.size() + 1);
        for (std::size_t j = 1; j <= query_.size(); ++j) {
            first[j] = static_cast<std::uint16_t>(first[j - 1] + missing_cost(j));
        }
        rows_.push_back(std::move(first));
        visit_children();
        return std::move(found_);
    }

private:
    // The costs of the edits at prefix letter `i` / typed letter `j` (1-based): an edit that
    // involves either word's first letter costs first_letter_cost.
    unsigned first_or_one(bool first) const { return first ? lookup_.first_letter_cost : 1; }
    unsigned extra_cost(std::size_t i) const { return first_or_one(i == 1); }
    unsigned missing_cost(std::size_t j) const { return first_or_one(j == 1); }
    unsigned substitute_cost(std::size_t i, std::size_t j) const {
        return first_or_one(i == 1 || j == 1);
    }
    unsigned swap_cost(std::size_t i, std::size_t j) const {
        return first_or_one(i == 2 || j == 2);
    }

    std::uint16_t smallest(const Row& row) const {
        return *std::min_element(row.begin(), row.end());
    }

    bool seek(const std::string& target) {
        if (++found_.seeks > lookup_.max_seeks) {
            found_.cut_short = true;
            return false;
        }
        iterator_.skip_to(target);
        return iterator_ != end_;
    }

    bool under(std::string_view prefix) const {
        return iterator_ != end_ && std::string_view(*iterator_).substr(0, prefix.size()) == prefix;
    }

    /// Appends letter `c` to the prefix and its row of distances.
    void push(char32_t c, std::size_t bytes) {
        const Row& previous = rows_.back();
        const std::size_t i = letters_.size() + 1;
        Row row(query_.size() + 1);
        row[0] = static_cast<std::uint16_t>(previous[0] + extra_cost(i));
        for (std::size_t j = 1; j <= query_.size(); ++j) {
            unsigned best = previous[j - 1] + (c == query_[j - 1] ? 0 : substitute_cost(i, j));
            best = std::min(best, previous[j] + extra_cost(i));
            best = std::min(best, row[j - 1] + missing_cost(j));
            if (i >= 2 && j >= 2 && c == query_[j - 2] && letters_.back() == query_[j - 1]) {
                best = std::min(best, rows_[i - 2][j - 2] + swap_cost(i, j));
            }
            row[j] = static_cast<std::uint16_t>(std::min(best, 0xFFFFu));
        }
        rows_.push_back(std::move(row));
        letters_.push_back(c);
        prefix_.append(bytes_of_last_);
        prefix_lengths_.push_back(bytes);
    }

    void pop() {
        rows_.pop_back();
        letters_.pop_back();
        prefix_.resize(prefix_.size() - prefix_lengths_.back());
        prefix_lengths_.pop_back();
    }

    /// Visits the prefix just pushed; the iterator is on the first term that starts with it.
    void visit() {
        const Row& row = rows_.back();
        const unsigned distance = row.back();
        const bool accepted = distance <= lookup_.max_edits &&
                              (!lookup_.accept || lookup_.accept(letters_.size(), distance));
        if (lookup_.prefixes && accepted) {
            found_.prefixes.push_back({prefix_, 0, distance});
            return; // its completions are the caller's to choose
        }
        if (*iterator_ == prefix_) {
            if (accepted && !has_ascii_digit(prefix_)) {
                found_.words.push_back({prefix_, iterator_.get_termfreq(), distance});
            }
            ++iterator_;
        }
        visit_children();
    }

    /// Every child letter of the current prefix that can still lead to a match, in order.
    void visit_children() {
        const Row& row = rows_.back();
        const std::size_t depth = letters_.size();
        const unsigned spent = smallest(row);
        const unsigned slack = lookup_.max_edits - spent;
        // Any letter at all can follow only if one more edit is affordable. The first letter
        // changes only within a..z (a different script is not a typo).
        if (slack >= extra_cost(depth + 1) && query_[0] < 0x110000) {
            visit_all_children(depth == 0);
            return;
        }
        // Otherwise only the letters that extend an alignment for free: a match, or the
        // second half of a swap.
        std::vector<char32_t> letters;
        for (std::size_t j = 1; j <= query_.size(); ++j) {
            if (row[j - 1] <= lookup_.max_edits) {
                letters.push_back(query_[j - 1]);
            }
            if (depth >= 1 && j >= 2 && letters_.back() == query_[j - 1] &&
                rows_[depth - 1][j - 2] + swap_cost(depth + 1, j) <= lookup_.max_edits) {
                letters.push_back(query_[j - 2]);
            }
        }
        std::sort(letters.begin(), letters.end());
        letters.erase(std::unique(letters.begin(), letters.end()), letters.end());
        for (const char32_t c : letters) {
            if (c >= 0x110000) {
                continue; // a stray byte of the typed word: nothing in the index has it
            }
            const std::string child = prefix_ + utf8_of(c);
            if (!seek(child)) {
                return;
            }
            if (!under(child)) {
                continue;
            }
            bytes_of_last_ = child.substr(prefix_.size());
            push(c, bytes_of_last_.size());
            if (smallest(rows_.back()) <= lookup_.max_edits) {
                visit();
            }
            pop();
            if (found_.cut_short) {
                return;
            }
        }
    }

    void visit_all_children(bool root) {
        std::string stop;
        if (root) {
            const auto [low, high] = first_letter_range(query_[0]);
            stop = utf8_of(high);
            if (!seek(utf8_of(low))) {
                return;
            }
        }
        while (iterator_ != end_ && (root ? *iterator_ < stop : under(prefix_))) {
            const std::string term = *iterator_;
            const auto [c, length] = decode_at(term, prefix_.size());
            bytes_of_last_ = term.substr(prefix_.size(), length);
            const std::string child = prefix_ + bytes_of_last_;
            push(c, length);
            if (smallest(rows_.back()) <= lookup_.max_edits) {
                visit();
            }
            pop();
            if (found_.cut_short || !seek(past(child))) {
                return;
            }
        }
    }

    std::u32string query_;
    FuzzyLookup lookup_;
    Xapian::TermIterator iterator_;
    Xapian::TermIterator end_;
    std::vector<Row> rows_;  ///< rows_[i]: distances of the prefix's first i letters
    std::u32string letters_; ///< the prefix, as code points
    std::string prefix_;     ///< the prefix, as UTF-8
    std::vector<std::size_t> prefix_lengths_; ///< bytes of each letter
    std::string bytes_of_last_;               ///< UTF-8 of the letter being pushed
    FuzzyTerms found_;
};

} // namespace

FuzzyTerms find_fuzzy_terms(const Xapian::Database& database,
                            std::string_view word,
                            const FuzzyLookup& lookup) {
    if (word.empty() || has_ascii_digit(word)) {
        return {};
    }
    return Walk(database, word, lookup).run();
}

} // namespace libsearch::detail
