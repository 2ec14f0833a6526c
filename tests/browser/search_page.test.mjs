// The search page and the widget in headless Chromium (Debian's, driven by playwright-core),
// against a searchd started here on the sample content, on a free loopback port.
//
//   SEARCHD=build/dev/searchd/searchd node --test tests/browser/search_page.test.mjs
//
// SCREENSHOT_DIR=docs also saves the README's screenshots there (tools/dev.sh screenshots).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const searchd = process.env.SEARCHD ?? join(repo, "build", "dev", "searchd", "searchd");
// As the machine notes ask: no sandbox as root, and no background connections (the
// network is closed; Chromium would keep retrying).
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let work;
let server;
let base;
let browser;

function freePort() {
  return new Promise((resolvePort) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(url) {
  for (let i = 0; i < 100; ++i) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("searchd did not become healthy");
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), "searchd-browser-"));
  const content = join(work, "content");
  cpSync(join(repo, "examples", "content"), content, { recursive: true });
  // A page whose title is an attack: it must show as text and run nothing.
  writeFileSync(join(content, "zz-hostile.md"),
    // Entities: the title the site shows is the text "<img …>", which must stay text here.
    '---\ntitle: "&lt;img src=x onerror=alert(1)&gt; Hostile title"\ndate: 2024-01-02\n---\n' +
    "A page about the xylophonequartz probe. <script>alert(2)</script>\n");
  // A page whose URL is a script: the indexer must not let it become a link (issue #15).
  writeFileSync(join(content, "zz-script-url.md"),
    '---\ntitle: Quokka script page\nurl: "javascript:alert(document.domain)//"\n---\n' +
    "A page about the quokkascript probe.\n");
  const index = join(work, "index");
  const reindex = spawnSync(searchd, ["reindex", "--content", content, "--index", index]);
  assert.equal(reindex.status, 0, String(reindex.stderr));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(searchd, ["serve", "--content", content, "--index", index, "--listen", `127.0.0.1:${port}`],
                 { stdio: ["ignore", "ignore", "pipe"] });
  server.stderr.resume();
  await waitForHealth(base);
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A fresh page that fails the test on any script error, dialog or CSP violation. */
async function openPage(path = "/", viewport = { width: 1280, height: 800 }, locale = "en-US") {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    dialog.dismiss();
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${base}${path}`);
  return { page, problems, close: () => context.close() };
}

const statusText = (page) => page.locator("#status").textContent();
const total = async (page) => Number((await statusText(page)).replace(/[^0-9].*$/s, "").replace(/,/g, ""));

test("typing a query shows highlighted results, the total and the time", async () => {
  const { page, problems, close } = await openPage();
  await page.locator("#q").pressSequentially("telehealth", { delay: 30 });
  await page.waitForURL(/q=telehealth/);
  // The page opened with every page listed (no query): wait for the answer to this one.
  await page.locator("#results mark").first().waitFor();
  assert.match(await statusText(page), /^\d+ results? \(\d+\.\d ms\)$/);
  assert.match(await page.locator("#results li .title").first().textContent(), /telehealth/i);
  assert.deepEqual(problems, []);
  await close();
});

test("a typo is corrected and did-you-mean offered", async () => {
  const { page, problems, close } = await openPage("/?q=telehaelth%20");
  await page.locator("#corrected:not([hidden])").waitFor();
  assert.equal(await page.locator("#corrected-link").textContent(), "telehealth ");
  assert.ok(await page.locator("#results li").count() > 0);
  await page.locator("#corrected-link").click();
  await page.waitForURL(/q=telehealth\+/);
  assert.deepEqual(problems, []);
  await close();
});

test("ticking a facet filters results and Back restores the previous state", async () => {
  const { page, problems, close } = await openPage("/");
  await page.locator("#results li").first().waitFor();
  const everything = await total(page);
  const option = page.locator('[data-facet="topic"] label').first();
  const count = Number(await option.locator(".count").textContent());
  const value = await option.locator(".value").textContent();
  const brandCounts = () => page.locator('[data-facet="brand"] .count').allTextContents();
  const brandsBefore = await brandCounts();
  assert.ok(count < everything);
  await option.locator("input").check();
  await page.waitForURL(/topic=/);
  await page.waitForFunction((n) => document.querySelector("#status").textContent.startsWith(`${n} result`), count);
  // The other facets are counted within the filter now.
  assert.notDeepEqual(await brandCounts(), brandsBefore);
  // Disjunctive counts: the ticked value keeps its count and stays ticked.
  const ticked = page.locator('[data-facet="topic"] label', { hasText: value });
  assert.equal(await ticked.locator("input").isChecked(), true);
  assert.equal(Number(await ticked.locator(".count").textContent()), count);
  await page.goBack();
  await page.waitForFunction((n) => document.querySelector("#status").textContent.startsWith(`${n} result`), everything);
  assert.equal(await page.locator('[data-facet="topic"] input:checked').count(), 0);
  assert.deepEqual(problems, []);
  await close();
});

test("a multilingual site opens in the visitor's language, and widens to all", async () => {
  // The sample site is English with one page each in fr, de, es, ja and zh.
  const { page, problems, close } = await openPage("/", undefined, "fr-FR");
  await page.waitForURL(/language=fr/);
  await page.locator("#results li").first().waitFor();
  assert.equal(await page.locator("#language").inputValue(), "fr");
  assert.equal(await page.locator("#language option:checked").textContent(), "français");
  const french = await total(page);
  assert.equal(french, 1);
  await page.locator("#language").selectOption("");
  await page.waitForURL(/all_languages=1/);
  assert.doesNotMatch(page.url(), /language=fr/);
  await page.waitForFunction((n) => !document.querySelector("#status").textContent.startsWith(`${n} result`), french);
  assert.ok(await total(page) > french);
  // Reloaded, the choice holds: the visitor's language is not forced on them again.
  await page.reload();
  await page.locator("#results li").first().waitFor();
  assert.equal(await page.locator("#language").inputValue(), "");
  assert.deepEqual(problems, []);
  await close();
});

test("suggestions are navigable with the keyboard", async () => {
  const { page, problems, close } = await openPage();
  const box = page.locator("#q");
  await box.pressSequentially("tele", { delay: 30 });
  // Let the answers to the first letters settle before moving through the list.
  await page.waitForURL(/q=tele(&|$)/);
  await page.waitForLoadState("networkidle");
  await page.locator("#suggestions li").first().waitFor();
  assert.equal(await box.getAttribute("aria-expanded"), "true");
  await box.press("ArrowDown");
  assert.equal(await box.getAttribute("aria-activedescendant"), "suggestion-0");
  assert.equal(await page.locator("#suggestion-0").getAttribute("aria-selected"), "true");
  const chosen = await page.locator("#suggestion-0").textContent();
  await box.press("ArrowUp"); // back to the box
  assert.equal(await box.getAttribute("aria-activedescendant"), null);
  await box.press("ArrowDown");
  await box.press("Enter");
  assert.equal(await box.inputValue(), `${chosen} `);
  assert.equal(await box.getAttribute("aria-expanded"), "false");
  await page.waitForURL((url) => new URL(url).searchParams.get("q") === `${chosen} `);
  await box.pressSequentially("x", { delay: 30 });
  await box.press("Escape");
  assert.equal(await page.locator("#suggestions").isHidden(), true);
  assert.deepEqual(problems, []);
  await close();
});

test("pages of results", async () => {
  const { page, problems, close } = await openPage("/");
  await page.locator("#results li").first().waitFor();
  const first = await page.locator("#results li .title").first().textContent();
  await page.getByRole("link", { name: "Next page" }).click();
  await page.waitForURL(/page=2/);
  await page.waitForFunction((t) => document.querySelector("#results li .title")?.textContent !== t, first);
  assert.equal(await page.locator('#pages [aria-current="page"]').textContent(), "2");
  assert.equal(await page.locator("#results li").count(), 10);
  await page.goBack();
  await page.waitForFunction((t) => document.querySelector("#results li .title")?.textContent === t, first);
  assert.deepEqual(problems, []);
  await close();
});

test("empty and error states say what happened", async () => {
  const { page, problems, close } = await openPage("/?q=qqqzzzxxqq%20");
  await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("No results"));
  assert.equal(await page.locator("#results li").count(), 0);
  await close();
  assert.deepEqual(problems, []);
  // A date the API refuses: the page says so instead of showing stale results.
  const broken = await openPage("/?q=telehealth&from=2020-13-45");
  await broken.page.waitForFunction(() => document.body.dataset.state === "error");
  assert.match(await broken.page.locator("#status").textContent(), /Search failed/);
  await broken.close();
});

test("a hostile title shows as text and runs nothing", async () => {
  const { page, problems, close } = await openPage("/?q=xylophonequartz");
  await page.locator("#results li").first().waitFor();
  const title = await page.locator("#results li .title").textContent();
  assert.equal(title, "<img src=x onerror=alert(1)> Hostile title");
  assert.equal(await page.locator("#results img, #results script").count(), 0);
  assert.deepEqual(problems, []);
  await close();
});

test("a page whose URL is a script is linked by its path, on the page and in the widget", async () => {
  const { page, problems, close } = await openPage("/?q=quokkascript");
  const title = page.locator("#results li .title").first();
  await title.waitFor();
  assert.equal(await title.getAttribute("href"), `${base}/zz-script-url/`);
  assert.deepEqual(problems, []);
  await close();
});

/** Serves a page of another site that embeds the widget, for `run(page, problems)`. */
async function withWidgetHost(run) {
  const host = createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end(`<!DOCTYPE html><title>Another site</title><div id="search"></div>
<script type="module" src="${base}/widget.js" data-target="#search"></script>`);
  });
  await new Promise((r) => host.listen(0, "127.0.0.1", r));
  const { page, problems, close } = await openPage();
  try {
    await page.goto(`http://127.0.0.1:${host.address().port}/`);
    await run(page, problems, `http://127.0.0.1:${host.address().port}`);
  } finally {
    await close();
    host.closeAllConnections();
    await new Promise((r) => host.close(r));
  }
}

