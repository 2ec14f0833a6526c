#include "load/front_matter.hpp"

#include "text/text_util.hpp"

#include <nlohmann/json.hpp>
#include <toml++/toml.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <sstream>

static_assert(TOML_EXCEPTIONS, "the TOML converter expects toml::parse to throw parse_error");

namespace libsearch::detail {

namespace {

std::string_view delimiter_of(std::string_view line) {
    // Trailing blanks after a delimiter are common (`--- `); leading ones are not allowed.
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
        line.remove_suffix(1);
    }
    return line;
}

/// Tracks the node and depth budgets while converting one block.
class Budget {
public:
    explicit Budget(std::uint32_t line)
        : line_(line) {}

    void visit() {
        if (++nodes_ > FrontMatterLimits::max_nodes) {
            throw PageError(IssueKind::front_matter_too_large, line_,
                            "front matter exceeds the node budget (" +
                                std::to_string(FrontMatterLimits::max_nodes) +
                                " values; an alias bomb?)");
        }
    }

    void check_depth(std::size_t depth) const {
        if (depth > FrontMatterLimits::max_depth) {
            throw PageError(IssueKind::front_matter_too_large, line_,
                            "front matter nesting deeper than " +
                                std::to_string(FrontMatterLimits::max_depth) + " levels");
        }
    }

private:
    std::uint32_t line_;
    std::size_t nodes_ = 0;
};

/// Inserts `key` into `map`: a repeated key keeps its last value, as PyYAML and most YAML
/// readers do, and is reported.
void insert_member(FieldValue::Map& map,
                   std::string key,
                   FieldValue value,
                   std::uint32_t line,
                   std::vector<LoadIssue>& warnings) {
    for (auto& [existing, old_value] : map) {
        if (existing == key) {
            warnings.push_back(
                LoadIssue{"", line, IssueKind::duplicate_key,
                          "front-matter key '" + key + "' given twice; the last value is kept"});
            old_value = std::move(value);
            return;
        }
    }
    map.emplace_back(std::move(key), std::move(value));
}

// ---------------------------------------------------------------- YAML (yaml-cpp)

class YamlConverter {
public:
    YamlConverter(std::uint32_t first_line, std::vector<LoadIssue>& warnings)
        : first_line_(first_line)
        , budget_(first_line)
        , warnings_(warnings) {}

