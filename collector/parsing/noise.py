"""Karaoke noise: brand suffixes, "(Karaoke Version)" groups, HD/HQ, hashtags (pure).

Everything here is data (word lists, compiled patterns) plus small pure functions that
remove noise from a title. Version tags are read in :mod:`collector.parsing.tags`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from collector import vocabulary
from collector.parsing.phrases import (  # noqa: F401 - re-exported (older imports)
    drop_karaoke_head,
    drop_show_tail,
    mark_phrases,
)
from collector.parsing.tags import version_tags  # noqa: F401 - re-exported (older imports)

NOISE_WORDS = vocabulary.NOISE_WORDS
BRAND_WORDS = vocabulary.BRAND_TOKENS
# Multi-word brands are matched as phrases.
BRAND_PHRASES_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(b) for b in sorted(
        {*vocabulary.KARAOKE_BRANDS, "kara fun", "mr. entertainer", "sunfly karaoke"},
        key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)

_WORD_RE = re.compile(r"[\w\-'/]+", re.UNICODE)


def is_noise(segment: str, channel_words: frozenset[str] = frozenset()) -> bool:
    """True when ``segment`` says nothing about the song (only noise and brand words).

    A segment must name karaoke (or a brand / the channel) to count: "With You" is a song.
    """
    # Most segments start with a plain word that settles it: no need for the full check.
    # A word of a spaced script (Latin, Vietnamese, Greek, Cyrillic) is a whole word; in
    # scripts without spaces ("カラオケ曲") a karaoke word may hide inside it.
    words = segment.split(None, 2)
    first = words[0].lower() if words else ""
    if (first.isalpha() and (first.isascii() or _spaced_script(first))
            and first not in NOISE_WORDS and first not in channel_words
            and first not in _BRAND_PHRASE_WORDS):
        return False
    # Else often the second word ("A Thousand Years", "Karaoke Colgando ...") or a first
    # word with an apostrophe ("Don't Cry") settles it as well.
    if words and (_settles(first, channel_words)
                  or (len(words) > 1 and _settles(words[1].lower(), channel_words))):
        return False
    return _is_noise(segment, channel_words)


def _settles(token: str, channel_words: frozenset[str]) -> bool:
    """Whether a lowercased word between spaces makes a segment not noise wherever it
    stands: ASCII letters (apostrophes inside allowed) that :func:`_noise_words` stops
    at, and in no brand phrase, so :func:`_brand_noise` leaves it in place."""
    core = token.strip("'")
    return (core.isascii() and core.replace("'", "").isalpha()
            and core not in NOISE_WORDS and core not in channel_words
            and not _cjk_noise(core)
            and _ALL_BRAND_WORDS.isdisjoint(core.split("'")))


# A letter of a script outside Latin, Greek, Cyrillic and Vietnamese (Latin Extended
# Additional): Hebrew, Arabic, Indic, Thai, CJK, Hangul...
_UNSPACED_RE = re.compile("[\u0530-\u1dff\u1f00-\U0010ffff]")


def _spaced_script(word: str) -> bool:
    """Whether every letter of ``word`` is Latin, Greek, Cyrillic or Vietnamese."""
    return _UNSPACED_RE.search(word) is None


@functools.lru_cache(maxsize=16384)
def _is_noise(segment: str, channel_words: frozenset[str]) -> bool:
    return _noise_words(segment, channel_words) or _brand_noise(segment, channel_words)


def _brand_noise(segment: str, channel_words: frozenset[str]) -> bool:
    """Noise once each multi-word brand ("Sing King", "Party Tyme") reads as one marker."""
    return _has_brand_phrase(segment) and _noise_words(
        BRAND_PHRASES_RE.sub(" karaoke ", segment), channel_words)


# Words of the multi-word brands: a segment without one of them holds no brand phrase.
_BRAND_PHRASE_WORDS = frozenset(
    w for b in (*vocabulary.KARAOKE_BRANDS, "kara fun", "mr. entertainer") if " " in b
    for w in b.replace(".", "").split())
# Every word of every brand the brand pattern matches, one-word brands too.
_ALL_BRAND_WORDS = frozenset(
    w for b in (*vocabulary.KARAOKE_BRANDS, "kara fun", "mr. entertainer", "sunfly karaoke")
    for w in re.split(r"[^\w]+", b.lower()) if w)
_BRAND_WORD_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in sorted(_BRAND_PHRASE_WORDS)) + r")\b")


def _lowercase_twin(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` (IGNORECASE, written in lowercase) without IGNORECASE, for lowercased ASCII
    text: IGNORECASE makes a long alternation several times slower in Python's engine.
    Text with other characters keeps ``rx`` itself (Unicode case rules)."""
    assert rx.pattern == rx.pattern.lower(), "the twin only matches lowercase text"
    return re.compile(rx.pattern)


