#include "load/site_config.hpp"

#include "load/front_matter.hpp"
#include "load/key_path.hpp"
#include "text/text_util.hpp"

#include <libsearch/error.hpp>

#include <fstream>
#include <sstream>

namespace libsearch::detail {

FieldValue read_config_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error(ErrorCode::invalid_config, file.string() + ": cannot be read");
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string text = bytes.str();
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.erase(0, 3);
    }
    const auto extension = ascii_lower(file.extension().string());
    SplitPage page;
    page.format = extension == ".toml"   ? FrontMatterFormat::toml
                  : extension == ".json" ? FrontMatterFormat::json
                                         : FrontMatterFormat::yaml;
    page.front_matter = text;
    page.front_matter_line = 1;
    if (is_blank(text)) {
        return FieldValue(FieldValue::Map{});
    }
    try {
        return parse_front_matter(page).values;
    } catch (const PageError& error) {
        throw Error(ErrorCode::invalid_config,
                    file.string() + (error.line() > 0 ? ":" + std::to_string(error.line()) : "") +
                        ": " + error.what());
    }
}

std::optional<std::filesystem::path> first_existing(const std::filesystem::path& folder,
                                                    std::initializer_list<std::string_view> names) {
    for (const auto name : names) {
        std::error_code error;
        const auto path = folder / name;
        if (std::filesystem::is_regular_file(path, error)) {
            return path;
        }
    }
    return std::nullopt;
}

void merge_config(FieldValue& base, const FieldValue& overlay) {
    if (!base.is_map() || !overlay.is_map()) {
        base = overlay;
        return;
    }
    for (const auto& [key, value] : overlay.as_map()) {
        bool merged = false;
        for (auto& [base_key, base_value] : base.as_map()) {
            if (ascii_lower(base_key) == ascii_lower(key)) {
                if (base_value.is_map() && value.is_map()) {
                    merge_config(base_value, value);
                } else {
                    base_value = value;
                }
                merged = true;
                break;
            }
        }
        if (!merged) {
            base.as_map().emplace_back(key, value);
        }
    }
}

std::string config_text(const FieldValue& config, std::string_view key) {
    const FieldValue* value = find_key(config, key);
    return value != nullptr && value->is_text() ? std::string(trim(value->as_text())) : "";
}

bool config_flag(const FieldValue& config, std::string_view key, bool fallback) {
    const FieldValue* value = find_key(config, key);
    return value == nullptr ? fallback : flag_of(*value).value_or(fallback);
}

std::string url_path_of(std::string_view base_url) {
    std::string_view rest = trim(base_url);
    if (const auto scheme = rest.find("://"); scheme != std::string_view::npos) {
        rest = rest.substr(scheme + 3);
        const auto slash = rest.find('/');
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    }
    std::string path(rest);
    if (path.empty() || path.front() != '/') {
        path.insert(path.begin(), '/');
    }
    if (path.back() != '/') {
        path += '/';
    }
    return path;
}

} // namespace libsearch::detail