    FieldValue convert(const YAML::Node& node, std::size_t depth) {
        budget_.visit();
        budget_.check_depth(depth);
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            return FieldValue{};
        case YAML::NodeType::Scalar:
            return convert_scalar(node);
        case YAML::NodeType::Sequence: {
            FieldValue::List items;
            items.reserve(node.size());
            for (const auto& item : node) {
                items.push_back(convert(item, depth + 1));
            }
            return FieldValue(std::move(items));
        }
        case YAML::NodeType::Map:
            return convert_map(node, depth);
        }
        return FieldValue{};
    }

private:
    static FieldValue convert_scalar(const YAML::Node& node) {
        const std::string& text = node.Scalar();
        // A plain (unquoted) scalar can be null; quoted "~" is the text "~".
        if (node.Tag() == "?" &&
            (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")) {
            return FieldValue{};
        }
        // Plain true and false are booleans in YAML 1.1 and 1.2 alike (yes/no/on/off only in
        // 1.1: they stay text). Generators tell `published: false` from the text
        // `published: "false"` (which Jekyll publishes), so the difference is kept.
        if (node.Tag() == "?") {
            if (text == "true" || text == "True" || text == "TRUE") {
                return FieldValue(true);
            }
            if (text == "false" || text == "False" || text == "FALSE") {
                return FieldValue(false);
            }
        }
        return FieldValue(text);
    }

    FieldValue convert_map(const YAML::Node& node, std::size_t depth) {
        FieldValue::Map members;
        FieldValue::Map merged; // from `<<: *anchor`, applied under the explicit keys
        for (const auto& member : node) {
            const YAML::Node& key = member.first;
            if (!key.IsScalar()) {
                continue; // complex keys carry nothing a page could use
            }
            const auto line = first_line_ + static_cast<std::uint32_t>(key.Mark().line);
            FieldValue value = convert(member.second, depth + 1);
            if (key.Scalar() == "<<" && key.Tag() == "?") {
                collect_merge(value, merged);
                continue;
            }
            insert_member(members, key.Scalar(), std::move(value), line, warnings_);
        }
        // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
        for (auto& entry : merged) {
            const bool present = std::any_of(members.begin(), members.end(),
                                             [&](const auto& m) { return m.first == entry.first; });
            if (!present) {
                members.emplace_back(std::move(entry.first), std::move(entry.second));
            }
        }
        return FieldValue(std::move(members));
    }

    static void collect_merge(FieldValue& value, FieldValue::Map& merged) {
        const auto add = [&](FieldValue& map) {
            if (!map.is_map()) {
                return;
            }
            for (auto& entry : map.as_map()) {
                const bool present = std::any_of(merged.begin(), merged.end(), [&](const auto& m) {
                    return m.first == entry.first;
                });
                if (!present) {
                    merged.emplace_back(entry.first, entry.second);
                }
            }
        };
        if (value.is_list()) {
            for (auto item : value.as_list()) {
                add(item);
            }
        } else {
            add(value);
        }
    }

    std::uint32_t first_line_;
    Budget budget_;
    std::vector<LoadIssue>& warnings_;
};

FieldValue parse_yaml(const SplitPage& page, std::vector<LoadIssue>& warnings) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(page.front_matter));
    } catch (const YAML::Exception& error) {
        const auto line =
            page.front_matter_line + static_cast<std::uint32_t>(std::max(0, error.mark.line));
        const bool too_deep = dynamic_cast<const YAML::DeepRecursion*>(&error) != nullptr;
        throw PageError(
            too_deep ? IssueKind::front_matter_too_large : IssueKind::front_matter_syntax, line,
            too_deep ? "front matter nesting too deep for the YAML parser"
                     : "YAML front matter: " + error.msg + " (column " +
                           std::to_string(error.mark.column + 1) + ")");
    }
    if (root.IsNull() || !root.IsDefined()) {
        return FieldValue(FieldValue::Map{});
    }
    if (!root.IsMap()) {
        throw PageError(IssueKind::front_matter_not_mapping, page.front_matter_line,
                        std::string("front matter is a ") +
                            (root.IsSequence() ? "list" : "single value") +
                            ", not a mapping of keys to values");
    }
    try {
        return YamlConverter(page.front_matter_line, warnings).convert(root, 0);
    } catch (const YAML::Exception& error) {
        throw PageError(IssueKind::front_matter_syntax, page.front_matter_line,
                        "YAML front matter: " + error.msg);
    }
}

// ---------------------------------------------------------------- TOML (toml++)

std::string toml_scalar_text(const toml::node& node) {
    std::ostringstream out;
    node.visit([&](const auto& value) {
        if constexpr (toml::is_string<decltype(value)>) {
            out << value.get();
        } else if constexpr (toml::is_date<decltype(value)> || toml::is_time<decltype(value)> ||
                             toml::is_date_time<decltype(value)> ||
                             toml::is_number<decltype(value)>) {
            out << value;
        }
    });
    return out.str();
}

FieldValue convert_toml(const toml::node& node, Budget& budget, std::size_t depth) {
    budget.visit();
    budget.check_depth(depth);
    if (const auto* table = node.as_table()) {
        FieldValue::Map members;
        for (const auto& [key, value] : *table) {
            members.emplace_back(std::string(key.str()), convert_toml(value, budget, depth + 1));
        }
        return FieldValue(std::move(members));
    }
    if (const auto* array = node.as_array()) {
        FieldValue::List items;
        for (const auto& item : *array) {
            items.push_back(convert_toml(item, budget, depth + 1));
        }
        return FieldValue(std::move(items));
    }
    if (const auto* boolean = node.as_boolean()) {
        return FieldValue(boolean->get());
    }
    return FieldValue(toml_scalar_text(node));
}

