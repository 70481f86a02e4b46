"""Channel boilerplate: word n-grams that recur across many of one channel's titles (pure).

A channel repeats its own credits in every title ("Song - Artist Beat Chuẩn HAMY",
"Song - Artist | Nhạc Sống Hà Tây"): whatever the vocabulary does not know, recurrence
shows. Artists recur too, so an n-gram that is a whole side of some title (``Adele`` in
"Adele - Hello") is an artist, not boilerplate; n-grams made only of karaoke vocabulary
are left to the noise model, and n-grams holding a structure word ("in the style of",
"feat.", "by") are grammar, not credits.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from collector.parsing.analysis import Analysis
from collector.parsing.noise import NOISE_WORDS
from collector.parsing.normalise import artist_key


@dataclass(frozen=True, slots=True)
class BoilerplateThresholds:
    min_titles: int = 4  # a channel needs this many titles before recurrence means anything
    min_count: int = 3  # titles an n-gram must recur in ...
    min_share: float = 0.3  # ... and this share of the channel's titles
    max_words: int = 6  # longest n-gram considered
    sample: int = 64  # titles counted (evenly spaced over the channel's titles)


# Words that carry a title's grammar: an n-gram holding one is not a credit.
_STRUCTURE_WORDS = frozenset(
    """
    style by feat ft featuring performed popularized popularised popular made famous
    originally sung recorded as x vs with and of the in from
    """.split()
)
_SEGMENT_SPLIT = re.compile(r"\s[-|/•~:]+\s|[()\[\]【】「」|•]")
_WORD = re.compile(r"[^\W_]+(?:['.][^\W_]+)*")
_CREDIT_SPLIT = re.compile(r"\s*(?:,|&|\+|\bx\b|\band\b|\bvà\b|\bfeat\.?|\bft\.?|[()\[\]])\s*",
                           re.IGNORECASE)


def _edge_grams(text: str, max_words: int) -> set[str]:
    """The n-grams at the edges of a title (its first or last words) and its whole
    segments: where a channel puts its credits. Words inside the text are left alone:
    names recur there ("Anh" in "Anh Tú" and in "Bảo Anh")."""
    segs = [ws for seg in _SEGMENT_SPLIT.split(text.lower()) if (ws := _WORD.findall(seg))]
    words = [w for ws in segs for w in ws] if len(segs) > 1 else (segs[0] if segs else [])
    top = min(len(words) - 1, max_words)
    grams = set()
    head = tail = ""
    for i in range(top):
        head = f"{head} {words[i]}" if head else words[i]
        tail = f"{words[-1 - i]} {tail}" if tail else words[-1 - i]
        grams.add(head)
        grams.add(tail)
    if len(segs) > 1:
        grams.update(" ".join(ws) for ws in segs if len(ws) <= max_words)
    return grams


def _names(a: Analysis) -> set[str]:
    """Keys of what reads as a name in a title: the whole side of a two-part title and
    each name of a longer credit ("AMEE x B RAY" -> "amee", "b ray"). The third part of
    "Song - Artist - Show" is not counted: that is where boilerplate sits."""
    sides = list(a.parts) if a.form == "split" and len(a.parts) == 2 else []
    if a.artist:
        sides.append(a.artist)
    names = set()
    for side in sides:
        names.add(artist_key(side))
        items = [n for n in _CREDIT_SPLIT.split(side) if n.strip()]
        if len(items) > 1:
            names.update(artist_key(n) for n in items)
    return names


def find_boilerplate(analyses: Sequence[Analysis],
                     t: BoilerplateThresholds = BoilerplateThresholds()) -> list[str]:
    """The channel's boilerplate n-grams (lowercase words joined by spaces), longest first."""
    n = len(analyses)
    if n < t.min_titles:
        return []
    # A channel's boilerplate is in most of its titles: an even sample shows it.
    sample = analyses[:: math.ceil(n / t.sample)]
    need = max(t.min_count, math.ceil(t.min_share * len(sample)))
    grams: Counter[str] = Counter()
    for a in sample:
        grams.update(_edge_grams(a.text, t.max_words))
    found = [g for g, c in grams.items() if c >= need and _is_credit(g)]
    if not found:
        return []
    names: set[str] = set()
    for a in analyses:
        names |= _names(a)
    found = [g for g in found if artist_key(g) not in names]
    # Keep the maximal ones: "beat chuan hamy" covers "hamy" where both recur as often.
    found.sort(key=len, reverse=True)
    kept: list[str] = []
    for g in found:
        if not any(f" {g} " in f" {k} " and grams[k] >= grams[g] for k in kept):
            kept.append(g)
    return kept


def _is_credit(gram: str) -> bool:
    """An n-gram that may be a credit: a word the vocabulary does not know, no grammar."""
    words = gram.split()
    return (any(w not in NOISE_WORDS and not w.isdigit() for w in words)
            and not any(w in _STRUCTURE_WORDS for w in words))


def boilerplate_pattern(grams: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern matching ``grams`` where a channel puts its credits: at the title's start
    or end, or (n-grams of two words or more) anywhere as whole words."""
    if not grams:
        return None
    alts = "|".join(r"[\W_]+".join(re.escape(w) for w in g.split()) for g in grams)
    multi = "|".join(r"[\W_]+".join(re.escape(w) for w in g.split()) for g in grams
                     if " " in g)
    edge = rf"^[\W_]*(?:{alts})(?![^\W_])|(?<![^\W_])(?:{alts})[\W_]*$"
    anywhere = rf"|(?<![^\W_])(?:{multi})(?![^\W_])" if multi else ""
    return re.compile(edge + anywhere, re.IGNORECASE)
