"""Round six: the noise of music videos and of karaoke channels in more languages, with
made-up names ("Official Music Video", "Dance Practice", "(Color Coded Lyrics)",
"(Minus One)", "off vocal", "tanpa vokal", "tono bajo", "MR", "반주", "KTV"), version groups
("(X Remix)", "(X Ver.)", "(Live at X)", "(Remastered 2011)") and "A ❌ B" credits."""

from __future__ import annotations

import pytest

from collector.parsing import ArtistKnowledge, parse_title
from collector.parsing.noise import is_noise_group
from collector.parsing.normalise import fold
from collector.parsing.phrases import mark_phrases

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
    "Zorvanne 'Tell Me Now' Lyrics (Color Coded Lyrics Eng/Rom/Han/가사)",
    "Zorvanne - Tell Me Now (Live Session)",
    "Zorvanne - Tell Me Now (Slowed + Reverb)",
    "Zorvanne - Tell Me Now (Sped Up)",
    "Zorvanne - Tell Me Now (Tradução/Legendado)",
    "Zorvanne - Tell Me Now (Lyrics + Vietsub)",
    "Zorvanne - Tell Me Now [Engsub]",
    "Tell Me Now - Zorvanne (Playback)",
    "Zorvanne - Tell Me Now - Playback com letra",
    "Zorvanne - Tell Me Now (Versión Acústica)",
    "Zorvanne - Tell Me Now 【中文字幕】",
    "Zorvanne - Tell Me Now【動態歌詞Lyrics】",
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


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Zorvanne「Tell Me Now」", "Zorvanne", "Tell Me Now"),
    ("Zorvanne『Tell Me Now』Official MV", "Zorvanne", "Tell Me Now"),
    ("Zorvanne《光年》", "Zorvanne", "光年"),
    ("周小明 Zorvanne【Tell Me Now】Official Music Video", "周小明 Zorvanne", "Tell Me Now"),
])
def test_cjk_brackets_mark_the_song(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=K)
    assert (r.artist, r.song) == (artist, song), r


def test_cjk_brackets_with_a_name_on_both_sides_stay_unread() -> None:
    r = parse_title("Zorvanne「Tell Me Now」Kelmi Dastra", knowledge=K)
    assert r.artist is None, r


def test_romanised_name_with_hangul_is_the_credit() -> None:
    # Unknown names both: only the shape "Name (한글)" says which side is the artist.
    r = parse_title("Vorin (보린) - Quiet Lanterns", knowledge=ArtistKnowledge(set()))
    assert (r.artist, r.song) == ("Vorin (보린)", "Quiet Lanterns"), r
    r = parse_title("Quiet Lanterns - Vorin (보린)", knowledge=ArtistKnowledge(set()))
    assert (r.artist, r.song) == ("Vorin (보린)", "Quiet Lanterns"), r


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Cuando me olvides-Kelmi Dastra karaoke", "Kelmi Dastra", "Cuando me olvides"),
    # Capitalised on both sides of the hyphen: a name ("Anne-Marie"), no split there.
    ("Zorvanne Tell Me Now-Anne Marie karaoke", None, None),
])
def test_hyphen_typed_without_spaces(title: str, artist: str | None, song: str | None) -> None:
    r = parse_title(title, knowledge=K)
    if artist is None:
        assert r.separator != "tight", r
    else:
        assert (r.artist, r.song) == (artist, song), r


def test_every_phrase_passes_its_gate() -> None:
    # The phrase patterns run only when a cheap literal hint is in the title: a phrase
    # added to the vocabulary without a hint would never be read.
    from collector import vocabulary
    from collector.parsing import phrases
    for p in vocabulary.VIDEO_PHRASES:
        assert any(h in p for h in phrases._VIDEO_HINTS), p
    for p in vocabulary.KARAOKE_PHRASES:
        assert any(h in f" {p}" for h in phrases._KARAOKE_HINTS), p