test("the widget never links a hit to a script, whatever the API answers", async () => {
  // What an index built before the indexer refused such URLs could still hold.
  const real = await (await fetch(`${base}/search?q=quokkascript`)).json();
  real.hits[0].url = "javascript:alert(document.domain)//";
  const hostile = JSON.stringify(real);
  await withWidgetHost(async (page, problems, hostOrigin) => {
    await page.route(/\/search\?/, (route) => route.fulfill({
      status: 200, contentType: "application/json", body: hostile,
      headers: { "access-control-allow-origin": "*" } }));
    await page.locator("#search input").pressSequentially("quokkascript", { delay: 20 });
    const hit = page.locator("#search .hit").first();
    await hit.waitFor();
    assert.equal(await page.locator('#search [href^="javascript"]').count(), 0);
    await hit.click();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(page.url(), `${hostOrigin}/`);
    assert.deepEqual(problems, []);
  });
  // The page too: the title is text, not a link.
  const { page, problems, close } = await openPage();
  await page.route(/\/search\?/, (route) => route.fulfill({
    status: 200, contentType: "application/json", body: hostile }));
  await page.goto(`${base}/?q=quokkascript`);
  const title = page.locator("#results li .title").first();
  await title.waitFor();
  assert.equal(await title.getAttribute("href"), null);
  await title.click();
  assert.equal(await page.locator('[href^="javascript"]').count(), 0);
  assert.deepEqual(problems, []);
  await close();
});

