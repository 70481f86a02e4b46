"""A "ft." credit after a phrase in lower case belongs to the song, not to a name."""

from __future__ import annotations

import pytest

from collector.parsing import ArtistKnowledge, parse_title


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Zed - Ngày mai trời lại sáng ft. Lia Moss, Kex (M/V)", "Zed", "Ngày mai trời lại sáng"),
    ("Zed - a night like this ft. Lia Moss", "Zed", "a night like this"),
])
def test_a_song_in_lower_case_keeps_its_guest(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=ArtistKnowledge())
    assert (r.primary_artist, r.song) == (artist, song), r


def test_a_capitalised_name_before_ft_is_still_a_credit() -> None:
    r = parse_title("Đêm Mưa - Zed Quint ft. Lia Moss", knowledge=ArtistKnowledge())
    assert r.primary_artist == "Zed Quint", r
