"""Cover videos name the song's original artist: the catalog wants that artist."""

from __future__ import annotations

import pytest

from collector.parsing import ArtistKnowledge, parse_title

NONE = ArtistKnowledge()
K = ArtistKnowledge((), artists={"zorvanne quint": 6.0})


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("김민서- Neon Rain (Zorvanne Quint Cover)", "Zorvanne Quint", "Neon Rain"),
    ("Lia Moss - Neon Rain [Zorvanne Quint cover]", "Zorvanne Quint", "Neon Rain"),
    ("Neon Rain (Zorvanne Quint Cover)", "Zorvanne Quint", "Neon Rain"),
])
def test_a_cover_group_names_the_original_artist(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=NONE)
    assert (r.artist, r.song) == (artist, song), r


@pytest.mark.parametrize("title", [
    "Lia Moss - Neon Rain (Acoustic Cover)",
    "Lia Moss - Neon Rain (Piano Cover)",
])
def test_a_cover_group_of_noise_words_names_no_one(title: str) -> None:
    r = parse_title(title, knowledge=NONE)
    assert {r.artist, r.song} == {"Lia Moss", "Neon Rain"}, r


def test_the_quoted_original_inside_a_cover_title() -> None:
    r = parse_title('보컬 김민서 "Zorvanne Quint - Neon Rain" #Zed Cover', knowledge=NONE)
    assert {r.artist, r.song} == {"Zorvanne Quint", "Neon Rain"}, r


def test_a_known_artist_in_brackets_after_the_song_of_a_cover() -> None:
    r = parse_title("Neon Rain (Zorvanne Quint) - R&B Style Cover Lia Moss", knowledge=K)
    assert (r.artist, r.song) == ("Zorvanne Quint", "Neon Rain"), r
    # Not a cover: the bracket is read as before.
    r = parse_title("Neon Rain (Zorvanne Quint) - Lia Moss", knowledge=K)
    assert r.artist != "Zorvanne Quint" or r.song != "Neon Rain", r


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Let It Go from Frozen - Karaoke Track with Lyrics on Screen", "Frozen", "Let It Go"),
    ("Circle of Life from the film The Lion King (Karaoke)", "The Lion King", "Circle of Life"),
])
def test_a_song_from_a_film_or_musical(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=NONE)
    assert (r.artist, r.song) == (artist, song), r


def test_from_without_a_known_work_stays_song_text() -> None:
    r = parse_title("Letters from Zorbi Town - Lia Moss (Karaoke)", knowledge=NONE)
    assert "Letters from Zorbi Town" in (r.artist, r.song), r
