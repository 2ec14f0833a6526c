// xapian_baseline_index: builds the plain-Xapian baseline index (xapian_baseline.hpp) of a
// content folder, streaming page by page, for the scale runs: the same pages as
// `searchd reindex`, the same loader, Xapian's TermGenerator instead of libsearch.
//
//   xapian_baseline_index --content DIR --out DIR [--config FILE]
//
// Shows progress on a TTY and prints one summary line.
#include "xapian_baseline.hpp"

#include <libsearch/config.hpp>
#include <libsearch/loader.hpp>

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <unistd.h>

int main(int argc, char** argv) {
    CLI::App app{"xapian_baseline_index: the plain-Xapian baseline index of a content folder"};
    std::filesystem::path content;
    std::filesystem::path out;
    std::filesystem::path config_file;
    app.add_option("--content", content, "content folder")->required();
    app.add_option("--out", out, "index folder to create (overwritten)")->required();
    app.add_option("--config", config_file, "searchd configuration (facets)");
    CLI11_PARSE(app, argc, argv);

    try {
        libsearch::Config config =
            config_file.empty() ? libsearch::Config{} : libsearch::load_config(config_file);
        config.content.root = content;
        const auto started = std::chrono::steady_clock::now();
        bench::BaselineIndexer indexer(config, out.string(), 1000);
        const bool tty = ::isatty(STDERR_FILENO) != 0;
        const auto summary = libsearch::Loader(config).load(
            [&](const libsearch::SourceFile&, libsearch::Document&& document) {
                indexer.add(document);
            },
            [](const libsearch::LoadIssue&) {},
            [&](const libsearch::LoadProgress& progress) {
                if (tty && (progress.done % 1000 == 0 || progress.done == progress.total)) {
                    std::fprintf(stderr, "\r\033[Kxapian_baseline_index: %llu / %llu files",
                                 static_cast<unsigned long long>(progress.done),
                                 static_cast<unsigned long long>(progress.total));
                }
            });
        indexer.commit();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (tty) {
            std::fprintf(stderr, "\r\033[K");
        }
        std::printf("xapian_baseline_index: %llu documents in %.1f s (%.0f pages/s) into %s\n",
                    static_cast<unsigned long long>(indexer.documents()), seconds,
                    static_cast<double>(indexer.documents()) / seconds, out.c_str());
        static_cast<void>(summary);
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "xapian_baseline_index: " << error.what() << "\n";
        return 1;
    }
}
