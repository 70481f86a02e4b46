"""Rebuild the parser's artist lexicon (collector/data/artist_lexicon.tsv.gz).

Main source: the Billboard chart archive of github.com/utdata/rwd-billboard-data (MIT licence):
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

Further sources widen it beyond the US charts; each has its own evidence measure, turned
into chart-week equivalents (``weeks_per_unit``), and none contradicts what the sources
before it say (see :func:`merge`):

- ``--eurovision``: github.com/mucbib/Eurovision-Data (MIT licence), every Eurovision Song
  Contest entry 1956 on (`data/totaldata_1956-YYYY.csv`, the newest): one contest entry of
  an artist with a song is one unit.
- ``--classic-rock``: github.com/fivethirtyeight/data (CC BY 4.0), the songs US
  classic-rock radio stations played while FiveThirtyEight collected their playlists in
  2014 (`classic-rock/classic-rock-song-list.csv`, with each song's plays): one play is
  one unit; it brings older songs the Hot 100 part above (1997 on) lacks.
- ``--kpopnet``: github.com/kpopnet/kpopnet.json (CC0), K-pop groups and solo idols
  (`kpopnet.json`), romanised and Hangul names: one listed act is one unit (no titles).
  Not in the bundled lexicon (see collector/data/PROVENANCE.md).

    git clone https://github.com/utdata/rwd-billboard-data SRC   # or any clone or mirror
    python bench/build_artist_lexicon.py SRC [--commit REV] [--min-weeks N] \
        [--eurovision CLONE [--eurovision-commit REV]] \
        [--classic-rock CLONE [--classic-rock-commit REV]] [--kpopnet CLONE [--kpopnet-commit REV]]

Reads the files with `git` (a bare mirror works), so the checkout's work tree is not needed.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import itertools
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from collector.parsing.normalise import artist_key, fold  # noqa: E402
from collector.parsing.word_model import train as train_words  # noqa: E402

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
_EUROVISION_FILE = re.compile(r"^data/totaldata_1956-(\d{4})\.csv$")
_KPOPNET_FILE = "kpopnet.json"
_CLASSIC_ROCK_FILE = "classic-rock/classic-rock-song-list.csv"


@dataclass(frozen=True)
class ExtraSource:
    """A source beyond Billboard: what one unit of its evidence is worth in chart weeks."""

    name: str
    weeks_per_unit: float


# A Eurovision entry is a national final won and a night before a continent: about as much
# as a short chart run. Below KNOWN_ARTIST_MIN's 6.4 weeks alone, so one entry tips an
# unsure reading but does not make it confident.
EUROVISION = ExtraSource("eurovision", weeks_per_unit=4.0)
# Classic-rock radio: a song's plays across the stations FiveThirtyEight followed. A tenth
# of a chart week each: a staple played some 80 times counts as 8 weeks (a known title or
# artist), a song played under 10 times not at all (under --min-weeks).
CLASSIC_ROCK = ExtraSource("classic-rock", weeks_per_unit=0.1)
# A K-pop act that kpopnet lists (debuted, with an agency): one unit, as one entry above.
KPOPNET = ExtraSource("kpopnet", weeks_per_unit=4.0)


def _git(src: str, *args: str) -> bytes:
    return subprocess.run(["git", "-C", src, *args], check=True, capture_output=True).stdout


def read_rows(src: str, commit: str):
    """(chart, title, artist) of every chart row in the source's files at ``commit``."""
    names = [n for n in _git_files(src, commit) if _FILES.match(n)]
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


def build(rows: Iterable[tuple[str, str, str]], weights: Iterable[float] | None = None,
          ) -> tuple[Counter[str], Counter[str]]:
    """(artists, titles) from (chart, title, artist) rows, each one unit (a chart week), or
    ``weights`` units each when given (one weight per row)."""
    artists: Counter[str] = Counter()
    titles: Counter[str] = Counter()
    for (chart, title, artist), w in zip(rows, weights or itertools.repeat(1.0), strict=False):
        key = artist_key(artist)
        if key in NOT_ARTISTS:
            continue
        if key:
            artists[key] += w
        parts = [p for p in _JOINERS.split(artist) if p and p.strip()]
        if len(parts) > 1:
            for p in parts:
                pk = artist_key(p)
                if pk and pk != key and pk not in NOT_ARTISTS:
                    artists[pk] += PART_WEIGHT * w
        tk = fold(title)
        if chart == "album" and artist_key(title) == key:
            continue  # a self-titled album ("Metallica"): says nothing of the name as a title
        if tk:
            titles[tk] += (ALBUM_TITLE_WEIGHT if chart == "album" else 1.0) * w
    return artists, titles


def _show(src: str, commit: str, path: str) -> str:
    try:
        return _git(src, "show", f"{commit}:{path}").decode("utf-8")
    except subprocess.CalledProcessError:
        raise SystemExit(f"error: no {path} in {src} at {commit}") from None


def _git_files(src: str, commit: str) -> list[str]:
    return _git(src, "ls-tree", "-r", "--name-only", commit).decode().splitlines()


def read_eurovision(src: str, commit: str) -> Iterator[tuple[str, str, str]]:
    """("song", title, artist) of every contest entry, from the newest `totaldata` file."""
    files = sorted((int(m.group(1)), n) for n in _git_files(src, commit)
                   if (m := _EUROVISION_FILE.match(n)))
    if not files:
        raise SystemExit(f"error: no data/totaldata_1956-YYYY.csv in {src} at {commit}")
    blob = _show(src, commit, files[-1][1])
    for row in csv.DictReader(io.StringIO(blob)):
        title, artist = (row.get("Song") or "").strip(), (row.get("Artist") or "").strip()
        if title and artist:
            yield "song", title, artist


