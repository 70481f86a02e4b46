"""Titles without a spaced separator: where artist and song meet (pure).

``tight_split`` reads hyphens typed without spaces ("ARTIST-SONG-Brand", "Bài Hát-Ca Sĩ",
"Hasta que me olvides-Luis Miguel"); ``name_splits`` the Vietnamese titles that run song
and singer together ("Bài Hát beat Ca Sĩ", "Bài Hát Họ Tên", "Bài Hát StageName"). Both
return spans; :mod:`collector.parsing.analysis` records the split.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from collector.parsing.conventions import VIETNAMESE_RE, VIETNAMESE_SURNAMES
from collector.parsing.segments import is_brand_like
from collector.parsing.splitting import mask_groups, split_spans

if TYPE_CHECKING:
    from collector.parsing.artist_knowledge import ArtistKnowledge

_NAME_JOINERS = frozenset({"ft", "ft.", "feat", "feat.", "x", "&", "và"})
# "Bài Hát beat Ca Sĩ": Vietnamese channels put "beat" where a separator would stand.
_BEAT_RE = re.compile(r"(?i)(?<=\S)\s+beat\s+(?=\S)")
# A Vietnamese syllable written without marks ("Cung", "Em", "Anh", "Xa"): not a stage name.
_PLAIN_SYLLABLE_RE = re.compile(
    r"(?i)^(?:ngh|ng|nh|ch|tr|th|kh|ph|gi|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}"
    r"(?:ng|nh|ch|[cmnpt])?$")


def name_splits(work: str) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """Vietnamese titles without a separator: where the singer may start, as (separator
    name, spans) readings in turn (the caller takes the first that reads as a split).

    - "Bài Hát beat Ca Sĩ": "beat" stands between song and singer;
    - "Bài Hát Họ Tên": the singer's full name ends the title; it starts with a common
      family name and has two to four capitalised words (then possibly "ft. X"), after at
      least two words of song;
    - "Bài Hát StageName": one to three capitalised plain-Latin words ("Erik", "JSOL",
      "Liu Grace") end the title after a word written in Vietnamese; a first word that
      could be a Vietnamese syllable without its marks ("Cung", "Em") leaves the title
      whole (wrong data is worse than none).
    """
    if VIETNAMESE_RE.search(work) is None:
        return
    masked = mask_groups(work)
    beats = list(_BEAT_RE.finditer(masked)) if "beat" in masked.lower() else []
    if len(beats) == 1:
        m = beats[0]
        yield "marker", [(0, m.start()), (m.end(), len(work))]
    words = work.split()
    for i in range(2, len(words) - 1):
        if words[i].lower() not in VIETNAMESE_SURNAMES or not words[i][0].isupper():
            continue
        if words[i - 1].lower() in _NAME_JOINERS or words[i - 1][-1] == ",":
            return  # a name inside a credit list ("X feat. Phạm Y"): where it starts is unsure
        end = i
        while end < len(words) and words[end].lower() not in _NAME_JOINERS:
            end += 1
        if 2 <= end - i <= 4 and all(w[0].isupper() for w in words[i:end]):
            cut = len(" ".join(words[:i]))
            yield "name", [(0, cut), (cut + 1, len(work))]
            return
    spans = _stage_name_split(work, words)
    if spans:
        yield "name", spans


def _stage_name_split(work: str, words: list[str]) -> list[tuple[int, int]] | None:
    last = len(words) - 1
    while last >= 0 and VIETNAMESE_RE.search(words[last]) is None:
        last -= 1
    tail = words[last + 1:]
    if last < 0 or not 1 <= len(tail) <= 3 or "(" in work or "[" in work:
        return None
    for w in tail:
        if not (w.isascii() and w[0].isupper() and w[0].isalpha()) or "," in w:
            return None
    if _PLAIN_SYLLABLE_RE.match(tail[0]) or sum(c.isalpha() for c in tail[0]) < 3:
        return None  # "Cung", "Em"; "A.P", "LD": too short to tell from initials of a name
    cut = len(" ".join(words[: last + 1]))
    return [(0, cut), (cut + 1, len(work))]


_TIGHT_RE = re.compile(r"(?<=[^\W_])-(?=[^\W\d_])")
# In an all-caps file name a part may end in "!", ".", "'", ")" or "$" and start with a
# digit, "(" or a quote ("HELP!-Brand", "R.E.M.-LOSING MY RELIGION", "SOUP-1985-Brand",
# "REDDING-(SITTIN' ON) THE DOCK OF THE BAY").
_CAPS_TIGHT_RE = re.compile(r"(?<=[^\W_]|[!?.')\]$])-(?=[^\W_]|[(\"'])")


def tight_split(work: str, masked: str) -> list[tuple[int, int]] | None:
    """ "ARTIST-SONG-Brand", "Bài Hát-Ca Sĩ": hyphens without spaces as the separator.

    Only where a hyphen cannot be inside a word: all-caps file-name titles with at least
    two such hyphens (their brand after the last one dropped), Vietnamese titles (the
    language does not hyphenate) and a lowercase word before a capitalised name
    ("Hasta que me olvides-Luis Miguel"); "Bel-Air" and "a-ha" stay whole. A name or song
    with its own hyphens ("A-HA-TAKE ON ME") gives more parts, which the resolver groups
    with the artist lexicon (:func:`group_tight_parts`).
    """
    spans = split_spans(work, _CAPS_TIGHT_RE, masked)
    if len(spans) >= 3 and all(_no_lower(work[a:b]) for a, b in spans[:-1]) and any(
            c.isupper() for c in work[spans[0][0]:spans[1][1]]):
        last = work[spans[-1][0]:spans[-1][1]]
        if not _no_lower(last) or is_brand_like(last):
            spans = spans[:-1]  # a brand after an all-caps "ARTIST-SONG"
        return join_letters(work, spans)
    spans = split_spans(work, _TIGHT_RE, masked)
    if len(spans) < 2:
        return None
    if VIETNAMESE_RE.search(work) is None and not _case_change(work, spans):
        return None
    return spans


def join_letters(work: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A part of one letter (while three parts or more are left) is half of a hyphenated
    name, joined to its neighbour: the next part when it is the first ("O-ZONE", "X-JAPAN"),
    else the part before ("JAY-Z")."""
    i = 0
    while len(spans) > 2 and i < len(spans):
        a, b = spans[i]
        if b - a == 1 and work[a].isalpha():
            if i == 0:
                spans[0:2] = [(a, spans[1][1])]
            else:
                spans[i - 1:i + 1] = [(spans[i - 1][0], b)]
                i -= 1
            continue
        i += 1
    return spans


