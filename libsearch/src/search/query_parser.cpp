#include "search/query_parser.hpp"

#include "text/utf8.hpp"

#include <libsearch/query.hpp>

#include <algorithm>

namespace libsearch::detail {

namespace {

constexpr bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// `é*` must not expand to every word starting with e: prefixes need two characters.
constexpr std::size_t kMinPrefixChars = 2;

constexpr bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// At most `limit` bytes of `text`, cut at a UTF-8 boundary.
std::string_view cut_utf8(std::string_view text, std::size_t limit) {
    if (text.size() <= limit) {
        return text;
    }
    while (limit > 0 && (static_cast<unsigned char>(text[limit]) & 0xC0) == 0x80) {
        --limit;
    }
    return text.substr(0, limit);
}

struct Item {
    QueryAtom atom;
    bool negated = false;
    bool is_or = false;
    std::string facet; ///< non-empty: a filter, not a clause
};

class Lexer {
public:
    Lexer(std::string_view text, const std::vector<std::string>& facet_names)
        : text_(text)
        , facet_names_(facet_names) {}

    /// The next item, or false at the end.
    bool next(Item& item) {
        while (pos_ < text_.size() && is_blank(text_[pos_])) {
            ++pos_;
        }
        if (pos_ >= text_.size()) {
            return false;
        }
        item = Item{};
        if (text_[pos_] == '-' && pos_ + 1 < text_.size() && !is_blank(text_[pos_ + 1]) &&
            text_[pos_ + 1] != '-') {
            item.negated = true;
            ++pos_;
        }
        read_field(item);
        if (pos_ < text_.size() && text_[pos_] == '"') {
            const std::size_t close = text_.find('"', pos_ + 1);
            const std::size_t end = close == std::string_view::npos ? text_.size() : close;
            item.atom.kind = QueryAtom::Kind::phrase;
            item.atom.offset = pos_ + 1;
            item.atom.text = std::string(text_.substr(pos_ + 1, end - pos_ - 1));
            pos_ = close == std::string_view::npos ? text_.size() : close + 1;
            return true;
        }
        const std::size_t start = pos_;
        while (pos_ < text_.size() && !is_blank(text_[pos_]) && text_[pos_] != '"') {
            ++pos_;
        }
        std::string_view word = text_.substr(start, pos_ - start);
        if (word == "OR" && !item.negated && item.facet.empty() && !item.atom.title) {
            item.is_or = true;
            return true;
        }
        const std::size_t stars =
            word.size() - std::min(word.size(), word.find_last_not_of('*') + 1);
        if (stars > 0 &&
            count_code_points(word.substr(0, word.size() - stars)) >= kMinPrefixChars) {
            item.atom.kind = QueryAtom::Kind::prefix;
            word.remove_suffix(stars);
        }
        item.atom.text = std::string(word);
        item.atom.offset = start;
        return true;
    }

private:
    /// `title:` or `<facet>:` before a word or phrase.
    void read_field(Item& item) {
        std::size_t end = pos_;
        while (end < text_.size() && is_name_char(text_[end])) {
            ++end;
        }
        if (end == pos_ || end + 1 >= text_.size() || text_[end] != ':' ||
            is_blank(text_[end + 1])) {
            return;
        }
        const std::string_view name = text_.substr(pos_, end - pos_);
        if (name == "title") {
            item.atom.title = true;
        } else if (std::find(facet_names_.begin(), facet_names_.end(), name) !=
                   facet_names_.end()) {
            item.facet = std::string(name);
        } else {
            return; // "http://x" or "ratio:3": a word with a colon
        }
        pos_ = end + 1;
    }

    std::string_view text_;
    const std::vector<std::string>& facet_names_;
    std::size_t pos_ = 0;
};

} // namespace

ParsedQuery parse_query(std::string_view text, const std::vector<std::string>& facet_names) {
    ParsedQuery parsed;
    const std::string_view kept = cut_utf8(text, Query::kMaxQueryBytes);
    parsed.truncated = kept.size() < text.size();

    Lexer lexer(kept, facet_names);
    Item item;
    std::size_t words = 0;
    bool join_next = false;    // the previous item was OR
    bool last_is_word = false; // the last item read is a plain word of a clause
    while (lexer.next(item)) {
        last_is_word = false;
        if (item.is_or) {
            join_next = !parsed.clauses.empty() && !parsed.clauses.back().negated;
            continue;
        }
        if (item.atom.text.empty()) {
            join_next = false;
            continue;
        }
        if (++words > Query::kMaxQueryWords) {
            parsed.truncated = true;
            break;
        }
        if (!item.facet.empty()) {
            auto& filters = item.negated ? parsed.excluded_filters : parsed.filters;
            filters[item.facet].push_back(std::move(item.atom.text));
            join_next = false;
            continue;
        }
        last_is_word = item.atom.kind == QueryAtom::Kind::word && !item.negated && !item.atom.title;
        if (join_next && !item.negated) {
            parsed.clauses.back().alternatives.push_back(std::move(item.atom));
        } else {
            parsed.clauses.push_back(QueryClause{{std::move(item.atom)}, item.negated});
        }
        join_next = false;
    }
    const bool ends_in_word = !kept.empty() && !is_blank(kept.back()) && kept.back() != '"';
    if (last_is_word && ends_in_word && !parsed.truncated && !parsed.clauses.empty()) {
        parsed.clauses.back().alternatives.back().typing = true;
    }
    return parsed;
}

} // namespace libsearch::detail
