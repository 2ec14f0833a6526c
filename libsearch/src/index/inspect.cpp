#include "index/facet_dictionary.hpp"
#include "index/schema.hpp"
#include "index/stored_fields.hpp"
#include "xapian_errors.hpp"

#include <libsearch/error.hpp>
#include <libsearch/index.hpp>
#include <libsearch/inspect.hpp>
#include <libsearch/json.hpp>

#include <nlohmann/json.hpp>
#include <xapian.h>

namespace libsearch {

namespace schema = detail::schema;

std::optional<DocumentDump> inspect_document(const std::filesystem::path& index_dir,
                                             std::string_view id) {
    const auto current = Index(index_dir).current();
    if (!current) {
        throw Error(ErrorCode::index_unavailable, "no index in '" + index_dir.string() + "'");
    }
    return detail::translate_xapian_errors("inspect", [&]() -> std::optional<DocumentDump> {
        Xapian::Database database(current->path.string(), Xapian::DB_BACKEND_GLASS);
        const std::string term = schema::id_term(id);
        Xapian::PostingIterator posting = database.postlist_begin(term);
        if (posting == database.postlist_end(term)) {
            return std::nullopt;
        }
        const Xapian::Document document = database.get_document(*posting);
        DocumentDump dump;
        dump.docid = document.get_docid();
        for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
            dump.terms.push_back({*it, it.get_wdf(), it.positionlist_count()});
        }
        const auto names = nlohmann::json::parse(
            database.get_metadata(std::string(schema::kFacetNamesKey)), nullptr, false);
        for (auto it = document.values_begin(); it != document.values_end(); ++it) {
            DocumentDump::Value value;
            value.slot = it.get_valueno();
            if (value.slot == schema::kDateSlot) {
                value.meaning = "date";
                const auto seconds = static_cast<std::int64_t>(Xapian::sortable_unserialise(*it));
                value.shown =
                    format_iso8601(std::chrono::sys_seconds{std::chrono::seconds{seconds}});
            } else if (value.slot >= schema::kFacetSlotBase && names.is_array() &&
                       value.slot - schema::kFacetSlotBase < names.size()) {
                const std::string name =
                    names[value.slot - schema::kFacetSlotBase].get<std::string>();
                value.meaning = "facet:" + name;
                const auto dictionary = detail::FacetDictionary::parse(
                    database.get_metadata(schema::facet_dictionary_key(name)));
                detail::for_each_varint(*it, [&](std::uint32_t value_id) {
                    value.shown +=
                        (value.shown.empty() ? "" : " | ") + std::to_string(value_id) + "=" +
                        (value_id < dictionary.size() ? dictionary.display(value_id) : "?");
                });
            }
            dump.values.push_back(std::move(value));
        }
        dump.data = document.get_data();
        return dump;
    });
}

} // namespace libsearch
