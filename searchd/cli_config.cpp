#include "cli_config.hpp"

namespace searchd {

libsearch::Config resolve_config(const ConfigFlags& flags) {
    libsearch::Config config;
    if (flags.config_file) {
        config = libsearch::load_config(*flags.config_file);
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
