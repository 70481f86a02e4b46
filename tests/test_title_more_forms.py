"""Forms named in ../shared/README.md and issue 11, with made-up names: show names after a
comma, file names ("_" for spaces or "/"), CJK karaoke markers, "Karaoke Song - Artist *",
"Last, First - Song"."""

from __future__ import annotations

import pytest

from collector.models import Orientation
from collector.parsing import ArtistKnowledge, parse_title
from collector.parsing.noise import drop_karaoke_head, drop_show_tail

# Store-confirmed names only: the noise and the forms are what is tested, not orientation.
K = ArtistKnowledge({"zorvanne", "zorvan quint"})


@pytest.mark.parametrize("title", [
    "Tell Me Now - Zorvanne, Some Show 2024 (Karaoke)",
    "Tell Me Now - Zorvanne, The Voice Kids 2021 (Karaoke)",
    "Zorvanne - Tell Me Now, SING MY SONG (Beat chuẩn - HD)",
    "Zorvanne_-_Tell_Me_Now_(Karaoke).mp4",
    "【カラオケ】Tell Me Now / Zorvanne",
    "Tell Me Now - Zorvanne 【カラオケ】",
    "Zorvanne - Tell Me Now カラオケ",
    "[노래방] Tell Me Now - Zorvanne",
    "[TJ노래방] Tell Me Now - Zorvanne / TJ Karaoke",
    "Tell Me Now - Zorvanne (伴奏)",
    "Karaoke Tell Me Now - Zorvanne *",
])
def test_forms_read_artist_and_song(title: str) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song) == ("Zorvanne", "Tell Me Now"), r


def test_last_first_name_is_turned_round() -> None:
    r = parse_title("Quint, Zorvan - Tell Me Now (Karaoke)", knowledge=K)
    assert (r.artist, r.song) == ("Zorvan Quint", "Tell Me Now"), r


def test_vietnamese_show_after_the_singer() -> None:
    r = parse_title('KARAOKE "Mưa Chiều Xa" - Lê Văn Bình, SING MY SONG (Beat chuẩn - HD)',
                    knowledge=ArtistKnowledge())
    assert (r.artist, r.song) == ("Lê Văn Bình", "Mưa Chiều Xa"), r


@pytest.mark.parametrize(("text", "kept"), [
    ("Song - Artist, Some Show 2024", "Song - Artist"),
    ("Song - Artist, Chung Kết Rap Việt", "Song - Artist"),
    # A comma inside a song or a name stays.
    ("Zorvanne - December, 1963", "Zorvanne - December, 1963"),
    ("Baby, It's Late Outside - Zorvanne", "Baby, It's Late Outside - Zorvanne"),
    ("Wind, Fire & Rain - The Long Road", "Wind, Fire & Rain - The Long Road"),
    # Too long a tail to be a show's name.
    ("Song - Artist, a long story about the show we saw last night in town",
     "Song - Artist, a long story about the show we saw last night in town"),
])
def test_show_tail(text: str, kept: str) -> None:
    assert drop_show_tail(text) == kept


def test_a_name_written_as_a_file_name_is_not_cut() -> None:
    # "AC_DC": "_" for "/" - not an uploader's tag glued to the name ("Artist_Orange").
    r = parse_title("Tell Me Now - ZQ_RX", knowledge=K)
    assert "ZQ_RX" in (r.artist, r.song), r
    r = parse_title("Tell Me Now - Zorvanne_Orangey", knowledge=K)
    assert (r.artist, r.song) == ("Zorvanne", "Tell Me Now"), r


def test_karaoke_prefix_reads_song_first_without_knowledge() -> None:
    r = parse_title("Karaoke Tell Me Now - Zorvanne *", knowledge=ArtistKnowledge())
    assert (r.artist, r.orientation) == ("Zorvanne", Orientation.SONG_ARTIST), r


@pytest.mark.parametrize("title", [
    "KARAOKE - ZORVAN QUINT-TELL ME NOW-Brand",
    "KARAOKE - ZORVAN QUINT-TELL ME NOW-Some Brand",
])
def test_caps_file_name_form_outweighs_its_karaoke_prefix(title: str) -> None:
    # 'Karaoke Song - Artist' reads song first; the all-caps file-name form with a brand
    # after the last hyphen reads artist first, with or without knowledge.
    r = parse_title(title, knowledge=ArtistKnowledge())
    assert (r.artist, r.song) == ("ZORVAN QUINT", "TELL ME NOW"), r



