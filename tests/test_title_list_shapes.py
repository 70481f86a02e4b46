"""Commas in a side: a list of names, or a song with a date or a bracketed subtitle."""

from __future__ import annotations

import pytest

from collector.parsing.orientation import ORIENTATION_WEIGHTS, side_evidence


@pytest.mark.parametrize("side", [
    "March, 1971 (Hey, What A Day)",  # a date and a bracketed subtitle: a song
    "Summer, 1984, Again",  # a bare year is no name
    "Holy, Holy, Holy",  # repeated words: a song
])
def test_songs_with_commas_are_no_name_list(side: str) -> None:
    assert side_evidence(side) < ORIENTATION_WEIGHTS.name_list


def test_a_list_of_names_is_still_one() -> None:
    assert side_evidence("Ann Vale, Bea Moss, Cleo Dune") >= ORIENTATION_WEIGHTS.name_list
