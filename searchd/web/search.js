// The search page: the state lives in the URL, every keystroke queries /search (debounced,
// stale answers dropped), suggestions come from /suggest. Plain DOM, no framework.
import { appendHighlighted, webUrl } from "./highlight.js";

const PER_PAGE = 10;
// The page's own parameter (never sent to the API): the visitor chose every language, so the
// default of their own is not applied again.
const ALL_LANGUAGES = "all_languages";
const MAX_PAGE = 1000; // page × per_page ≤ 10,000, as the API allows
const RESERVED = new Set(["q", "from", "to", "sort", "page", "per_page", "facets", ALL_LANGUAGES]);

const $ = (id) => document.getElementById(id);
const box = $("q");
const list = $("suggestions");

/** The page's state, read from and written to the URL: linkable, and Back restores it. */
function stateFromUrl() {
  const params = new URLSearchParams(location.search);
  const state = { q: params.get("q") ?? "", from: params.get("from") ?? "", to: params.get("to") ?? "",
                  sort: params.get("sort") ?? "", page: Math.max(1, Number(params.get("page")) || 1),
                  allLanguages: params.has(ALL_LANGUAGES), filters: {} };
  for (const [name, value] of params) {
    if (!RESERVED.has(name)) (state.filters[name] ??= []).push(value);
  }
  return state;
}

/** The state as URL parameters: the page's own (`forPage`) or the API's. */
function toParams(state, extra = {}, forPage = false) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [name, values] of Object.entries(state.filters)) {
    for (const value of values) params.append(name, value);
  }
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.sort) params.set("sort", state.sort);
  if (state.page > 1) params.set("page", String(state.page));
  if (forPage && state.allLanguages) params.set(ALL_LANGUAGES, "1");
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  return params;
}

let state = stateFromUrl();

function writeUrl(push) {
  const query = toParams(state, {}, true).toString();
  const url = query ? `?${query}` : location.pathname;
  if (url === location.search || (url === location.pathname && !location.search)) return;
  (push ? history.pushState : history.replaceState).call(history, null, "", url);
}

function showInputs() {
  box.value = state.q;
  $("language").value = state.filters.language?.length === 1 ? state.filters.language[0] : "";
  $("from").value = state.from;
  $("to").value = state.to;
  $("sort").value = state.sort;
}

// ---- searching ----

let latest = 0;      // the number of the newest request: older answers are dropped
let inFlight = null; // its AbortController

