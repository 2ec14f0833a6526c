#pragma once
// Reading a generator's own configuration files into FieldValue trees, with errors that
// name the file and line (a site config is the user's input as much as searchd's is).

#include <libsearch/document.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace libsearch::detail {

/// A YAML, TOML or JSON file (by its extension) as a map. Throws
/// Error(ErrorCode::invalid_config) "FILE:LINE: reason" when it cannot be read or parsed.
FieldValue read_config_file(const std::filesystem::path& file);

/// The first of `names` that exists in `folder`.
std::optional<std::filesystem::path> first_existing(const std::filesystem::path& folder,
                                                    std::initializer_list<std::string_view> names);

/// Members of `overlay` replace those of `base` with the same key (compared
/// case-insensitively, as Hugo's config keys are); maps are merged member by member.
void merge_config(FieldValue& base, const FieldValue& overlay);

/// Text of a config key (case-insensitive), "" when absent or not text.
std::string config_text(const FieldValue& config, std::string_view key);

/// A boolean config key; `fallback` when absent.
bool config_flag(const FieldValue& config, std::string_view key, bool fallback);

/// The path part of a base URL: "https://example.org/blog" → "/blog/"; "" or "/" → "/".
std::string url_path_of(std::string_view base_url);

} // namespace libsearch::detail
