#include "load/key_path.hpp"

#include "text/text_util.hpp"

#include <charconv>
#include <stdexcept>

namespace libsearch::detail {

namespace {

std::string join_with_slash(std::string left, std::string_view right) {
    while (!left.empty() && left.back() == '/') {
        left.pop_back();
    }
    while (!right.empty() && right.front() == '/') {
        right.remove_prefix(1);
    }
    left += '/';
    left += right;
    return left;
}

} // namespace

void append_texts(const FieldValue& value, std::vector<std::string>& out) {
    switch (value.kind()) {
    case FieldValue::Kind::text: {
        const auto trimmed = trim(value.as_text());
        if (!trimmed.empty()) {
            out.emplace_back(trimmed);
        }
        break;
    }
    case FieldValue::Kind::boolean:
        out.emplace_back(value.as_bool() ? "true" : "false");
        break;
    case FieldValue::Kind::list:
        for (const auto& item : value.as_list()) {
            if (!item.is_list()) { // one level only: a list of lists is not a list of values
                append_texts(item, out);
            }
        }
        break;
    case FieldValue::Kind::null:
    case FieldValue::Kind::map:
        break;
    }
}

std::vector<std::string> texts_of(const FieldValue* value) {
    std::vector<std::string> out;
    if (value != nullptr) {
        append_texts(*value, out);
    }
    return out;
}

std::optional<bool> flag_of(const FieldValue& value) {
    if (value.kind() == FieldValue::Kind::boolean) {
        return value.as_bool();
    }
    if (value.is_text()) {
        const auto text = ascii_lower(trim(value.as_text()));
        if (text == "true" || text == "yes" || text == "on") {
            return true;
        }
        if (text == "false" || text == "no" || text == "off") {
            return false;
        }
    }
    return std::nullopt;
}

const FieldValue* find_key(const FieldValue& map, std::string_view key) {
    if (!map.is_map()) {
        return nullptr;
    }
    if (const auto* exact = map.find(key)) {
        return exact;
    }
    const std::string folded = ascii_lower(key);
    for (const auto& [name, value] : map.as_map()) {
        if (name.size() == key.size() && ascii_lower(name) == folded) {
            return &value;
        }
    }
    return nullptr;
}

KeyPath KeyPath::parse(std::string_view text) {
    KeyPath path;
    path.text_ = std::string(text);
    if (trim(text).empty()) {
        throw std::invalid_argument("empty key path");
    }
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t plus = text.find('+', start);
        const std::string_view piece_text =
            text.substr(start, plus == std::string_view::npos ? text.npos : plus - start);
        Piece piece;
        piece.literal = std::string(piece_text);
        std::size_t i = 0;
        std::string key;
        bool after_index = false; // `a[0].b`: the '.' after ']' closes no key
        const auto flush_key = [&](bool required) {
            if (!key.empty()) {
                piece.steps.emplace_back(std::move(key));
                key.clear();
            } else if (required) {
                throw std::invalid_argument("empty key in '" + std::string(text) + "'");
            }
        };
        while (i < piece_text.size()) {
            const char c = piece_text[i];
            if (c == '.') {
                flush_key(!after_index);
                after_index = false;
                ++i;
            } else if (c == '[') {
                flush_key(piece.steps.empty());
                const std::size_t close = piece_text.find(']', i);
                if (close == std::string_view::npos) {
                    throw std::invalid_argument("unclosed '[' in '" + std::string(text) + "'");
                }
                const std::string_view digits = piece_text.substr(i + 1, close - i - 1);
                std::size_t index = 0;
                const auto [end, error] =
                    std::from_chars(digits.data(), digits.data() + digits.size(), index);
                if (error != std::errc() || end != digits.data() + digits.size() ||
                    digits.empty()) {
                    throw std::invalid_argument("list index must be a number in '" +
                                                std::string(text) + "'");
                }
                piece.steps.emplace_back(index);
                after_index = true;
                i = close + 1;
            } else {
                key += c;
                after_index = false;
                ++i;
            }
        }
        flush_key(piece.steps.empty() || piece_text.back() == '.');
        path.pieces_.push_back(std::move(piece));
        if (plus == std::string_view::npos) {
            break;
        }
        start = plus + 1;
    }
    return path;
}

const FieldValue* KeyPath::resolve(const Piece& piece, const FieldValue& root) const {
    if (piece.steps.size() > 1) {
        if (const auto* literal = root.find(piece.literal)) {
            return literal;
        }
    }
    const FieldValue* value = &root;
    for (const auto& step : piece.steps) {
        if (const auto* key = std::get_if<std::string>(&step)) {
            value = find_key(*value, *key);
        } else {
            const std::size_t index = std::get<std::size_t>(step);
            if (value->is_list()) {
                value = index < value->as_list().size() ? &value->as_list()[index] : nullptr;
            } else if (index != 0 || value->is_map() || value->is_null()) {
                value = nullptr; // a scalar counts as a one-item list: only [0] exists
            }
        }
        if (value == nullptr) {
            return nullptr;
        }
    }
    return value;
}

std::vector<std::string> KeyPath::texts(const FieldValue& front_matter) const {
    std::vector<std::string> out;
    if (pieces_.size() == 1) {
        if (const auto* value = resolve(pieces_.front(), front_matter)) {
            append_texts(*value, out);
        }
        return out;
    }
    std::string joined;
    for (std::size_t i = 0; i < pieces_.size(); ++i) {
        const auto* value = resolve(pieces_[i], front_matter);
        std::vector<std::string> piece_texts;
        if (value != nullptr) {
            append_texts(*value, piece_texts);
        }
        if (piece_texts.empty()) {
            return out;
        }
        joined =
            i == 0 ? piece_texts.front() : join_with_slash(std::move(joined), piece_texts.front());
    }
    out.push_back(std::move(joined));
    return out;
}

std::string first_text(const std::vector<KeyPath>& paths, const FieldValue& front_matter) {
    for (const auto& path : paths) {
        auto texts = path.texts(front_matter);
        if (!texts.empty()) {
            return std::move(texts.front());
        }
    }
    return {};
}

std::vector<KeyPath> compile_key_paths(const std::vector<std::string>& texts) {
    std::vector<KeyPath> paths;
    paths.reserve(texts.size());
    for (const auto& text : texts) {
        paths.push_back(KeyPath::parse(text));
    }
    return paths;
}

} // namespace libsearch::detail
