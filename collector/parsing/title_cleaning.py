"""Cleaning a title before its form is found: noise parts, file names, soundtracks.

Helpers ``analysis`` calls on a title's text before it looks for a credit or a split:
noise-only " - " and " / " parts, a video file's extension and an uploader's glued tag,
the soundtrack a title names, a cover's quoted original, a title wholly in brackets,
and a separator lost to an emoji (a gap of spaces).
"""

from __future__ import annotations

import re

from collector.parsing.noise import is_noise
from collector.parsing.segments import drop_trailers
from collector.parsing.splitting import SEPARATORS as _SEPARATORS
from collector.parsing.splitting import split_masked as _split_masked

_DASH_PART_RE = re.compile(r"\s+-+\s+")


def drop_noise_dash_parts(text: str, channel_words: frozenset[str]) -> str:
    """Drop leading noise and trailing trailers from " - " parts ("... - Zoom Karaoke")."""
    parts = _split_masked(text, _DASH_PART_RE)
    if len(parts) < 3:
        return text
    return " - ".join(drop_trailers(parts, channel_words))


_SLASH_PART_RE = re.compile(r"\s+/\s+")


def drop_noise_slash_parts(text: str, channel_words: frozenset[str]) -> str:
    """Drop " / " parts that are only noise ("Song - Artist / TJ Karaoke")."""
    parts = _split_masked(text, _SLASH_PART_RE)
    kept = [p for p in parts if not is_noise(p, channel_words)]
    return " / ".join(kept) if kept and len(kept) < len(parts) else text


# Video file names kept in titles ("Song - Artist.flv").
FILE_EXT_RE = re.compile(r"(?i)(?<=\S)\.(?:flv|mp4|m4v|avi|wmv|mkv|mov|webm|mpe?g|3gp|vob|"
                         r"mp3|cdg|kar|divx)$")
# An uploader's tag glued to the last word with "_" ("Song - Artist_Orange").
# Three letters at least: "AC_DC" is a name written as a file name ("_" for "/").
GLUED_TAG_RE = re.compile(r"(?<=[^\W_])_[^\W\d_][^\W_]{2,}$")
# Any dash separator, spaced or not.
_ANY_SPLIT_RE = re.compile(r"\s-+\s|\s-(?=[^\W\d_])|(?<=[\w.!?)\]'\"$】」』》])-\s")
NOW_PLAYING_RE = re.compile(r"(?i)^\W*(?:now playing|playing now)\s*[:\-|]\s*")
_GAPS_RE = re.compile(r" {2,}")
_WRAPPED = {"(": ")", "[": "]"}


def unwrap(work: str) -> str:
    """"(Artist - Song)" -> "Artist - Song": a title wholly in brackets."""
    if len(work) > 2 and work[0] in "([" and _WRAPPED[work[0]] == work[-1]:
        inner = work[1:-1]
        if work[0] not in inner and work[-1] not in inner:
            return inner.strip()
    return work


def two_plain_parts(segment: str) -> bool:
    """Whether ``segment`` is two dash parts, neither a bracket group ("A - B", not
    "[Ep. 05] - A - Prod. X"): two names a credit joins."""
    parts = _split_masked(segment, _SEPARATORS[0][1])
    return len(parts) == 2 and all(p[:1] not in ("(", "[") for p in parts)


def splits_in_two(channel_words: frozenset[str], segment: str) -> bool:
    """Whether ``segment`` holds two or more " - " parts that are not noise."""
    if not _ANY_SPLIT_RE.search(segment):
        return False
    parts = _split_masked(segment, _SEPARATORS[0][1])
    return sum(1 for p in parts if not is_noise(p, channel_words)) >= 2


def gap_title(raw: str) -> str | None:
    """The title with its widest runs of spaces as " | " (a separator lost to an emoji)."""
    gaps = _GAPS_RE.findall(raw)
    if not gaps:
        return None
    widest = max(len(g) for g in gaps)
    return re.sub(f" {{{widest},}}", " | ", raw)


# An emoji standing alone between words, where a separator would stand ("Song 🥳 Artist").
EMOJI_GAP_RE = re.compile("\\s+[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\uFE0F]+\\s+")


# The drama or film a song is from ("《OST Drama》", "(OST Drama)", "... Karaoke OST Drama
# Name [Brand]"): the work, not the artist or the song.
_OST_GROUP_RE = re.compile(r"\s*[(\[《【]\s*OST\b[^()\[\]《》【】]*[)\]》】]")
_OST_TAIL_RE = re.compile(r"\s+OST\b[^(\[《【]*")


_QUOTED_TITLE_RE = re.compile(r'"(?P<inner>[^"]+?\s-\s[^"]+?)"')


def quoted_title(work: str) -> str:
    """A cover video's words around the quoted original ('Singer "A - B" Cover'): the
    quotes hold the title. Only in covers: elsewhere a quoted part with a dash is a song
    ('Artist "Song - Part 2"') or a credit ('Song in the style of "A - B"')."""
    m = _QUOTED_TITLE_RE.search(work)
    if m is None or (m.start() == 0 and m.end() == len(work)):
        return work
    outside = (work[: m.start()] + " " + work[m.end():]).lower()
    if "cover" not in outside:
        return work
    return m.group("inner").strip()


def drop_soundtrack(work: str) -> str:
    """``work`` without the soundtrack it names: a group that starts with "OST", or from
    "OST" after artist and song (a separator before it) to the end or the next group."""
    work = _OST_GROUP_RE.sub(" ", work)
    m = _OST_TAIL_RE.search(work)
    if m is not None and _ANY_SPLIT_RE.search(work, 0, m.start()):
        work = work[:m.start()] + " " + work[m.end():]
    return work.strip()