@pytest.mark.parametrize("title", [
    "Tell Me Now - Zorvanne ｜ Karaoke ｜ Instrumental",  # full-width vertical bar
    "Tell Me Now ⧸ Zorvanne ⧸⧸ KARAOKE",  # big solidus, as file names write "/"
    "Zorvanne - Tell Me Now (Karaoke oficial)",  # "oficial" is no "karaoke of" credit
    "Zorvanne - Tell Me Now (Karaoke Oficial)",
])
def test_look_alike_separators_and_spanish_words(title: str) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song) == ("Zorvanne", "Tell Me Now"), r


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("ZORVANNE - TELL ME NOW M/V", "ZORVANNE", "TELL ME NOW"),
    ("[MV] Zorvanne _ Tell Me Now", "Zorvanne", "Tell Me Now"),
    ("Zorvanne - Tell Me Now ｜ Pista Karaoke", "Zorvanne", "Tell Me Now"),
    ("Mưa Rơi Bên Thềm | OFFICIAL MUSIC VIDEO | Lâm Quốc Vĩ", "Lâm Quốc Vĩ",
     "Mưa Rơi Bên Thềm"),
    # Vietnamese uploads write a lowercase "l" for "|".
    ("Lâm Quốc Vĩ l Mưa Rơi Bên Thềm l Official Music Video", "Lâm Quốc Vĩ",
     "Mưa Rơi Bên Thềm"),
])
def test_music_video_and_uploader_shapes(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song) == (artist, song), r


def test_korean_underscore_titles_take_no_song_first_prior() -> None:
    # '曲名 / 歌手' is song first; '[MV] Artist _ Song' is not.
    r = parse_title("[MV] Kestrel Moon _ Blue Night Road", knowledge=ArtistKnowledge())
    assert r.artist == "Kestrel Moon" and "evidence: slash" not in r.reason, r
    r = parse_title("Blue Night Road / Kestrel Moon", knowledge=ArtistKnowledge())
    assert r.artist == "Kestrel Moon" and "evidence: slash" in r.reason, r


def test_portuguese_accents_are_not_vietnamese() -> None:
    r = parse_title("Eu Quero - Banda da Língua (KARAOKE COMPLETO)", knowledge=ArtistKnowledge())
    assert "vietnamese" not in r.reason and r.song in ("Eu Quero", "Banda da Língua"), r


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Zorvanne 'Tell Me Now' MV", "Zorvanne", "Tell Me Now"),
    ("'Tell Me Now' Zorvanne", "Zorvanne", "Tell Me Now"),
])
def test_single_quoted_song(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song) == (artist, song), r


def test_apostrophes_are_no_quotes() -> None:
    r = parse_title("Rock 'n' Roll Tonight", knowledge=ArtistKnowledge())
    assert r.artist is None and r.song == "Rock 'n' Roll Tonight", r


@pytest.mark.parametrize("title", [
    "Zorvanne - Tell Me Now - Acoustic Piano Karaoke Version from Some Karaoke",
    "Zorvanne - Tell Me Now - 20119",  # a catalogue number
])
def test_uploader_parts_after_artist_and_song(title: str) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song) == ("Zorvanne", "Tell Me Now"), r


def test_a_year_part_is_kept() -> None:
    r = parse_title("Zorvanne - Tell Me Now - 1999", knowledge=K)
    assert r.artist == "Zorvanne" and "1999" in (r.song or ""), r


def test_an_uploader_head_naming_karaoke_before_a_comma() -> None:
    r = parse_title("brandname KARAOKE 442, Zorvanne - Tell Me Now", knowledge=K)
    assert (r.artist, r.song) == ("Zorvanne", "Tell Me Now"), r
    assert drop_karaoke_head("Karaoke, Baby - Zorvanne") == "Karaoke, Baby - Zorvanne"
    assert drop_karaoke_head("Best Karaoke Night, Ever") == "Best Karaoke Night, Ever"


@pytest.mark.parametrize("title", [
    "Zorvanne 'Tell Me Now' Official MV",
    "Zorvanne - Tell Me Now Official Music Video",
])
def test_official_video_tails(title: str) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song) == ("Zorvanne", "Tell Me Now"), r


def test_an_emoji_between_song_and_artist_stands_for_a_separator() -> None:
    r = parse_title("Tell Me Now 🥳 Zorvanne (Versión 🎤 Karaoke)", knowledge=K)
    assert (r.artist, r.song) == ("Zorvanne", "Tell Me Now"), r
    r = parse_title("Tell Me Now 🎤 Karaoke", knowledge=K)
    assert r.artist is None and r.song == "Tell Me Now", r


def test_spanish_new_version_is_noise() -> None:
    r = parse_title("Zorvanne - Tell Me Now Nueva Version Karaoke", knowledge=K)
    assert (r.artist, r.song) == ("Zorvanne", "Tell Me Now"), r


@pytest.mark.parametrize("title", [
    "Brand Karaoke | Tell Me Now - Zorvanne | Beat Chuẩn Song Ca",
    "Brand Music | Tell Me Now - Zorvanne",
])
def test_a_channel_name_before_the_pipe(title: str) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song) == ("Zorvanne", "Tell Me Now"), r


@pytest.mark.parametrize(("title", "song"), [
    ("Karaoke Sugar, We Go Down - Zorvanne *", "Sugar, We Go Down"),  # the marker first
    ("Zorvanne • Play That Funky Music • Karaoke", "Play That Funky Music"),
])
def test_song_words_next_to_noise_stay(title: str, song: str) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song) == ("Zorvanne", song), r
