#!/usr/bin/env python3
"""Known-item MRR@10 per language on the multilingual sets, as visitors reading in their own
language search them (issue #16's goal: every language with at least 50 queries within 0.03
of English).

Each query of ../shared/corpus/queries/<set>.known.tsv (query, expected_path, lang) is asked
three ways over HTTP, against one searchd per set:
  unknown   no language said (a mixed site's default: each language's pages by their stems)
  browser   Accept-Language: <lang>, as the visitor's browser sends it
  filtered  language=<lang>, as the search page does by default for a visitor's language

    bench/language_relevance.py [--searchd BIN] [--baseline BIN] [--report FILE] [SET ...]

With --baseline, the same queries run against that build too (its own index), and the
table shows both side by side. Prints progress on a TTY and one summary line per set.
"""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

from searchd_run import CORPUS, DEFAULT_SEARCHD, serve, set_config, set_folder

SETS = ["ruby-lang", "cncf-glossary", "mdn-archived"]
MODES = ["unknown", "browser", "filtered"]
MIN_QUERIES = 50  # languages with fewer are reported, not held to the goal
GOAL_MARGIN = 0.03


STEMMED_FORMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stemmed_forms.tsv")


def read_queries(name, path=None):
    """(query, id, lang) of a query set: the set's known-item queries, or those of `path`
    (a TSV of the same columns) that are about this set."""
    path = path or os.path.join(CORPUS, "queries", name + ".known.tsv")
    with open(path, encoding="utf-8") as f:
        header, *rows = f.read().splitlines()
    columns = header.split("\t")
    at = {column: i for i, column in enumerate(columns)}
    queries = []
    for row in rows:
        fields = row.split("\t")
        if len(fields) < len(columns):
            continue
        set_name, page = fields[at["expected_path"]].split("/", 1)
        if set_name == name:
            queries.append((fields[at["query"]], page, fields[at["lang"]]))
    return queries


def rank_of(port, query, expected, language, mode):
    params = [("q", query), ("per_page", "10"), ("facets", "")]
    headers = {}
    if mode == "browser":
        headers["Accept-Language"] = language
    elif mode == "filtered":
        params.append(("language", language.lower()))
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/search?{urllib.parse.urlencode(params)}", headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        hits = json.load(response)["hits"]
    for rank, hit in enumerate(hits, 1):
        if hit["id"] == expected:
            return rank
    return None


def measure(binary, name, work, query_sets):
    """{query set: {mode: {lang: [reciprocal ranks]}}} for one build on one set."""
    os.makedirs(work, exist_ok=True)
    config = set_config(name, work)
    subprocess.run([binary, "reindex", "--config", config], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    process, port = serve(binary, config)
    measured = {}
    try:
        for label, path in query_sets:
            ranks = measured[label] = {mode: collections.defaultdict(list) for mode in MODES}
            queries = read_queries(name, path)
            for i, (query, expected, language) in enumerate(queries, 1):
                for mode in MODES:
                    rank = rank_of(port, query, expected, language, mode)
                    ranks[mode][language].append(1 / rank if rank else 0.0)
                if sys.stdout.isatty() and i % 25 == 0:
                    print(f"\r{name} {label}: {i}/{len(queries)} queries", end="", flush=True)
    finally:
        process.terminate()
        process.wait()
    if sys.stdout.isatty():
        print("\r", end="")
    return measured


def mrr(values):
    return sum(values) / len(values) if values else 0.0


def english_of(languages):
    return next((l for l in languages if l.lower() in ("en", "en-us")), None)


def table(title, ranks, baseline, english=None):
    languages = sorted(ranks["unknown"], key=lambda l: (-len(ranks["unknown"][l]), l))
    english = english or english_of(languages)
    lines = [f"### {title}", ""]
    head = "| lang | queries | " + " | ".join(MODES)
    rule = "|---|---:|" + "---:|" * len(MODES)
    if baseline:
        head += " | " + " | ".join(f"baseline {m}" for m in MODES)
        rule += "---:|" * len(MODES)
    lines += [head + " | goal |", rule + "---|"]
    misses = []
    for language in languages:
        count = len(ranks["unknown"][language])
        row = [language, str(count)] + [f"{mrr(ranks[m][language]):.3f}" for m in MODES]
        if baseline:
            row += [f"{mrr(baseline[m][language]):.3f}" for m in MODES]
        goal = ""
        if english and language != english and count >= MIN_QUERIES:
            worst = min(mrr(ranks[m][language]) - mrr(ranks[m][english]) for m in MODES)
            goal = "met" if worst >= -GOAL_MARGIN else f"**missed** ({worst:+.3f})"
            if worst < -GOAL_MARGIN:
                misses.append(language)
        lines.append("| " + " | ".join(row) + f" | {goal} |")
    return "\n".join(lines) + "\n", misses


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--searchd", default=DEFAULT_SEARCHD)
    parser.add_argument("--baseline", help="another searchd build to measure side by side")
    parser.add_argument("--report", help="write the tables to this Markdown file")
    parser.add_argument("sets", nargs="*", default=SETS)
    args = parser.parse_args()
    sections = []
    query_sets = [("known-item", None), ("stemmed forms", STEMMED_FORMS)]
    stemmed = {"this": {m: collections.defaultdict(list) for m in MODES},
               "baseline": {m: collections.defaultdict(list) for m in MODES}}
    for name in args.sets:
        if not set_folder(name):
            continue
        work = tempfile.mkdtemp(prefix=f"language-relevance-{name}-")
        try:
            ranks = measure(args.searchd, name, os.path.join(work, "this"), query_sets)
            baseline = None
            if args.baseline:
                baseline = measure(args.baseline, name, os.path.join(work, "baseline"), query_sets)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        known = ranks["known-item"]
        section, misses = table(name, known, baseline and baseline["known-item"])
        sections.append(section)
        print(section)
        everything = [r for values in known["unknown"].values() for r in values]
        print(f"{name}: {len(everything)} queries, MRR@10 {mrr(everything):.3f} (no language); "
              f"goal {'missed for ' + ', '.join(misses) if misses else 'met'}")
        for which, measured in (("this", ranks), ("baseline", baseline)):
            for mode in MODES if measured else ():
                for language, values in measured["stemmed forms"][mode].items():
                    stemmed[which][mode][language] += values
    if any(stemmed["this"]["unknown"].values()):
        section, _ = table("stemmed forms (bench/stemmed_forms.tsv)", stemmed["this"],
                           stemmed["baseline"] if args.baseline else None, english="-")
        sections.append(section)
        print(section)
        found = [r > 0 for values in stemmed["this"]["unknown"].values() for r in values]
        print(f"stemmed forms: {sum(found)} of {len(found)} found in the top 10 (no language)")
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            f.write("# Known-item MRR@10 per language\n\n"
                    f"`bench/language_relevance.py {' '.join(args.sets)}`\n\n" + "\n".join(sections))


if __name__ == "__main__":
    main()
