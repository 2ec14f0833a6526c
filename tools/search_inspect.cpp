// search-inspect: what the index holds for one document: its terms (with wdf and number of
// positions), its values decoded, and its stored data.
//
//   search-inspect INDEX ID
#include <libsearch/error.hpp>
#include <libsearch/inspect.hpp>

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"search-inspect: print one document's terms, values and data"};
    std::string index_dir;
    std::string id;
    app.add_option("index", index_dir, "index folder (the one holding `current`)")->required();
    app.add_option("id", id, "document id (by default its path relative to the content root)")
        ->required();
    CLI11_PARSE(app, argc, argv);
    try {
        const auto dump = libsearch::inspect_document(index_dir, id);
        if (!dump) {
            std::cerr << "search-inspect: no document with id '" << id << "'\n";
            return 1;
        }
        std::printf("docid %u\n\nterms (%zu):\n", dump->docid, dump->terms.size());
        for (const auto& term : dump->terms) {
            std::printf("  %-40s wdf %u, %u positions\n", term.term.c_str(), term.wdf,
                        term.positions);
        }
        std::printf("\nvalues:\n");
        for (const auto& value : dump->values) {
            std::printf("  slot %u (%s): %s\n", value.slot, value.meaning.c_str(),
                        value.shown.c_str());
        }
        std::printf("\ndata:\n%s\n", dump->data.c_str());
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "search-inspect: " << error.what() << '\n';
        return 2;
    }
}
