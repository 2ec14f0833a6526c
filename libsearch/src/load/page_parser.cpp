// PageParser: the bytes of one file → a Document. Every step that can find something wrong
// with the file reports it as a LoadIssue; nothing here throws for bad input.
#include "load/built_page.hpp"
#include "load/field_mapping.hpp"
#include "load/front_matter.hpp"
#include "load/path_parts.hpp"
#include "load/site_rules.hpp"
#include "load/web_url.hpp"
#include "text/languages.hpp"
#include "text/plain_text.hpp"
#include "text/text_util.hpp"
#include "text/utf8.hpp"

#include <libsearch/loader.hpp>

#include <algorithm>

namespace libsearch {

namespace {

using detail::PageError;

/// Bytes looked at to tell text from binary, as git and grep do.
constexpr std::size_t kBinarySniffBytes = 8000;

/// A NUL, or mostly bytes that are neither UTF-8 nor printable, in the first 8000 bytes.
std::optional<std::string> binary_reason(std::string_view bytes) {
    const std::string_view head = bytes.substr(0, kBinarySniffBytes);
    if (const auto nul = head.find('\0'); nul != std::string_view::npos) {
        return "binary content (NUL byte at offset " + std::to_string(nul) + ")";
    }
    std::string sample(head);
    const auto repair = detail::repair_utf8(sample);
    std::size_t controls = 0;
    for (const char c : head) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
            ++controls;
        }
    }
    // Cut-off multibyte sequences at the end of the sample are not evidence.
    if ((repair.replaced + controls) * 10 > head.size() * 3 && head.size() >= 16) {
        return "binary content (" + std::to_string(repair.replaced + controls) + " of the first " +
               std::to_string(head.size()) + " bytes are not text)";
    }
    return std::nullopt;
}

/// UTF-8 BOM removed; CRLF and lone CR line ends turned into LF.
std::string normalize_text(std::string text) {
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.erase(0, 3);
    }
    if (text.find('\r') == std::string::npos) {
        return text;
    }
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
        } else {
            out += text[i];
        }
    }
    return out;
}

} // namespace

struct PageParser::Impl {
    Impl(const Config& config, Site site)
        : mapping(config)
        , include_drafts(config.content.include_drafts)
        , default_language(config.index.language)
        , site(std::move(site))
        , now(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())) {}

    /// A page of the site's source: front matter and a Markdown or HTML body.
    void parse_source(const SourceFile& file, const std::string& text, ParsedPage& page) const;
    /// A page of the site's built output (content.source: built).
    void parse_built(const SourceFile& file, const std::string& text, ParsedPage& page) const;
    /// The site's rules give the page its URL and date (or leave it out: false), and its
    /// language defaults.
    bool place(const detail::PageFacts& facts, Document& document, ParsedPage& page) const;

    detail::FieldMapping mapping;
    bool include_drafts;
    std::string default_language;
    Site site;
    /// What is expired or still to come is decided against one time for the whole run.
    std::chrono::sys_seconds now;
};

namespace {

void report(ParsedPage& page, const SourceFile& file, IssueKind kind, std::string message) {
    page.issues.push_back(LoadIssue{file.path, 0, kind, std::move(message)});
}

bool too_deep(std::string_view html, const SourceFile& file, ParsedPage& page) {
    const auto depth = detail::estimate_html_depth(html);
    if (depth <= detail::kMaxHtmlDepth) {
        return false;
    }
    report(page, file, IssueKind::body_too_complex,
           "HTML elements nested about " + std::to_string(depth) + " deep, over the limit of " +
               std::to_string(detail::kMaxHtmlDepth));
    return true;
}

} // namespace

void PageParser::Impl::parse_source(const SourceFile& file,
                                    const std::string& text,
                                    ParsedPage& page) const {
    const auto split = detail::split_front_matter(text);
    auto front_matter = detail::parse_front_matter(split);
    for (auto& warning : front_matter.warnings) {
        warning.path = file.path;
        page.issues.push_back(std::move(warning));
    }
    site.rules().add_defaults(file.path, front_matter.values);
    if (detail::front_matter_flag(front_matter.values, "draft") == true && !include_drafts) {
        report(page, file, IssueKind::draft,
               "left out: the page says draft: true (content.include_drafts: true indexes "
               "drafts)");
        return;
    }
    const std::string body = detail::strip_template_syntax(split.body);
    if (too_deep(body, file, page)) {
        return;
    }
    auto extracted = detail::is_html_path(file.path) ? detail::html_to_text(body)
                                                     : detail::markdown_to_text(body);
    Document document;
    document.body = std::move(extracted.text);
    document.headings = std::move(extracted.headings);
    mapping.apply(front_matter.values, extracted.html_title, file, document, page.issues);
    const detail::PageFacts facts{
        file, front_matter.values, mapping.written_date(front_matter.values, file, page.issues),
        split.format != detail::FrontMatterFormat::none,
        split.format == detail::FrontMatterFormat::yaml && split.front_matter_line == 2};
    if (place(facts, document, page)) {
        document.front_matter = std::move(front_matter.values);
        page.document = std::move(document);
    }
}

