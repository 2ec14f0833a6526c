// The engine's highlights are HTML with every character escaped except its own <mark> tags.
// They are rebuilt here as DOM nodes, text as text: nothing from the index ever goes
// through innerHTML, so a page titled <img onerror=...> shows those characters and runs
// nothing.

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'" };

function unescape(text) {
  return text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name) => ENTITIES[name]);
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
