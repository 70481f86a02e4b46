"""Step one of title parsing: clean a title and find its form, without deciding orientation.

``analyse`` removes karaoke noise and finds which form the title has: a "style of" or
"by" credit (which names the artist outright), a two-part split on a separator (whose
orientation the channel profile decides), a single segment, or a compilation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from collector.parsing.noise import (
    COMPILATION_RE,
    HASHTAG_RE,
    MENTION_RE,
    is_noise,
    strip_noise_edges,
    version_tags,
)
from collector.parsing.normalise import normalise_title

_BRACKETS = {"(": ")", "[": "]", "【": "】", "「": "」", "『": "』", "〔": "〕", "{": "}", "<": ">"}
_GROUP_RE = re.compile(r"[(\[【「『〔{<]([^()\[\]【】「」『』〔〕{}<>]*)[)\]】」』〕}>]")

_STYLE_MARKERS = (
    r"in the style of|in the style|style of|as popul[ae]ri[sz]ed by|"
    r"originally (?:performed|sung|recorded) by|as (?:made famous|performed|sung) by|"
    r"made famous by|as performed by|popular(?:ised|ized) by|karaoke of"
)
_STYLE_RE = re.compile(
    rf"^(?P<song>.+?)\s*[-:,|]?\s*\b(?:{_STYLE_MARKERS})\b\s*[:\-]?\s*(?P<artist>.+)$",
    re.IGNORECASE,
)
_STYLE_GROUP_RE = re.compile(rf"^\s*(?:{_STYLE_MARKERS})\s*[:\-]?\s*(?P<artist>.+?)\s*$",
                             re.IGNORECASE)
_BY_RE = re.compile(r"^(?P<song>.+?)\s+by\s+(?P<artist>[^()]+?)$")

# Separators in order of preference, each with the name the channel profile uses.
_SEPARATORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dash", re.compile(r"\s+-+\s+|(?<=[\w.!?)\]'\"$])-\s+|\s+-(?=[^\W\d_])")),
    ("bullet", re.compile(r"\s*[•·●▪]\s*")),
    ("pipe", re.compile(r"\s*\|\s*")),
    ("slash", re.compile(r"\s+/\s+|\s+_\s+|(?<=[^\W\d_])/(?=\s)|(?<=\s)/(?=[^\W\d_])")),
    ("colon", re.compile(r"\s*:\s+")),
    ("tilde", re.compile(r"\s+~\s+")),
)


@dataclass(slots=True)
class Analysis:
    text: str  # the normalised title
    form: str  # style_of | by | split | single | compilation | empty
    cleaned: str = ""
    sep: str | None = None
    parts: list[str] = field(default_factory=list)
    artist: str | None = None  # for style_of / by
    song: str | None = None
    tags: list[str] = field(default_factory=list)


def _mask_groups(text: str) -> str:
    """Replace bracketed content with placeholders so separators inside are not split on."""
    out = []
    depth = 0
    closers = []
    for ch in text:
        if ch in _BRACKETS:
            depth += 1
            closers.append(_BRACKETS[ch])
            out.append(ch)
        elif depth and ch == closers[-1]:
            depth -= 1
            closers.pop()
            out.append(ch)
        else:
            out.append("\x00" if depth else ch)
    return "".join(out)


def _split_masked(text: str, rx: re.Pattern[str]) -> list[str]:
    masked = _mask_groups(text)
    parts, last = [], 0
    for m in rx.finditer(masked):
        if m.start() == 0 or m.end() >= len(masked):
            continue
        parts.append(text[last : m.start()])
        last = m.end()
    parts.append(text[last:])
    return [p.strip() for p in parts]


def _strip_edges(text: str, channel_words: frozenset[str] = frozenset()) -> str:
    prev = None
    while prev != text:
        prev = text
        text = strip_noise_edges(text, channel_words)
    return text.strip()


def _drop_noise_groups(text: str, channel_words: frozenset[str]) -> tuple[str, str | None]:
    """Remove bracket groups that are only karaoke noise; return a "style of" artist if any."""
    style_artist: str | None = None

    def repl(m: re.Match[str]) -> str:
        nonlocal style_artist
        inner = m.group(1).strip()
        sm = _STYLE_GROUP_RE.match(inner)
        if sm and style_artist is None:
            style_artist = sm.group("artist")
            return " "
        return " " if is_noise(inner, channel_words) else m.group(0)

    prev = None
    while prev != text:
        prev = text
        text = _GROUP_RE.sub(repl, text)
    return re.sub(r"\s+", " ", text).strip(), style_artist


def analyse(raw: str, channel_words: frozenset[str] = frozenset()) -> Analysis:
    """Clean ``raw`` and find its form (see module docstring)."""
    text = normalise_title(raw if isinstance(raw, str) else str(raw))
    if not text:
        return Analysis(text="", form="empty")
    tags = version_tags(text)
    work = HASHTAG_RE.sub(" ", text)
    work = MENTION_RE.sub(" ", work)
    work, style_artist = _drop_noise_groups(work, channel_words)
    segments = [s for s in _split_masked(work, re.compile(r"\s*\|\s*")) if s]
    kept = [s for s in segments if not is_noise(s, channel_words)]
    work = " | ".join(kept) if kept else ""
    work = _strip_edges(work, channel_words)
    result = Analysis(text=text, form="single", cleaned=work, tags=tags)
    if not work:
        result.form = "empty"
        return result
    if style_artist:
        result.form, result.song, result.artist = "style_of", work, style_artist.strip()
        return result
    if COMPILATION_RE.search(work) or work.count(",") >= 3:
        result.form = "compilation"
        return result
    m = _STYLE_RE.match(work)
    if m and m.group("song").strip() and m.group("artist").strip():
        result.form = "style_of"
        result.song = _strip_edges(m.group("song"), channel_words)
        result.artist = _strip_edges(m.group("artist"), channel_words)
        if result.song and result.artist:
            return result
        result.form = "single"
    for name, rx in _SEPARATORS:
        parts = [p for p in _split_masked(work, rx) if p]
        if len(parts) >= 2:
            result.form, result.sep, result.parts = "split", name, parts
            return result
    m = _BY_RE.match(work)
    if m:
        result.form, result.song, result.artist = "by", m.group("song"), m.group("artist")
    return result
