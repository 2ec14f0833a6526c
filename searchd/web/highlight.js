// What the index holds, made safe for the DOM; shared by the search page and the widget.
// The engine's highlights are HTML with every character escaped except its own <mark> tags.
// They are rebuilt here as DOM nodes, text as text: nothing from the index ever goes
// through innerHTML, so a page titled <img onerror=...> shows those characters and runs
// nothing. A hit's URL becomes a link only when it leads to a web page.

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'" };

function unescape(text) {
  return text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name) => ENTITIES[name]);
}

/** The URL as a link target when it leads to a web page (http, https, or a path, resolved
 *  against the page the results are shown on), else null: a result must never link to
 *  javascript:, data: or the like, whatever the index holds (the indexer refuses them too). */
export function webUrl(url) {
  if (typeof url !== "string" || url === "") return null;
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Appends `html` (text with <mark>…</mark>) to `parent` as text nodes and mark elements. */
export function appendHighlighted(parent, html) {
  const parts = String(html).split(/(<mark>|<\/mark>)/);
  let marked = null;
  for (const part of parts) {
    if (part === "<mark>") {
      marked = parent.ownerDocument.createElement("mark");
      parent.append(marked);
    } else if (part === "</mark>") {
      marked = null;
    } else if (part) {
      (marked ?? parent).append(unescape(part));
    }
  }
}