FieldValue parse_toml(const SplitPage& page) {
    try {
        const toml::table table = toml::parse(page.front_matter);
        Budget budget(page.front_matter_line);
        return convert_toml(table, budget, 0);
    } catch (const toml::parse_error& error) {
        const auto line = page.front_matter_line +
                          static_cast<std::uint32_t>(
                              std::max<int>(1, static_cast<int>(error.source().begin.line))) -
                          1;
        throw PageError(IssueKind::front_matter_syntax, line,
                        "TOML front matter: " + std::string(error.description()));
    }
}

// ---------------------------------------------------------------- JSON (nlohmann)

FieldValue convert_json(const nlohmann::ordered_json& json,
                        Budget& budget,
                        std::size_t depth,
                        std::uint32_t line,
                        std::vector<LoadIssue>& warnings) {
    budget.visit();
    budget.check_depth(depth);
    switch (json.type()) {
    case nlohmann::json::value_t::object: {
        FieldValue::Map members;
        for (const auto& [key, value] : json.items()) {
            insert_member(members, key, convert_json(value, budget, depth + 1, line, warnings),
                          line, warnings);
        }
        return FieldValue(std::move(members));
    }
    case nlohmann::json::value_t::array: {
        FieldValue::List items;
        for (const auto& item : json) {
            items.push_back(convert_json(item, budget, depth + 1, line, warnings));
        }
        return FieldValue(std::move(items));
    }
    case nlohmann::json::value_t::string:
        return FieldValue(json.get<std::string>());
    case nlohmann::json::value_t::boolean:
        return FieldValue(json.get<bool>());
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
        return FieldValue{};
    default: // numbers, as written
        return FieldValue(json.dump());
    }
}

FieldValue parse_json(const SplitPage& page, std::vector<LoadIssue>& warnings) {
    nlohmann::ordered_json json;
    // nlohmann keeps the last of two equal keys without a word; the callback sees each key
    // as it is parsed, so a repeated one is reported as in YAML. One set of keys per open
    // object (split_front_matter already bounded the nesting depth).
    std::vector<std::vector<std::string>> open_objects;
    const auto on_event = [&](int /*depth*/, nlohmann::ordered_json::parse_event_t event,
                              nlohmann::ordered_json& parsed) {
        using Event = nlohmann::ordered_json::parse_event_t;
        if (event == Event::object_start) {
            open_objects.emplace_back();
        } else if (event == Event::object_end && !open_objects.empty()) {
            open_objects.pop_back();
        } else if (event == Event::key && !open_objects.empty()) {
            auto& keys = open_objects.back();
            const auto& key = parsed.get_ref<const std::string&>();
            if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
                warnings.push_back(LoadIssue{"", page.front_matter_line, IssueKind::duplicate_key,
                                             "front-matter key '" + key +
                                                 "' given twice; the last value is kept"});
            } else {
                keys.push_back(key);
            }
        }
        return true;
    };
    try {
        json = nlohmann::ordered_json::parse(page.front_matter, on_event);
    } catch (const nlohmann::json::out_of_range& error) { // 1e999, a 400-digit integer
        throw PageError(IssueKind::front_matter_syntax, page.front_matter_line,
                        "JSON front matter: a number out of range");
    } catch (const nlohmann::json::parse_error& error) {
        const auto line = page.front_matter_line +
                          line_at(page.front_matter, error.byte > 0 ? error.byte - 1 : 0) - 1;
        std::string message = error.what();
        // "[json.exception.parse_error.101] parse error at line 3, column 5: ..." → the reason.
        if (const auto colon = message.find(": "); colon != std::string::npos) {
            message = message.substr(colon + 2);
        }
        throw PageError(IssueKind::front_matter_syntax, line, "JSON front matter: " + message);
    }
    Budget budget(page.front_matter_line);
    return convert_json(json, budget, 0, page.front_matter_line, warnings);
}