def _no_lower(text: str) -> bool:
    return text == text.upper()


def _case_change(work: str, spans: list[tuple[int, int]]) -> bool:
    """One hyphen between a word in lowercase and a capital, two words or more each side
    ("Hasta que me olvides-Luis Miguel"): a separator typed without its spaces. In names
    the word before the hyphen is capitalised too ("Anne-Marie", "The All-American")."""
    if len(spans) != 2:
        return False
    (a, b), (c, d) = spans
    left, right = work[a:b], work[c:d]
    words = left.split()
    return (len(words) >= 2 and words[-1].islower() and right[:1].isupper()
            and len(right.split()) >= 2)


_MIN_KNOWN = 4  # letters of a known name or title that may place a cut


def group_tight_parts(parts: list[str], knowledge: ArtistKnowledge, joiner: str = "-"
                      ) -> tuple[str, str, int, bool] | None:
    """Hyphen parts regrouped into (left, right, score, artist first) where a known
    artist and a known title meet ("A-HA-TAKE ON ME": "A-HA" / "TAKE ON ME";
    "Blink-182-I Miss You": "Blink-182" / "I Miss You").

    Each cut scores one for a known artist on one side and one for a known title on the
    other (either way round), a name or title of four letters at least ("AIR" of
    "BEL-AIR" is too short to tell); between cuts that score alike, the longer known text
    wins ("A-HA" over the title "A"). None when nothing is known or two cuts tie outright
    (the parts stay as they are: wrong data is worse). ``joiner``: how the parts were
    joined in the title.
    """
    best: tuple[str, str, int, bool] | None = None
    best_key, tie = (0, 0), False
    for i in range(1, len(parts)):
        left, right = joiner.join(parts[:i]), joiner.join(parts[i:])
        for artist, title in ((left, right), (right, left)):
            a = len(artist) >= _MIN_KNOWN and knowledge.is_known_artist(artist)
            t = len(title) >= _MIN_KNOWN and knowledge.is_known_title(title)
            if not (a or t):
                continue
            key = (a + t, len(artist) * a + len(title) * t)
            if key > best_key:
                best, best_key, tie = (left, right, a + t, artist is left), key, False
            elif key == best_key and best is not None and best[:2] != (left, right):
                tie = True
    return None if tie else best