test("the page sends a Content-Security-Policy of its own origin only", async () => {
  const response = await fetch(`${base}/`);
  const policy = response.headers.get("content-security-policy");
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src 'self'/);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
});

test("the widget works from a page on another origin", async () => {
  const host = createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end(`<!DOCTYPE html><title>Another site</title>
<style>#search { --searchd-accent: rgb(200, 0, 0); }</style>
<div id="search"></div>
<script type="module" src="${base}/widget.js" data-target="#search"></script>`);
  });
  await new Promise((r) => host.listen(0, "127.0.0.1", r));
  const { page, problems, close } = await openPage();
  try {
    await page.goto(`http://127.0.0.1:${host.address().port}/`);
    const input = page.locator("#search input");
    await input.pressSequentially("telehealth", { delay: 30 });
    // Typing may pause long enough for a query of the first letters: wait for the full one.
    const hit = page.locator("#search .hit .title", { hasText: /telehealth/i }).first();
    await hit.waitFor();
    // A later answer may replace the list between the wait and the read (a detached node's
    // style is empty): read again, from the list as it is then, for up to 10 s.
    let colour = "";
    for (let tries = 0; tries < 100 && colour !== "rgb(200, 0, 0)"; ++tries) {
      colour = await hit.evaluate((node) => getComputedStyle(node).color).catch(() => "");
      if (colour !== "rgb(200, 0, 0)") await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(colour, "rgb(200, 0, 0)");

    assert.equal(await page.evaluate(() => Object.keys(window).filter((k) => /searchd|widget/i.test(k)).length), 0);
    assert.deepEqual(problems, []);
  } finally {
    await close();
    host.closeAllConnections();
    await new Promise((r) => host.close(r));
  }
});

test("desktop and phone widths", async () => {
  const shots = process.env.SCREENSHOT_DIR ? resolve(process.env.SCREENSHOT_DIR) : work;
  for (const [name, viewport] of [["desktop", { width: 1280, height: 860 }],
                                  ["phone", { width: 390, height: 844 }]]) {
    const { page, problems, close } = await openPage("/?q=remote%20monitoring", viewport);
    await page.locator("#results li").first().waitFor();
    // Nothing wider than the screen.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
    await page.screenshot({ path: join(shots, `search-page-${name}.png`) });
    assert.deepEqual(problems, []);
    await close();
  }
});
