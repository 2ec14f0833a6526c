// searchd: the command line. Each subcommand parses its flags here and hands a resolved
// Config to the code that runs it.
#include "cli_config.hpp"
#include "init_command.hpp"
#include "reindex_command.hpp"
#include "serve_command.hpp"

#include <libsearch/error.hpp>
#include <libsearch/version.hpp>

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

namespace {

void add_config_flags(CLI::App& command, searchd::ConfigFlags& flags) {
    command.add_option("--config", flags.config_file,
                       "YAML configuration file (see config.example.yaml)");
    auto* content = command.add_option("--content", flags.content_root,
                                       "content folder (overrides content.root)");
    command
        .add_option("--built", flags.built_root,
                    "a site's built HTML output (public/, _site/): content.source: built there")
        ->excludes(content);
    command.add_option("--index", flags.index_path, "index folder (overrides index.path)");
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"searchd: full-text search for content sites, served over HTTP"};
    app.set_version_flag("--version", std::string("searchd ") + std::string(libsearch::kVersion));
    app.require_subcommand(1);

    searchd::ConfigFlags flags;
    searchd::ReindexCommandOptions reindex;
    auto* reindex_command = app.add_subcommand(
        "reindex", "load the content and build the index (incremental by default)");
    add_config_flags(*reindex_command, flags);
    reindex_command->add_flag("--full", reindex.full, "rebuild from scratch");
    reindex_command->add_flag("--dry-run", reindex.dry_run,
                              "load and report every file; write nothing");
    reindex_command->add_flag("--json", reindex.json, "print the summary and issues as JSON");
    reindex_command->add_flag("--allow-mass-delete", reindex.allow_mass_delete,
                              "publish even when more than index.max_delete_ratio of the pages "
                              "would be deleted");
    reindex_command->add_flag("--strict", reindex.strict,
                              "exit 1 when a file was skipped (the index is still published)");

    searchd::ServeOptions serve;
    auto* serve_command =
        app.add_subcommand("serve", "answer the HTTP API (GET /search, /suggest, /health, ...)");
    add_config_flags(*serve_command, flags);
    serve_command->add_option("--listen", flags.listen,
                              "address:port (overrides server.listen; loopback by default)");
    serve_command->add_option("--log-format", serve.log_format, "access log: text or json")
        ->check(CLI::IsMember({"text", "json"}));

    std::filesystem::path init_root = ".";
    auto* init_command = app.add_subcommand(
        "init", "look at a site's root and write a commented searchd.yaml for it");
    init_command->add_option("site", init_root, "the site's root folder (default: .)");

    CLI11_PARSE(app, argc, argv);

    try {
        if (init_command->parsed()) {
            return searchd::run_init(init_root);
        }
        const auto config = searchd::resolve_config(flags);
        if (reindex_command->parsed()) {
            return searchd::run_reindex(config, reindex);
        }
        if (serve_command->parsed()) {
            return searchd::run_serve(config, serve);
        }
    } catch (const libsearch::Error& error) {
        std::cerr << "searchd: " << error.what() << '\n';
        if (reindex_command->parsed()) {
            return searchd::kExitNothingPublished; // the reindex exit table, whatever failed
        }
        return libsearch::is_user_error(error.code()) ? 2 : 1;
    } catch (const std::exception& error) {
        std::cerr << "searchd: " << error.what() << '\n';
        return reindex_command->parsed() ? searchd::kExitNothingPublished : 1;
    }
    return 0;
}
