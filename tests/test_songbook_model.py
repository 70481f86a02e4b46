"""The songbook model: grouping by identity, versions, filters, language (pure, no I/O)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from collector.songbook.language import Language, from_script, identify
from collector.songbook.load import CatalogRow
from collector.songbook.model import Filters, build_songbook, fold, name_key

BASE = CatalogRow(
    video_id="v0", title="", channel="Sing Karaoke", channel_id="UCsing", url="",
    view_count=None, artist=None, song=None, merged_artist=None, merged_song=None,
    featured_artists=(), version_tags=(), parse_confidence=0.9, year=None, year_source=None,
    genres=(), recording_mbid=None, musicbrainz_status=None, musicbrainz_confidence=None,
    language=None, discogs_master_id=None, discogs_release_id=None, discogs_status=None,
    discogs_confidence=None,
)


def row(vid: str, artist: str, song: str, **kw: object) -> CatalogRow:
    return dataclasses.replace(BASE, video_id=vid, artist=artist, song=song,
                               url=f"https://www.youtube.com/watch?v={vid}", **kw)


def no_lang(song: str, mb: str | None) -> Language:
    return identify(song, mb, guesser=None)


def book(rows: list[CatalogRow], **kw: object):
    return build_songbook(rows, identify_language=no_lang, **kw)


def test_fold_and_name_key_ignore_case_accents_punctuation_and_the() -> None:
    assert fold("BEYONCÉ") == fold("beyonce")
    assert fold("Đàm Vĩnh Hưng") == "dam vinh hung"
    assert name_key("The Beatles") == name_key("beatles")
    assert name_key("Don't Stop Me Now!") == name_key("dont  stop me now")
    assert name_key("Queen") != name_key("Queens")


def test_videos_of_one_recording_are_one_song_with_its_versions() -> None:
    rows = [
        row("a1", "Queen", "Bohemian Rhapsody", channel="KaraFun", view_count=100,
            musicbrainz_status="match", recording_mbid="mb-1", musicbrainz_confidence=0.95,
            merged_artist="Queen", merged_song="Bohemian Rhapsody", year=1975,
            genres=("rock",), version_tags=("no_lead_vocal",)),
        row("a2", "QUEEN", "Bohemian Rhapsody (Live)", channel="Stingray", view_count=500,
            musicbrainz_status="match", recording_mbid="mb-1", musicbrainz_confidence=0.9,
            merged_artist="Queen", merged_song="Bohemian Rhapsody", version_tags=("piano",)),
        row("a3", "Queen", "Bohemian rhapsody", channel="Zoom", view_count=7),  # unconfirmed
        row("b1", "Queen", "Somebody to Love", channel="Zoom"),
    ]
    b = book(rows)
    assert [e.song for e in b.entries] == ["Bohemian Rhapsody", "Somebody to Love"]
    bo = b.entries[0]
    assert bo.key == "mb:mb-1" and bo.confirmed
    assert [v.video_id for v in bo.versions] == ["a2", "a1", "a3"]   # most viewed first
    assert [v.confirmed for v in bo.versions] == [True, True, False]
    assert bo.year == 1975 and bo.decade == 1970 and bo.genres == ("rock",)
    assert bo.views == 607 and bo.channels == ("KaraFun", "Stingray", "Zoom")
    assert not b.entries[1].confirmed and b.entries[1].key.startswith("n:")
    assert b.coverage.songs == 2 and b.coverage.versions == 4 and b.coverage.confirmed == 1


def test_weak_matches_do_not_confirm_and_discogs_master_does() -> None:
    weak = row("w", "Abba", "Waterloo", musicbrainz_status="weak", recording_mbid="mb-x")
    master = row("m1", "Abba", "SOS", discogs_status="match", discogs_master_id=42)
    master2 = row("m2", "ABBA", "S.O.S.", discogs_status="match", discogs_master_id=42)
    b = book([weak, master, master2])
    keys = {e.song: e for e in b.entries}
    assert not keys["Waterloo"].confirmed and keys["Waterloo"].key.startswith("n:")
    assert keys["SOS"].key == "dm:42" and len(keys["SOS"].versions) == 2


def test_unconfirmed_joins_only_an_unambiguous_confirmed_song() -> None:
    a = row("1", "Heart", "Alone", musicbrainz_status="match", recording_mbid="r1")
    b = row("2", "Heart", "Alone", musicbrainz_status="match", recording_mbid="r2")
    c = row("3", "Heart", "Alone")
    entries = book([a, b, c]).entries
    assert sorted(len(e.versions) for e in entries) == [1, 1, 1]   # never guessed


def test_duet_flag_from_version_tags() -> None:
    b = book([row("1", "Elton John & Kiki Dee", "Don't Go Breaking My Heart",
                   version_tags=("duet",)), row("2", "Adele", "Hello")])
    assert {e.song: e.duet for e in b.entries} == {"Don't Go Breaking My Heart": True,
                                                   "Hello": False}


def test_channel_and_min_confidence_filters() -> None:
    rows = [row("1", "A", "One", channel="KaraFun", channel_id="UCk", parse_confidence=0.95),
            row("2", "B", "Two", channel="Stingray", parse_confidence=0.5),
            row("3", "C", "Three", channel="Stingray", parse_confidence=0.5,
                musicbrainz_status="match", recording_mbid="r", musicbrainz_confidence=0.97)]
    assert [e.song for e in book(rows, filters=Filters(channels=("karafun",))).entries] == ["One"]
    assert [e.song for e in book(rows, filters=Filters(channels=("UCk",))).entries] == ["One"]
    kept = book(rows, filters=Filters(min_confidence=0.9)).entries
    assert [e.song for e in kept] == ["One", "Three"]


def test_rows_without_artist_and_song_are_left_out() -> None:
    b = book([dataclasses.replace(BASE, video_id="x", title="Karaoke compilation"),
              row("y", "Adele", "Hello")])
    assert [e.song for e in b.entries] == ["Hello"]


@pytest.mark.parametrize(("text", "code"), [
    ("Mưa Trên Phố Huế", "vi"), ("Tình Yêu", "vi"), ("Café Olé", None),
    ("사랑했지만", "ko"), ("夜に駆ける", "ja"),
    ("月亮代表我的心", "zh"), ("Hello", None),
])
def test_script_identifies_unambiguous_scripts(text: str, code: str | None) -> None:
    assert from_script(text) == code


def test_language_source_order_musicbrainz_script_model() -> None:
    assert identify("Despacito", "spa") == Language("es", "musicbrainz")
    assert identify("Ai Đưa Em Về") == Language("vi", "script")
    assert identify("Atemlos durch die Nacht") == Language("de", "langid")
    assert identify("I Will Always Love You") == Language("en", "langid")
    # One word is too little to tell; an unsure model answer is dropped.
    assert identify("Zombie").code is None
    assert identify("Die Hard").source == "unknown"
    assert identify("Something", guesser=lambda t: ("de", 0.5)).code is None


def test_coverage_plots_are_inline_svg_with_escaped_labels() -> None:
    from collector.songbook.svg import bar_chart, share_bar

    svg = bar_chart("Songs per genre", [("R&B <soul>", 30), ("Pop", 60)])
    assert svg.startswith("<svg") and "R&amp;B &lt;soul&gt;" in svg and "<soul>" not in svg
    widths = [int(w) for w in re.findall(r'<rect x="\d+" y="[\d.]+" width="(\d+)"', svg)]
    assert len(widths) == 2 and widths[1] == 2 * widths[0]     # bars scale with the counts
    assert "no data yet" in bar_chart("Songs per decade", [])
    assert "3 of 4 (75.0%)" in share_bar("Songs with a year", 3, 4)
    assert "0 of 0 (0.0%)" in share_bar("Songs with a year", 0, 0)
