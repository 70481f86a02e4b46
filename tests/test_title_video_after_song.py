"""Music videos titled 'Song (Official Video) | Artist | ...': the video phrase follows
the song, so the first part is the song (not the 'Artist - Song (Official Video)' form)."""

from __future__ import annotations

import pytest

from collector.parsing import ArtistKnowledge, parse_title

NONE = ArtistKnowledge()


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Zorbi Nache Re (Official Video) | Ravi Quint, Lal T | Mira Dune | New Zed Song 2023",
     "Ravi Quint, Lal T", "Zorbi Nache Re"),
    ("Zorbi Nache Re (Official Music Video) | Ravi Quint", "Ravi Quint", "Zorbi Nache Re"),
    # The emptied group between two runs of words stands for the separator.
    ("Zorbi Nache Re (Official Video) Ravi Quint | New Zed Song 2025 | Zed Baba Song",
     "Ravi Quint", "Zorbi Nache Re"),
])
def test_video_phrase_after_the_song(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=NONE)
    assert (r.artist, r.song) == (artist, song), r


def test_the_usual_music_video_form_is_unchanged() -> None:
    r = parse_title("Ravi Quint - Zorbi Nache Re (Official Video)", knowledge=NONE)
    assert (r.artist, r.song) == ("Ravi Quint", "Zorbi Nache Re"), r
