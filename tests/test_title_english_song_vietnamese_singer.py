"""An English song title by a Vietnamese singer ("Pháp Kiều - COLORS")."""

from __future__ import annotations

import pytest

from collector.parsing import ArtistKnowledge, parse_title

# Made-up knowledge: "colors" and "perfect" are chart titles, "rhyder" is unknown.
K = ArtistKnowledge((), artists={}, titles={"colors": 4.0, "perfect": 6.0})


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Pháp Kiều - COLORS", "Pháp Kiều", "COLORS"),
    ("COLORS - Pháp Kiều", "Pháp Kiều", "COLORS"),
    ("Mỹ Tâm - Perfect", "Mỹ Tâm", "Perfect"),
    ("Perfect - Mỹ Tâm", "Mỹ Tâm", "Perfect"),
])
def test_a_chart_title_opposite_vietnamese_is_the_song(title: str, artist: str,
                                                       song: str) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song) == (artist, song), r


def test_an_unknown_plain_latin_side_stays_a_stage_name() -> None:
    r = parse_title("Mưa Chiều - RHYDER", knowledge=K)
    assert (r.artist, r.song) == ("RHYDER", "Mưa Chiều"), r
