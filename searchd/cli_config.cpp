#include "cli_config.hpp"

namespace searchd {

libsearch::Config resolve_config(const ConfigFlags& flags, std::string& notice) {
    libsearch::Config config;
    if (flags.config_file) {
        config = libsearch::load_config(*flags.config_file);
    } else if (std::error_code error; !flags.content_root && !flags.built_root &&
                                      !std::filesystem::exists(config.content.root, error)) {
        const std::filesystem::path sample{SEARCHD_SAMPLE_CONTENT_DIR};
        if (std::filesystem::is_directory(sample)) {
            config.content.root = sample;
            notice = "no --config and no ./content folder: using the bundled sample content in " +
                     sample.string();
        }
    }
    if (flags.content_root) {
        config.content.root = *flags.content_root;
    }
    if (flags.built_root) {
        config.content.root = *flags.built_root;
        config.content.source = "built";
    }
    if (flags.index_path) {
        config.index.path = *flags.index_path;
    }
    if (flags.listen) {
        config.server.listen = *flags.listen;
    }
    libsearch::validate_config(config);
    return config;
}

} // namespace searchd
