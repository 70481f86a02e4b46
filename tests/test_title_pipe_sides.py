"""Pipe titles whose side holds a dash: a credit of two names, or a name and an event."""

from __future__ import annotations

import pytest

from collector.parsing import ArtistKnowledge, parse_title

NONE = ArtistKnowledge()  # no lexicon: the title's own shape decides


@pytest.mark.parametrize(("title", "artist", "song"), [
    # The dash inside the second pipe segment joins two singers.
    ("Chờ Ngày Mưa Tạnh | Lam Trường - Mỹ Linh | Official MV | Nhạc trẻ chọn lọc",
     "Lam Trường - Mỹ Linh", "Chờ Ngày Mưa Tạnh"),
    ("Đêm Nay Trăng Sáng | Hà Vy - Quốc Khang | Official MV",
     "Hà Vy - Quốc Khang", "Đêm Nay Trăng Sáng"),
    # An event named after the dash is no part of the name.
    ("Đêm Nay Trăng Sáng | Quốc Khang - Day 2 Fanmeeting Đà Nẵng", "Quốc Khang",
     "Đêm Nay Trăng Sáng"),
    ("Đêm Nay Trăng Sáng | Quốc Khang - Live Concert 2019", "Quốc Khang",
     "Đêm Nay Trăng Sáng"),

    # A segment that labels the video ("MV ...") is dropped like "Official MV".
    ("BÓNG ĐÊM 2 | MV CA NHẠC HÀNH ĐỘNG | LÊ VŨ x TRẦN KHANG", "LÊ VŨ x TRẦN KHANG",
     "BÓNG ĐÊM 2"),
])
def test_pipe_sides(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=NONE)
    assert (r.artist, r.song) == (artist, song), r


def test_channel_name_before_the_pipe_segment_still_reads_the_dash() -> None:
    # "X Karaoke | Song - Artist | ...": the first segment is the uploader's, so the
    # dash in the second is the separator, not a credit joiner.
    r = parse_title("Zed Karaoke | Chờ Ngày Mưa Tạnh - Lam Trường | Beat Chuẩn",
                    knowledge=NONE)
    assert (r.artist, r.song) == ("Lam Trường", "Chờ Ngày Mưa Tạnh"), r


def test_a_dash_in_the_first_segment_stays_the_separator() -> None:
    r = parse_title("Lam Trường - Chờ Ngày Mưa Tạnh | Official MV | Zed Music",
                    knowledge=NONE)
    assert r.separator == "dash", r
    assert {r.artist, r.song} == {"Lam Trường", "Chờ Ngày Mưa Tạnh"}, r


@pytest.mark.parametrize(("title", "artist", "song"), [
    # A side that is one bracket group, left when the noise before it went.
    ("Karaoke Đêm Mưa Rơi - Beat DVD ( Quốc Khang )", "Quốc Khang", "Đêm Mưa Rơi"),
    ("Karaoke Dem Mua Roi - (Quoc Khang)", "Quoc Khang", "Dem Mua Roi"),
])
def test_a_side_in_brackets_is_unwrapped(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=NONE)
    assert (r.artist, r.song) == (artist, song), r


def test_a_song_ending_in_a_brand_word_is_no_uploader_name() -> None:
    # "... Music" reads like an uploader ("ZKN Music"), but noise follows the next part.
    r = parse_title("Dance To The Music - Zed Quint - Karaoke Instrumental Lyrics - Zorb",
                    knowledge=NONE)
    assert {r.artist, r.song} == {"Dance To The Music", "Zed Quint"}, r


def test_an_uploader_name_first_still_goes() -> None:
    r = parse_title("ZKN Music - Dance All Night - Zed Quint", knowledge=NONE)
    assert {r.artist, r.song} == {"Dance All Night", "Zed Quint"}, r


@pytest.mark.parametrize(("title", "sides"), [
    ("Night Over Town | Zorvanne Quint - Live at Riverside Hall",
     {"Zorvanne Quint", "Night Over Town"}),
    # A dash inside a bracket is no event tail and joins no names.
    ("Zorvanne Quint | Night Over Town (acoustic - live at Zed Hall)",
     {"Zorvanne Quint", "Night Over Town (acoustic - live at Zed Hall)"}),
])
def test_live_tails_and_bracketed_dashes(title: str, sides: set[str]) -> None:
    r = parse_title(title, knowledge=NONE)
    assert {r.artist, r.song} == sides, r


def test_a_longer_dash_run_in_the_second_segment_keeps_the_dash_split() -> None:
    # "[Ep. 05] - Artist (ft. X) - Prod. Y": not two names joined by a dash.
    r = parse_title("KARAOKE || Đêm Mưa | [TẬP. 05] - Quốc Khang (ft. Lia) - Prod. Zed - (Beat)",
                    knowledge=NONE)
    assert r.primary_artist == "Quốc Khang" and r.song.startswith("Đêm Mưa"), r
