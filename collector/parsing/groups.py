"""Bracket groups of a title: karaoke noise to drop, and "style of" credits (pure).

``drop_noise_groups`` removes groups that say only karaoke or a version ("(Karaoke
Version)", "[HD]", "(Live)") and returns the artist a "(in the style of X)" group names;
``split_style`` reads "Song in the style of Artist" outside brackets.
"""

from __future__ import annotations

import functools
import re

from collector.parsing.noise import BRAND_PHRASES_RE, BRAND_WORDS, NOISE_WORDS, is_noise_group
from collector.parsing.splitting import has_bracket

GROUP_RE = re.compile(r"[(\[【「『〔{<]([^()\[\]【】「」『』〔〕{}<>]*)[)\]】」』〕}>]")
_GLUED = "\x00"  # a removed group whose neighbours close up
_PUNCT = "()[]{}-|:*•,.!?\"'~/【】"

_STYLE_MARKERS = (
    r"in the style of|in the style|style of|as popul[ae]ri[sz]ed by|"
    r"originally (?:performed|sung|recorded) by|as (?:made famous|performed|sung) by|"
    r"made famous by|as performed by|popular(?:ised|ized) by|karaoke of|"
    r"(?:as )?made popular by|performed by"
)
# The same markers as literal phrases, longest first: str.find beats the regex.
_STYLE_PHRASES = tuple(sorted(
    {
        "in the style of", "in the style", "style of", "as popularized by",
        "as popularised by", "as populerized by", "originally performed by",
        "originally sung by", "originally recorded by", "as made famous by",
        "as performed by", "as sung by", "made famous by", "popularised by", "popularized by",
        "karaoke of", "made popular by", "as made popular by", "performed by",
    },
    key=len, reverse=True,
))


_STYLE_PHRASE_RE = re.compile(
    r"(?<![^\W_])(?:" + "|".join(re.escape(p) for p in _STYLE_PHRASES) + r")(?![^\W_])")


def split_style(work: str, lower: str | None = None) -> tuple[str, str] | None:
    """("Song", "Artist") of "Song in the style of Artist", or None (``lower``: the
    caller's ``work.lower()``, when it has one)."""
    m = _STYLE_PHRASE_RE.search(work.lower() if lower is None else lower)
    if m is None:
        return None
    song = work[: m.start()].rstrip(" -:,|")
    artist = work[m.end():].lstrip(" :-")
    if song.strip() and artist.strip():
        return song, artist
    return None
# The marker ends at a word's end: "(Karaoke Oficial)" names no artist "icial".
_STYLE_GROUP_RE = re.compile(rf"^\s*(?:{_STYLE_MARKERS})\b\s*[:\-]?\s*(?P<artist>.+?)\s*$",
                             re.IGNORECASE)

# Cheap literal scans that gate the costlier patterns (most titles match neither).
# Literal tests: a handful of `in` checks beat one alternation pattern in Python's engine.
STYLE_HINTS = ("style", "popul", "famous", "originally", "performed", "sung by", "karaoke of")
# Credit groups that name who produced or wrote the track, not who sings it:
# "(Prod. by X)", "(ST: X)" (Vietnamese "sáng tác", composer), "(Official)".
_CREDIT_GROUP_RE = re.compile(r"^\s*(?:prod\b|produced by|st\s*:|sáng tác|official\b)",
                              re.IGNORECASE)

def has_any(text: str, hints: tuple[str, ...]) -> bool:
    return any_in(text.lower(), hints)


def any_in(lower: str, hints: tuple[str, ...] | str) -> bool:
    for h in hints:  # noqa: SIM110 - a plain loop is cheaper than any() here (hot path)
        if h in lower:
            return True
    return False


# Bracket tags that are only "karaoke": between two runs of words they separate them.
_MARKER_TAGS = frozenset({"karaoke", "karaoké", "videoke", "カラオケ", "노래방", "伴奏"})
_SEPARATOR_CHARS = re.compile(r"[-|/•·:~_]")


def _between_words(text: str, start: int, end: int) -> bool:
    """Whether a word character stands on each side of ``text[start:end]`` (spaces
    skipped); most groups end the title, so the text after is looked at first."""
    n, j = len(text), end
    while j < n and text[j].isspace():
        j += 1
    if j >= n or not text[j].isalnum():
        return False
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i].isalnum()


@functools.lru_cache(maxsize=16384)
def _group_reading(inner: str, channel_words: frozenset[str]
                   ) -> tuple[bool, str | None, bool, str | None]:
    """(a bare karaoke tag, the artist of a "style of" group, noise or a producer credit,
    the name a karaoke group holds besides its noise words) of a bracket group's text:
    the same groups recur from title to title."""
    sm = _STYLE_GROUP_RE.match(inner) if has_any(inner, STYLE_HINTS) else None
    noise = is_noise_group(inner, channel_words) or _CREDIT_GROUP_RE.match(inner) is not None
    return (inner.lower() in _MARKER_TAGS, sm.group("artist") if sm else None, noise,
            _karaoke_group_name(inner) if noise and " " in inner else None)