_WORD_HYPHEN_RE = re.compile(r"(?<=[^\W_])-(?=[^\W_])")


def hyphen_split(text: str, knowledge: ArtistKnowledge) -> tuple[str, str, bool] | None:
    """(left, right, artist first) of a title whose only division is a hyphen typed
    without spaces, where a known artist and a known title meet on either side of one
    ("Blink-182-I Miss You", "Adele-Hello"); both must be known (wrong data is worse)."""
    parts = _WORD_HYPHEN_RE.split(text)
    if len(parts) < 2:
        return None
    cut = group_tight_parts(parts, knowledge)
    if cut is None or cut[2] < 2:
        return None
    return cut[0], cut[1], cut[3]


# Words that join credits: they belong to neither block of a case split.
_CASE_NEUTRAL = frozenset({"x", "feat", "feat.", "ft", "ft.", "&", "và", "and", "+"})


def _case_class(word: str) -> str:
    """ "C" for an all-caps word of two letters or more ("RHYDER", "ĐÓA"), "L" for a
    word with a lowercase letter, "" for anything else (joiners, numbers, one letter,
    initials such as "E.B", words without case such as Han characters, words of both
    cases joined by a hyphen)."""
    if word.isupper():  # a cased letter and no lowercase one
        if word.isalpha():
            return "C" if len(word) >= 2 else ""
        letters = sum(1 for c in word if c.isalpha())
        return "C" if letters >= 2 and not ("." in word and letters <= 3) else ""
    if word.islower():
        return "" if word in _CASE_NEUTRAL else "L"
    if word.upper() == word or word.lower() in _CASE_NEUTRAL:
        return ""  # no cased letter ("1999", "&", "月光"), or "Và", "Feat."
    if "-" in word and any(c.isupper() for c in word[1:]):
        return ""  # "AWAY-Brand": two words of either case run together
    return "L"


def case_split(text: str) -> tuple[str, str] | None:
    """(left, right) of a title without separator where a run of all-caps words meets a
    run of words in mixed case, once ("Tùng Dương KHÁT VỌNG TUỔI TRẺ", "JSOL Tình Cuối
    Cùng", "Superbrothers x Karik x ORANGE NIGHT"): where the case changes, one side
    ends; a bracket group goes with the words before it. The caps run has two words, or
    one of four letters or more ("DJ Snake ...", "Song MTV" stay whole); a joiner, number or
    initial between the runs, or a comma before the change (a list of names runs on),
    leaves the title whole. Which side is the artist is left to the orientation
    evidence."""
    words = text.split()
    if len(words) < 2:
        return None
    classes = [_case_class(w) for w in words]
    bracketed = [False] * len(words)
    if "(" in text or "[" in text:
        depth = 0
        for i, w in enumerate(words):
            opened = depth > 0 or w[0] in "(["
            depth += w.count("(") + w.count("[") - w.count(")") - w.count("]")
            if opened:
                bracketed[i], classes[i] = True, ""
    change = None
    last = -1  # index of the last word with a class
    for i in range(len(words)):
        if not classes[i]:
            continue
        if last >= 0 and classes[i] != classes[last]:
            between = range(last + 1, i)
            if change is not None or not all(bracketed[j] for j in between):
                return None  # the case changes twice, or a neutral word stands there
            change = i
        last = i
    if change is None or words[change - 1][-1] == ",":
        return None
    caps = words[:change] if classes[change] == "L" else words[change:]
    caps_words = [w for w in caps if _case_class(w) == "C"]
    if len(caps_words) < 2 and sum(c.isalpha() for c in caps_words[0]) < 4:
        return None  # "DJ ...", "MTV ...": a short acronym may belong to either side
    return " ".join(words[:change]), " ".join(words[change:])
