"""Masters and releases for the local Discogs server, in the real API shapes.

Real bodies (tests/data/discogs) plus trap records built in the same shape; see
PROVENANCE.md there.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "data" / "discogs"
_ids = itertools.count(9_000_000)


def _artists(name: str) -> list[dict[str, Any]]:
    return [{"name": name, "anv": "", "join": "", "role": "", "tracks": "", "id": next(_ids),
             "resource_url": ""}]


def _tracks(titles: list[str]) -> list[dict[str, Any]]:
    return [{"position": str(i + 1), "type_": "track", "title": t, "duration": "4:00"}
            for i, t in enumerate(titles)]


def master(artist: str, title: str, year: int, tracks: list[str], *, genres: list[str],
           styles: list[str], label: str, formats: list[str] = ("Vinyl", "LP", "Album"),
           searchable: bool = True, mid: int | None = None) -> dict[str, Any]:
    mid = mid or next(_ids)
    return {
        "kind": "master", "searchable": searchable, "label": label, "formats": list(formats),
        "body": {
            "id": mid, "title": title, "year": year, "artists": _artists(artist),
            "genres": genres, "styles": styles, "tracklist": _tracks(tracks),
            "main_release": mid + 1, "resource_url": f"https://api.discogs.com/masters/{mid}",
            "uri": f"https://www.discogs.com/master/{mid}", "data_quality": "Correct",
        },
    }


def release(artist: str, title: str, year: int, tracks: list[str], *, label: str,
            genres: list[str], styles: list[str], master_id: int | None = None,
            formats: list[str] = ("CD", "Album")) -> dict[str, Any]:
    rid = next(_ids)
    return {
        "kind": "release", "searchable": True, "label": label, "formats": list(formats),
        "body": {
            "id": rid, "title": title, "year": year, "artists": _artists(artist),
            "genres": genres, "styles": styles, "tracklist": _tracks(tracks),
            "labels": [{"name": label, "catno": "CAT 1", "id": next(_ids)}],
            "master_id": master_id or 0, "country": "UK", "status": "Accepted",
            "resource_url": f"https://api.discogs.com/releases/{rid}",
            "uri": f"https://www.discogs.com/release/{rid}",
        },
    }


def real_master_4242() -> dict[str, Any]:
    body = json.loads((DATA / "joalla_discogs_client__masters_4242.json").read_text())
    return {"kind": "master", "searchable": True, "label": "Svek", "formats": ["Vinyl"],
            "body": body}


def trap_catalog() -> list[dict[str, Any]]:
    """Catalog order is search order: each trap comes before the right answer."""
    rock, pop = ["Rock"], ["Pop"]
    toto_iv = master("Toto", "Toto IV", 1982, ["Rosanna", "Make Believe", "Africa"],
                     genres=rock, styles=["Pop Rock", "AOR"], label="Columbia")
    whats_going_on = master("Marvin Gaye", "What's Going On", 1971,
                            ["What's Going On", "What's Happening Brother", "Mercy Mercy Me"],
                            genres=["Funk / Soul"], styles=["Soul"], label="Tamla",
                            searchable=False)
    making_mirrors = master("Gotye", "Making Mirrors", 2011,
                            ["Making Mirrors", "Easy Way Out", "Somebody That I Used To Know"],
                            genres=["Electronic", "Pop"], styles=["Indie Pop"],
                            label="Eleven: A Music Company")
    return [
        # A "Various" compilation first.
        master("Various", "Absolute 80s Hits", 2005, ["Africa", "Tainted Love"], genres=pop,
               styles=["Synth-pop"], label="EMI", formats=["CD", "Compilation"]),
        toto_iv,
        # A later reissue (release) of a master that master search does not return.
        release("Marvin Gaye", "What's Going On (40th Anniversary)", 2011,
                ["What's Going On", "Mercy Mercy Me"], label="Motown",
                genres=["Funk / Soul"], styles=["Soul"],
                master_id=whats_going_on["body"]["id"]),
        whats_going_on,
        # A karaoke release credited to the original artist.
        release("Gotye", "Somebody That I Used To Know (Karaoke Version)", 2012,
                ["Somebody That I Used To Know (Karaoke Version)"],
                label="Zoom Karaoke", genres=pop, styles=["Karaoke"]),
        making_mirrors,
        # An album whose title holds the song's words, without the song.
        master("Metallica", "The Unforgiven II", 1998, ["The Unforgiven II", "Helpless"],
               genres=rock, styles=["Heavy Metal"], label="Vertigo",
               formats=["CD", "Single"]),
        master("Metallica", "Metallica", 1991,
               ["Enter Sandman", "Sad But True", "The Unforgiven", "Nothing Else Matters"],
               genres=rock, styles=["Heavy Metal", "Thrash"], label="Elektra"),
        # The same title by another artist.
        master("Lionel Richie", "Can't Slow Down", 1983, ["All Night Long", "Hello"],
               genres=["Funk / Soul", "Pop"], styles=["Ballad"], label="Motown"),
        master("Adele", "25", 2015, ["Hello", "Send My Love (To Your New Lover)"],
               genres=pop, styles=["Soul", "Ballad"], label="XL Recordings"),
        real_master_4242(),
    ]


def bulk_catalog(n: int) -> list[dict[str, Any]]:
    return [master(f"Bulk Artist {i % 7}", f"Album {i}", 1960 + i % 60,
                   [f"Song Number {i}", f"Other Song {i}"], genres=["Rock"], styles=["Pop Rock"],
                   label=f"Label {i % 5}") for i in range(n)]


POPULAR = [  # (artist, album master, year, track): the prototype's built-in list
    ("Queen", "A Night At The Opera", 1975, "Bohemian Rhapsody"),
    ("Toto", "Toto IV", 1982, "Africa"), ("Adele", "21", 2011, "Rolling In The Deep"),
    ("Journey", "Escape", 1981, "Don't Stop Believin'"),
    ("ABBA", "Arrival", 1976, "Dancing Queen"),
    ("Whitney Houston", "The Bodyguard", 1992, "I Will Always Love You"),
    ("Bon Jovi", "Slippery When Wet", 1986, "Livin' On A Prayer"),
    ("Oasis", "(What's The Story) Morning Glory?", 1995, "Wonderwall"),
    ("The Beatles", "Hey Jude", 1968, "Hey Jude"),
    ("Michael Jackson", "Thriller", 1982, "Billie Jean"),
    ("Gloria Gaynor", "Love Tracks", 1978, "I Will Survive"),
    ("Céline Dion", "Let's Talk About Love", 1997, "My Heart Will Go On"),
    ("Eagles", "Hotel California", 1976, "Hotel California"),
    ("Nirvana", "Nevermind", 1991, "Smells Like Teen Spirit"),
    ("Elton John", "Elton John", 1970, "Your Song"),
    ("Neil Diamond", "Brother Love's Travelling Salvation Show", 1969, "Sweet Caroline"),
    ("Guns N' Roses", "Appetite For Destruction", 1987, "Sweet Child O' Mine"),
    ("Metallica", "Metallica", 1991, "The Unforgiven"),
    ("The Killers", "Hot Fuss", 2004, "Mr. Brightside"),
    ("Amy Winehouse", "Back To Black", 2006, "Rehab"),
]


def popular_catalog() -> list[dict[str, Any]]:
    return [master(a, album, year, [track, "Another Track"], genres=["Rock"],
                   styles=["Pop Rock"], label="Some Label") for a, album, year, track in POPULAR]