_BRAND_PHRASES_LOWER_RE = _lowercase_twin(BRAND_PHRASES_RE)


def _has_brand_phrase(segment: str) -> bool:
    """Whether a multi-word brand ("Sing King", "Party Tyme") is in ``segment``."""
    lower = segment.lower()
    if _BRAND_WORD_RE.search(lower) is None:  # cheap pre-scan: a word of such a brand
        return False
    if segment.isascii():
        return _BRAND_PHRASES_LOWER_RE.search(lower) is not None
    return BRAND_PHRASES_RE.search(segment) is not None


def _noise_words(segment: str, channel_words: frozenset[str],
                 qualifier_ok: bool = False) -> bool:
    has_marker = has_weak = has_qualifier = False
    n = 0
    for m in _WORD_RE.finditer(segment):  # stops at the first real word: usually the first
        w = m.group().strip("-'/").lower()
        if not w:
            continue
        if w not in _FUNCTION_WORDS:
            n += 1
        if w in BRAND_WORDS or w in channel_words:
            has_marker = True
            continue
        # CJK runs glue noise to text ("歌詞付きカラオケ"): accept if made of noise tokens.
        if w not in NOISE_WORDS and not _cjk_noise(w) and not _KEY_SHIFT_RE.match(w):
            if "/" not in w or not all(p in NOISE_WORDS for p in w.split("/") if p):
                return False  # "Lyrics/Letra": each half a noise word
            if any(p in _MARKER_WORDS for p in w.split("/")):
                has_marker = True
                continue
        if _is_marker(w, channel_words):
            has_marker = True
        elif w in _WEAK_MARKERS:
            has_weak = True
        if w in _QUALIFIERS:
            has_qualifier = True
    return (has_marker or (has_weak and n >= 2) or (qualifier_ok and has_qualifier)
            or not _WORD_RE.search(segment))


@functools.lru_cache(maxsize=16384)
def is_noise_group(inner: str, channel_words: frozenset[str] = frozenset()) -> bool:
    """True when a bracket group's text is noise or a version qualifier ("(Live)").

    Looser than :func:`is_noise`: a group needs no karaoke marker when it holds a
    qualifier word ("(Piano Version)", "(Beat)"); "(Nam)" or "(With You)" stay text.
    """
    if _noise_words(inner, channel_words, qualifier_ok=True):
        return True
    if _VERSION_GROUP_RE.match(inner) is not None and "'s " not in inner:
        return True  # "(Jamie xx Remix)", "(Crazy Ver.)", "(Live at Wembley)"
    if is_karaoke_tag(inner):
        return True
    return _brand_noise(inner, channel_words)


# A version named in a bracket group: "(X Remix)", "(X Ver.)", "(Remastered 2011)", "(Live
# at Wembley)"; a version tag, not song text. "(X Version)" stays: "(Broadway Version)",
# "(Taylor's Version)" name the recording a karaoke track follows.
_VERSION_GROUP_RE = re.compile(
    r"(?i)^(?:\S+\s+){0,4}(?:re-?mix|mix|edit|ver\.?|remaster(?:ed)?)"
    r"(?:\s+\d{4})?$|^(?:\d{4}\s+)?remaster(?:ed)?\b.{0,20}$|^live\s+(?:at|from|in|on)\s.{2,40}$|"
    r"^(?:slowed|sped up|nightcore)\b.{0,20}$")


# "karaoke" in the scripts channels use, as a whole word (or glued in CJK text).
KARAOKE_WORD_RE = re.compile(r"(?i)(?<![^\W_])(?:karaok[eé]s?|videokes?)(?![^\W_])|"
                             r"카라오케|노래방|カラオケ|伴奏|伴唱|卡拉ok|караоке")
_TAG_CREDIT_RE = re.compile(r"(?i)\bby\b|\bfeat\b|\bft\.|\bstyle\b|\bpopular|\bfamous")


def is_karaoke_tag(inner: str) -> bool:
    """A short bracket tag that says karaoke: "[ Karaoke Net HD ]", "[BRAND Karaoke]".

    A bracket group of at most five words naming karaoke is the uploader's label, not
    song text, whatever its other words are; groups that credit someone ("by", "feat.",
    "in the style of") are left to their own rules.
    """
    return (len(inner.split()) <= 5 and KARAOKE_WORD_RE.search(inner) is not None
            and _TAG_CREDIT_RE.search(inner) is None)


# "-3", "+1", "1.5", "#2": key shifts and numbers inside noise ("LOWER -3", "+1 Tone").
_KEY_SHIFT_RE = re.compile(r"^[+\-#]?\d+(?:[.,]\d+)?$")


