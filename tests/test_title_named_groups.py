"""A known artist named where the parser would read a song or noise: inside a karaoke
bracket group ('"Song" (Artist karaoke)') or in quotes ('"Artist" (Song)')."""

from __future__ import annotations

import pytest

from collector.models import Orientation
from collector.parsing import ArtistKnowledge, parse_title

K = ArtistKnowledge((), artists={"zorvanne quint": 6.0, "ola brun": 6.0},
                    titles={"tell me now": 5.0})


@pytest.mark.parametrize("title", [
    '"Noche de Mar" (Zorvanne Quint karaoke)',
    "Noche de Mar (Karaoke Zorvanne Quint)",
    "Noche de Mar [Zorvanne Quint Karaoke HD]",
])
def test_a_known_artist_inside_a_karaoke_group(title: str) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song) == ("Zorvanne Quint", "Noche de Mar"), r
    assert r.confidence < 0.8 and r.alt_song is not None


@pytest.mark.parametrize("title", [
    "Noche de Mar (Lia Moss karaoke)",  # a name no list knows: could be an uploader's
    "Noche de Mar (Sing King Karaoke)",  # a karaoke brand
    "Noche de Mar (Karaoke Version)",  # noise only
])
def test_other_karaoke_groups_name_no_artist(title: str) -> None:
    r = parse_title(title, knowledge=K)
    assert r.artist is None and r.song == "Noche de Mar", r


def test_a_group_name_does_not_override_a_split() -> None:
    r = parse_title("Ola Brun - Noche de Mar (Zorvanne Quint karaoke)", knowledge=K)
    assert r.artist == "Ola Brun", r


def test_quotes_around_a_known_artist() -> None:
    r = parse_title('"Zorvanne Quint" (Noche de Mar) - Karaoke', knowledge=K)
    assert (r.artist, r.song) == ("Zorvanne Quint", "Noche de Mar"), r
    assert r.confidence < 0.8 and r.alt_artist == "Noche de Mar"


@pytest.mark.parametrize(("title", "artist", "song"), [
    # The quotes hold a known title: they mark the song as always.
    ('Zorvanne Quint "Tell Me Now"', "Zorvanne Quint", "Tell Me Now"),
    # The quoted name is unknown: the quotes mark the song.
    ('"Noche de Mar" Lia Moss', "Lia Moss", "Noche de Mar"),
    # Both known as artists: the quotes decide.
    ('"Zorvanne Quint" Ola Brun', "Ola Brun", "Zorvanne Quint"),
])
def test_quotes_still_mark_the_song(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song, r.orientation) == (artist, song, Orientation.SONG_ARTIST), r
