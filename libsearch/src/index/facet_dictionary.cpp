#include "index/facet_dictionary.hpp"

#include "text/text_util.hpp"

#include <nlohmann/json.hpp>

namespace libsearch::detail {

std::uint32_t FacetDictionary::add(std::string_view value) {
    auto [it, inserted] =
        ids_.emplace(casefold(value), static_cast<std::uint32_t>(display_.size()));
    if (inserted) {
        display_.emplace_back(value);
    }
    return it->second;
}

std::optional<std::uint32_t> FacetDictionary::find(std::string_view value) const {
    const auto it = ids_.find(casefold(value));
    if (it == ids_.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::string FacetDictionary::serialize() const {
    return nlohmann::json(display_).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

FacetDictionary FacetDictionary::parse(std::string_view text) {
    FacetDictionary dictionary;
    const auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (json.is_array()) {
        for (const auto& value : json) {
            // Keep ids aligned with list positions even if two entries fold alike.
            const std::string display =
                value.is_string() ? value.get<std::string>() : std::string();
            dictionary.ids_.emplace(casefold(display),
                                    static_cast<std::uint32_t>(dictionary.display_.size()));
            dictionary.display_.push_back(display);
        }
    }
    return dictionary;
}

} // namespace libsearch::detail
