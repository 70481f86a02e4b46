"""Titles without a separator split where a known chart title starts or ends them."""

from __future__ import annotations

import pytest

from collector.models import Orientation
from collector.parsing import ArtistKnowledge, parse_title

# Made-up knowledge: the names below are in no lexicon, the titles are.
TITLES = ArtistKnowledge((), artists={"adele": 6.0},
                         titles={"rolling in the deep": 6.0, "in the deep": 3.0,
                                 "bohemian rhapsody": 6.0, "let it go": 5.0,
                                 "hotel california": 5.0, "love story": 5.0,
                                 "shallow": 5.0, "deep": 2.0})


@pytest.mark.parametrize(("title", "artist", "song", "orientation"), [
    ("Zorblax Quint Rolling in the Deep Karaoke lyrics", "Zorblax Quint",
     "Rolling in the Deep", Orientation.ARTIST_SONG),
    ("Bohemian Rhapsody Zorblax Quint karaoke", "Zorblax Quint", "Bohemian Rhapsody",
     Orientation.SONG_ARTIST),
    ("Tran Minh Hotel California (Karaoke)", "Tran Minh", "Hotel California",
     Orientation.ARTIST_SONG),
    ("Zed Band Let It Go karaoke", "Zed Band", "Let It Go", Orientation.ARTIST_SONG),
])
def test_a_known_title_marks_the_split(title: str, artist: str, song: str,
                                       orientation: Orientation) -> None:
    r = parse_title(title, knowledge=TITLES)
    assert (r.artist, r.song, r.orientation) == (artist, song, orientation), r
    # Unsure: low confidence, the whole title kept as the other reading.
    assert r.confidence < 0.6 and r.alt_song is not None and r.separator is None
    assert "known title" in r.reason


@pytest.mark.parametrize("title", [
    "Love Story Karaoke",  # the whole title is a known title
    "Shallow Zorblax karaoke",  # a title under six letters marks nothing
    "Let It Go Hotel California karaoke",  # the other side is a known title too
    "Hotel California the Band karaoke",  # "the ..." is no name
    "Let It Go and more songs karaoke",  # lower-case words are no name
    "Love Story Zed Let It Go karaoke",  # a title at both ends: unsure, no split
])
def test_no_split_when_unsure(title: str) -> None:
    r = parse_title(title, knowledge=TITLES)
    assert r.artist is None and r.song, r


def test_a_known_artist_still_wins_over_a_known_title() -> None:
    r = parse_title("Adele Rolling in the Deep karaoke", knowledge=TITLES)
    assert (r.artist, r.song) == ("Adele", "Rolling in the Deep")
    assert "known artist" in r.reason


def test_bundled_lexicon_titles_split_unknown_names() -> None:
    r = parse_title("Zorblax Quint Bohemian Rhapsody karaoke")
    assert (r.artist, r.song) == ("Zorblax Quint", "Bohemian Rhapsody"), r


@pytest.mark.parametrize("title", [
    "Vanilla Fudge You Keep Me Hangin On karaoke",  # a long "name" is often song text
    "Zed feat. Binz Bohemian Rhapsody karaoke",  # a credit list: where it ends is unsure
])
def test_long_or_joined_names_are_not_split_off(title: str) -> None:
    k = ArtistKnowledge((), titles={"hangin on": 3.0, "bohemian rhapsody": 6.0})
    assert parse_title(title, knowledge=k).artist is None
