// search-page: shows what the loader makes of content files, as JSON: the Document each one
// becomes (every role of the field mapping resolved, the body as plain text), or why not.
//
//   search-page [--config F] [--content ROOT] FILE...
#include <libsearch/config.hpp>
#include <libsearch/error.hpp>
#include <libsearch/json.hpp>
#include <libsearch/loader.hpp>

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"search-page: print the Document each content file becomes, as JSON"};
    std::string config_file;
    std::string content_root;
    std::vector<std::string> files;
    app.add_option("--config", config_file, "YAML configuration file");
    app.add_option("--content", content_root, "content root the paths are relative to");
    app.add_option("files", files, "content files")->required();
    CLI11_PARSE(app, argc, argv);

    try {
        libsearch::Config config =
            config_file.empty() ? libsearch::Config{} : libsearch::load_config(config_file);
        const std::filesystem::path root = content_root.empty()
                                               ? std::filesystem::current_path()
                                               : std::filesystem::path(content_root);
        const libsearch::Loader loader(config);
        int status = 0;
        for (const auto& name : files) {
            const auto file = libsearch::stat_source_file(root, name);
            const auto page = loader.load_file(file);
            nlohmann::json out = {{"file", file.path}};
            if (page.document) {
                out["document"] = libsearch::to_json(*page.document);
            } else {
                status = 1;
            }
            auto issues = nlohmann::json::array();
            for (const auto& issue : page.issues) {
                issues.push_back(libsearch::to_json(issue));
            }
            out["issues"] = std::move(issues);
            std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        }
        return status;
    } catch (const std::exception& error) {
        std::cerr << "search-page: " << error.what() << '\n';
        return 2;
    }
}
