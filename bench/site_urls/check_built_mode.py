#!/usr/bin/env python3
"""Built-site mode on a real Hugo site: does `searchd reindex --built public/` find every page
Hugo renders, at the URL a server serves it from, with the date Hugo shows?

The shared sets hold content and config, not themes. So: ../shared/tools/check_site_urls.py
--keep assembles the set's tree as Hugo can load it (theme dropped, missing shortcodes
stubbed); this script gives that tree a minimal theme-like layout of its own (header, nav,
main, footer; og:title and article:published_time in the head, as Hugo's internal
templates write them; each single page marked data-kind="page" with its date), builds it
with Debian's `hugo`, indexes the output with `searchd reindex --built`, pages through
every result of an empty query and prints:
  pages        pages Hugo rendered with the single layout, and how many are hits
  urls         hits whose URL is a file in the output (must be all)
  dates        page hits with the date Hugo wrote
  chrome       hits for words only the layout's nav and footer hold (must be 0)
  redirects    hits for Hugo's alias pages (must be 0)
  others       list, section and taxonomy pages indexed (served pages, not content)

usage: check_built_mode.py --searchd BIN SET     (SET: a Hugo set: digitalgov, hackshackers,
       healthcareguys, cncf-glossary)            needs: apt-get install hugo
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse

from searchd_hits import all_hits

here = os.path.dirname(os.path.abspath(__file__))
shared = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(here))), "shared")
ap = argparse.ArgumentParser()
ap.add_argument("--searchd", required=True)
ap.add_argument("--shared", default=shared)
ap.add_argument("set")
a = ap.parse_args()

SINGLE = """<!doctype html><html lang="{{ .Language.Lang }}"><head><title>{{ .Title }} | {{ site.Title }}</title>
<meta property="og:title" content="{{ .Title }}">{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
{{ if not .Date.IsZero }}<meta property="article:published_time" content="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ end }}
</head><body data-kind="page"><header><nav>zqxnavonly</nav></header><main><h1>{{ .Title }}</h1>{{ .Content }}</main>
<footer>zqxfooteronly</footer><time>{{ if not .Date.IsZero }}{{ .Date.Format "2006-01-02" }}{{ end }}</time></body></html>
"""
LIST = """<!doctype html><html lang="{{ .Language.Lang }}"><head><title>{{ .Title }}</title></head>
<body data-kind="list"><header><nav>zqxnavonly</nav></header><main>{{ .Content }}
<ul>{{ range first 20 .Pages }}<li>{{ .Title }}</li>{{ end }}</ul></main><footer>zqxfooteronly</footer></body></html>
"""

print(f"{a.set}: assembling the tree Hugo can load (check_site_urls.py --keep) ...", file=sys.stderr)
prepared = subprocess.run([sys.executable, os.path.join(a.shared, "tools", "check_site_urls.py"), "--searchd",
                           a.searchd, "--keep", a.set], capture_output=True, text=True)
kept = re.search(r"scratch folder kept: (\S+)", prepared.stdout)
if not kept:
    sys.exit("check_site_urls.py did not keep its tree: " + (prepared.stdout + prepared.stderr)[-600:])
work = kept[1]
tree = os.path.join(work, "hugo")
layouts = os.path.join(tree, "layouts", "_default")
os.makedirs(layouts, exist_ok=True)
for name, text in (("single.html", SINGLE), ("list.html", LIST)):
    with open(os.path.join(layouts, name), "w") as f:
        f.write(text)
# Hugo's built-in embeds fetch from their services at build time; there is no network here.
shortcodes = os.path.join(tree, "layouts", "shortcodes")
os.makedirs(shortcodes, exist_ok=True)
# Nor is a site's own `highlight` (digital.gov passes it arguments Hugo's built-in refuses).
for name in ("tweet", "twitter", "twitter_simple", "instagram", "vimeo", "vimeo_simple", "youtube", "gist",
             "highlight"):
    if not os.path.exists(os.path.join(shortcodes, name + ".html")):
        with open(os.path.join(shortcodes, name + ".html"), "w") as f:
            f.write("{{ .Inner }}" if name == "highlight" else "")
out = os.path.join(work, "public")
started = time.monotonic()
build = subprocess.run(["hugo", "--quiet", "--source", tree, "--destination", out], capture_output=True, text=True)
if build.returncode != 0:
    sys.exit("hugo could not build the tree: " + build.stderr[-800:])
print(f"{a.set}: hugo built it in {time.monotonic() - started:.1f} s", file=sys.stderr)

pages, redirects, files = {}, set(), 0
for folder, _, names in os.walk(out):
    for name in names:
        if not name.endswith(".html"):
            continue
        files += 1
        path = os.path.join(folder, name)
        text = open(path, encoding="utf-8", errors="replace").read()
        url = "/" + os.path.relpath(path, out).replace(os.sep, "/")
        url = url[: -len("index.html")] if url.endswith("/index.html") or url == "/index.html" else url
        if 'http-equiv="refresh"' in text:
            redirects.add(url)
        elif 'data-kind="page"' in text:
            found = re.search(r"<time>([^<]*)</time>", text)
            pages[url] = found[1].strip() if found and found[1].strip() else None

index = os.path.join(work, "index-built")
started = time.monotonic()
reindex = subprocess.run([a.searchd, "reindex", "--built", out, "--index", index], capture_output=True, text=True)
if reindex.returncode != 0:
    sys.exit("searchd reindex --built failed: " + reindex.stderr[-600:])
reindex_seconds = time.monotonic() - started
hits, totals = all_hits(a.searchd, ["--built", out], index, ("zqxnavonly", "zqxfooteronly"))
chrome = sum(totals.values())

served = ok_date = dated = shown_redirects = others = 0
seen, misses = set(), {"not a file": [], "date": [], "missing": []}
for hit in hits:
    url = urllib.parse.unquote(urllib.parse.urlparse(hit["url"]).path)
    file = os.path.join(out, url.lstrip("/"))
    if url.endswith("/"):
        file = os.path.join(file, "index.html")
    if os.path.isfile(file):
        served += 1
    else:
        misses["not a file"].append(f"{hit['id']} → {hit['url']}")
    if url in redirects:
        shown_redirects += 1
    if url not in pages:
        others += 1
        continue
    seen.add(url)
    if pages[url]:
        dated += 1
        if hit.get("date") == pages[url]:
            ok_date += 1
        else:
            misses["date"].append(f"{url}: hugo {pages[url]} searchd {hit.get('date')}")
for url in sorted(set(pages) - seen)[:10]:
    misses["missing"].append(url)
n = len(pages)
print(f"{a.set}: hugo wrote {files} HTML files: {n} pages, {len(redirects)} redirects; "
      f"searchd --built indexed them in {reindex_seconds:.1f} s and returned {len(hits)} hits")
print(f"pages {len(seen)}/{n} = {len(seen) / max(n, 1):.3f}   urls {served}/{len(hits)} served files   "
      f"dates {ok_date}/{dated} = {ok_date / max(dated, 1):.3f}   chrome {chrome}   "
      f"redirects {shown_redirects}   others {others}")
for kind, items in misses.items():
    for miss in items[:10]:
        print(f"  {kind}: {miss}")
shutil.rmtree(work, ignore_errors=True)