def read_classic_rock(src: str, commit: str) -> tuple[list[tuple[str, str, str]], list[float]]:
    """("song", title, artist) rows of the classic-rock song list, and each song's plays."""
    blob = _show(src, commit, _CLASSIC_ROCK_FILE)
    rows, plays = [], []
    for row in csv.DictReader(io.StringIO(blob)):
        title = (row.get("Song Clean") or "").strip()
        artist = (row.get("ARTIST CLEAN") or "").strip()
        n = float(row.get("PlayCount") or 0)
        if title and artist and n > 0:
            rows.append(("song", title, artist))
            plays.append(n)
    return rows, plays


def kpopnet_names(data: dict) -> Iterator[str]:
    """Each group's and each solo idol's names (romanised, original, aliases): K-pop acts.
    Idols who are only members of a group are left out: a member's given name ("Jimin",
    "Maya") rarely stands alone in a title and is often a word or a title too."""
    acts = [*data.get("groups", []), *(i for i in data.get("idols", []) if not i.get("groups"))]
    for act in acts:
        names = {act.get("name") or "", act.get("name_original") or ""}
        names.update((act.get("name_alias") or "").split(","))
        yield from sorted(n.strip() for n in names if n and n.strip())


def read_kpopnet(src: str, commit: str) -> Counter[str]:
    """artist_key -> number of listed acts of that name, from kpopnet.json."""
    data = json.loads(_show(src, commit, _KPOPNET_FILE))
    artists: Counter[str] = Counter()
    for name in kpopnet_names(data):
        key = artist_key(name)
        if key and key not in NOT_ARTISTS:
            artists[key] += 1.0
    return artists


def _title_keys(key: str) -> tuple[str, str]:
    return key, "the " + key  # an artist key drops a leading "the"; a title key keeps it


def merge(artists: Counter[str], titles: Counter[str], extra_artists: Counter[str],
          extra_titles: Counter[str], source: ExtraSource) -> tuple[int, int]:
    """Add a further source's names, in chart weeks (its units x ``weeks_per_unit``), to
    the lexicon in place. A further source never contradicts the sources before it: a name
    they know as a title gains no weight as an artist from it, nor a one-word name whose
    word their names use more in titles than in artist names ("Ladies", "Boulevard"), and
    a name they know as an artist gains none as a title; so it fills gaps and backs up
    agreements but never outweighs a name's use as a title. Returns the numbers of artist
    and title keys it added to."""
    known_titles = set(titles)
    known_artists = set(artists)
    title_words = {w for w, x in train_words(artists, titles).words.items() if x < 0}
    n_a = n_t = 0
    for key, units in sorted(extra_artists.items()):
        if any(k in known_titles for k in _title_keys(key)) or key in title_words:
            continue
        artists[key] += units * source.weeks_per_unit
        n_a += 1
    for key, units in sorted(extra_titles.items()):
        if artist_key(key) in known_artists:
            continue
        titles[key] += units * source.weeks_per_unit
        n_t += 1
    return n_a, n_t


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


def _rev(src: str, rev: str) -> str:
    try:
        return _git(src, "rev-parse", "--verify", f"{rev}^{{commit}}").decode().strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        raise SystemExit(f"error: {src} is not a git clone with a commit {rev}") from None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", help="a clone (or bare mirror) of utdata/rwd-billboard-data")
    ap.add_argument("--commit", default="HEAD", help="revision of the Billboard source")
    ap.add_argument("--eurovision", help="a clone (or bare mirror) of mucbib/Eurovision-Data")
    ap.add_argument("--eurovision-commit", default="HEAD")
    ap.add_argument("--classic-rock", help="a clone (or bare mirror) of fivethirtyeight/data")
    ap.add_argument("--classic-rock-commit", default="HEAD")
    ap.add_argument("--kpopnet", help="a clone (or bare mirror) of kpopnet/kpopnet.json")
    ap.add_argument("--kpopnet-commit", default="HEAD")
    ap.add_argument("--min-weeks", type=float, default=1.0)
    ap.add_argument("--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    commit = _rev(args.source, args.commit)
    artists, titles = build(read_rows(args.source, commit))
    print(f"billboard commit {commit}: artists {len(artists)}, titles {len(titles)}")
    if args.eurovision:
        rev = _rev(args.eurovision, args.eurovision_commit)
        e_artists, e_titles = build(read_eurovision(args.eurovision, rev))
        n_a, n_t = merge(artists, titles, e_artists, e_titles, EUROVISION)
        print(f"eurovision commit {rev}: artists {n_a} of {len(e_artists)}, "
              f"titles {n_t} of {len(e_titles)}")
    if args.classic_rock:
        rev = _rev(args.classic_rock, args.classic_rock_commit)
        c_artists, c_titles = build(*read_classic_rock(args.classic_rock, rev))
        n_a, n_t = merge(artists, titles, c_artists, c_titles, CLASSIC_ROCK)
        print(f"classic-rock commit {rev}: artists {n_a} of {len(c_artists)}, "
              f"titles {n_t} of {len(c_titles)}")
    if args.kpopnet:
        rev = _rev(args.kpopnet, args.kpopnet_commit)
        k_artists = read_kpopnet(args.kpopnet, rev)
        n_a, _ = merge(artists, titles, k_artists, Counter(), KPOPNET)
        print(f"kpopnet commit {rev}: artists {n_a} of {len(k_artists)}")
    write(artists, titles, args.min_weeks, args.output)
    n_a = sum(1 for w in artists.values() if w >= args.min_weeks)
    n_t = sum(1 for w in titles.values() if w >= args.min_weeks)
    print(f"artists {n_a}, titles {n_t}, {args.output.stat().st_size:,} bytes -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
