"""A film or musical named instead of the performer: the work is the credit."""

from __future__ import annotations

import pytest

from collector.parsing import ArtistKnowledge, parse_title

# Made-up knowledge: "let it go" a charted title, "frozen" a charted song title too,
# "aladdin" a weakly known (cast album) title, "madonna" a known artist.
K = ArtistKnowledge((), artists={"madonna": 6.0},
                    titles={"let it go": 5.0, "frozen": 6.0, "aladdin": 1.0})


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Aladdin - A Whole New World (Karaoke)", "Aladdin", "A Whole New World"),
    ("A Whole New World - Aladdin (Karaoke)", "Aladdin", "A Whole New World"),
    ("Frozen - Let It Go Karaoke", "Frozen", "Let It Go"),
    ("Let It Go - Frozen Karaoke", "Frozen", "Let It Go"),
    ("The Lion King - Circle of Life karaoke", "The Lion King", "Circle of Life"),
    ("Circle of Life - The Lion King karaoke", "The Lion King", "Circle of Life"),
])
def test_film_or_musical_is_the_credit(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song) == (artist, song), r
    assert "film or musical credit" in r.reason


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Madonna - Frozen karaoke", "Madonna", "Frozen"),  # a known artist sings "Frozen"
    ("Frozen - Madonna karaoke", "Madonna", "Frozen"),
])
def test_a_known_artist_keeps_a_song_named_like_a_film(title: str, artist: str,
                                                       song: str) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song) == (artist, song), r
    assert "film or musical credit" not in r.reason


def test_a_well_charted_song_title_named_like_a_film_casts_no_vote() -> None:
    # "Frozen" is charted as a song: next to an unknown name it says nothing.
    r = parse_title("Zed Quint - Frozen", knowledge=K)
    assert "film or musical credit" not in r.reason
