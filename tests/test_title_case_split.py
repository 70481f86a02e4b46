"""Titles without a separator: where all-caps and mixed-case words meet, a credit that
ends the title, and initials or family names that make a known name longer."""

from __future__ import annotations

import pytest

from collector.models import Orientation
from collector.parsing import ArtistKnowledge, parse_title
from collector.parsing.no_separator import case_split

NONE = ArtistKnowledge()
K = ArtistKnowledge((), artists={"zorvanne quint": 6.0, "kex": 6.0, "mo": 6.0,
                                 "ola brun": 6.0})


@pytest.mark.parametrize(("text", "cut"), [
    ("Trần Khang ĐÊM MƯA RƠI", ("Trần Khang", "ĐÊM MƯA RƠI")),
    ("ZORBLAX Night Over Town", ("ZORBLAX", "Night Over Town")),
    ("NIGHT OVER TOWN Zed Quint x Ola Brun", ("NIGHT OVER TOWN", "Zed Quint x Ola Brun")),
    # A bracket group goes with the words before it.
    ("NIGHT OVER TOWN (Live) Zed Quint", ("NIGHT OVER TOWN (Live)", "Zed Quint")),
])
def test_the_case_change_is_the_cut(text: str, cut: tuple[str, str]) -> None:
    assert case_split(text) == cut


@pytest.mark.parametrize("text", [
    "DJ Zorb Night Over Town",  # a caps word of two letters is a prefix, not a side
    "Night Over Town MTV",  # nor is an acronym of three
    "Night OVER Town",  # the case changes twice
    "Zed Quint x B RAY NIGHT",  # an initial where the case changes
    "Zed, QUINT NIGHT OVER",  # a comma: a list of names runs on
    "Night Over Town Zed Quint",  # no change at all
])
def test_no_clean_case_change_no_cut(text: str) -> None:
    assert case_split(text) is None


def test_a_case_split_is_oriented_by_the_evidence_and_stays_unsure() -> None:
    r = parse_title("NIGHT OVER TOWN Zed Quint karaoke", knowledge=NONE)
    assert (r.artist, r.song, r.orientation) == ("Zed Quint", "NIGHT OVER TOWN",
                                                 Orientation.SONG_ARTIST), r
    assert r.separator == "case" and r.confidence <= 0.6 and r.alt_song == "Zed Quint"


def test_a_name_in_capitals_after_a_vietnamese_song() -> None:
    # Without the capitals the stage-name rule cannot tell where the name starts.
    r = parse_title("Đêm Mưa Rơi Ngoài Phố ZED A.P karaoke", knowledge=NONE)
    assert (r.artist, r.song) == ("ZED A.P", "Đêm Mưa Rơi Ngoài Phố"), r


def test_a_known_name_wins_over_the_case_change() -> None:
    r = parse_title("Zorvanne Quint NIGHT OVER TOWN karaoke", knowledge=K)
    assert r.artist == "Zorvanne Quint" and "known artist" in r.reason, r


@pytest.mark.parametrize("title", [
    "Night Over Town Zorvanne Quint feat. Lia Moss karaoke",
    "Night Over Town Zorvanne Quint & Lia Moss karaoke",
])
def test_a_credit_with_a_guest_ends_the_title(title: str) -> None:
    r = parse_title(title, knowledge=K)
    assert r.song == "Night Over Town" and r.artist.startswith("Zorvanne Quint"), r
    assert r.orientation is Orientation.SONG_ARTIST


@pytest.mark.parametrize("title", [
    # One known word may end a longer name: "Dale Kex & Lia Moss" stays whole.
    "Night Over Town Dale Kex & Lia Moss karaoke",
    # A capital initial beside a known name makes it longer ("Mo T ...").
    "Mo T Night Over Town karaoke",
    # A Vietnamese family name after a known word starts a longer name.
    "Mo Đinh Đêm Mưa karaoke",
])
def test_a_known_word_inside_a_longer_name_does_not_split(title: str) -> None:
    r = parse_title(title, knowledge=K)
    assert r.artist not in ("Kex", "Mo"), r


def test_a_list_of_names_beside_a_song_in_capitals_is_no_compilation() -> None:
    r = parse_title("NEON RAIN Ann Vale, Bea Moss, Cleo Dune, Dee Fox karaoke", knowledge=NONE)
    assert (r.artist, r.song) == ("Ann Vale, Bea Moss, Cleo Dune, Dee Fox", "NEON RAIN"), r


def test_a_list_of_songs_without_a_change_of_case_is_still_a_compilation() -> None:
    r = parse_title("Neon Rain, Go Now, Spin Me Slow, Far Away karaoke", knowledge=NONE)
    assert r.artist is None and r.song is None, r