/// End of the JSON object starting at `open` (the index after its '}'), tracking strings,
/// escapes and depth, or npos if it never closes.
std::size_t json_object_end(std::string_view text, std::size_t open, std::uint32_t line) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = open; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > FrontMatterLimits::max_depth) {
                throw PageError(IssueKind::front_matter_too_large, line,
                                "front matter nesting deeper than " +
                                    std::to_string(FrontMatterLimits::max_depth) + " levels");
            }
        } else if (c == '}' || c == ']') {
            if (depth == 0 || --depth == 0) {
                return i + 1;
            }
        }
    }
    return std::string_view::npos;
}

} // namespace

std::string_view to_string(FrontMatterFormat format) noexcept {
    switch (format) {
    case FrontMatterFormat::none:
        return "none";
    case FrontMatterFormat::yaml:
        return "YAML";
    case FrontMatterFormat::toml:
        return "TOML";
    case FrontMatterFormat::json:
        return "JSON";
    }
    return "none";
}

SplitPage split_front_matter(std::string_view text) {
    SplitPage page;
    page.body = text;
    // Skip blank lines before the opening delimiter, as Hugo does.
    std::size_t start = 0;
    std::uint32_t line = 1;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::string_view current =
            text.substr(start, end == text.npos ? text.npos : end - start);
        if (!is_blank(current) || end == text.npos) {
            break;
        }
        start = end + 1;
        ++line;
    }
    const std::size_t line_end = text.find('\n', start);
    const std::string_view first =
        delimiter_of(text.substr(start, line_end == text.npos ? text.npos : line_end - start));

    if (first == "---" || first == "+++") {
        const bool yaml = first == "---";
        const std::size_t block_start = line_end == text.npos ? text.size() : line_end + 1;
        std::size_t pos = block_start;
        while (pos < text.size()) {
            const std::size_t end = text.find('\n', pos);
            const std::string_view current =
                delimiter_of(text.substr(pos, end == text.npos ? text.npos : end - pos));
            if (current == first || (yaml && current == "...")) {
                page.format = yaml ? FrontMatterFormat::yaml : FrontMatterFormat::toml;
                page.front_matter = text.substr(block_start, pos - block_start);
                page.front_matter_line = line + 1;
                page.body = end == text.npos ? std::string_view() : text.substr(end + 1);
                return page;
            }
            if (end == text.npos) {
                break;
            }
            pos = end + 1;
        }
        throw PageError(IssueKind::front_matter_unterminated, line,
                        std::string(yaml ? "YAML" : "TOML") + " front matter opened with '" +
                            std::string(first) + "' is never closed");
    }

    if (!first.empty() && first.front() == '{') {
        const std::string_view after = trim(text.substr(start + 1));
        if (!after.empty() && (after.front() == '"' || after.front() == '}')) {
            const std::size_t end = json_object_end(text, start, line);
            if (end == std::string_view::npos) {
                throw PageError(IssueKind::front_matter_unterminated, line,
                                "JSON front matter opened with '{' is never closed");
            }
            page.format = FrontMatterFormat::json;
            page.front_matter = text.substr(start, end - start);
            page.front_matter_line = line;
            page.body = text.substr(end);
            return page;
        }
    }
    return page;
}

ParsedFrontMatter parse_front_matter(const SplitPage& page) {
    ParsedFrontMatter parsed;
    if (page.format == FrontMatterFormat::none) {
        return parsed;
    }
    if (page.front_matter.size() > FrontMatterLimits::max_bytes) {
        throw PageError(IssueKind::front_matter_too_large, page.front_matter_line,
                        "front matter is " + std::to_string(page.front_matter.size()) +
                            " bytes, over the limit of " +
                            std::to_string(FrontMatterLimits::max_bytes));
    }
    switch (page.format) {
    case FrontMatterFormat::yaml:
        parsed.values = parse_yaml(page, parsed.warnings);
        break;
    case FrontMatterFormat::toml:
        parsed.values = parse_toml(page);
        break;
    case FrontMatterFormat::json:
        parsed.values = parse_json(page, parsed.warnings);
        break;
    case FrontMatterFormat::none:
        break;
    }
    return parsed;
}

} // namespace libsearch::detail
