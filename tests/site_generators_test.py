#!/usr/bin/env python3
"""Every URL searchd returns is a page the real generator writes, with the date it shows.

For each fixture site under tests/sites/ (Hugo, Jekyll, MkDocs, Eleventy), in a scratch copy:
builds it with the real generator, and indexes it twice: the source tree with `searchd
reindex --content ROOT` and no searchd config (the site's own config must be enough), and
the generator's output with `searchd reindex --built OUT` (only site.base_url set, for the
sites served under a path). Each index is served; every result of an empty query is paged
through, and the test checks:
  - every hit's URL is a file the generator wrote (`/a/b/` → a/b/index.html), under the
    site's base path;
  - the hit's date is the date the generator put into that page (the fixtures' layouts write
    it into <time>), and a page without one has none;
  - every content page the generator wrote is found (layouts mark them data-kind="page");
  - nothing the generator left out (drafts, future, expired, unpublished, resources) is.
Built mode also: no text of the layouts' nav and footer is found, no redirect page (Hugo's
aliases) is a hit, pages without the text mark are left out once other pages have it
(Eleventy's layout marks data-pagefind-body), and the filters the layouts declare
(search: meta, data-search-filter, data-pagefind-filter) are facets of the hits.
A generator that is not installed fails the test: tools/dev.sh installs them all.

usage: site_generators_test.py SEARCHD [SITE ...]
"""
import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SITES = os.path.join(HERE, "sites")
NODE_BIN = os.path.join(SITES, "node", "node_modules", ".bin")

# site → (build command run in the site's copy, output folder, base path of its URLs)
BUILDS = {
    "hugo": (["hugo", "--quiet", "--destination", "{out}"], "/"),
    "jekyll": (["jekyll", "build", "--quiet", "--destination", "{out}"], "/blog/"),
    "mkdocs": (["mkdocs", "build", "--quiet", "--site-dir", "{out}"], "/manual/"),
    "eleventy": ([os.path.join(NODE_BIN, "eleventy"), "--quiet", "--output={out}"], "/"),
}

# What built mode must also show, per site: the facet its layout declares, and URLs that are
# served files but no page to find (a redirect; a page without the text mark).
BUILT_FACETS = {"hugo": "section", "jekyll": "category", "eleventy": "tag"}
BUILT_NOT_HITS = {"hugo": ["/old/place/"], "eleventy": ["/list/"]}

failures = []


def check(name, ok, detail=""):
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + detail))
    if not ok:
        failures.append(name)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def output_file(out, base, url):
    """The file a URL is served from, or None when the URL is not under the base path."""
    path = urllib.parse.urlparse(url).path
    if not path.startswith(base):
        return None
    path = urllib.parse.unquote(path[len(base):])
    candidate = os.path.join(out, path)
    if path == "" or path.endswith("/"):
        candidate = os.path.join(candidate, "index.html")
    return candidate


def page_date(file):
    text = open(file, encoding="utf-8").read()
    found = re.search(r"<time>([^<]*)</time>", text)
    return found.group(1).strip() if found and found.group(1).strip() else None


def written_pages(name, out):
    """Every page the generator wrote from content: the fixtures' layouts mark them; MkDocs
    uses its own theme, so there it is every page but the 404 and the search page."""
    pages = set()
    for folder, _, files in os.walk(out):
        for file in files:
            if not file.endswith(".html"):
                continue
            path = os.path.join(folder, file)
            relative = os.path.relpath(path, out)
            if name == "mkdocs":
                if relative != "404.html" and not relative.startswith("search"):
                    pages.add(relative)
            elif 'data-kind="page"' in open(path, encoding="utf-8", errors="replace").read():
                pages.add(relative)
    return pages


