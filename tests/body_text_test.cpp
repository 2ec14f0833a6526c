// Markdown and HTML bodies become plain text: structure dropped, text kept.
#include "text/plain_text.hpp"

#include <catch2/catch.hpp>

using namespace libsearch::detail;

TEST_CASE("Markdown: structure is dropped / text and paragraphs are kept", "[body][markdown]") {
    const auto out =
        markdown_to_text("# Title\n\nSome *emphasis* and **bold** with a [link](http://x.y).\n"
                         "A soft\nbreak.\n\n- one\n- two\n\n> quoted\n");
    CHECK(out.text ==
          "Title\n\nSome emphasis and bold with a link. A soft break.\n\none\n\ntwo\n\nquoted");
    REQUIRE(out.headings.size() == 1);
    CHECK(out.headings[0].level == 1);
    CHECK(out.headings[0].text == "Title");
}

TEST_CASE("Markdown: code is kept as text / verbatim in blocks", "[body][markdown]") {
    const auto out =
        markdown_to_text("Use `grep -r` here.\n\n```sh\nmake  all\nmake test\n```\n\nAfter.\n");
    CHECK(out.text == "Use grep -r here.\n\nmake  all\nmake test\n\nAfter.");
}

TEST_CASE("Markdown: entities are decoded", "[body][markdown]") {
    const auto out =
        markdown_to_text("Caf&eacute; &amp; cr&#232;me &#x2014; &lt;tag&gt; &nosuch;\n");
    CHECK(out.text == "Caf\xC3\xA9 & cr\xC3\xA8me \xE2\x80\x94 <tag> &nosuch;");
}

TEST_CASE("Markdown: tables become rows of cells", "[body][markdown]") {
    const auto out = markdown_to_text("| a | b |\n|---|---|\n| 1 | 2 |\n");
    CHECK(out.text == "a b\n1 2");
}

TEST_CASE("Markdown: raw HTML blocks go through the HTML extractor", "[body][markdown]") {
    const auto out =
        markdown_to_text("<p>First &amp; <b>bold</b></p><script>evil()</script>\n\nThen *md*.\n");
    CHECK(out.text == "First & bold\n\nThen md.");
}

TEST_CASE("Markdown: inline tags are dropped / their text kept", "[body][markdown]") {
    CHECK(markdown_to_text("An <span class=\"x\">inline</span> tag.\n").text == "An inline tag.");
}

TEST_CASE("Hugo shortcodes and template expressions are removed", "[body][shortcodes]") {
    CHECK(strip_template_syntax("a {{< figure src=\"x.png\" >}} b") == "a   b");
    CHECK(strip_template_syntax("{{% note %}}kept{{% /note %}}") == " kept ");
    CHECK(strip_template_syntax("x {{ .Site.Title }} {% include a.html %} y") == "x     y");
    CHECK(strip_template_syntax("{{< tweet\n  user=\"a\"\n>}}") == "\n\n");
    CHECK(strip_template_syntax("an { ordinary } brace and {{ unclosed") ==
          "an { ordinary } brace and {{ unclosed");
    const auto out = markdown_to_text(
        strip_template_syntax("Intro.\n\n{{< youtube id=\"abc\" >}}\n\n{{% alert title=\"Note\" "
                              "%}}\nInside the alert.\n{{% /alert %}}\n"));
    CHECK(out.text == "Intro.\n\nInside the alert.");
}

TEST_CASE("attribute lists and stray emphasis marks are not text", "[body][shortcodes]") {
    // digital.gov's real shape: a heading with a goldmark id, an image shortcode inside an
    // emphasis that is never closed once the shortcode is gone.
    const auto out = markdown_to_text(strip_template_syntax(
        "_[{{< legacy-img src=\"a.png\" >}}](https://x/a.png)Mobile Gov\n\n"
        "## Why We Did It {#toc0}\n\nThe FAA launched.\n\n{: .note}\nA kramdown note.\n\n"
        "* TOC\n{:toc}\n"));
    CHECK(out.text ==
          "Mobile Gov\n\nWhy We Did It\n\nThe FAA launched.\n\nA kramdown note.\n\nTOC");
    CHECK(strip_template_syntax("a map {x: 1} and a set {.5, 1}") == "a map {x: 1} and a set ");
    CHECK(strip_template_syntax("css a{.b} and {#c}") == "css a and ");
}

TEST_CASE("HTML: script / style / nav and page chrome are dropped", "[body][html]") {
    const auto out = html_to_text(
        "<!DOCTYPE html><html><head><title>The title</title><style>p{}</style></head><body>"
        "<header>Site header</header><nav><a>Menu</a></nav>"
        "<main><article><header><h1>Article title</h1></header><p>Para &amp; one.</p>"
        "<script>alert(1)</script><noscript>x</noscript><p>Para\n   two.</p></article></main>"
        "<footer>Copyright</footer></body></html>");
    CHECK(out.text == "Article title\n\nPara & one.\n\nPara two.");
    CHECK(out.html_title == "The title");
    REQUIRE(out.headings.size() == 1);
    CHECK(out.headings[0].text == "Article title");
}

TEST_CASE("HTML: blocks break paragraphs / inline elements do not / pre keeps spacing",
          "[body][html]") {
    const auto out = html_to_text(
        "<div>a <em>b</em> c</div><ul><li>one</li><li>two</li></ul>"
        "<p>line<br>break</p><pre>  x  y\n z</pre><table><tr><td>1</td><td>2</td></tr></table>");
    CHECK(out.text == "a b c\n\none\n\ntwo\n\nline\nbreak\n\n  x  y\n z\n\n1 2");
}

TEST_CASE("HTML: headings are kept as structure", "[body][html]") {
    const auto out = html_to_text("<h2>Second</h2><p>x</p><h3>Third <small>part</small></h3>");
    REQUIRE(out.headings.size() == 2);
    CHECK(out.headings[0].level == 2);
    CHECK(out.headings[0].text == "Second");
    CHECK(out.headings[1].level == 3);
    CHECK(out.headings[1].text == "Third part");
}

TEST_CASE("HTML: nesting up to the limit is extracted", "[body][html]") {
    std::string html;
    for (std::size_t i = 0; i < kMaxHtmlDepth; ++i) {
        html += "<div>";
    }
    html += "deep";
    CHECK(estimate_html_depth(html) == kMaxHtmlDepth);
    CHECK(html_to_text(html).text == "deep");
}

TEST_CASE("HTML: the depth estimate ignores void and implicitly closed elements", "[body][html]") {
    CHECK(estimate_html_depth("<div><p>a<p>b<br><img src=x><li>c</div>") == 1);
    CHECK(estimate_html_depth("<span/><span/><!-- <div> --> a < b") == 0);
    CHECK(estimate_html_depth("<div><div></div><div><div></div></div></div>") == 3);
    CHECK(estimate_html_depth("</div></div><b>x</b>") == 1);
}

TEST_CASE("entities: numeric / hex / named / invalid", "[body]") {
    CHECK(decode_entity("&#65;") == "A");
    CHECK(decode_entity("&#x1F600;") == "\xF0\x9F\x98\x80");
    CHECK(decode_entity("&eacute;") == "\xC3\xA9");
    CHECK(decode_entity("&#0;") == "\xEF\xBF\xBD");
    CHECK(decode_entity("&#xD800;") == "\xEF\xBF\xBD");
    CHECK(decode_entity("&#99999999999;") == "\xEF\xBF\xBD");
}
