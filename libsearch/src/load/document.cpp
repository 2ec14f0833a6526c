#include <libsearch/document.hpp>

namespace libsearch {

const FieldValue* FieldValue::find(std::string_view key) const {
    if (!is_map()) {
        return nullptr;
    }
    for (const auto& [name, value] : as_map()) {
        if (name == key) {
            return &value;
        }
    }
    return nullptr;
}

} // namespace libsearch
