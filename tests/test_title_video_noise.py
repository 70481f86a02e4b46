"""Round six: the noise of music videos and of karaoke channels in more languages, with
made-up names ("Official Music Video", "Dance Practice", "(Color Coded Lyrics)",
"(Minus One)", "off vocal", "tanpa vokal", "tono bajo", "MR", "반주", "KTV"), version groups
("(X Remix)", "(X Ver.)", "(Live at X)", "(Remastered 2011)") and "A ❌ B" credits."""

from __future__ import annotations

import pytest

from collector.parsing import ArtistKnowledge, parse_title
from collector.parsing.noise import is_noise_group, mark_phrases
from collector.parsing.normalise import fold

# Store-confirmed names only: the noise is what is tested, not orientation.
K = ArtistKnowledge({"zorvanne", "kelmi dastra"})


@pytest.mark.parametrize("title", [
    "Zorvanne - Tell Me Now (Official Music Video)",
    "Zorvanne - Tell Me Now [Official Visualizer]",
    "Zorvanne - Tell Me Now (Lyrics/Letra)",
    "Zorvanne - Tell Me Now (Live at the Grand Hall)",
    "Zorvanne - Tell Me Now (Remastered 2011)",
    "Zorvanne - Tell Me Now (Velvet Club Remix)",
    "Zorvanne - Tell Me Now (Minus One)",
    "Zorvanne - Tell Me Now (off vocal)",
    "Zorvanne - Tell Me Now (Karaoke Tanpa Vokal)",
    "Zorvanne - Tell Me Now Lirik",
    "Zorvanne - Tell Me Now (tono bajo)",
    "Tell Me Now - Zorvanne karaoke tono más alto",
    "Zorvanne - Tell Me Now MR",
    "Zorvanne - Tell Me Now (반주)",
    "Zorvanne - Tell Me Now KTV",
    "Zorvanne - Tell Me Now Unplugged Karaoke",
    "Zorvanne 'Tell Me Now' Dance Practice",
    "Zorvanne \"Tell Me Now\" Dance Practice #2 (Moonlit Ver.)",
    "Zorvanne - 'Tell Me Now' DANCE PERFORMANCE VIDEO",
    "Zorvanne 'Tell Me Now' M/V Teaser",
    "Zorvanne 'Tell Me Now' (Color Coded Lyrics)",
])
def test_video_and_karaoke_noise_leaves_artist_and_song(title: str) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song) == ("Zorvanne", "Tell Me Now"), r


@pytest.mark.parametrize(("title", "tag"), [
    ("Zorvanne - Tell Me Now (Remastered 2011)", "remastered"),
    ("Zorvanne - Tell Me Now (Velvet Club Remix)", "remix"),
    ("Zorvanne - Tell Me Now (Live at the Grand Hall)", "live"),
    ("Zorvanne - Tell Me Now (Minus One)", "instrumental"),
    ("Zorvanne - Tell Me Now KTV", "karaoke"),
])
def test_version_groups_become_tags(title: str, tag: str) -> None:
    assert tag in parse_title(title, knowledge=K).version_tags


@pytest.mark.parametrize("inner", ["Broadway Version", "Taylor's Version", "Live Forever",
                                   "Mix Tape Love", "Off"])
def test_groups_that_name_a_recording_or_song_stay(inner: str) -> None:
    assert not is_noise_group(inner)


@pytest.mark.parametrize("text", ["Mr. Blue Sky", "MR BLUE SKY - Zorvanne", "Shake It Off",
                                  "Music Videos Killed", "Minus Two"])
def test_phrases_leave_song_words(text: str) -> None:
    assert mark_phrases(text) == text


@pytest.mark.parametrize("cross", ["❌", "✖", "✕"])
def test_cross_between_credits_is_an_x(cross: str) -> None:
    r = parse_title(f"Zorvanne {cross} Kelmi Dastra - Tell Me Now", knowledge=K)
    assert (r.artist, r.song) == ("Zorvanne x Kelmi Dastra", "Tell Me Now"), r


def test_curly_apostrophe_folds_like_straight() -> None:
    assert fold("Don\u2019t Stop") == fold("Don't Stop") == "dont stop"
