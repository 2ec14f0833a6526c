#pragma once

// The document data of the index: what a hit displays, and the text snippets are cut from.
// Written by the indexer, read by the searcher; a change here bumps kIndexFormat.

#include <libsearch/document.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace libsearch::detail {

/// Bytes of the body kept for snippets: a snippet is cut from the start of long pages.
inline constexpr std::size_t kSnippetSourceBytes = 16 * 1024;

struct StoredFields {
    std::string id;
    std::string url;
    std::string title;
    std::string description;
    std::string language;
    std::optional<std::chrono::local_seconds> date; ///< absent for an undated page
    std::map<std::string, std::vector<std::string>> facets;
    std::string text; ///< the first kSnippetSourceBytes of the body
};

std::string encode_stored_fields(const Document& document);
StoredFields decode_stored_fields(const std::string& data);

/// Varint-coded lists of small integers: the facet value ids of a document.
void append_varint(std::string& out, std::uint32_t value);
template <typename Function>
void for_each_varint(std::string_view data, Function&& function) {
    std::uint32_t value = 0;
    int shift = 0;
    for (const char c : data) {
        const auto byte = static_cast<unsigned char>(c);
        value |= static_cast<std::uint32_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) {
            function(value);
            value = 0;
            shift = 0;
        } else if ((shift += 7) > 28) {
            return; // corrupt: never read past a 5-byte value
        }
    }
}

} // namespace libsearch::detail
