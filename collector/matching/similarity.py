"""String similarity for names and titles (pure; rapidfuzz does the edit distance).

rapidfuzz is used instead of hand-written Levenshtein: it is C++-fast and its
``token_sort_ratio`` handles reordered words ("Simon & Garfunkel" / "Garfunkel, Simon").
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from collector.parsing.normalise import fold

_DISCOGS_SUFFIX = re.compile(r"\s*\(\d+\)\s*$")  # Discogs disambiguation: "Nirvana (2)"
_FEAT_TAIL = re.compile(r"\s+(?:feat\.?|ft\.?|featuring|with|&|and|x)\s+.*$", re.IGNORECASE)
_VERSION_GROUP = re.compile(
    r"\s*[(\[][^()\[\]]*\b(?:remaster(?:ed)?|version|edit|mix|mono|stereo|live|demo|"
    r"acoustic|karaoke|instrumental|single|album|explicit|clean|radio|original|feat\.?|"
    r"ft\.?|from)\b[^()\[\]]*[)\]]",
    re.IGNORECASE,
)


def name_key(name: str | None) -> str:
    """Folded artist name: no "The", "&" = "and", no Discogs "(2)" suffix."""
    if not name:
        return ""
    key = fold(_DISCOGS_SUFFIX.sub("", name.replace("*", "")))
    if key.endswith(" the"):  # Discogs sorts "Persuader, The"
        key = key[:-4]
    return key[4:] if key.startswith("the ") else key


def title_key(title: str | None) -> str:
    """Folded song title without version parentheses ("(Remastered 2011)", "(Live)")."""
    if not title:
        return ""
    stripped = _VERSION_GROUP.sub("", title)
    return fold(stripped or title)


_NUMBER = re.compile(r"\d+")
NUMBER_MISMATCH = 0.5  # "Song 5" vs "Song 57", "Artist 1" vs "Artist 5": different things


def ratio(a: str, b: str) -> float:
    """0..1 similarity of two folded strings (order-insensitive by words).

    Edit distance rates "song number 5" and "song number 57" 96% alike; numbers name
    different songs and artists, so differing numbers halve the similarity.
    """
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    score = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) / 100.0
    if sorted(_NUMBER.findall(a)) != sorted(_NUMBER.findall(b)):
        score *= NUMBER_MISMATCH
    return score


def artist_similarity(wanted: str | None, candidate: str | None) -> float:
    """Similarity of two artist credits; a primary-artist match counts too.

    "Clean Bandit" matches "Clean Bandit feat. Sean Paul & Anne-Marie" nearly fully.
    """
    a, b = name_key(wanted), name_key(candidate)
    best = ratio(a, b)
    if best < 1.0 and candidate:
        primary = name_key(_FEAT_TAIL.sub("", candidate))
        best = max(best, ratio(a, primary) * 0.97)
    if best < 1.0 and wanted:
        primary = name_key(_FEAT_TAIL.sub("", wanted))
        best = max(best, ratio(primary, b) * 0.97)
    return best


def title_similarity(wanted: str | None, candidate: str | None) -> float:
    return max(ratio(title_key(wanted), title_key(candidate)), ratio(fold(wanted), fold(candidate)))


def has_word(text: str | None, words: frozenset[str]) -> bool:
    """Whether a whole word of ``text`` is in ``words`` ("Ghost" is not "ost")."""
    return bool(text) and any(w in words for w in fold(text).split())
