#!/usr/bin/env python3
"""Writes bench/stemmed_forms.tsv: known-item queries in fr, de, es, it, pt and ru where one
word of the page's title is replaced by another form of it that the page does not hold
(`ajoutées` for a page that says `ajouté`), built from the shared multilingual sets.

"Another form" is found without any stemmer (so that the set does not test Snowball against
itself): two words of the same language's pages that share a beginning of at least 5 letters
and differ only by endings that language inflects with (the lists below, from its grammar).
The replacement must occur on some other page of the set, so it is a word people write.

    bench/make_stemmed_forms.py [--per-language N] > bench/stemmed_forms.tsv

Deterministic: pages and words are taken in sorted order.
"""
import argparse
import collections
import os
import re
import sys
import unicodedata

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus")

# Inflectional endings (nouns, adjectives, verbs), longest first when matched.
ENDINGS = {
    "fr": ["", "e", "s", "es", "é", "ée", "és", "ées", "er", "ez", "ent", "ons", "ant", "ait",
           "aient", "era", "eront", "ation", "ations", "al", "aux", "ale", "ales"],
    "de": ["", "e", "en", "er", "es", "n", "s", "t", "te", "ten", "tes", "ung", "ungen", "st",
           "em", "ern"],
    "es": ["", "o", "a", "os", "as", "es", "s", "ar", "er", "ir", "ado", "ada", "ados", "adas",
           "ando", "ción", "ciones", "mente", "ía", "ían"],
    "it": ["", "o", "a", "i", "e", "are", "ere", "ire", "ato", "ata", "ati", "ate", "zione",
           "zioni", "ando", "mente"],
    "pt": ["", "o", "a", "os", "as", "es", "s", "ar", "er", "ir", "ado", "ada", "ados", "adas",
           "ção", "ções", "ando", "mente"],
    "ru": ["", "а", "я", "ы", "и", "у", "ю", "е", "о", "ой", "ей", "ом", "ем", "ов", "ев", "ам",
           "ям", "ах", "ях", "ый", "ий", "ая", "ое", "ые", "ие", "ого", "ых", "их", "ть", "ет",
           "ют", "ут"],
}
MIN_STEM = 5
WORD = re.compile(r"\w+", re.UNICODE)


def pages(set_name):
    """(id, lang, title, text) of the pages of one set in the languages above."""
    root = os.path.join(CORPUS, set_name)
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith((".md", ".html")):
                continue
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root)
            parts = relative.split(os.sep)
            lang = next((p.split("-")[0] for p in parts[:3] if p.split("-")[0] in ENDINGS
                         and len(p) <= 5), None)
            if lang is None:
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            match = re.search(r"^title:\s*[\"']?(.+?)[\"']?\s*$", text, re.M)
            if not match:
                continue
            yield relative.replace(os.sep, "/"), lang, match.group(1), text


def words(text):
    return [w for w in WORD.findall(text.lower()) if not w.isdigit()]


def split(word, lang):
    """(beginning, ending) pairs the word may be: every listed ending it has."""
    for ending in ENDINGS[lang]:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            yield word[: len(word) - len(ending)], ending


def folded(word):
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-language", type=int, default=17)
    parser.add_argument("--sets", nargs="*", default=["ruby-lang", "cncf-glossary", "mdn-archived"])
    args = parser.parse_args()
    all_pages = [(s, *page) for s in args.sets if os.path.isdir(os.path.join(CORPUS, s))
                 for page in pages(s)]
    # Each language's vocabulary: word → pages holding it; and beginning → words.
    holders = collections.defaultdict(lambda: collections.defaultdict(set))
    for set_name, page_id, lang, title, text in all_pages:
        for word in set(words(text)):
            holders[lang][word].add((set_name, page_id))
    forms = collections.defaultdict(lambda: collections.defaultdict(set))
    for lang, vocabulary in holders.items():
        for word in vocabulary:
            for beginning, _ in split(word, lang):
                forms[lang][beginning].add(word)
    # A title several pages share is no known item.
    titles = collections.Counter((s, lang, title.lower()) for s, _, lang, title, _ in all_pages)
    print("query\texpected_path\tlang\ttitle_word\tform")
    taken = collections.Counter()
    for set_name, page_id, lang, title, text in all_pages:
        if taken[lang] >= args.per_language or titles[(set_name, lang, title.lower())] > 1:
            continue
        on_page = set(words(text))
        title_words = words(title)
        if len(title_words) < 2:
            continue
        for i, word in enumerate(title_words):
            others = sorted(
                form for beginning, _ in split(word, lang) for form in forms[lang][beginning]
                if form not in on_page and folded(form) != folded(word)
                and any(holder != (set_name, page_id) for holder in holders[lang][form]))
            if not others:
                continue
            query = " ".join(title_words[:i] + [others[0]] + title_words[i + 1:])
            print(f"{query}\t{set_name}/{page_id}\t{lang}\t{word}\t{others[0]}")
            taken[lang] += 1
            break
    print(f"make_stemmed_forms: {sum(taken.values())} queries "
          + ", ".join(f"{l} {n}" for l, n in sorted(taken.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