async function search() {
  const number = ++latest;
  inFlight?.abort();
  inFlight = new AbortController();
  const params = toParams(state, { per_page: String(PER_PAGE) });
  try {
    const response = await fetch(`/search?${params}`, { signal: inFlight.signal });
    const body = await response.json();
    if (number !== latest) return;
    if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
    render(body);
  } catch (error) {
    if (error.name === "AbortError" || number !== latest) return;
    renderError(error.message);
  }
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function render(body) {
  document.body.dataset.state = "results";
  const results = $("results");
  results.replaceChildren();
  const status = $("status");
  status.classList.remove("error");
  if (body.total === 0) {
    status.textContent = state.q ? `No results for “${state.q}”.` : "No pages match these filters.";
  } else {
    const about = body.total_is_estimate ? "about " : "";
    const shown = `${about}${body.total.toLocaleString("en")} result${body.total === 1 ? "" : "s"}`;
    status.textContent = `${shown} (${Number(body.took_ms).toFixed(1)} ms)`;
  }
  for (const hit of body.hits) {
    const href = webUrl(hit.url);
    const title = href ? el("a", { href, class: "title" }) : el("span", { class: "title" });
    appendHighlighted(title, hit.highlight?.title ?? hit.title);
    const snippet = el("p", { class: "snippet" });
    appendHighlighted(snippet, hit.highlight?.snippet ?? "");
    const meta = el("p", { class: "meta" });
    if (hit.date) meta.append(el("time", { datetime: hit.date }, hit.date.slice(0, 10)));
    const brand = hit.facets?.brand?.join(", ");
    if (brand) meta.append(el("span", { class: "brand" }, brand));
    results.append(el("li", { class: "hit" }, title, meta, snippet));
  }
  const corrected = $("corrected");
  corrected.hidden = !body.corrected;
  if (body.corrected) $("corrected-link").textContent = body.corrected;
  renderFacets(body.facets ?? {});
  renderPages(body.total);
}

function renderError(message) {
  document.body.dataset.state = "error";
  $("results").replaceChildren();
  $("pages").replaceChildren();
  $("corrected").hidden = true;
  const status = $("status");
  status.classList.add("error");
  status.textContent = `Search failed: ${message}`;
}

/** `facets`: facet name → its values with counts, most frequent first (the /search body). */
function renderFacets(facets) {
  const container = $("facets");
  container.replaceChildren();
  for (const [name, values] of Object.entries(facets)) {
    if (values.length === 0) continue;
    const fieldset = el("fieldset", { class: "facet", "data-facet": name }, el("legend", {}, name));
    for (const { value, count, selected } of values) {
      const box = el("input", { type: "checkbox" });
      box.checked = selected;
      box.addEventListener("change", () => toggleFilter(name, value, box.checked));
      fieldset.append(el("label", {}, box, el("span", { class: "value" }, value),
                         el("span", { class: "count" }, String(count))));
    }
    container.append(fieldset);
  }
}

function renderPages(total) {
  const nav = $("pages");
  nav.replaceChildren();
  const last = Math.min(MAX_PAGE, Math.ceil(total / PER_PAGE));
  if (last <= 1) return;
  const link = (page, text, label) => {
    const a = el("a", { href: `?${toParams({ ...state, page }, {}, true)}`, "aria-label": label ?? `Page ${page}` }, text);
    if (page === state.page) a.setAttribute("aria-current", "page");
    a.addEventListener("click", (event) => {
      event.preventDefault();
      change({ page }, true);
      window.scrollTo(0, 0);
    });
    return a;
  };
  if (state.page > 1) nav.append(link(state.page - 1, "‹ Previous", "Previous page"));
  const first = Math.max(1, Math.min(state.page - 2, last - 4));
  for (let page = first; page <= Math.min(last, first + 4); ++page) nav.append(link(page, String(page)));
  if (state.page < last) nav.append(link(state.page + 1, "Next ›", "Next page"));
}

/** Applies a change to the state, writes the URL (a new history entry when `push`) and searches. */
function change(changes, push) {
  state = { ...state, ...changes };
  writeUrl(push);
  search();
}

function toggleFilter(name, value, on) {
  const values = new Set(state.filters[name] ?? []);
  on ? values.add(value) : values.delete(value);
  const filters = { ...state.filters, [name]: [...values] };
  if (values.size === 0) delete filters[name];
  // Unticking every language is widening to all: the visitor's own is not brought back.
  const allLanguages = state.allLanguages || (name === "language" && values.size === 0);
  change({ filters, allLanguages, page: 1 }, true);
}

// ---- suggestions: a combobox with a listbox (WAI-ARIA 1.2) ----

let suggestions = [];
let active = -1;
let suggestNumber = 0;

async function suggest() {
  const number = ++suggestNumber;
  if (!box.value.trim()) return closeSuggestions();
  const params = toParams({ ...state, q: box.value, page: 1, from: "", to: "", sort: "" }, { limit: "8" });
  try {
    const response = await fetch(`/suggest?${params}`);
    const body = await response.json();
    if (number !== suggestNumber || !response.ok) return;
    showSuggestions(body.suggestions ?? []);
  } catch {
    closeSuggestions();
  }
}

function showSuggestions(items) {
  suggestions = items;
  active = -1;
  list.replaceChildren(...items.map((item, i) => {
    const option = el("li", { role: "option", id: `suggestion-${i}`, "aria-selected": "false",
                             "data-kind": item.kind }, item.text);
    option.addEventListener("mousedown", (event) => {
      event.preventDefault(); // keep the focus in the box
      choose(i);
    });
    return option;
  }));
  list.hidden = items.length === 0;
  box.setAttribute("aria-expanded", String(items.length > 0));
  box.removeAttribute("aria-activedescendant");
}

function closeSuggestions() {
  ++suggestNumber; // an answer still on its way is for a list that is gone
  suggestions = [];
  active = -1;
  list.hidden = true;
  list.replaceChildren();
  box.setAttribute("aria-expanded", "false");
  box.removeAttribute("aria-activedescendant");
}

function move(step) {
  if (suggestions.length === 0) return;
  // -1 is the box itself: the arrows cycle through the options and back to it.
  const positions = suggestions.length + 1;
  active = ((active + 1 + step + positions) % positions) - 1;
  [...list.children].forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
  if (active >= 0) box.setAttribute("aria-activedescendant", `suggestion-${active}`);
  else box.removeAttribute("aria-activedescendant");
}

function choose(i) {
  const item = suggestions[i];
  closeSuggestions();
  const href = webUrl(item.url);
  if (item.kind === "title" && href) {
    location.href = href;
    return;
  }
  box.value = item.text + " ";
  change({ q: box.value, page: 1 }, true);
}

// ---- wiring ----

const debounce = (fn, ms) => {
  let timer;
  const later = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  later.cancel = () => clearTimeout(timer);
  return later;
};
const searchSoon = debounce(() => change({ q: box.value, page: 1 }, false), 120);
const suggestSoon = debounce(suggest, 80);

box.addEventListener("input", () => {
  searchSoon();
  suggestSoon();
});
box.addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
  else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
  else if (event.key === "Escape") { suggestSoon.cancel(); closeSuggestions(); }
  else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(active); }
});
box.addEventListener("blur", () => setTimeout(closeSuggestions, 100));
$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  closeSuggestions();
  change({ q: box.value, page: 1 }, true);
});
$("sort").addEventListener("change", (event) => change({ sort: event.target.value, page: 1 }, true));
$("from").addEventListener("change", (event) => change({ from: event.target.value, page: 1 }, true));
$("to").addEventListener("change", (event) => change({ to: event.target.value, page: 1 }, true));
$("corrected-link").addEventListener("click", (event) => {
  event.preventDefault();
  box.value = event.target.textContent;
  change({ q: box.value, page: 1 }, true);
});
window.addEventListener("popstate", () => {
  state = stateFromUrl();
  showInputs();
  closeSuggestions();
  search();
});

