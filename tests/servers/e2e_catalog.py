"""A large channel built from real karaoke titles, and catalogs that know its songs.

Titles are the real Stingray Karaoke titles of tests/data/titles (numbered variants of
the song name make N distinct videos, as in bench/make_export.py). MusicBrainz knows
about 70% of the songs, Discogs knows all of them; release years are generated
(deterministically) since the labelled data has none.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from tests.servers import discogs_catalog, musicbrainz_catalog

_GENRES = ("rock", "pop", "soul", "country", "dance", "folk", "hip hop", "punk")
TITLES = Path(__file__).resolve().parent.parent / "data" / "titles" / "dev_labeled.jsonl"


def _h(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def channel(n: int) -> list[tuple[str, str, str]]:
    """(title, artist, song) for n videos of one channel."""
    rows = [json.loads(x) for x in TITLES.read_text(encoding="utf-8").splitlines() if x]
    base = [r for r in rows if r["channel"] == "Stingray Karaoke" and not r.get("note")]
    out = []
    for i in range(n):
        r = base[i % len(base)]
        k = i // len(base)
        song = r["song"] if k == 0 else f"{r['song']} {k}"
        title = r["title"] if k == 0 else r["title"].replace(
            r["song"].replace("&", "&amp;"), song.replace("&", "&amp;"), 1)
        out.append((title, r["artist"], song))
    return out


def year_of(artist: str, song: str) -> int:
    return 1955 + _h(f"{artist}|{song}") % 65


def musicbrainz(songs: list[tuple[str, str, str]], share: float = 0.7) -> list[dict[str, Any]]:
    seen, recs = set(), []
    for _, artist, song in songs:
        if (artist, song) in seen or _h(song) % 100 >= share * 100:
            continue
        seen.add((artist, song))
        year = year_of(artist, song)
        recs.append(musicbrainz_catalog.recording(
            song, artist, f"{year}-05-01",
            [musicbrainz_catalog.release(f"{song} (single)", f"{year}-05-01", artist, "Single")],
            # As sparse as MusicBrainz: tags on about a third of the recordings, on most
            # artists (the server answers those by artist search).
            tags=[("pop", 3)] if _h(song) % 3 == 0 else [], key="e2e",
            artist_tags=[(_GENRES[_h(artist) % len(_GENRES)], 4)] if _h(artist) % 100 < 85
            else []))
    return recs


def discogs(songs: list[tuple[str, str, str]]) -> list[dict[str, Any]]:
    seen, items = set(), []
    for _, artist, song in songs:
        if (artist, song) in seen:
            continue
        seen.add((artist, song))
        items.append(discogs_catalog.master(
            artist, f"{song} (Album)", year_of(artist, song), [song, "B-side"],
            genres=["Pop"], styles=["Ballad"], label="Some Records"))
    return items
