"""Chinese-language titles: the soundtrack a song is from, a dash after a CJK bracket,
and Chinese personal names as artist evidence."""

from __future__ import annotations

import pytest

from collector.parsing import ArtistKnowledge, parse_title

NONE = ArtistKnowledge()


@pytest.mark.parametrize(("title", "artist", "song"), [
    # "OST Drama ..." after artist and song names the drama, not the singer.
    ("Yue Guang 月光 - Chen Mei Lin 陈美琳 Karaoke OST Spring Rain 春雨 [Zed卡拉OK]",
     "Chen Mei Lin 陈美琳", "Yue Guang 月光"),
    ("Yue Guang 月光 - Chen Mei Lin 陈美琳 (OST Spring Rain 春雨)",
     "Chen Mei Lin 陈美琳", "Yue Guang 月光"),
    ("Yue Guang 月光 - Chen Mei Lin 陈美琳《OST 春雨》Karaoke",
     "Chen Mei Lin 陈美琳", "Yue Guang 月光"),
    # The name first: the family name still marks it.
    ("Chen Mei Lin 陈美琳 - Yue Guang 月光 Karaoke", "Chen Mei Lin 陈美琳", "Yue Guang 月光"),
    # A Han name with its romanisation in brackets.
    ("Yue Guang 月光 - 檀小风 (Tan Xiao Feng) Karaoke", "檀小风 (Tan Xiao Feng)",
     "Yue Guang 月光"),
])
def test_chinese_titles(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=NONE)
    assert (r.artist, r.song) == (artist, song), r


def test_a_dash_right_after_a_cjk_bracket_separates() -> None:
    r = parse_title("Zorb【Moonlight】- Lia Moss Karaoke", knowledge=NONE)
    assert r.separator == "dash" and {r.artist, r.song} == {"Zorb【Moonlight】", "Lia Moss"}, r


def test_ost_at_the_start_is_left_alone() -> None:
    # Before any separator "OST" may be part of the song or the uploader's head.
    r = parse_title("OST Spring Rain - Chen Mei Lin 陈美琳", knowledge=NONE)
    assert "OST Spring Rain" in (r.artist, r.song), r


def test_pinyin_beside_han_characters_is_no_function_word() -> None:
    # "Yao", "Hui", "Wen" are in stop-word lists as pinyin; beside the Han name they
    # are a name's romanisation, so the Chinese family name decides.
    r = parse_title("Yue Guang 月光 - Yao Hui Wen 姚慧汶 Karaoke")
    assert r.artist == "Yao Hui Wen 姚慧汶", r
