#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace libsearch {

/// A front-matter value, independent of the format it came from (YAML, TOML or JSON).
///
/// Scalars are kept as written, as text: YAML `id: 4099` is the text "4099" and `yes` is
/// "yes" (YAML 1.1 and 1.2 disagree on what a plain scalar means; the text does not).
/// Booleans are plain YAML `true`/`false` (both versions agree) and TOML and JSON booleans;
/// quoted "false" stays text. TOML dates and JSON numbers become their text.
/// YAML `~`, `null` and empty values are null. Maps keep their keys in source order.
class FieldValue {
public:
    enum class Kind { null, boolean, text, list, map };
    using List = std::vector<FieldValue>;
    using Map = std::vector<std::pair<std::string, FieldValue>>;

    FieldValue() = default;
    explicit FieldValue(bool value)
        : value_(value) {}
    explicit FieldValue(std::string text)
        : value_(std::move(text)) {}
    explicit FieldValue(List items)
        : value_(std::move(items)) {}
    explicit FieldValue(Map members)
        : value_(std::move(members)) {}

    Kind kind() const noexcept { return static_cast<Kind>(value_.index()); }
    bool is_null() const noexcept { return kind() == Kind::null; }
    bool is_text() const noexcept { return kind() == Kind::text; }
    bool is_list() const noexcept { return kind() == Kind::list; }
    bool is_map() const noexcept { return kind() == Kind::map; }

    /// Accessors; each requires the matching kind (std::bad_variant_access otherwise).
    bool as_bool() const { return std::get<bool>(value_); }
    const std::string& as_text() const { return std::get<std::string>(value_); }
    const List& as_list() const { return std::get<List>(value_); }
    const Map& as_map() const { return std::get<Map>(value_); }
    Map& as_map() { return std::get<Map>(value_); }

    /// The member called `key` of a map (exact match), or nullptr.
    const FieldValue* find(std::string_view key) const;

private:
    // The order of the alternatives is the order of Kind.
    std::variant<std::monostate, bool, std::string, List, Map> value_;
};

/// A heading found in a page's body, kept so that ranking can weight structure later.
struct Heading {
    int level = 1; ///< 1 for <h1> / `#`, up to 6
    std::string text;
};

/// Text a page marks as weighing more than the rest of its body (a built page's
/// `data-search-weight="3"`, Pagefind's data-pagefind-weight): indexed `weight` times as
/// strongly. The text is in `body` too.
struct WeightedText {
    unsigned weight = 2; ///< 2 to 10
    std::string text;
};

/// One page, as the loader hands it to the indexer: every role of the field mapping
/// resolved, the body reduced to plain text. All strings are valid UTF-8.
struct Document {
    std::string id;          ///< unique in an index: a configured key's value, else `path`
    std::string path;        ///< relative to the content root, '/'-separated
    std::string url;         ///< where the page lives on the site
    std::string title;       ///< never empty: falls back to the first heading, then the file name
    std::string description; ///< falls back to the first 300 characters of the body
    std::string body;        ///< plain text; paragraphs separated by a blank line; never markup
    std::string language;    ///< as written in the page (e.g. "en", "ja"), else the default
    /// The page's date as the site shows it: the wall clock as written, in the page's own
    /// offset or the site's time zone, never converted to UTC ("2019-10-09 23:00 -0500" is
    /// the 9th). None when the page has no date (fields.date_fallback: mtime gives one).
    std::optional<std::chrono::local_seconds> date;
    /// Facet name → values, as written (trimmed, without duplicates that differ only in case).
    std::map<std::string, std::vector<std::string>> facets;
    std::vector<Heading> headings;
    std::vector<WeightedText> weighted_text;
    FieldValue front_matter; ///< the whole front matter (a map, possibly empty)
};

} // namespace libsearch
