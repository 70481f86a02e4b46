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
