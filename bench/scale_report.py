#!/usr/bin/env python3
"""Turns the per-size figures of bench/scale_bench.sh into a dated Markdown report with
gnuplot plots on log axes, under bench/results/.

    python3 bench/scale_report.py RESULTS_DIR [--out bench/results] [--date YYYY-MM-DD]

RESULTS_DIR holds one folder per size (10000/, 100000/, ...) as scale_bench.sh writes them.
"""
import argparse
import datetime
import math
import os
import platform
import subprocess
import sys

KINDS = ["one word", "two words", "typo", "prefix", "top 10 only"]
ENGINES = ["libsearch", "plain Xapian"]


def rows(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else float("nan")


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as f:
        kib = int(f.readline().split()[1])
    return f"{os.cpu_count()} cores, {model}, {kib / 1048576:.0f} GiB, Linux {platform.release()}"


def load(results):
    sizes = {}
    for name in os.listdir(results):
        folder = os.path.join(results, name)
        if not name.isdigit() or not os.path.exists(os.path.join(folder, "queries.tsv")):
            continue
        n = int(name)
        size = {"reindex": {}, "queries": {}}
        for engine, name in (("libsearch", "reindex.tsv"), ("plain Xapian", "baseline.tsv")):
            for r in rows(os.path.join(folder, name)):
                if r[0] in ENGINES:  # the older layout: both engines in reindex.tsv
                    engine, r = r[0], r[1:]
                size["reindex"][engine] = {
                    "seconds": float(r[0]), "rss_mb": int(r[1]) / 1024,
                    "index_mb": int(r[2]) / 1024,
                    "compact_mb": int(r[3]) / 1024 if len(r) > 3 else None}
        inc = rows(os.path.join(folder, "incremental.tsv"))
        size["incremental"] = {"changed": int(inc[0][0]), "seconds": float(inc[0][1]),
                               "rss_mb": int(inc[0][2]) / 1024} if inc else None
        for r in rows(os.path.join(folder, "queries.tsv")):
            size["queries"][(r[0], r[1])] = {
                "p50": float(r[2]), "p50_min": float(r[3]), "p50_max": float(r[4]),
                "p95": float(r[5]), "p99": float(r[6]), "p99_min": float(r[7]),
                "p99_max": float(r[8]), "total": float(r[9])}
        http = [[float(v) for v in r] for r in rows(os.path.join(folder, "http.tsv"))]
        size["http"] = {"rps": [r[0] for r in http], "p50": [r[1] for r in http],
                        "p99": [r[2] for r in http]} if http else None
        rss = rows(os.path.join(folder, "searchd_rss.tsv"))
        size["searchd_rss_mb"] = int(rss[0][0]) / 1024 if rss else None
        with open(os.path.join(folder, "queries.md"), encoding="utf-8") as f:
            size["queries_md"] = f.read()
        sizes[n] = size
    return dict(sorted(sizes.items()))


def slope(points):
    """Least-squares exponent b of value = a * N^b over (N, value) points."""
    points = [(math.log(n), math.log(v)) for n, v in points if v and v > 0]
    if len(points) < 2:
        return float("nan")
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else float("nan")


def label(n):
    return f"{n // 1000000}M" if n >= 1000000 and n % 1000000 == 0 else f"{n // 1000}k"


def plots(sizes, out_dir, stem):
    """Three PNGs: indexing, in-process queries, HTTP. Returns their file names."""
    data = os.path.join(out_dir, stem + ".dat")
    with open(data, "w", encoding="utf-8") as f:
        f.write("# N ours_s base_s ours_rss base_rss ours_mb base_mb incr_s")
        for kind in KINDS:
            f.write(f" ours_p99_{kind.replace(' ', '_')} base_p99_{kind.replace(' ', '_')}")
        f.write(" http_rps http_p99 searchd_rss base_compact_mb\n")
        for n, s in sizes.items():
            ours, base = s["reindex"].get("libsearch", {}), s["reindex"].get("plain Xapian", {})
            values = [n, ours.get("seconds"), base.get("seconds"), ours.get("rss_mb"),
                      base.get("rss_mb"), ours.get("index_mb"), base.get("index_mb"),
                      s["incremental"]["seconds"] if s["incremental"] else None]
            for kind in KINDS:
                values += [s["queries"].get((kind, e), {}).get("p99") for e in ENGINES]
            http = s["http"]
            values += [median(http["rps"]) if http else None, median(http["p99"]) if http else None,
                       s["searchd_rss_mb"], base.get("compact_mb")]
            f.write(" ".join("NaN" if v is None else f"{v:g}" for v in values) + "\n")
    common = f"""
set terminal pngcairo size 1200,420 font "sans,10"
set logscale xy
set grid
set key top left
set xlabel "pages (N)"
set xtics ({", ".join(f'"{label(n)}" {n}' for n in sizes)})
set xrange [{min(sizes) / 1.6}:{max(sizes) * 1.6}]
set datafile missing "NaN"
"""
    names = [stem + "-indexing.png", stem + "-queries.png", stem + "-http.png"]
    script = common + f"""
set output "{os.path.join(out_dir, names[0])}"
set multiplot layout 1,3 title "Full reindex (libsearch: parallel build + merge; plain Xapian: one writer)"
set title "wall time (s)"
plot "{data}" using 1:2 with linespoints title "libsearch", "" using 1:3 with linespoints title "plain Xapian", "" using 1:8 with linespoints title "libsearch incremental 0.1%"
set title "peak RSS (MB)"
plot "{data}" using 1:4 with linespoints title "libsearch", "" using 1:5 with linespoints title "plain Xapian"
set title "index on disk (MB)"
plot "{data}" using 1:6 with linespoints title "libsearch", "" using 1:7 with linespoints title "plain Xapian", "" using 1:{9 + 2 * len(KINDS) + 3} with linespoints title "plain Xapian, compacted"
unset multiplot
set output "{os.path.join(out_dir, names[1])}"
set terminal pngcairo size 1900,420 font "sans,10"
set multiplot layout 1,{len(KINDS)} title "In-process p99 (ms): all facets counted and one facet filter; top 10 only: neither"
"""
    for i, kind in enumerate(KINDS):
        script += (f'set title "{kind}"\nplot "{data}" using 1:{9 + 2 * i} with linespoints title "libsearch", '
                   f'"" using 1:{10 + 2 * i} with linespoints title "plain Xapian"\n')
    http = 9 + 2 * len(KINDS)
    script += f"""unset multiplot
set terminal pngcairo size 1200,420 font "sans,10"
set output "{os.path.join(out_dir, names[2])}"
set multiplot layout 1,3 title "searchd over HTTP: wrk, 64 connections, the four search-box query kinds"
set title "requests/s"
plot "{data}" using 1:{http} with linespoints title "searchd"
set title "p99 (ms)"
plot "{data}" using 1:{http + 1} with linespoints title "searchd"
set title "searchd peak RSS (MB)"
plot "{data}" using 1:{http + 2} with linespoints title "searchd"
unset multiplot
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    os.remove(data)
    return names


def fmt(v, digits=1):
    return "–" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:,.{digits}f}"


def report(sizes, results, out_dir, date):
    stem = f"{date}-scale"
    images = plots(sizes, out_dir, stem)
    lines = [f"# Scale: synthetic pages, {label(min(sizes))} to {label(max(sizes))}, "
             "libsearch beside plain Xapian", "",
             f"Machine: {machine()}; release build. Pages from `tools/gen-pages --seed 1` "
             "(learnt from ../shared/corpus). Produced by `bench/scale_bench.sh` and "
             "`bench/scale_report.py`; the baseline is `bench/xapian_baseline_index` "
             "(TermGenerator, spelling data, one writer, 1,000 pages per commit).", ""]
    notes = os.path.join(results, "NOTES.md")  # what the figures need said about this run
    if os.path.exists(notes):
        with open(notes, encoding="utf-8") as f:
            lines += [f.read().strip(), ""]
    lines += [f"![indexing]({images[0]})", "", f"![queries]({images[1]})", "",
              f"![http]({images[2]})", ""]
    lines += ["## Full reindex", "",
              "| pages | libsearch s | pages/s | peak RSS MB | index MB | plain Xapian s | pages/s | "
              "peak RSS MB | index MB (compacted) | time ratio | index ratio (vs compacted) |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, s in sizes.items():
        o, b = s["reindex"]["libsearch"], s["reindex"].get("plain Xapian")
        if not b:
            continue
        lines.append(
            f"| {n:,} | {fmt(o['seconds'])} | {fmt(n / o['seconds'], 0)} | {fmt(o['rss_mb'], 0)} | "
            f"{fmt(o['index_mb'], 0)} | {fmt(b['seconds'])} | {fmt(n / b['seconds'], 0)} | "
            f"{fmt(b['rss_mb'], 0)} | {fmt(b['index_mb'], 0)} ({fmt(b['compact_mb'], 0)}) | "
            f"{o['seconds'] / b['seconds']:.2f}× | {o['index_mb'] / b['index_mb']:.2f}× "
            f"({o['index_mb'] / b['compact_mb']:.2f}×) |")
    lines += ["", "One run per size (a full reindex of 1M pages takes a quarter of an hour and "
              "more); time ratio < 1 means libsearch is faster.", "",
              "## Incremental reindex (0.1% of the pages changed)", "",
              "| pages | changed | seconds | peak RSS MB |", "|---:|---:|---:|---:|"]
    for n, s in sizes.items():
        i = s["incremental"]
        if i:
            lines.append(f"| {n:,} | {i['changed']:,} | {fmt(i['seconds'], 2)} | {fmt(i['rss_mb'], 0)} |")
    lines += ["", "## In-process query latency", "",
              "p99 in ms, median of the timed passes; ratio = libsearch / plain Xapian "
              "(< 1: libsearch is faster; libsearch also completes the last word, corrects typos "
              "and counts multi-valued facets exactly). \"top 10 only\" is the one-word queries "
              "without facets or filter, where both engines may stop early with an estimated "
              "total: the cost of top-10 retrieval alone.", "",
              "| pages | " + " | ".join(f"{k} (ratio)" for k in KINDS) + " |",
              "|---:|" + "---:|" * len(KINDS)]
    for n, s in sizes.items():
        cells = []
        for kind in KINDS:
            o, b = s["queries"].get((kind, "libsearch")), s["queries"].get((kind, "plain Xapian"))
            cells.append(f"{fmt(o['p99'], 2)} ({o['p99'] / b['p99']:.2f}×)" if o and b else "–")
        lines.append(f"| {n:,} | " + " | ".join(cells) + " |")
    lines += ["", "Growth exponent b in latency ∝ N^b (least squares over the sizes; 1 = linear):", "",
              "| engine | " + " | ".join(f"{k} p50 / p99" for k in KINDS) + " |",
              "|---|" + "---:|" * len(KINDS)]
    for engine in ENGINES:
        cells = []
        for kind in KINDS:
            p50 = slope([(n, s["queries"].get((kind, engine), {}).get("p50")) for n, s in sizes.items()])
            p99 = slope([(n, s["queries"].get((kind, engine), {}).get("p99")) for n, s in sizes.items()])
            cells.append(f"{p50:.2f} / {p99:.2f}")
        lines.append(f"| {engine} | " + " | ".join(cells) + " |")
    lines += ["", "## HTTP (wrk, 64 connections)", "",
              "searchd with one I/O thread on CPU 0, wrk on CPU 1, the four kinds' queries in "
              "rotation; median (min–max) of the timed 10 s runs after a warm-up run.", "",
              "| pages | requests/s | p50 ms | p99 ms | searchd peak RSS MB |", "|---:|---:|---:|---:|---:|"]
    for n, s in sizes.items():
        h = s["http"]
        if h:
            lines.append(f"| {n:,} | {fmt(median(h['rps']), 0)} ({fmt(min(h['rps']), 0)}–{fmt(max(h['rps']), 0)}) | "
                         f"{fmt(median(h['p50']), 2)} | {fmt(median(h['p99']), 1)} "
                         f"({fmt(min(h['p99']), 1)}–{fmt(max(h['p99']), 1)}) | {fmt(s['searchd_rss_mb'], 0)} |")
    lines += ["", "## Query detail by size", ""]
    for n, s in sizes.items():
        lines += [f"### {n:,} pages", "", s["queries_md"].strip(), ""]
    path = os.path.join(out_dir, stem + ".md")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("results")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "results"))
    parser.add_argument("--date", default=datetime.date.today().isoformat())
    args = parser.parse_args()
    sizes = load(args.results)
    if not sizes:
        sys.exit(f"scale_report: no sizes measured under {args.results}")
    path = report(sizes, args.results, args.out, args.date)
    print(f"scale_report: {len(sizes)} sizes → {path}")


if __name__ == "__main__":
    main()
