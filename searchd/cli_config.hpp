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

/// Defaults, overridden by the config file, overridden by flags; validated.
/// With neither a config file nor --content, and no ./content folder, the bundled sample
/// content is used, so a newcomer sees something with no set-up at all; `notice` says so.
libsearch::Config resolve_config(const ConfigFlags& flags, std::string& notice);

} // namespace searchd
