"""Artist and song from a karaoke video title (pure, no I/O).

    >>> parse_title("Queen - Bohemian Rhapsody (Karaoke Version)").artist
    'Queen'

``parse_titles`` parses a channel's titles together, so the channel's own grammar
(``Artist - Song`` or ``Song - Artist``) decides the orientation of each title; strong
per-title evidence (a "feat." credit, an artist the channel names elsewhere) overrides it.
Confidence weights live in :class:`ParseWeights`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from collector.models import Orientation, ParseResult
from collector.parsing.analysis import Analysis, analyse
from collector.parsing.artist_knowledge import ArtistKnowledge
from collector.parsing.channel_profile import ChannelProfile, build_profile
from collector.parsing.featured import (
    split_artist_credit,
    split_song_featuring,
    strip_quotes,
)
from collector.parsing.normalise import artist_key

PARSER_VERSION = 1


@dataclass(frozen=True, slots=True)
class ParseWeights:
    """Confidence of each way a title can be read, in one place."""

    style_of: float = 0.95  # "Song in the style of Artist": the artist is named outright
    by_credit: float = 0.85  # "Song by Artist"
    known_artist: float = 0.93  # one side is an artist this channel names elsewhere
    quoted_song: float = 0.85  # '"Hello" - Adele': quotes mark the song
    prefix_hint: float = 0.55  # "Karaoke Hello - Adele": a weak Song - Artist hint
    channel_base: float = 0.7  # channel orientation decided: base + span * strength
    channel_span: float = 0.25
    default_split: float = 0.5  # no evidence either way: Artist - Song, alternative kept
    extra_parts_penalty: float = 0.15  # "A - B - C": where the song ends is a guess
    song_only: float = 0.2
    compilation: float = 0.05


WEIGHTS = ParseWeights()
# "曲名 / 歌手": slash titles (Japanese and filename-style) put the song first.
_SONG_FIRST_SEPARATORS = frozenset({"slash"})
_WORDS_RE = re.compile(r"[\w']+", re.UNICODE)


@functools.lru_cache(maxsize=1024)
def channel_words(channel: str | None) -> frozenset[str]:
    """Words of a channel's name, so its brand suffix is recognised as noise."""
    if not channel:
        return frozenset()
    words = {w.lower() for w in _WORDS_RE.findall(channel) if len(w) > 1}
    return frozenset(words | {"".join(sorted(words, key=channel.lower().find))})


def _orient(
    a: Analysis,
    profile: ChannelProfile | None,
    w: ParseWeights,
    knowledge: ArtistKnowledge | None = None,
) -> tuple[Orientation, float, str]:
    left, right = a.parts[0], a.parts[-1]
    quoted_l, quoted_r = _is_quoted(left), _is_quoted(right)
    if quoted_l != quoted_r:
        o = Orientation.SONG_ARTIST if quoted_l else Orientation.ARTIST_SONG
        return o, w.quoted_song, "the quoted side is the song"
    if profile is not None and profile.known_artists:
        kl = artist_key(left) in profile.known_artists
        kr = artist_key(right) in profile.known_artists
        if kl != kr:
            o = Orientation.ARTIST_SONG if kl else Orientation.SONG_ARTIST
            return o, w.known_artist, "side is an artist this channel names elsewhere"
    if knowledge is not None and len(knowledge):
        kl, kr = left in knowledge, right in knowledge
        if kl != kr:
            o = Orientation.ARTIST_SONG if kl else Orientation.SONG_ARTIST
            return o, w.known_artist, "side is a known artist"
    if profile is not None and a.sep in profile.orientation:
        strength = profile.strength.get(a.sep or "", 0.0)
        conf = w.channel_base + w.channel_span * strength
        return (
            Orientation(profile.orientation[a.sep or ""]),
            conf,
            f"channel orientation for '{a.sep}' titles",
        )
    if a.karaoke_prefix:
        return (Orientation.SONG_ARTIST, w.prefix_hint,
                "'Karaoke Song - Artist' form; no channel evidence")
    if a.sep in _SONG_FIRST_SEPARATORS:
        return (Orientation.SONG_ARTIST, w.default_split,
                f"'{a.sep}' titles are usually Song / Artist; no channel evidence")
    return Orientation.ARTIST_SONG, w.default_split, "no orientation evidence: Artist - Song"


