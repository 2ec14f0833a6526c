#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace libsearch::detail {

/// The values of one facet as small integers: counting then increments an array slot per
/// matching document instead of hashing a string (the "empty query in 3 ms" goal). Values
/// that differ only in case are one value (Unicode case folding: `AI` = `ai`,
/// `Straße` = `STRASSE`); it is shown as first written. Stored per generation in the
/// index's metadata; ids only grow, so an incremental update never renumbers.
class FacetDictionary {
public:
    /// The id of `value`, given a new one if it was not seen before.
    std::uint32_t add(std::string_view value);

    /// The id of a value, matched case-insensitively, if the index has it.
    std::optional<std::uint32_t> find(std::string_view value) const;

    const std::string& display(std::uint32_t id) const { return display_[id]; }
    std::size_t size() const noexcept { return display_.size(); }

    /// A JSON list of the display values; an id is a list index.
    std::string serialize() const;
    /// Reads what serialize() wrote; an unreadable text gives an empty dictionary.
    static FacetDictionary parse(std::string_view text);

private:
    std::vector<std::string> display_;
    std::unordered_map<std::string, std::uint32_t> ids_; // casefolded value → id
};

} // namespace libsearch::detail
