"""Vietnamese written without diacritics is recognised by its syllables."""

from __future__ import annotations

import pytest

from collector.parsing import ArtistKnowledge, parse_title
from collector.parsing.vietnamese import is_unmarked_vietnamese

NONE = ArtistKnowledge()  # no lexicon: only the title's own shape decides


@pytest.mark.parametrize(("left", "right", "expected"), [
    ("Bay Giua Ngan Ha", "Nam Cuong", True),
    ("Em Cua Ngay Hom Qua", "Son Tung MTP", True),  # an acronym is skipped
    ("Chiec Khan Gio Am", "Khanh Phuong", True),
    ("Let It Go", "Idina Menzel", False),  # "Idina" is no syllable
    ("Hang On Sloopy", "The McCoys", False),
    ("Go Go", "Ma Ma", False),  # plain syllables, but nothing only Vietnamese has
    ("Ha", "Nam", False),  # too short to tell
])
def test_unmarked_vietnamese_detection(left: str, right: str, expected: bool) -> None:
    assert is_unmarked_vietnamese(left, right) is expected


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Bay Giua Ngan Ha - Nam Cuong", "Nam Cuong", "Bay Giua Ngan Ha"),
    ("Nam Cuong - Bay Giua Ngan Ha (Karaoke)", "Nam Cuong", "Bay Giua Ngan Ha"),
    ("Chiec Khan Gio Am - Khanh Phuong", "Khanh Phuong", "Chiec Khan Gio Am"),
    ("Khanh Phuong - Chiec Khan Gio Am", "Khanh Phuong", "Chiec Khan Gio Am"),
    ("Tran Minh Duc - Chuyen Tinh Nguoi Ta", "Tran Minh Duc", "Chuyen Tinh Nguoi Ta"),
])
def test_unmarked_titles_use_the_convention_and_name_shape(
        title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=NONE)
    assert (r.artist, r.song) == (artist, song), r
    assert "vietnamese without marks" in r.reason


def test_english_titles_are_not_read_as_unmarked_vietnamese() -> None:
    r = parse_title("Hang On Sloopy - The McCoys", knowledge=NONE)
    assert "vietnamese" not in r.reason