def _is_quoted(text: str) -> bool:
    t = text.strip()
    return len(t) > 2 and t[0] == t[-1] and t[0] in "\"'" and t.count(t[0]) == 2


def resolve(a: Analysis, profile: ChannelProfile | None = None, w: ParseWeights = WEIGHTS,
            knowledge: ArtistKnowledge | None = None) -> ParseResult:
    """Turn an analysis into a ParseResult using the channel's profile."""
    tags = list(a.tags)
    if a.form == "empty":
        return ParseResult(None, None, version_tags=tags, confidence=0.0, reason="empty title")
    if a.form == "compilation":
        return ParseResult(None, None, version_tags=tags, confidence=w.compilation,
                           reason="compilation or channel video: no single song")
    alt_artist = alt_song = None
    if a.form in ("style_of", "by"):
        artist_raw, song_raw = a.artist or "", a.song or ""
        orientation = Orientation.SONG_ARTIST
        conf = w.style_of if a.form == "style_of" else w.by_credit
        reason = "artist named by 'in the style of'" if a.form == "style_of" else "'by' credit"
    elif a.form == "split":
        orientation, conf, reason = _orient(a, profile, w, knowledge)
        if orientation is Orientation.ARTIST_SONG:
            artist_raw, song_raw = a.parts[0], a.after_first
        else:
            artist_raw, song_raw = a.parts[-1], a.before_last
        if len(a.parts) > 2:
            conf -= w.extra_parts_penalty
            reason += f"; {len(a.parts)} parts"
        if conf < 0.8:
            alt_artist, alt_song = (
                (strip_quotes(song_raw), strip_quotes(artist_raw))
            )
        reason = f"{a.sep} split; {reason}"
    else:  # single
        song = strip_quotes(a.cleaned)
        return ParseResult(None, song or None, version_tags=tags, confidence=w.song_only,
                           reason="no artist in title")
    credit, primary, featured = split_artist_credit(artist_raw)
    song, song_featured = split_song_featuring(strip_quotes(song_raw))
    if not credit or not song:
        return ParseResult(None, song or credit or None, version_tags=tags,
                           confidence=w.song_only, reason="one side empty after cleaning")
    if credit != strip_quotes(artist_raw) and not featured:
        reason += "; 'Last, First' name"
    return ParseResult(
        artist=credit,
        song=song,
        featured_artists=featured + [f for f in song_featured if f not in featured],
        version_tags=tags,
        confidence=round(max(0.0, min(1.0, conf)), 3),
        reason=reason,
        orientation=orientation,
        alt_artist=alt_artist,
        alt_song=alt_song,
        primary_artist=primary,
    )


def parse_title(
    title: str,
    channel: str | None = None,
    profile: ChannelProfile | None = None,
    knowledge: ArtistKnowledge | None = None,
) -> ParseResult:
    """Parse one title. Without a channel profile the orientation is a guess (said so).

    ``knowledge`` (artists known from the lexicon and the store) decides orientation when
    the channel gives no evidence; ``None`` means the bundled lexicon.
    """
    if knowledge is None:
        knowledge = ArtistKnowledge.bundled()
    return resolve(analyse(title, channel_words(channel)), profile, WEIGHTS, knowledge)


def profile_for(titles: Iterable[str], channel: str | None = None) -> ChannelProfile:
    words = channel_words(channel)
    return build_profile(analyse(t, words) for t in titles)


def parse_titles(
    titles: Sequence[str],
    channel: str | None = None,
    profile: ChannelProfile | None = None,
    knowledge: ArtistKnowledge | None = None,
) -> list[ParseResult]:
    """Parse a channel's titles together (the channel's grammar decides orientation)."""
    if knowledge is None:
        knowledge = ArtistKnowledge.bundled()
    words = channel_words(channel)
    analyses = [analyse(t, words) for t in titles]
    if profile is None:
        profile = build_profile(analyses)
    return [resolve(a, profile, WEIGHTS, knowledge) for a in analyses]
