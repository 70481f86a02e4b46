"""Segment classification: which parts of a title are noise, brand or trailer (pure).

A title splits into segments on " | " and " - " (outside brackets). Besides the karaoke
vocabulary (:mod:`collector.parsing.noise`) a segment is noise when it is brand-like (an
uploader credit: "ZKN Music", "Minh Quân Official", "HUY NGUYEN PROD"), a language tag
("| Tagalog"), or a trailer that starts with a karaoke marker ("- Karaoke Version from
Some Brand"). Artist and song come first in a title; what follows them is credits.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from collector.parsing.noise import is_noise

# Last words of an uploader or label credit.
_BRAND_TAILS = frozenset(
    """
    official music musics channel tv studio studios entertainment records record prod
    production productions media keyboard kara ktv vn network label team karaoke
    """.split()
)
_LANGUAGES = frozenset(
    """
    tagalog english vietnamese korean japanese chinese spanish thai indonesian filipino
    cantonese mandarin french german italian portuguese russian hindi malay
    """.split()
)
_STRONG_START = re.compile(r"(?i)^\W*(?:karaok|videoke|minus ?one|instrumental|backing track)")
_WORDS = re.compile(r"[^\W_]+")
# After artist and song, a dash part that names karaoke anywhere ("Acoustic Piano Karaoke
# Version from Zoom Karaoke") or is a catalogue number ("20119") is the uploader's.
_KARAOKE_INSIDE = re.compile(r"(?i)(?<![^\W_])(?:karaok[eé]|videoke)(?![^\W_])")
_CATALOGUE_NUMBER = re.compile(r"^\d{5,}$")
# Credits for who produced the track or which show team sang it, not for the singer:
# "Prod. Hipz", "prod by X", "produced by X", "Team BigDaddy" (a talent-show team).
_CREDIT_START = re.compile(r"(?i)^\W*(?:prod\b\.?|produced by\s|team\s)")


def is_brand_like(segment: str) -> bool:
    """An uploader credit ("ZKN Music", "Nguyễn Tấn OFFICIAL") or a language tag."""
    words = _WORDS.findall(segment.lower())
    if not words or len(words) > 5:
        return False
    if len(words) <= 2 and all(w in _LANGUAGES for w in words):
        return True
    return len(words) >= 2 and words[-1] in _BRAND_TAILS


def _is_language(segment: str) -> bool:
    words = segment.lower().split()
    if not 0 < len(words) <= 2:
        return False
    return all(w.strip("()[].,") in _LANGUAGES for w in words)


# A show or season named with its year ("Rap Việt 2023", "The Voice Kids 2019").
_SHOW_RE = re.compile(r"^[^\W\d_][^\W_]*(?:\s+[^\W_]+){0,3}\s+(?:19|20)\d\d$")


def is_trailer(segment: str, channel_words: frozenset[str]) -> bool:
    """A segment after artist and song that is noise, a brand, a show with its year, a
    producer or show-team credit, or starts with a marker."""
    return (is_noise(segment, channel_words) or is_brand_like(segment)
            or _STRONG_START.match(segment) is not None or _SHOW_RE.match(segment) is not None
            or _CREDIT_START.match(segment) is not None)


# A pipe segment that labels the video: "MV CA NHẠC VÕ THUẬT", "M/V Dance Version".
_VIDEO_LABEL = re.compile(r"^M/?V\s")


def pick_pipe_segments(segments: list[str], channel_words: frozenset[str],
                       has_split: Callable[[str], bool]) -> list[str]:
    """The pipe segments that hold artist and song.

    Noise segments and video labels ("| MV Ca Nhạc |") go; when the first remaining one
    already splits in two ("Song - Artist | Show | Brand") the others are credits;
    otherwise brand-like segments go and at most two remain ("Song | Artist | Uploader").
    """
    kept = [s for s in segments if not is_noise(s, channel_words) and not _is_language(s)
            and (s[0] != "M" or _VIDEO_LABEL.match(s) is None)]
    if len(kept) <= 1:
        return kept
    if is_brand_like(kept[0]) and has_split(kept[1]):
        kept = kept[1:]  # "ACV Karaoke | Song - Artist | Beat": the channel's name first
    if has_split(kept[0]):
        return kept[:1]
    if len(kept) > 2:
        kept = [kept[0]] + [s for s in kept[1:]
                            if not is_brand_like(s) and _SHOW_RE.match(s) is None]
    return kept[:2] if len(kept) > 2 else kept


def drop_trailers(parts: list[str], channel_words: frozenset[str]) -> list[str]:
    """Dash parts without noise parts and trailers ("A - B - Best Version - Brand").

    Noise before the second content part goes on its own ("Song - Karaoke - Song Ca -
    Artist"); from the first noise or trailer part after two content parts, the rest goes.
    """
    if len(parts) > 2 and is_brand_like(parts[0]) and not (
            is_noise(parts[2], channel_words) and not is_noise(parts[1], channel_words)):
        # "ZKN Music - Song - Artist": the uploader first. Not when noise follows the
        # next part: "Play That Funky Music - Artist - Karaoke ..." is song and artist.
        parts = parts[1:]
    content: list[str] = []
    for p in parts:
        if is_noise(p, channel_words):
            if len(content) >= 2:
                break
            continue
        if len(content) >= 2 and (is_trailer(p, channel_words)
                                  or _KARAOKE_INSIDE.search(p) is not None
                                  or _CATALOGUE_NUMBER.match(p) is not None):
            break
        content.append(p)
    return content if len(content) >= 2 else parts