void PageParser::Impl::parse_built(const SourceFile& file,
                                   const std::string& text,
                                   ParsedPage& page) const {
    if (too_deep(text, file, page)) {
        return;
    }
    detail::BuiltPage built = detail::read_built_page(text);
    if (built.not_a_page) {
        report(page, file, IssueKind::not_published, "left out: " + *built.not_a_page);
        return;
    }
    if (site.summary().marked_bodies && !built.marked_body) {
        report(page, file, IssueKind::not_content,
               "left out: the site marks the text of its pages (data-search-body or "
               "data-pagefind-body) and this page has no such mark");
        return;
    }
    Document document;
    document.body = std::move(built.body.text);
    document.headings = std::move(built.body.headings);
    document.weighted_text = std::move(built.body.weighted);
    mapping.apply(built.meta, std::string(), file, document, page.issues);
    const detail::PageFacts facts{file, built.meta,
                                  mapping.written_date(built.meta, file, page.issues)};
    if (place(facts, document, page)) {
        document.front_matter = std::move(built.meta);
        page.document = std::move(document);
    }
}

bool PageParser::Impl::place(const detail::PageFacts& facts,
                             Document& document,
                             ParsedPage& page) const {
    const detail::SiteRules& rules = site.rules();
    if (auto left_out = rules.place(facts, document, now, page.changes_at)) {
        report(page, facts.file, left_out->kind, std::move(left_out->message));
        return false;
    }
    if (!detail::is_web_url(document.url)) {
        // The rules built it from the site's config (a base URL, a pattern): never a link
        // that runs something, whatever the config says.
        report(page, facts.file, IssueKind::unsafe_url,
               "the site's rules give the URL '" + document.url.substr(0, 80) +
                   "', which is not an http(s) URL or a path; the file's path is used");
        document.url = detail::url_from_path(facts.file.path);
    }
    if (document.language.empty()) {
        document.language = rules.folder_language(facts.file.path);
    }
    if (document.language.empty()) {
        document.language = default_language;
    }
    document.language = detail::language_tag(document.language);
    if (const auto language = document.facets.find(std::string(kLanguageFacet));
        language != document.facets.end()) {
        // A configured language facet holds tags, whatever wrote them (`lang: zh_TW` is
        // zh-tw), so that a filter on it reads the tags the query is analysed in. Without
        // values of its own, the indexer gives it the page's language.
        for (auto& value : language->second) {
            value = detail::language_tag(value);
        }
    }
    return true;
}

PageParser::PageParser(const Config& config)
    : PageParser(config, Site::from_config(config)) {}
PageParser::PageParser(const Config& config, Site site)
    : impl_(std::make_unique<Impl>(config, std::move(site))) {}
PageParser::~PageParser() = default;
PageParser::PageParser(PageParser&&) noexcept = default;
PageParser& PageParser::operator=(PageParser&&) noexcept = default;

ParsedPage PageParser::parse(const SourceFile& file, std::string_view bytes) const {
    ParsedPage page;
    const auto report = [&](std::uint32_t line, IssueKind kind, std::string message) {
        page.issues.push_back(LoadIssue{file.path, line, kind, std::move(message)});
    };

    if (detail::is_blank(bytes.starts_with("\xEF\xBB\xBF") ? bytes.substr(3) : bytes)) {
        if (impl_->site.rules().empty_file_is_normal(file.path)) {
            report(0, IssueKind::not_content,
                   "left out: an empty section file (it only makes its folder a section)");
        } else {
            report(0, IssueKind::empty_file,
                   bytes.empty() ? "empty file" : "file holds only whitespace");
        }
        return page;
    }
    if (auto reason = binary_reason(bytes)) {
        report(0, IssueKind::binary_file, std::move(*reason));
        return page;
    }

    std::string text(bytes);
    if (const auto repair = detail::repair_utf8(text); repair.replaced > 0) {
        report(detail::line_at(bytes, repair.first_bad_offset), IssueKind::invalid_utf8,
               "invalid UTF-8 repaired: " + std::to_string(repair.replaced) +
                   (repair.replaced == 1 ? " sequence" : " sequences") + " replaced with U+FFFD");
    }
    text = normalize_text(std::move(text));

    try {
        if (impl_->site.summary().built) {
            impl_->parse_built(file, text, page);
        } else {
            impl_->parse_source(file, text, page);
        }
    } catch (const PageError& error) {
        report(error.line(), error.kind(), error.what());
    } catch (const std::exception& error) {
        // Every parser's own errors are translated above; this is a bug in one of them or
        // running out of memory. The file is skipped, never the whole run.
        page.document.reset();
        report(0, IssueKind::internal_error, std::string("could not be parsed: ") + error.what());
    }
    return page;
}

} // namespace libsearch