def hits_of(searchd, source, work, extra_queries=()):
    """Indexes `source` (["--content", ROOT] or ["--built", OUT, "--config", FILE]), serves
    it, and returns every hit of an empty query, the reindex report, and the hit counts of
    `extra_queries`."""
    index = os.path.join(work, "index-" + source[0].strip("-"))
    reindex = subprocess.run([searchd, "reindex", *source, "--index", index],
                             capture_output=True, text=True)
    if reindex.returncode != 0:
        raise RuntimeError("searchd reindex failed: " + reindex.stderr[-800:])
    port = free_port()
    server = subprocess.Popen([searchd, "serve", *source, "--index", index, "--listen",
                               f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        counts = {}
        for query in extra_queries:
            body = json.load(urllib.request.urlopen(
                f"http://127.0.0.1:{port}/search?q={urllib.parse.quote(query)}", timeout=30))
            counts[query] = body["total"]
        hits, page = [], 1
        while True:
            body = json.load(urllib.request.urlopen(
                f"http://127.0.0.1:{port}/search?q=&per_page=100&page={page}", timeout=30))
            hits += body["hits"]
            if len(body["hits"]) < 100:
                return hits, reindex.stdout, counts
            page += 1
    finally:
        server.terminate()
        server.wait(timeout=15)


def run_site(searchd, name):
    command, base = BUILDS[name]
    if not shutil.which(command[0]):
        check(f"{name}: generator installed", False, f"{command[0]} not found (tools/dev.sh installs it)")
        return
    with tempfile.TemporaryDirectory(prefix=f"site-{name}-") as work:
        root = os.path.join(work, "site")
        shutil.copytree(os.path.join(SITES, name), root, ignore=shutil.ignore_patterns("node_modules"))
        out = os.path.join(work, "out")
        build = subprocess.run([part.replace("{out}", out) for part in command], cwd=root,
                               capture_output=True, text=True)
        if build.returncode != 0:
            check(f"{name}: the generator builds the fixture", False, build.stderr[-800:])
            return
        # The generator may have left caches in the tree (.jekyll-cache): searchd must not
        # mind, and neither must the comparison.
        hits, report, _ = hits_of(searchd, ["--content", root], work)
        compare(name, "source", out, base, hits, report)

        config = os.path.join(work, "built.yaml")
        with open(config, "w") as f:
            f.write(f"site: {{base_url: '{base.rstrip('/')}'}}\n" if base != "/" else "{}\n")
        hits, report, counts = hits_of(searchd, ["--built", out, "--config", config], work,
                                       ["fixturenav", "fixturefooter"])
        compare(name, "built", out, base, hits, report)
        for query, total in counts.items():
            check(f"{name} built: the layout's chrome ({query}) is not indexed", total == 0,
                  f"{total} hits")
        urls = {urllib.parse.urlparse(hit["url"]).path for hit in hits}
        for url in BUILT_NOT_HITS.get(name, []):
            check(f"{name} built: {url} is not a hit", url not in urls, "found")
        if name in BUILT_FACETS:
            facet = BUILT_FACETS[name]
            check(f"{name} built: the layout's filter '{facet}' is a facet",
                  any(hit.get("facets", {}).get(facet) for hit in hits),
                  f"no hit has it: {[hit.get('facets') for hit in hits][:3]}")


def compare(name, mode, out, base, hits, report):
    """Every hit is a served file with the site's date; every page the site wrote is a hit."""
    label = f"{name} {mode}"
    # The build day in the site's own time zone (Jekyll's `timezone`, e.g. New York), which
    # is the UTC day or the one either side of it.
    now = time.time()
    build_days = {time.strftime("%Y-%m-%d", time.gmtime(now + hours * 3600)) for hours in (-24, 0, 24)}
    found = set()
    for hit in hits:
        file = output_file(out, base, hit["url"])
        ok = file is not None and os.path.isfile(file)
        check(f"{label}: {hit['url']} is a page the site serves", ok,
              f"{hit['id']} → {hit['url']}: no such file in the build")
        if not ok:
            continue
        found.add(os.path.relpath(file, out))
        if 'data-kind="page"' in open(file, encoding="utf-8", errors="replace").read():
            want = page_date(file)
            # Jekyll dates an undated collection document, and Eleventy an undated page,
            # by the build (or file creation) time: that is not a date of the page, and
            # searchd gives none from the source (README, "Your site"); the built page
            # carries the build time, which is then what the site shows.
            if want in build_days and hit.get("date") is None:
                want = None
            check(f"{label}: {hit['url']} has the site's date", hit.get("date") == want,
                  f"site {want}, searchd {hit.get('date')}")
    missing = written_pages(name, out) - found
    check(f"{label}: every page the site publishes is found", not missing,
          f"not found: {sorted(missing)}")
    for line in report.splitlines():
        if ": skipped: " in line:
            check(f"{label}: nothing skipped", False, line)


def main():
    searchd = sys.argv[1]
    for name in sys.argv[2:] or list(BUILDS):
        run_site(searchd, name)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
