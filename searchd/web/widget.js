// A drop-in search box for other sites:
//
//   <div id="search"></div>
//   <script type="module" src="https://search.example.org/widget.js" data-target="#search"></script>
//
// It queries the searchd it was loaded from (CORS per server.cors_origins), renders inside a
// shadow root (no global names, no style clashes) and is styled through CSS custom
// properties set on the target: --searchd-accent, --searchd-text, --searchd-background,
// --searchd-mark, --searchd-font, --searchd-radius, --searchd-width.
import { appendHighlighted, webUrl } from "./highlight.js";

const origin = new URL(import.meta.url).origin;

/** /search's parameters: the host page's `<html lang>` says which language the visitor reads
 * (its stop words), before what their browser says. */
function searchParams(q) {
  const params = new URLSearchParams({ q, per_page: "8", facets: "" });
  const lang = document.documentElement.lang;
  if (/^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(lang)) params.set("locale", lang);
  return params;
}

const STYLE = `
:host { display: block; position: relative; font-family: var(--searchd-font, system-ui, sans-serif);
  color: var(--searchd-text, #1d1d1f); max-width: var(--searchd-width, 32rem); }
input { width: 100%; box-sizing: border-box; font: inherit; padding: 0.5rem 0.7rem;
  border: 1px solid #c9ccd1; border-radius: var(--searchd-radius, 0.4rem); }
input:focus { outline: 2px solid var(--searchd-accent, #1a5fb4); outline-offset: 1px; }
.panel { position: absolute; left: 0; right: 0; z-index: 1000; margin-top: 0.25rem; padding: 0.25rem 0;
  background: var(--searchd-background, #fff); border: 1px solid #d9dce1;
  border-radius: var(--searchd-radius, 0.4rem); box-shadow: 0 6px 24px rgb(0 0 0 / 15%);
  max-height: 70vh; overflow: auto; }
ul { list-style: none; margin: 0; padding: 0; }
li[role="option"] { padding: 0.35rem 0.7rem; cursor: pointer; }
li[aria-selected="true"], li[role="option"]:hover { background: #e8f0fe; }
.hit { display: block; padding: 0.45rem 0.7rem; text-decoration: none; color: inherit; }
.hit:hover, .hit:focus { background: #f3f5f8; }
.hit .title { color: var(--searchd-accent, #1a5fb4); font-weight: 600; }
.hit .snippet { font-size: 0.85rem; margin-top: 0.15rem; }
.status { padding: 0.35rem 0.7rem; font-size: 0.8rem; color: #5f6368; }
mark { background: var(--searchd-mark, #fff1a8); color: inherit; }
`;

function mount(target) {
  const root = target.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = STYLE;
  const input = document.createElement("input");
  Object.assign(input, { type: "search", placeholder: target.dataset.placeholder || "Search" });
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-label", "Search");
  const panel = document.createElement("div");
  panel.className = "panel";
  panel.hidden = true;
  const options = document.createElement("ul");
  options.setAttribute("role", "listbox");
  options.id = "options";
  input.setAttribute("aria-controls", "options");
  const status = document.createElement("div");
  status.className = "status";
  status.setAttribute("role", "status");
  const hits = document.createElement("div");
  panel.append(options, status, hits);
  root.append(style, input, panel);

  let number = 0;
  let controller = null;
  let suggestions = [];
  let active = -1;

  const select = (i) => {
    active = i;
    [...options.children].forEach((option, k) => option.setAttribute("aria-selected", String(k === i)));
  };

  async function update() {
    const q = input.value;
    const mine = ++number;
    controller?.abort();
    controller = new AbortController();
    if (!q.trim()) {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
      return;
    }
    try {
      const [suggested, found] = await Promise.all([
        fetch(`${origin}/suggest?${new URLSearchParams({ q, limit: "5" })}`, { signal: controller.signal }).then((r) => r.json()),
        fetch(`${origin}/search?${searchParams(q)}`, { signal: controller.signal }).then((r) => r.json()),
      ]);
      if (mine !== number) return;
      suggestions = (suggested.suggestions ?? []).filter((s) => s.kind !== "title");
      options.replaceChildren(...suggestions.map((s, i) => {
        const option = document.createElement("li");
        option.setAttribute("role", "option");
        option.textContent = s.text;
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          input.value = s.text + " ";
          update();
        });
        return option;
      }));
      select(-1);
      status.textContent = found.total === 0 ? "No results" : `${found.total_is_estimate ? "About " : ""}${found.total} results`;
      hits.replaceChildren(...(found.hits ?? []).map((hit) => {
        const href = webUrl(hit.url);
        const a = document.createElement(href ? "a" : "div");
        a.className = "hit";
        if (href) a.href = href;
        const title = document.createElement("div");
        title.className = "title";
        appendHighlighted(title, hit.highlight?.title ?? hit.title);
        const snippet = document.createElement("div");
        snippet.className = "snippet";
        appendHighlighted(snippet, hit.highlight?.snippet ?? "");
        a.append(title, snippet);
        return a;
      }));
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
    } catch (error) {
      if (error.name === "AbortError" || mine !== number) return;
      status.textContent = "Search is unavailable right now.";
      hits.replaceChildren();
      panel.hidden = false;
    }
  }

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, 120);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (suggestions.length) select((active + (event.key === "ArrowDown" ? 1 : -1) + suggestions.length) % suggestions.length);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      input.value = suggestions[active].text + " ";
      update();
    }
  });
  document.addEventListener("click", (event) => {
    if (!event.composedPath().includes(target)) panel.hidden = true;
  });
}

for (const script of document.querySelectorAll("script[data-target]")) {
  if (new URL(script.src, location.href).href !== import.meta.url) continue;
  const target = document.querySelector(script.dataset.target);
  if (target && !target.shadowRoot) mount(target);
}
