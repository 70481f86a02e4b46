"""Rebuild the parser's function words (collector/data/function_words.tsv.gz).

Reads the stop-word lists of the npm package ``stopwords-iso`` (MIT; ``npm pack
stopwords-iso@1.1.0`` gives the tarball; its unpacked ``stopwords-iso.json`` works too) and
keeps, per language, the words a song title holds and a performer's name rarely does:

- folded as the parser folds names (``artist_key``), one word each (multi-word entries
  and one-letter words are dropped);
- not English (the word model already knows English words) nor Vietnamese (its own cues,
  ``collector/parsing/vietnamese.py``), unless asked; nor a word of the English list that
  ``CHART_WORD_NAMES`` or more of the artist lexicon's names hold ("of", "de": the word
  model weighs those already), nor any word of the Vietnamese list ("nam" of the Czech
  list: a syllable of Vietnamese written without its marks);
- not common in the bundled artist lexicon's artist names: a word in at least
  ``MIN_ARTIST_NAMES`` artist names at a rate of at least ``ARTIST_SHARE`` times its rate
  in titles ("los", "del", "dan", "van") is dropped.

The output (``word<TAB>languages``, sorted, gzip mtime 0) is byte-stable.

    python bench/build_function_words.py SOURCE [--check]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tarfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bundled_file import check_or_write  # noqa: E402

from collector.parsing.artist_knowledge import parse_lexicon  # noqa: E402
from collector.parsing.normalise import artist_key  # noqa: E402

DATA = ROOT / "collector" / "data"
LEXICON = DATA / "artist_lexicon.tsv.gz"
OUT = DATA / "function_words.tsv.gz"
PACKAGE = "stopwords-iso"
EXCLUDED = ("en", "vi")
VIETNAMESE = frozenset({"vi"})
MIN_ARTIST_NAMES = 2
CHART_WORD_NAMES = 3
ARTIST_SHARE = 0.5


class SourceError(Exception):
    """The stop-word source cannot be read."""


def read_source(path: Path) -> tuple[str, dict[str, list[str]]]:
    """(version, language -> words) from the npm tarball or its JSON file."""
    try:
        if path.suffix == ".json":  # the unpacked package: its package.json beside it
            meta_path = path.parent / "package.json"
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
            return str(meta.get("version", "unknown")), _lists(
                json.loads(path.read_text(encoding="utf-8")))
        with tarfile.open(path, "r:gz") as tar:
            meta = json.load(_member(tar, "package/package.json"))
            if meta.get("name") != PACKAGE:
                raise SourceError(f"{path} is not the {PACKAGE} package")
            return str(meta.get("version")), _lists(
                json.load(_member(tar, "package/stopwords-iso.json")))
    except (OSError, tarfile.TarError, ValueError, UnicodeDecodeError) as exc:
        raise SourceError(f"cannot read {path}: {exc}") from exc


def _member(tar: tarfile.TarFile, name: str):  # noqa: ANN202 - a binary file object
    try:
        fh = tar.extractfile(name)
    except KeyError:
        fh = None
    if fh is None:
        raise SourceError(f"the tarball has no {name}")
    return fh


def _lists(data: object) -> dict[str, list[str]]:
    if not isinstance(data, dict) or not all(
            isinstance(v, list) for v in data.values()):
        raise SourceError("not a JSON object of word lists")
    return {str(k): [str(w) for w in v] for k, v in data.items()}


def select(lists: dict[str, list[str]], artists: dict[str, float], titles: dict[str, float],
           excluded: tuple[str, ...] = EXCLUDED) -> dict[str, list[str]]:
    """Folded word -> the languages listing it, filtered as the module doc says."""
    a_words = Counter(w for k in artists for w in set(k.split()))
    t_words = Counter(w for k in titles for w in set(k.split()))
    n_a, n_t = max(1, len(artists)), max(1, len(titles))
    # Words of the left-out lists that the lexicon's (English-chart) names use: the word
    # model weighs them already ("the", "of"); rarer ones ("sa") stay. Every Vietnamese
    # one goes: titles written without their marks are common, and there "nam", "bay" or
    # "ang" are Vietnamese syllables (often of names), not another language's words.
    left_out = {k for lang in excluded for w in lists.get(lang, ())
                if a_words[k := artist_key(w)] + t_words[k] >= CHART_WORD_NAMES
                or lang in VIETNAMESE}
    out: dict[str, set[str]] = {}
    for lang, words in lists.items():
        if lang in excluded:
            continue
        for word in words:
            key = artist_key(word)
            if len(key) < 2 or " " in key or key.isdigit() or key in left_out:
                continue
            if (a_words[key] >= MIN_ARTIST_NAMES
                    and a_words[key] / n_a >= ARTIST_SHARE * t_words[key] / n_t):
                continue  # common in performers' names
            out.setdefault(key, set()).add(lang)
    return {k: sorted(v) for k, v in out.items()}


def build(source: Path, excluded: tuple[str, ...] = EXCLUDED) -> bytes:
    version, lists = read_source(source)
    lines = gzip.decompress(LEXICON.read_bytes()).decode("utf-8").splitlines()
    artists, titles = parse_lexicon(lines)
    words = select(lists, artists, titles, excluded)
    header = (f"# word\tlanguages (from {PACKAGE} {version}, MIT; built by "
              "bench/build_function_words.py; see collector/data/PROVENANCE.md)\n")
    text = header + "".join(f"{w}\t{','.join(words[w])}\n" for w in sorted(words))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path,
                    help=f"the {PACKAGE} npm tarball (npm pack {PACKAGE}@1.1.0) or its JSON")
    ap.add_argument("--exclude", default=",".join(EXCLUDED),
                    help="languages left out, comma-separated (default: %(default)s)")
    ap.add_argument("--check", action="store_true",
                    help="only say whether the bundled file is what the source gives")
    args = ap.parse_args(argv)
    try:
        data = build(args.source, tuple(x for x in args.exclude.split(",") if x))
    except SourceError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    return check_or_write(OUT, data, "function words", ROOT, args.check)


if __name__ == "__main__":
    sys.exit(main())
