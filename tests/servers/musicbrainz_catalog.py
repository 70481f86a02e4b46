"""Recordings for the local MusicBrainz server, in the real ws/2 JSON search shape.

Besides the real recorded responses in tests/data/musicbrainz/, this builds the trap
songs the matching must get right (see PROVENANCE.md there): real titles, artists and
release dates; generated MBIDs.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "data" / "musicbrainz"
_NS = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")


def mbid(*parts: str) -> str:
    return str(uuid.uuid5(_NS, "/".join(parts)))


def credit(name: str, tags: list[tuple[str, int]] | None = None) -> list[dict[str, Any]]:
    """An artist credit; ``tags``: the artist's own (the server serves them by artist
    search and drops them from recordings)."""
    artist: dict[str, Any] = {"id": mbid("artist", name), "name": name, "sort-name": name}
    if tags is not None:
        artist["tags"] = [{"count": c, "name": n} for n, c in tags]
    return [{"name": name, "artist": artist}]


def release(title: str, date: str, artist: str, primary: str = "Album",
            secondary: tuple[str, ...] = (), status: str = "Official") -> dict[str, Any]:
    rg: dict[str, Any] = {"id": mbid("rg", title, artist), "primary-type": primary}
    if secondary:
        rg["secondary-types"] = list(secondary)
    return {"id": mbid("release", title, date, artist), "title": title, "status": status,
            "date": date, "artist-credit": credit(artist), "release-group": rg,
            "track-count": 10, "count": 1}


def recording(title: str, artist: str, first: str | None, releases: list[dict[str, Any]],
              *, length: int = 240000, tags: list[tuple[str, int]] = (),
              isrcs: list[str] = (), disambiguation: str = "", key: str = "",
              artist_tags: list[tuple[str, int]] | None = None) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "id": mbid("recording", title, artist, key or (first or "")), "title": title,
        "length": length, "video": None, "artist-credit": credit(artist, artist_tags),
        "releases": releases,
    }
    if first:
        rec["first-release-date"] = first
    if tags:
        rec["tags"] = [{"count": c, "name": n} for n, c in tags]
    if isrcs:
        rec["isrcs"] = list(isrcs)
    if disambiguation:
        rec["disambiguation"] = disambiguation
    return rec


def trap_catalog() -> list[dict[str, Any]]:
    """Each trap song with the recordings a real search also returns."""
    return [
        # The song on a later compilation: one recording only on the 1981 compilation.
        recording("Bohemian Rhapsody", "Queen", "1981-10-26",
                  [release("Greatest Hits", "1981-10-26", "Queen", "Album", ("Compilation",))],
                  key="comp"),
        recording("Bohemian Rhapsody", "Queen", "1975-10-31",
                  [release("Greatest Hits", "1981-10-26", "Queen", "Album", ("Compilation",)),
                   release("A Night at the Opera", "1975-11-21", "Queen"),
                   release("Bohemian Rhapsody", "1975-10-31", "Queen", "Single")],
                  tags=[("rock", 12), ("progressive rock", 5), ("opera", 0)],
                  isrcs=["GBUM71029604"], key="original"),
        recording("Bohemian Rhapsody (remastered 2011)", "Queen", "2011-03-14",
                  [release("A Night at the Opera", "2011-03-14", "Queen")], key="remaster"),
        # A later live recording by the same artist, ranked first by the search.
        recording("Hotel California", "Eagles", "1994-11-08",
                  [release("Hell Freezes Over", "1994-11-08", "Eagles", "Album", ("Live",))],
                  disambiguation="live, 1994-04-25: Warner Bros. Studios", key="live"),
        recording("Hotel California", "Eagles", "1976-12-08",
                  [release("Hotel California", "1976-12-08", "Eagles"),
                   release("Their Greatest Hits Volumes 1 & 2", "2017-11-17", "Eagles",
                           "Album", ("Compilation",))],
                  tags=[("rock", 9), ("soft rock", 4)], key="studio"),
        # A karaoke version by a karaoke label ranked first.
        recording("Rolling in the Deep (Karaoke Version)", "Sing King Karaoke", "2011-03-01",
                  [release("Karaoke Hits 2011", "2011-03-01", "Sing King Karaoke")],
                  key="karaoke"),
        recording("Rolling in the Deep (in the style of Adele)", "Adele", "2012-01-01",
                  [release("Backing Tracks Minus Vocals", "2012-01-01", "Ameritz Karaoke")],
                  disambiguation="karaoke", key="karaoke-credited"),
        recording("Rolling in the Deep", "Adele", "2010-11-29",
                  [release("21", "2011-01-24", "Adele"),
                   release("Rolling in the Deep", "2010-11-29", "Adele", "Single")],
                  tags=[("soul", 7), ("pop", 5)], key="original"),
        # A cover named in the title: the year is the performer's.
        recording("Hallelujah", "Leonard Cohen", "1984-12-11",
                  [release("Various Positions", "1984-12-11", "Leonard Cohen")],
                  tags=[("folk", 6)], key="cohen"),
        recording("Hallelujah", "Jeff Buckley", "1994-08-23",
                  [release("Grace", "1994-08-23", "Jeff Buckley")],
                  tags=[("alternative rock", 5), ("folk rock", 2)], key="buckley"),
        # Artist name variants: "&" vs "and", leading "The".
        recording("Little Lion Man", "Mumford & Sons", "2009-08-10",
                  [release("Little Lion Man", "2009-08-10", "Mumford & Sons", "Single"),
                   release("Sigh No More", "2009-10-02", "Mumford & Sons")], key="orig"),
        recording("Help!", "The Beatles", "1965-07-19",
                  [release("Help!", "1965-07-19", "The Beatles", "Single"),
                   release("Help!", "1965-08-06", "The Beatles")], key="orig"),
    ]


def real_responses() -> list[dict[str, Any]]:
    """Recordings of the real recorded search response (Official髭男dism, ミックスナッツ)."""
    data = json.loads((DATA / "credits_spot__mock_mixednuts.json").read_text(encoding="utf-8"))
    return list(data["recordings"])


def bulk_catalog(n: int) -> list[dict[str, Any]]:
    """n distinct songs (for pacing and throughput runs)."""
    return [
        recording(f"Song Number {i}", f"Bulk Artist {i % 7}", f"{1960 + i % 60}-01-01",
                  [release(f"Album {i}", f"{1960 + i % 60}-01-01", f"Bulk Artist {i % 7}")],
                  key=str(i))
        for i in range(n)
    ]


_FIRST = ("Silver", "Midnight", "Electric", "Golden", "Velvet", "Crimson", "Neon", "Wild",
          "Paper", "Frozen", "Broken", "Lonely", "Atomic", "Crystal", "Hollow", "Savage")
_SECOND = ("Harbour", "Engines", "Sparrows", "Tigers", "Lanterns", "Riders", "Echoes",
           "Pilots", "Rivers", "Saints", "Wolves", "Mirrors", "Comets", "Kings", "Bandits")
_WORDS = ("Love", "Night", "Heart", "Fire", "Dance", "Rain", "Summer", "Dream", "Road",
          "Light", "Home", "Gold", "Storm", "Star", "Blue", "Ghost", "Money", "Sugar",
          "Thunder", "Paradise", "Shadow", "Honey", "River", "Diamond")
GENRES = ("rock", "pop", "soul", "folk", "country", "disco", "punk", "hip hop", "blues",
          "synth-pop", "hard rock", "new wave", "r&b", "indie rock", "jazz")


def _pick(seq: tuple[str, ...], *key: object) -> str:
    digest = uuid.uuid5(_NS, "/".join(map(str, key))).int
    return seq[digest % len(seq)]


def _num(*key: object) -> int:
    return uuid.uuid5(_NS, "/".join(map(str, key))).int


def world(n: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                           list[tuple[str, str, int]]]:
    """A catalog as sparse as the real one, for n songs: (recordings, artists, truth).

    About three songs per artist. Each song has its original recording (the truth's
    year), and often a later compilation, live and remastered recording by the same
    artist, a karaoke version and a cover by another artist. Tags: on about a third of
    the original recordings, on most artists (as on MusicBrainz). ``truth`` holds
    (artist, song, original year) per song.
    """
    recordings: list[dict[str, Any]] = []
    artists: dict[str, dict[str, Any]] = {}
    truth = []
    for i in range(n):
        a = i // 3
        artist = f"{_pick(_FIRST, 'a1', a)} {_pick(_SECOND, 'a2', a)} {a}"
        song = f"{_pick(_WORDS, 's1', i)} {_pick(_WORDS, 's2', i)} {i}"
        year = 1955 + _num("year", i) % 65
        truth.append((artist, song, year))
        if artist not in artists:
            entity: dict[str, Any] = {"id": mbid("artist", artist), "name": artist,
                                      "sort-name": artist, "type": "Group", "score": 100}
            if _num("artist-tags", a) % 100 < 85:
                g1, g2 = _pick(GENRES, "g1", a), _pick(GENRES, "g2", a)
                entity["tags"] = [{"count": 5, "name": g1}] + (
                    [{"count": 2, "name": g2}] if g2 != g1 else [])
            artists[artist] = entity
        date = f"{year}-{1 + _num('m', i) % 12:02d}-{1 + _num('d', i) % 28:02d}"
        album = release(f"{song} (album)", date, artist)
        # Release groups: tagged more often than recordings, less than artists.
        album["release-group"]["tags"] = [{"count": 2, "name": _pick(GENRES, "rg", i)}] if (
            _num("rg-tags", i) % 3 == 0) else []
        tags = [(_pick(GENRES, "rt", i), 3)] if _num("rec-tags", i) % 3 == 0 else []
        recordings.append(recording(song, artist, date, [album], tags=tags, key="original"))
        roll = _num("extras", i)
        if roll % 2 == 0:
            later = f"{year + 5 + roll % 20}-01-01"
            recordings.append(recording(song, artist, later, [
                release("Greatest Hits", later, artist, "Album", ("Compilation",))],
                key="compilation"))
        if roll % 3 == 0:
            live = f"{year + 2 + roll % 9}-06-01"
            recordings.append(recording(song, artist, live, [
                release("Live at the Forum", live, artist, "Album", ("Live",))],
                disambiguation="live", key="live"))
        if roll % 5 == 0:
            again = max(2011, year + 1)
            recordings.append(recording(f"{song} (Remastered {again})", artist,
                                        f"{again}-03-01", [release(f"{song} (album)",
                                                                   f"{again}-03-01", artist)],
                                        key="remaster"))
        if roll % 4 == 1:
            recordings.append(recording(f"{song} (Karaoke Version)", "Sing King Karaoke",
                                        "2015-01-01", [release("Karaoke Hits", "2015-01-01",
                                                               "Sing King Karaoke")],
                                        key="karaoke"))
        if roll % 7 == 3:
            cover = f"{year + 10}-01-01"
            recordings.append(recording(song, "Cover Band", cover, [
                release("Covers", cover, "Cover Band")], key="cover"))
    for rec in recordings:  # the artists' tags travel in the credits (see the server)
        entity = artists.get(rec["artist-credit"][0]["name"])
        if entity is not None:
            rec["artist-credit"][0]["artist"]["tags"] = list(entity.get("tags", []))
    return recordings, list(artists.values()), truth