// ---- languages: a multilingual site opens in the visitor's language, with a way to all ----

/** The index's languages (the `language` facet every index has), most pages first. */
async function siteLanguages() {
  try {
    const response = await fetch("/search?per_page=1&facets=language");
    const body = await response.json();
    return response.ok ? (body.facets?.language ?? []).map(({ value }) => value) : [];
  } catch {
    return [];
  }
}

/** The first of the visitor's languages the site has: the same tag, else the same language. */
function visitorLanguage(languages) {
  const wanted = [...(navigator.languages ?? []), navigator.language].filter(Boolean)
    .map((tag) => tag.toLowerCase());
  for (const tag of wanted) {
    const exact = languages.find((language) => language === tag);
    if (exact) return exact;
    const same = languages.find((language) => language.split("-")[0] === tag.split("-")[0]);
    if (same) return same;
  }
  return null;
}

function languageName(tag) {
  try {
    return new Intl.DisplayNames([tag], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

async function setUpLanguages() {
  const languages = await siteLanguages();
  if (languages.length < 2) return;
  const select = $("language");
  for (const tag of languages) select.append(el("option", { value: tag, lang: tag }, languageName(tag)));
  select.hidden = false;
  select.addEventListener("change", () => {
    const filters = { ...state.filters };
    if (select.value) filters.language = [select.value];
    else delete filters.language;
    change({ filters, allLanguages: !select.value, page: 1 }, true);
  });
  if (!state.filters.language && !state.allLanguages) {
    const own = visitorLanguage(languages);
    if (own) state = { ...state, filters: { ...state.filters, language: [own] } };
    writeUrl(false);
  }
}

setUpLanguages().finally(() => {
  showInputs();
  search();
});
