#pragma once

#include <libsearch/config.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace searchd {

/// The flags that override configuration keys; shared by every subcommand.
struct ConfigFlags {
    std::optional<std::filesystem::path> config_file;
    std::optional<std::filesystem::path> content_root;
    /// A site's built HTML output: content.root there, content.source: built.
    std::optional<std::filesystem::path> built_root;
    std::optional<std::filesystem::path> index_path;
    std::optional<std::string> listen;
};

/// Defaults (content in ./content, the index in ./var/index), overridden by the config
/// file, overridden by flags; validated.
libsearch::Config resolve_config(const ConfigFlags& flags);

} // namespace searchd
