#pragma once

#include <libsearch/document.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace libsearch::detail {

/// A compiled front-matter key path (grammar in config.hpp): `link.brand`, `aliases[0]`,
/// `basePath+slug`.
class KeyPath {
public:
    /// Throws std::invalid_argument with the reason when `text` is not a key path.
    static KeyPath parse(std::string_view text);

    /// The non-empty texts this path gives in `front_matter`, trimmed: a scalar gives one, a
    /// list gives its scalar items, a join gives one joined text (or none if a piece is
    /// missing). Maps and nulls give nothing; booleans give "true"/"false".
    std::vector<std::string> texts(const FieldValue& front_matter) const;

    const std::string& text() const noexcept { return text_; }

private:
    using Step = std::variant<std::string, std::size_t>; // a key, or a list index
    struct Piece {
        std::string literal; // the whole piece, tried first as one key ("dropmark.editURL")
        std::vector<Step> steps;
    };

    const FieldValue* resolve(const Piece& piece, const FieldValue& root) const;

    std::string text_;
    std::vector<Piece> pieces_;
};

/// The texts of a value as key paths read them: a scalar's (trimmed, when not empty), a
/// boolean as "true"/"false", a list's scalar items. Nothing for null, a map or nullptr.
std::vector<std::string> texts_of(const FieldValue* value);

/// A boolean as front matter and generator configs write one: a boolean, or the text
/// true/yes/on or false/no/off (any case); nullopt for anything else.
std::optional<bool> flag_of(const FieldValue& value);

/// The member of a map called `key`: an exact match, else the first case-insensitive one.
const FieldValue* find_key(const FieldValue& map, std::string_view key);

/// The first non-empty text that any of `paths` gives, or "".
std::string first_text(const std::vector<KeyPath>& paths, const FieldValue& front_matter);

std::vector<KeyPath> compile_key_paths(const std::vector<std::string>& texts);

} // namespace libsearch::detail
