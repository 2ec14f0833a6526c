#include "index/stored_fields.hpp"

#include <nlohmann/json.hpp>

#include <type_traits>

namespace libsearch::detail {

namespace {

std::string prefix_at_boundary(const std::string& text, std::size_t bytes) {
    if (text.size() <= bytes) {
        return text;
    }
    while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) {
        --bytes;
    }
    return text.substr(0, bytes);
}

} // namespace

std::string encode_stored_fields(const Document& document) {
    nlohmann::json json = {
        {"id", document.id},
        {"url", document.url},
        {"title", document.title},
        {"description", document.description},
        {"language", document.language},
        {"facets", document.facets},
        {"text", prefix_at_boundary(document.body, kSnippetSourceBytes)},
    };
    if (document.date) {
        json["date"] = document.date->time_since_epoch().count();
    }
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

/// A member of the expected type, or the fallback: damaged data never throws.
template <typename T>
T member(const nlohmann::json& json, const char* key, T fallback) {
    const auto found = json.find(key);
    if (found == json.end()) {
        return fallback;
    }
    if constexpr (std::is_same_v<T, std::string>) {
        return found->is_string() ? found->get<std::string>() : fallback;
    } else {
        return found->is_number_integer() ? found->get<T>() : fallback;
    }
}

} // namespace

StoredFields decode_stored_fields(const std::string& data) {
    StoredFields fields;
    const auto json = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object()) {
        return fields;
    }
    fields.id = member(json, "id", std::string());
    fields.url = member(json, "url", std::string());
    fields.title = member(json, "title", std::string());
    fields.description = member(json, "description", std::string());
    fields.language = member(json, "language", std::string());
    if (const auto date = json.find("date"); date != json.end() && date->is_number_integer()) {
        fields.date = std::chrono::local_seconds{std::chrono::seconds{date->get<std::int64_t>()}};
    }
    fields.text = member(json, "text", std::string());
    if (const auto facets = json.find("facets"); facets != json.end() && facets->is_object()) {
        for (const auto& [name, values] : facets->items()) {
            if (values.is_array()) {
                for (const auto& value : values) {
                    if (value.is_string()) {
                        fields.facets[name].push_back(value.get<std::string>());
                    }
                }
            }
        }
    }
    return fields;
}

void append_varint(std::string& out, std::uint32_t value) {
    while (value >= 0x80) {
        out += static_cast<char>((value & 0x7F) | 0x80);
        value >>= 7;
    }
    out += static_cast<char>(value);
}

} // namespace libsearch::detail