@pytest.mark.parametrize(("title", "votes"), [
    ("Velmora Quist - Shadows On The Water (Official Music Video)", True),
    ("Velmora Quist - Shadows On The Water [Official Audio]", True),
    ("Velmora Quist - Shadows On The Water (Lyric Video)", True),
    ("Velmora Quist - Shadows On The Water (Official Video) | Karaoke", False),
    ("Velmora Quist - Shadows On The Water (Official Video Instrumental)", False),
    ("Bóng Nước | OFFICIAL MUSIC VIDEO | Velmora Quist", False),
    ("Velmora Quist - Shadows On The Water", False),
])
def test_music_videos_put_the_artist_first(title: str, votes: bool) -> None:
    r = parse_title(title, knowledge=ArtistKnowledge(set()))
    assert ("music_video" in r.reason) is votes, r
    if votes:  # names no list knows: the convention alone reads the title
        assert (r.artist, r.song) == ("Velmora Quist", "Shadows On The Water"), r
        assert r.confidence > 0.5, r


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Velmora Quist 'Can't Stop Now' M/V", "Velmora Quist", "Can't Stop Now"),
    ("Velmora's Band 'Tell Me Now' M/V", "Velmora's Band", "Tell Me Now"),
    ("Velmora Quist & Oren Lask feat. Ida Vell「Tell Me Now」Official MV",
     "Velmora Quist & Oren Lask feat. Ida Vell", "Tell Me Now"),
])
def test_quoted_song_with_apostrophes_and_long_credits(title: str, artist: str,
                                                        song: str) -> None:
    r = parse_title(title, knowledge=ArtistKnowledge(set()))
    assert (r.artist, r.song) == (artist, song), r


def test_a_sentence_beside_a_quoted_word_is_no_credit() -> None:
    r = parse_title("When we all sang along to the old radio 'Tell Me Now'",
                    knowledge=ArtistKnowledge(set()))
    assert r.artist is None, r


@pytest.mark.parametrize("title", [
    "Ida Vell, Oren Lask, Tam Ro, Velmora Quist「Tell Me Now」Official MV",
    "Ida Vell, Oren Lask, Tam Ro, Velmora Quist \"Tell Me Now\" Dance Practice",
])
def test_a_list_of_names_beside_one_quoted_song_is_no_compilation(title: str) -> None:
    r = parse_title(title, knowledge=ArtistKnowledge(set()))
    assert (r.artist, r.song) == ("Ida Vell, Oren Lask, Tam Ro, Velmora Quist", "Tell Me Now"), r


def test_a_list_of_songs_stays_a_compilation() -> None:
    r = parse_title("Tell Me Now, Quiet Lanterns, Shadows On The Water, Blue Hour (Karaoke)",
                    knowledge=ArtistKnowledge(set()))
    assert r.artist is None and r.confidence <= 0.05, r


@pytest.mark.parametrize("title", [
    "Velmora Quist - Shadows On The Water ft. Oren Lask (Official Video)",
    "Velmora Quist - Shadows On The Water (Official Music Video) FT. Oren Lask",
    "Velmora Quist - Shadows On The Water feat. Oren Lask [Official Audio]",
])
def test_feat_trailing_the_song_of_a_music_video(title: str) -> None:
    r = parse_title(title, knowledge=ArtistKnowledge(set()))
    assert (r.primary_artist, r.song) == ("Velmora Quist", "Shadows On The Water"), r
    assert r.featured_artists == ["Oren Lask"], r


def test_feat_on_the_last_part_of_a_karaoke_title_still_marks_the_artist() -> None:
    r = parse_title("Shadows On The Water - Velmora Quist ft. Oren Lask (Karaoke)",
                    knowledge=ArtistKnowledge(set()))
    assert (r.primary_artist, r.song) == ("Velmora Quist", "Shadows On The Water"), r


@pytest.mark.parametrize("song", ["Más Que Nada", "Bajo La Lluvia", "Alta Mar", "Han Solo",
                                  "Session Man", "Performance Art"])
def test_words_that_describe_a_track_after_it_start_songs(song: str) -> None:
    r = parse_title(f"Karaoke {song} - Zorvanne", knowledge=K)
    assert (r.artist, r.song) == ("Zorvanne", song), r
