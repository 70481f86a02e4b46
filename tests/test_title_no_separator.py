"""Titles without a separator: split at a known name only when one reading fits."""

from __future__ import annotations

import pytest

from collector.models import Orientation
from collector.parsing import ArtistKnowledge, parse_title

# Made-up knowledge: weights are log chart weeks (evidence = 0.5 per unit, capped at 2).
K = ArtistKnowledge((), artists={"zorvanne": 6.0, "sweet": 4.0, "zed": 4.0,
                                 "zed quint": 6.0, "mo vale": 4.0, "kestrel": 4.0},
                    titles={"sweet dreams": 5.0})


@pytest.mark.parametrize(("title", "artist", "song", "orientation"), [
    # Both ends are known names: the reading whose song is a known title.
    ("Sweet Dreams Zorvanne karaoke", "Zorvanne", "Sweet Dreams", Orientation.SONG_ARTIST),
    # Both ends: the longer known name.
    ("Kestrel Blue Zed Quint karaoke", "Zed Quint", "Kestrel Blue", Orientation.SONG_ARTIST),
    # A well-known name may start a song that starts with a preposition ...
    ("Zorvanne At Last Karaoke lyrics", "Zorvanne", "At Last", Orientation.ARTIST_SONG),
    # ... and a name followed by a comma is still the name.
    ("Zorvanne, Tell Me Now Karaoke lyrics", "Zorvanne", "Tell Me Now",
     Orientation.ARTIST_SONG),
])
def test_one_reading_fits(title: str, artist: str, song: str,
                          orientation: Orientation) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song, r.orientation) == (artist, song, orientation), r
    assert r.confidence < 0.8 and r.alt_song is not None


@pytest.mark.parametrize("title", [
    # A known name running on into a joiner is a longer credit: no shorter name counts.
    "Zed Quint & Ola Brun Tell Me Now karaoke",
    # Both ends known, as long and as well known, and neither song a known title.
    "Kestrel Tell Me Now Zorvanne karaoke",
    # "of" binds the name into the song, however well known ("Queen of Hearts").
    "Zorvanne of the Night karaoke",
    # A name inside brackets at the end belongs to a longer credit.
    "Tell Me Now The Film (Zorvanne) karaoke",
])
def test_unsure_titles_are_not_split(title: str) -> None:
    r = parse_title(title, knowledge=K)
    assert r.artist is None and r.song, r
