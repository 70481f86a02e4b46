"""Karaoke and video words of more channels (dev5 tuned part: Filipino, French, Spanish,
Japanese uploads), with made-up titles of the same shapes."""

from __future__ import annotations

import pytest

from collector.models import Orientation
from collector.parsing import ArtistKnowledge, parse_title

NONE = ArtistKnowledge()


def test_karaoke_with_an_accent_starts_a_song_first_title() -> None:
    r = parse_title("Karaoké Nuit Blanche - Zorvane", knowledge=NONE)
    assert (r.artist, r.song, r.orientation) == ("Zorvane", "Nuit Blanche",
                                                 Orientation.SONG_ARTIST), r


@pytest.mark.parametrize(("title", "artist", "song"), [
    # OPM (Filipino pop) and "tagalog" tags after a karaoke word are noise.
    ("Ulan - Zorbi (karaoke) tagalog karaoke song OPM", "Zorbi", "Ulan"),
    ("Ulan Sa Gabi (KARA0KE) by Zorbi Dela tagalog karaoke | OPM song | tagalog videoke",
     "Zorbi Dela", "Ulan Sa Gabi"),
    # "Versión" before a karaoke word goes with it, as "Version" does.
    ("Noche Larga - Zorbi Quint  Versión Karaoke  KaraFun", "Zorbi Quint", "Noche Larga"),
    # "Acoustic Cover" after the artist.
    ("Zed Song Title - Zorbi Quint Acoustic Cover", "Zorbi Quint", "Zed Song Title"),
])
def test_noise_of_more_channels(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=NONE)
    assert {r.artist, r.song} == {artist, song}, r


def test_dance_video_after_a_cjk_song() -> None:
    r = parse_title("Zorbi Quint「NEON」Dance Video YouTube Ver.", knowledge=NONE)
    assert (r.artist, r.song) == ("Zorbi Quint", "NEON"), r


@pytest.mark.parametrize("title", ["Acoustic - Zorbi Quint", "Take Cover - Zorbi Quint",
                                   "OPM - Zorbi Quint"])
def test_weak_words_alone_stay_song_text(title: str) -> None:
    r = parse_title(title, knowledge=NONE)
    assert r.artist is not None and r.song is not None, r


@pytest.mark.parametrize(("title", "artist", "song"), [
    # A Tagalog phrase is the song, and Filipino titles read "Song - Artist".
    ("IKAW LANG ANG MAHAL - Zedstar (KARAOKE VERSION)", "Zedstar", "IKAW LANG ANG MAHAL"),
    ("ULAN (Hindi Na) - Zorbi (KARAOKE VERSION)", "Zorbi", "ULAN (Hindi Na)"),
    ("Ulan - Zorbi (karaoke) tagalog karaoke song OPM", "Zorbi", "Ulan"),
])
def test_filipino_titles_read_song_first(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=NONE)
    assert (r.artist, r.song, r.orientation) == (artist, song, Orientation.SONG_ARTIST), r


def test_an_english_title_is_no_tagalog_title() -> None:
    # "Angel", "Strange", "Sang" hold the letters of Tagalog words, not the words.
    r = parse_title("Zorbi Quint - Strange Angel Sang (Karaoke)", knowledge=NONE)
    assert "tagalog" not in r.reason, r


@pytest.mark.parametrize(("title", "artist", "song"), [
    # A karaoke group of noise words between two runs of words stands for a separator.
    ("Noite Longa (Melhor Karaokê) Zorbi e Quint", "Zorbi e Quint", "Noite Longa"),
    ("Night Over Town (Karaoke Version HD) Zorbi Quint", "Zorbi Quint", "Night Over Town"),
])
def test_a_karaoke_group_between_song_and_artist(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=NONE)
    assert (r.artist, r.song) == (artist, song), r


def test_a_karaoke_group_before_noise_words_only_is_noise() -> None:
    r = parse_title("Night Over Town (Karaoke Version) HD", knowledge=NONE)
    assert r.artist is None and r.song == "Night Over Town", r