_CJK_NOISE = re.compile(r"^(?:カラオケ|歌詞付き|歌詞|字幕|付き|伴奏|伴唱|卡拉ok|노래방|카라오케|"
                        r"オフボーカル|消音|純音樂|ver|版|完整版|高音質|高画質|TJ|KY|中文|動態|动态|歌词|官方|"
                        r"mv|lyrics|가사)+$",
                        re.IGNORECASE)


def _cjk_noise(word: str) -> bool:
    return bool(_CJK_NOISE.match(word))


# Whole-title compilations and channel trailers: nothing to look up.
COMPILATION_RE = re.compile(
    r"\b(?:best of|top \d+|top songs|best karaoke songs|\d+ hours?|"
    r"\d+ hour|non[\s-]?stop|mega ?mix|songs? medley|"
    r"medley of|mega hits|\d0s hits|hits of|"
    r"playlist|greatest hits|vol\.? ?\d+|marathon|compilation|full album|"
    r"songs? of all time|karaoke (?:party|mix|classics|songs))\b",
    re.IGNORECASE,
)
_COMPILATION_LOWER_RE = _lowercase_twin(COMPILATION_RE)


def is_compilation(text: str, lower: str) -> bool:
    """Whether ``text`` (``lower`` is it lowercased) names a compilation ("Best of ...")."""
    if text.isascii():
        return _COMPILATION_LOWER_RE.search(lower) is not None
    return COMPILATION_RE.search(text) is not None

# Noise words that are also ordinary function words: never the end of a leading cut.
_FUNCTION_WORDS = frozenset(
    """
    the a of and in by with on de con sin no w wo one new
    """.split()
)
_MARKER_WORDS = vocabulary.MARKER_WORDS
_WEAK_MARKERS = vocabulary.WEAK_MARKER_WORDS
_LEADING_WORDS = vocabulary.LEADING_NOISE_WORDS
_QUALIFIERS = vocabulary.QUALIFIER_WORDS
_VOCAL_DESCRIPTORS = frozenset(
    """
    no lead backing without wo guide w/o
    """.split()
)
_PUNCT = "()[]{}-|:*•,.!?\"'~/"


@functools.lru_cache(maxsize=65536)
def _core(token: str) -> str:
    stripped = token.strip(_PUNCT).lower()
    return stripped if stripped or "*" not in token else "*"


@functools.lru_cache(maxsize=65536)
def _is_marker(core: str, channel_words: frozenset[str]) -> bool:
    return (
        core in _MARKER_WORDS
        or core in BRAND_WORDS
        or core in channel_words
        or "karaok" in core
        or (bool(core) and not core.isascii() and _cjk_noise(core))
    )


@functools.lru_cache(maxsize=65536)
def _is_noise_token(core: str, channel_words: frozenset[str]) -> bool:
    return (core == "" or core in NOISE_WORDS or _is_marker(core, channel_words)
            or ((core[0].isdigit() or core[0] in "+-#") and _KEY_SHIFT_RE.match(core) is not None))


@functools.lru_cache(maxsize=65536)
def strip_noise_edges(text: str, channel_words: frozenset[str] = frozenset()) -> str:
    """Remove karaoke noise from both ends ("Karaoke - ", "karaoke video with lyrics", " *").

    A run of noise words is cut only when it holds a marker ("karaoke", "lyrics", a brand
    or the channel's name): "Sing With Me" keeps its words. At the end the cut starts at
    the run's first marker (plus "no lead"-style descriptors just before it); at the start
    it stops before function words ("Karaoke Con Los Años" keeps "Con"). Repeats until
    nothing changes.
    """
    tokens = text.split()
    if not tokens:
        return ""
    kinds = _kinds(channel_words)
    if not (_may_cut(reversed(tokens), kinds) or _may_cut(tokens, kinds)):
        return " ".join(tokens).strip(" -|:•~,_/")  # the common case: nothing to cut
    while tokens:
        n = len(tokens)
        tokens = _cut_trailing(tokens, kinds)
        tokens = _cut_leading(tokens, kinds)
        if len(tokens) == n or not tokens or (
                kinds[tokens[-1]][1] == _NOT and kinds[tokens[0]][1] == _NOT):
            break  # a plain word at both ends: another pass would cut nothing
    return " ".join(tokens).strip(" -|:•~,_/")


_NOT, _FUNC, _CONTENT, _WEAK, _STRONG = range(5)  # token kinds, see _token


