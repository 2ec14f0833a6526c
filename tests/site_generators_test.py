#!/usr/bin/env python3
"""Every URL searchd returns is a page the real generator writes, with the date it shows.

For each fixture site under tests/sites/ (Hugo, Jekyll, MkDocs, Eleventy), in a scratch copy:
builds it with the real generator, indexes the same tree with `searchd reindex --content
ROOT` and no searchd config (the site's own config must be enough), serves it, pages
through every result of an empty query, and checks:
  - every hit's URL is a file the generator wrote (`/a/b/` → a/b/index.html), under the
    site's base path;
  - the hit's date is the date the generator put into that page (the fixtures' layouts write
    it into <time>), and a page without one has none;
  - every content page the generator wrote is found (layouts mark them data-kind="page");
  - nothing the generator left out (drafts, future, expired, unpublished, resources) is.
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


def hits_of(searchd, root, work):
    index = os.path.join(work, "index")
    reindex = subprocess.run([searchd, "reindex", "--content", root, "--index", index],
                             capture_output=True, text=True)
    if reindex.returncode != 0:
        raise RuntimeError("searchd reindex failed: " + reindex.stderr[-800:])
    port = free_port()
    server = subprocess.Popen([searchd, "serve", "--content", root, "--index", index, "--listen",
                               f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        hits, page = [], 1
        while True:
            body = json.load(urllib.request.urlopen(
                f"http://127.0.0.1:{port}/search?q=&per_page=100&page={page}", timeout=30))
            hits += body["hits"]
            if len(body["hits"]) < 100:
                return hits, reindex.stdout
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
        hits, report = hits_of(searchd, root, work)
        build_days = {time.strftime("%Y-%m-%d", time.gmtime()), time.strftime("%Y-%m-%d")}
        found = set()
        for hit in hits:
            file = output_file(out, base, hit["url"])
            ok = file is not None and os.path.isfile(file)
            check(f"{name}: {hit['url']} is a page the site serves", ok,
                  f"{hit['id']} → {hit['url']}: no such file in the build")
            if not ok:
                continue
            found.add(os.path.relpath(file, out))
            if 'data-kind="page"' in open(file, encoding="utf-8", errors="replace").read():
                want = page_date(file)
                # Jekyll dates an undated collection document, and Eleventy an undated page,
                # by the build (or file creation) time: that is not a date of the page, and
                # searchd gives none (README, "Your site").
                if want in build_days and hit.get("date") is None:
                    want = None
                check(f"{name}: {hit['url']} has the site's date", hit.get("date") == want,
                      f"site {want}, searchd {hit.get('date')}")
        missing = written_pages(name, out) - found
        check(f"{name}: every page the site publishes is found", not missing,
              f"not found: {sorted(missing)}")
        for line in report.splitlines():
            if ": skipped: " in line:
                check(f"{name}: nothing skipped", False, line)


def main():
    searchd = sys.argv[1]
    for name in sys.argv[2:] or list(BUILDS):
        run_site(searchd, name)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
