"""Hyphens typed without spaces where names and songs have hyphens of their own."""

from __future__ import annotations

import pytest

from collector.models import Orientation
from collector.parsing import ArtistKnowledge, parse_title

# Made-up knowledge: log chart weeks (evidence = 0.5 per unit, capped at 2).
K = ArtistKnowledge((), artists={"zo vex": 6.0, "kel o vane": 6.0, "qua 7": 6.0,
                                 "mirra dune": 6.0, "air": 6.0},
                    titles={"spin me slow": 5.0, "neon rain": 5.0, "a": 3.0})


@pytest.mark.parametrize(("title", "artist", "song"), [
    # The artist's own hyphen: the lexicon says where the name ends.
    ("KARAOKE - ZO-VEX-SPIN ME SLOW-Brand", "ZO-VEX", "SPIN ME SLOW"),
    ("KARAOKE - KEL-O-VANE-NEON RAIN-Brand", "KEL-O-VANE", "NEON RAIN"),
    # A part may end in "!", "." or ")" and start with a digit or "(".
    ("KARAOKE - MIRRA DUNE-GO NOW!-Brand", "MIRRA DUNE", "GO NOW!"),
    ("KARAOKE - MIRRA DUNE-(I WANT) THE SEA-Brand", "MIRRA DUNE", "(I WANT) THE SEA"),
    ("KARAOKE - MIRRA DUNE-1984-Brand", "MIRRA DUNE", "1984"),
    ("KARAOKE - Q.R.S.-NEON RAIN-Brand", "Q.R.S.", "NEON RAIN"),
    # The song's own hyphen stays in the song, and the brand goes.
    ("KARAOKE - MIRRA DUNE-SPIDER-CAT THEME-Brand", "MIRRA DUNE", "SPIDER-CAT THEME"),
])
def test_all_caps_file_names(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song) == (artist, song), r


def test_a_short_known_name_places_no_cut() -> None:
    # "AIR" is a known artist, but three letters are too few to cut "BEL-AIR" there.
    r = parse_title("KARAOKE - MIRRA DUNE-FRESH DAYS OF BEL-AIR-Brand", knowledge=K)
    assert r.artist == "MIRRA DUNE", r


def test_mixed_case_hyphen_between_known_artist_and_known_title() -> None:
    r = parse_title("Qua-7-Spin Me Slow (Karaoke)", knowledge=K)
    assert (r.artist, r.song, r.orientation) == ("Qua-7", "Spin Me Slow",
                                                 Orientation.ARTIST_SONG), r
    assert r.confidence < 0.8 and r.alt_song is not None
    r = parse_title("Spin Me Slow-Qua-7 (Karaoke)", knowledge=K)
    assert (r.artist, r.song, r.orientation) == ("Qua-7", "Spin Me Slow",
                                                 Orientation.SONG_ARTIST), r


@pytest.mark.parametrize("title", [
    "Qua-7-Lost In Space (Karaoke)",  # the song is no known title: unsure, left whole
    "Jean-Luc Toss-Spin Me Slow (Karaoke)",  # the name is unknown
])
def test_mixed_case_hyphens_need_both_sides_known(title: str) -> None:
    r = parse_title(title, knowledge=K)
    assert r.artist is None, r


def test_all_caps_collaboration_reads_as_the_artist() -> None:
    # "A X B" in an all-caps side is a collaboration, like "A x B".
    r = parse_title("ĐÊM MƯA RƠI - DUNE X KAI VO", knowledge=ArtistKnowledge())
    assert r.artist == "DUNE X KAI VO", r


def test_a_list_of_names_before_a_hyphen_is_no_compilation() -> None:
    r = parse_title("KARAOKE - ZED, LIA MOSS, KEX, MIRRA DUNE-NEON RAIN-Brand", knowledge=K)
    assert (r.artist, r.song) == ("ZED, LIA MOSS, KEX, MIRRA DUNE", "NEON RAIN"), r


def test_a_list_of_songs_is_still_a_compilation() -> None:
    r = parse_title("KARAOKE - NEON RAIN, GO NOW, SPIN ME SLOW, FAR AWAY-Brand", knowledge=K)
    assert r.artist is None, r


def test_spaced_dashes_regrouped_only_where_both_sides_are_known() -> None:
    k = ArtistKnowledge((), artists={"zo vex dark rain": 6.0}, titles={"spin me slow": 5.0})
    r = parse_title("Spin Me Slow - Zo Vex - Dark Rain (Karaoke)", knowledge=k)
    assert (r.artist, r.song) == ("Zo Vex - Dark Rain", "Spin Me Slow"), r
    # Only the artist known: the parts stay as they were read.
    k = ArtistKnowledge((), artists={"zo vex dark rain": 6.0})
    r = parse_title("Spin Me Slow - Zo Vex - Dark Rain (Karaoke)", knowledge=k)
    assert r.artist != "Zo Vex - Dark Rain", r


@pytest.mark.parametrize(("title", "artist", "song"), [
    # A part of one letter is half of a name no list knows.
    ("KARAOKE - Q-ZORB-NEON NIGHTS-Brand", "Q-ZORB", "NEON NIGHTS"),
    ("KARAOKE - ZORB-Q-NEON NIGHTS-Brand", "ZORB-Q", "NEON NIGHTS"),
    # Two parts left: a one-letter song stays a song.
    ("KARAOKE - ZORB-A-Brand", "ZORB", "A"),
])
def test_one_letter_parts_join_their_neighbour(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=ArtistKnowledge())
    assert (r.artist, r.song) == (artist, song), r


def test_a_one_letter_dash_part_is_half_of_a_name() -> None:
    r = parse_title("Q - Zorb - Neon Nights - Karaoke", knowledge=ArtistKnowledge())
    assert {r.artist, r.song} == {"Q - Zorb", "Neon Nights"}, r