class _TokenKinds(dict[str, tuple[str, int]]):
    """token -> (core, kind) for one channel's words, filled in as tokens are met (a plain
    dict lookup: tokens recur, and this is the parser's hottest lookup)."""

    def __init__(self, channel_words: frozenset[str]) -> None:
        super().__init__()
        self.channel_words = channel_words

    def __missing__(self, token: str) -> tuple[str, int]:
        if len(self) >= 65536:
            self.clear()
        value = self[token] = _token(token, self.channel_words)
        return value


@functools.lru_cache(maxsize=256)
def _kinds(channel_words: frozenset[str]) -> _TokenKinds:
    return _TokenKinds(channel_words)


def _may_cut(tokens: Iterable[str], kinds: _TokenKinds) -> bool:
    """Whether the run of noise words at this end holds a marker, so a cut can happen.

    "The Cranberries", "Zombie 1999": a run without a marker is never cut."""
    for tok in tokens:
        kind = kinds[tok][1]
        if kind == _NOT:
            return False
        if kind >= _WEAK:
            return True
    return True  # only noise words: the full check decides


def _token(token: str, channel_words: frozenset[str]) -> tuple[str, int]:
    """(core, kind) of a raw token: not noise, a function word, other noise, weak marker or
    strong marker ("karaoke", "lyrics", a brand). Tokens recur, so this is cached."""
    core = _core(token)
    if not _is_noise_token(core, channel_words):
        return core, _NOT
    if _is_marker(core, channel_words):
        return core, _STRONG
    if core in _WEAK_MARKERS:
        return core, _WEAK
    return core, (_CONTENT if core and core not in _FUNCTION_WORDS else _FUNC)


def _run_markers(kinds: list[int]) -> list[bool]:
    """Which tokens of a run of noise words mark it as noise.

    Strong markers ("karaoke", "lyrics", a brand) decide alone; without one, weak markers
    ("beat", "tone", "full") count when another content noise word is beside them
    ("Beat Chuẩn", "Tone Nam") but not alone or with a function word ("We Got The Beat").
    """
    if _STRONG in kinds:
        return [k == _STRONG for k in kinds]
    if _WEAK in kinds and sum(1 for k in kinds if k >= _CONTENT) >= 2:
        return [k == _WEAK for k in kinds]
    return []


def _cut_trailing(tokens: list[str], kinds: _TokenKinds) -> list[str]:
    i = len(tokens)
    run: list[tuple[str, int]] = []
    while i > 0:
        t = kinds[tokens[i - 1]]
        if t[1] == _NOT:
            break
        run.append(t)
        i -= 1
    if not run:
        return tokens
    run.reverse()
    marks = _run_markers([k for _, k in run])
    if not marks:
        return tokens
    cores = [c for c, _ in run]
    cut = marks.index(True)
    while cut > 0 and (
        cores[cut - 1] in _VOCAL_DESCRIPTORS
        or cores[cut - 1] == ""
        or (cores[cut - 1] == "with" and cores[cut] in ("lyrics", "lead", "backing", "vocal"))
        # "Full HD", "+1 Tone": weak markers and key shifts just before the cut, when
        # they are plain words (not the end of a bracket or quote: "(Broadway Version)").
        or ((cores[cut - 1] in _WEAK_MARKERS or _is_key_shift(tokens[i + cut - 1],
                                                              cores[cut]))
            and tokens[i + cut - 1].strip("+-#").isalnum())
    ):
        cut -= 1
    return tokens[: i + cut]


_KEY_WORDS = frozenset({"tone", "tono", "key", "semitone", "semitones", "keys"})


def _is_key_shift(token: str, following: str) -> bool:
    """"-3", "+1", or a bare number before "tone"/"key": a key shift (and a year before
    "live"). A bare number before anything else is song text ("Shinedown • 45 • Karaoke")."""
    return _KEY_SHIFT_RE.match(token) is not None and (
        token[0] in "+-#" or following in _KEY_WORDS
        or (following == "live" and len(token) == 4))  # "Song 1969 live": the year


def _cut_leading(tokens: list[str], kinds: _TokenKinds) -> list[str]:
    run: list[tuple[str, int]] = []
    for tok in tokens:
        t = kinds[tok]
        if t[1] == _NOT:
            break
        run.append(t)
    j = len(run)
    if j == 0 or j == len(tokens):
        return tokens
    marks = _run_markers([k for _, k in run])
    if not marks:
        return tokens
    cut = len(marks) - marks[::-1].index(True)
    while cut < j and run[cut][0] in _LEADING_WORDS:
        cut += 1
    return tokens[cut:]


HASHTAG_RE = re.compile(r"(?:^|\s)#[\w\-]+", re.UNICODE)
MENTION_RE = re.compile(r"@[\w\-. ]*?(?:karaoke|music|tv|channel|official)\b", re.IGNORECASE)