_KARAOKE_MARKER_RE = re.compile(r"(?i)(?<![^\W_])(?:karaok[eéê]|videoke)(?![^\W_])")
_GROUP_NAME_WORDS = 4


def _karaoke_group_name(inner: str) -> str | None:
    """ "Marc Anthony" of "(Marc Anthony karaoke)": the words of a group naming karaoke
    that are no noise words, one to four of them and no brand ("(Zoom Karaoke)" is
    a brand only if the vocabulary knows it: the caller asks the artist knowledge)."""
    if _KARAOKE_MARKER_RE.search(inner) is None or BRAND_PHRASES_RE.search(inner):
        return None
    words = [w for w in inner.split() if w.strip(_PUNCT)]
    kept = [w for w in words if w.strip(_PUNCT).lower() not in NOISE_WORDS]
    if not 1 <= len(kept) <= _GROUP_NAME_WORDS or any(
            w.strip(_PUNCT).lower() in BRAND_WORDS for w in kept):
        return None
    return " ".join(kept).strip(_PUNCT + " ") or None


def _all_noise(rest: str) -> bool:
    """Whether the text after a group is only noise words ("[Karaoke - Beat] Full")."""
    return bool(rest) and not rest.isspace() and all(
        w.strip(_PUNCT).lower() in NOISE_WORDS for w in rest.split())


def drop_noise_groups(text: str, channel_words: frozenset[str]
                      ) -> tuple[str, str | None, str | None]:
    """Remove bracket groups that are only karaoke noise; return a "style of" artist if
    any, and the name a removed karaoke group held ("(Marc Anthony karaoke)"), if any."""
    if not has_bracket(text):
        return text, None, None
    style_artist: str | None = None
    group_name: str | None = None
    removed = False

    def repl(m: re.Match[str]) -> str:
        nonlocal style_artist, removed, group_name
        marker, style, noise, name = _group_reading(m.group(1).strip(), channel_words)
        if name is not None:
            group_name = name
        if ((marker or noise) and m.end() < len(m.string)  # most groups end the title
                and _between_words(m.string, m.start(), m.end())
                and _SEPARATOR_CHARS.search(m.string) is None
                and (marker or (name is None and _KARAOKE_MARKER_RE.search(m.group(1))
                                and not _all_noise(m.string[m.end():])))):
            # "Artist [KARAOKE] Song", "Song (Melhor Karaokê) Artist": the tag stands
            # where a separator would.
            removed = True
            return " karaoke "
        if style is not None and style_artist is None:
            style_artist = style
            removed = True
            return " "
        if noise:
            removed = True
            rest = m.string[m.end():]
            if rest and not rest.isspace() and all(
                    w.strip(_PUNCT).lower() in NOISE_WORDS for w in rest.split()):
                # "Song - Artist [Karaoke - Beat] Full": the words after the group go with
                # it (a marker left in its place makes the end of the title noise).
                return " karaoke "
            if rest[:1] == "-" and rest[1:2].strip() and m.string[m.start() - 1:m.start()] == " ":
                return _GLUED  # "SONG (REMIX)-Brand": the hyphen stays glued to the song
            return " "
        return m.group(0)

    # Removing an inner group can leave an outer one made only of noise: go again then.
    while True:
        removed = False
        text = GROUP_RE.sub(repl, text)
        if not removed or not has_bracket(text):
            break
    if _GLUED in text:
        text = text.replace(" " + _GLUED, "").replace(_GLUED, " ")
    return " ".join(text.split()), style_artist, group_name




CJK_OPEN_RE = re.compile("[「『《【]")
# "Artist「Song」", "Artist『Song』", "Artist《Song》", "Artist【Song】" (or the song first):
# the corner, double-angle or lenticular brackets mark the song, as quotes do.
_CJK_SONG_RE = re.compile(r"^(?P<before>[^「」『』《》【】]*?)\s*[「『《【]"
                          r"(?P<song>[^「」『』《》【】]+)[」』》】]"
                          r"\s*(?P<after>[^「」『』《》【】]*)$")


def cjk_song(work: str) -> tuple[str, str] | None:
    """(artist, song) of a title whose song stands in CJK brackets; artist "" when the
    song stands alone ("《Song》"); None for any other shape, or a name on both sides
    (which one is the artist is unsure)."""
    m = _CJK_SONG_RE.match(work)
    if m is None:
        return None
    before, after = m.group("before").strip(" -:,|/"), m.group("after").strip(" -:,|/")
    song = m.group("song").strip()
    if (before and after) or not song:
        return None
    artist = before or after
    if not is_credit(artist):
        return None
    return artist, song


_CREDIT_SPLIT_RE = re.compile(r"(?i),|&|\s(?:and|x|×|feat\.?|ft\.?|featuring|with|vs\.?)\s")


def is_credit(text: str) -> bool:
    """Whether ``text`` reads as an artist credit beside a quoted song: up to eight names
    of one to four words between joiners ("A & B feat. C D", "A, B, C, D, E"); a longer
    run of words is a sentence, not a credit."""
    names = _CREDIT_SPLIT_RE.split(text)
    return len(names) <= 8 and all(1 <= len(n.split()) <= 4 for n in names)
