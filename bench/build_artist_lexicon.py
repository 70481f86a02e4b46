"""Rebuild the parser's artist lexicon (collector/data/artist_lexicon.tsv.gz).

Source: the Billboard chart archive of github.com/utdata/rwd-billboard-data (MIT licence):
the Billboard 200 album charts 1967-2020 (`data-process/billboard200/*.csv`, title and
artist), the Hot 100 1997-2021 (`data-download/py-hot100/*.csv`) and the weekly Hot 100
and Billboard 200 scrapes from 2022 on (`data-scraped/**`). Each chart row is one week of
one title by one credit; a name's weight is its number of chart weeks. A self-titled
album ("Metallica" by Metallica) is not counted as a title: the name is the artist's.

The lexicon holds two lists of ``artist_key``-folded names with their weights: artists
(whole credits, and the names a credit joins with "featuring"/"with"/"x"/"&", counted at a
third) and titles (Hot 100 song titles and Billboard 200 album titles). The parser weighs
a side's evidence as an artist against its evidence as a title, so an artist whose name is
also a well-known song ("Queen", "Journey", "Heart") does not decide orientation alone.

    git clone https://github.com/utdata/rwd-billboard-data SRC   # or any clone or mirror
    python bench/build_artist_lexicon.py SRC [--commit REV] [--min-weeks N]

Reads the files with `git` (a bare mirror works), so the checkout's work tree is not needed.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from collector.parsing.normalise import artist_key, fold  # noqa: E402

OUT = ROOT / "collector" / "data" / "artist_lexicon.tsv.gz"
_FILES = re.compile(
    r"^(?:data-process/billboard200/.*\.csv|data-download/py-hot100/.*\.csv|"
    r"data-scraped/(?:hot-100|billboard-200)/.*\.csv)$"
)
_JOINERS = re.compile(
    r"\s+(?:featuring|feat\.?|ft\.?|with|x|&|and|duet with|vs\.?|/)\s+|\s*,\s+", re.IGNORECASE)
PART_WEIGHT = 1 / 3
# Chart credits that are not performers.
NOT_ARTISTS = frozenset({"soundtrack", "various artists", "original cast", "original soundtrack",
                         "various", "cast"})
ALBUM_TITLE_WEIGHT = 1 / 2


def _git(src: str, *args: str) -> bytes:
    return subprocess.run(["git", "-C", src, *args], check=True, capture_output=True).stdout


def read_rows(src: str, commit: str):
    """(chart, title, artist) of every chart row in the source's files at ``commit``."""
    names = [n for n in _git(src, "ls-tree", "-r", "--name-only", commit).decode().splitlines()
             if _FILES.match(n)]
    for name in sorted(names):
        try:
            blob = _git(src, "show", f"{commit}:{name}").decode("utf-8", "replace")
        except subprocess.CalledProcessError:  # a large file a partial mirror lacks
            print(f"skipped (not readable): {name}", file=sys.stderr)
            continue
        chart = "album" if "billboard" in name and "200" in name else "song"
        for row in csv.DictReader(io.StringIO(blob)):
            title = row.get("title") or ""
            artist = row.get("artist") or row.get("performer") or ""
            if title and artist:
                yield chart, title, artist


def build(rows) -> tuple[Counter[str], Counter[str]]:
    artists: Counter[str] = Counter()
    titles: Counter[str] = Counter()
    for chart, title, artist in rows:
        key = artist_key(artist)
        if key in NOT_ARTISTS:
            continue
        if key:
            artists[key] += 1.0
        parts = [p for p in _JOINERS.split(artist) if p and p.strip()]
        if len(parts) > 1:
            for p in parts:
                pk = artist_key(p)
                if pk and pk != key and pk not in NOT_ARTISTS:
                    artists[pk] += PART_WEIGHT
        tk = fold(title)
        if chart == "album" and artist_key(title) == key:
            continue  # a self-titled album ("Metallica"): says nothing of the name as a title
        if tk:
            titles[tk] += ALBUM_TITLE_WEIGHT if chart == "album" else 1.0
    return artists, titles


def write(artists: Counter[str], titles: Counter[str], min_weeks: float, out: Path) -> None:
    lines = ["# kind\tkey\tweeks (artist_key-folded names; see collector/data/PROVENANCE.md)"]
    for kind, counter in (("a", artists), ("t", titles)):
        for key, weeks in sorted(counter.items()):
            if weeks >= min_weeks and "\t" not in key:
                lines.append(f"{kind}\t{key}\t{max(1, round(weeks))}")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same source gives the same bytes.
    with open(out, "wb") as fh, gzip.GzipFile(filename="", fileobj=fh, mode="wb", mtime=0) as gz:
        gz.write(data)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", help="a clone (or bare mirror) of utdata/rwd-billboard-data")
    ap.add_argument("--commit", default="HEAD")
    ap.add_argument("--min-weeks", type=float, default=1.0)
    ap.add_argument("--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    commit = _git(args.source, "rev-parse", args.commit).decode().strip()
    artists, titles = build(read_rows(args.source, commit))
    write(artists, titles, args.min_weeks, args.output)
    n_a = sum(1 for w in artists.values() if w >= args.min_weeks)
    n_t = sum(1 for w in titles.values() if w >= args.min_weeks)
    print(f"source commit {commit}")
    print(f"artists {n_a}, titles {n_t}, {args.output.stat().st_size:,} bytes -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
