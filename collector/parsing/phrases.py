"""Phrases of a title that are not single noise words (pure): video phrases ("Official
Music Video", "Dance Practice"), karaoke phrases ("Minus One", "off vocal"), a show named
after a comma at the end, an uploader's head naming karaoke before a comma.

The phrases themselves are data in :mod:`collector.vocabulary`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from collector import vocabulary


def _phrase_re(phrases: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"(?i)(?<![^\W_])(?:" + "|".join(
        re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")(?![^\W_])")


_KARAOKE_PHRASE_RE = _phrase_re(vocabulary.KARAOKE_PHRASES)
_VIDEO_PHRASE_RE = _phrase_re(vocabulary.VIDEO_PHRASES)
# Literal scans that gate each pattern (most titles hold none of these).
_VIDEO_HINTS = ("offici", "oficial", "music video", "lyric video", "lyrics video", "practice",
                "dance video",
                "performance", "choreo", "coded", "teaser", "letra")
_KARAOKE_HINTS = ("minus", "off v", "off-v", "vokal", " voz", "coros")
# Korean uploads end "Song - Artist MR" (the backing track): "MR" in capitals at the end
# or alone in brackets; "Mr." and "MR BLUE SKY" are names and words.
_MR_TAIL_RE = re.compile(r"(?:\s|^)[(\[]?MR[)\]]?$|[(\[]MR[)\]]")


def mark_phrases(text: str, lower: str | None = None) -> str:
    """``text`` with video phrases dropped ("Official Music Video", "Dance Practice") and
    karaoke phrases ("Minus One", "off vocal") and a trailing Korean "MR" read as the
    word "karaoke", so the word rules treat them as they treat that word (``lower``: the
    caller's ``text.lower()``, when it has one)."""
    if "MR" in text:
        text = _MR_TAIL_RE.sub(" karaoke ", text)
        lower = None
    if lower is None:
        lower = text.lower()
    changed = 0
    for h in _VIDEO_HINTS:  # a plain loop is cheaper than any() here (hot path)
        if h in lower:
            text, changed = _VIDEO_PHRASE_RE.subn(" ", text)
            if changed and ("(" in text or "[" in text):
                text = _video_gap(text)
            break
    for h in _KARAOKE_HINTS:
        if h in lower:
            text, n = _KARAOKE_PHRASE_RE.subn(" karaoke ", text)
            changed += n
            break
    return " ".join(text.split()) if changed else text


# A bracket group emptied of its video phrase between two runs of words.
_EMPTY_GROUP_RE = re.compile(r"(?<=[\w'!?.])\s*[(\[]\s*[)\]]\s*(?=\w)")


def _video_gap(text: str) -> str:
    """"Song (Official Video) Artist | ...": the emptied group stands where a separator
    would, when no spaced dash comes before it."""
    m = _EMPTY_GROUP_RE.search(text)
    if m is None or " - " in text[: m.start()] or "|" in text[: m.start()]:
        return text
    return text[: m.start()] + " | " + text[m.end():]


_SHOW_TAIL_RE = re.compile(
    r",\s+(?P<tail>[^,()\[\]]{2,60})$")
_SHOW_PHRASE_RE = re.compile(
    r"(?i)\b(?:" + "|".join(re.escape(p) for p in vocabulary.SHOW_PHRASES) + r")\b")


def drop_show_tail(text: str) -> str:
    """``text`` without a television show or event named after a comma at its end
    ("Song - Artist, SING MY SONG", "Song - Artist, Some Show 2024"); a comma inside a
    name or song ("Baby, It's Cold Outside", "Earth, Wind & Fire") stays."""
    m = _SHOW_TAIL_RE.search(text)
    if m is None:
        return text
    tail = m.group("tail")
    words = tail.lower().split()
    if len(words) > 6 or not (
            any(w in vocabulary.SHOW_WORDS for w in words) or _SHOW_PHRASE_RE.search(tail)):
        return text
    return text[: m.start()].rstrip()


def drop_event_tail(side: str) -> str:
    """A side without an event named after a dash at its end ("Artist - Day 1 Fanmeeting
    Hà Nội", "Artist - Live Concert 2019", "Artist - Live at Wembley": a pipe title's
    side keeps its dashes)."""
    head, _, tail = side.rpartition(" - ")
    words = tail.lower().split()
    if not head or len(words) > 6 or tail.count(")") > tail.count("(") or not (
            any(w in vocabulary.SHOW_WORDS for w in words)
            or (len(words) >= 2 and words[0] == "live")):  # "- Live at Wembley"
        return side
    return head.rstrip()


_KARAOKE_HEAD_RE = re.compile(
    r"(?i)^(?P<head>[^,|:\-\"()\[\]]{0,40}?(?<![^\W_])(?:karaok[eé]|videoke)(?![^\W_])"
    r"[^,|:\-\"()\[\]]{0,20}),\s+(?=\S)")


_KARAOKE_FIRST_RE = re.compile(r"(?i)^\W*(?:karaok[eé]|videoke)(?![^\W_])")


def drop_karaoke_head(text: str) -> str:
    """``text`` without an uploader's head naming karaoke before a comma ("Brandname
    KARAOKE 442, Artist - Song"); a head of one word ("Karaoke, Baby") or starting with
    the marker stays, and so does any head unless artist and song follow split by " - "
    or "|"."""
    m = _KARAOKE_HEAD_RE.match(text)
    if m is None or len(m.group("head").split()) < 2 or _KARAOKE_FIRST_RE.match(text):
        return text  # "Karaoke Sugar, We're Goin' Down - Artist": the song follows
    rest = text[m.end():]
    if " - " not in rest and "|" not in rest:
        return text
    return rest

