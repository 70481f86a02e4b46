"""Artist credits: featured artists, "Last, First" names, quotes (pure functions)."""

from __future__ import annotations

import functools
import re

_FEAT = r"(?:feat\.?|ft\.?|featuring|feat:)"
FEAT_MARKER_RE = re.compile(rf"(?:^|[\s(\[])({_FEAT})\s", re.IGNORECASE)
_ARTIST_FEAT_RE = re.compile(
    rf"^(?P<main>.+?)\s*[(\[]?\s*\b(?:{_FEAT}|with)\s+(?P<feat>[^()\[\]]+?)[)\]]?\s*$",
    re.IGNORECASE,
)
_SONG_FEAT_RE = re.compile(
    rf"\s*[(\[]?\s*\b{_FEAT}\s+(?P<feat>[^()\[\]]+?)(?:[)\]]|\s*$)", re.IGNORECASE
)
_COLLAB_X_RE = re.compile(r"^(?P<main>.+?)\s+[x×]\s+(?P<rest>.+)$")
_LIST_SPLIT_RE = re.compile(r"\s*(?:,|&|\+|\band\b|\s[x×]\s)\s*", re.IGNORECASE)
_LAST_FIRST_RE = re.compile(
    r"^(?P<last>[^\W\d_][\w'\-]*[^\W\d_]),\s+(?P<first>[^\W\d_][\w'\-]*\.?(?:\s+[^\W\d_]\.)?)$"
)
_QUOTES = "\"'"


def has_feat_marker(text: str) -> bool:
    lower = text.lower()
    return ("ft" in lower or "feat" in lower) and bool(FEAT_MARKER_RE.search(text))


def strip_quotes(text: str) -> str:
    text = text.strip()
    if not text or (text[0] not in _QUOTES and '"' not in text):
        return text
    while len(text) >= 2 and text[0] in _QUOTES and text[-1] == text[0]:
        text = text[1:-1].strip()
    if text.count('"') == 1 and text[0] == '"':
        text = text[1:].strip()
    elif text.count('"') == 1 and text[-1] == '"':
        text = text[:-1].strip()
    return text


def _split_names(text: str) -> list[str]:
    return [n.strip(" .") for n in _LIST_SPLIT_RE.split(text) if n and n.strip(" .")]


def split_artist_credit(artist: str) -> tuple[str, str, list[str]]:
    """(display credit, primary artist, featured artists) for an artist string.

    Cached (the same credits recur across a channel); the list returned is a fresh copy.
    """
    credit, primary, featured = _split_artist_credit(artist)
    return credit, primary, list(featured)


@functools.lru_cache(maxsize=16384)
def _split_artist_credit(artist: str) -> tuple[str, str, tuple[str, ...]]:
    credit, primary, featured = _split_credit(artist)
    return credit, primary, tuple(featured)


def _split_credit(artist: str) -> tuple[str, str, list[str]]:
    """(display credit, primary artist, featured artists) for an artist string.

    The display credit keeps the title's own text ("Pink feat. Nate Ruess"); the primary
    artist ("Pink") is what a lookup searches for.
    """
    credit = strip_quotes(artist)
    lower = credit.lower()
    feat = has_feat_marker(credit)
    m = _ARTIST_FEAT_RE.match(credit) if feat or " with " in lower else None
    if m and (feat or _looks_like_names(m.group("feat"))):
        return credit, m.group("main").strip(" ,"), _split_names(m.group("feat"))
    m = _COLLAB_X_RE.match(credit) if (" x " in lower or " × " in lower) else None
    if m and _looks_like_names(m.group("rest")):
        return credit, m.group("main").strip(), _split_names(m.group("rest"))
    lf = _LAST_FIRST_RE.match(credit) if "," in credit else None
    # "Turner, Tina" is a name; "CoolKid, RHYDER" and "GDucky, Tez" are two artists.
    if lf and _plain_name(lf.group("last")) and _plain_name(lf.group("first").split()[0]):
        name = f"{lf.group('first')} {lf.group('last')}"
        return name, name, []
    return credit, credit, []


def split_song_featuring(song: str) -> tuple[str, list[str]]:
    """Remove a "(feat. X)" credit from a song title; return (song, featured)."""
    lower = song.lower()
    m = _SONG_FEAT_RE.search(song) if ("ft" in lower or "feat" in lower) else None
    if not m:
        return song, []
    cleaned = (song[: m.start()] + " " + song[m.end() :]).strip()
    if not cleaned:
        return song, []
    return re.sub(r"\s+", " ", cleaned), _split_names(m.group("feat"))


def _plain_name(word: str) -> bool:
    """A capitalised word with no capitals after the first letter ("Turner", "O'Neal")."""
    body = word.strip(".")
    if body.startswith(("Mc", "O'", "D'")):
        body = body[2:]
    return len(body) > 1 and body[0].isupper() and not any(c.isupper() for c in body[1:])


def _looks_like_names(text: str) -> bool:
    words = text.split()
    return bool(words) and all(w[0].isupper() or not w[0].isalpha() for w in words if w)
