"""Titles without a spaced separator, split where the artist knowledge marks the cut
(pure): a hyphen typed without spaces between a known artist and a known title, a known
artist starting or ending the title (with a guest credited after it), or a known chart
title starting or ending it. Each reading is unsure (the whole title is kept as the
other reading by the resolver); when more than one could fit, none is given.
"""

from __future__ import annotations

from collector.models import Orientation
from collector.parsing.artist_knowledge import ArtistKnowledge
from collector.parsing.conventions import VIETNAMESE_SURNAMES
from collector.parsing.no_separator import hyphen_split

BY_TITLE = "no separator; a known title"


def no_separator_split(text: str, knowledge: ArtistKnowledge
                       ) -> tuple[str, str, Orientation, str] | None:
    """(artist, song, orientation, reason) of a title without separator, where a known
    artist or title marks the split (see the functions below); None when none does."""
    if "-" in text:
        by_hyphen = hyphen_split(text, knowledge)
        if by_hyphen is not None:
            left, right, artist_first = by_hyphen
            reason = "hyphen without spaces between a known artist and a known title"
            return ((left, right, Orientation.ARTIST_SONG, reason) if artist_first
                    else (right, left, Orientation.SONG_ARTIST, reason))
    split = known_name_split(text, knowledge)
    by_title = split is None
    if split is None:
        split = known_title_split(text, knowledge)
    if split is None:
        return None
    artist, song, orientation = split
    reason = (BY_TITLE if by_title else "no separator; a known artist") + (
        " starts the title" if (orientation is Orientation.ARTIST_SONG) != by_title
        else " ends the title")
    return artist, song, orientation, reason


_MAX_NAME_WORDS = 8  # "Clean Bandit feat. Sean Paul & Anne-Marie"
# Words that bind a name into a longer phrase ("Queen of Hearts", "Tonight in Heaven"):
# next to one the known name is part of the song, not its artist.
_GLUE_WORDS = frozenset("""
    of in on at to for from with by and or & de la el le les del des di da do du von van
    's feat feat. ft ft. featuring x vs
""".split())
# Before a name that ends the title an article binds too ("Dancing with the Queen"); after
# one that starts it, an article starts the song ("Christina Perri A Thousand Years").
_GLUE_BEFORE_TAIL = _GLUE_WORDS | {"the", "a", "an"}
# Words that join credits: after a known name, the credit runs on ("Ray Charles & ...").
_JOINER_WORDS = frozenset("and or & feat feat. ft ft. featuring x vs with".split())
# A name this well known may start a song that starts with a preposition ("Etta James At
# Last", "The Script For The First Time"); "of" still binds ("Queen of Hearts").
_STRONG_NAME = 1.5


def known_name_split(text: str, knowledge: ArtistKnowledge) -> tuple[str, str, Orientation] | None:
    """(artist, song, orientation) of a title without separator that starts or ends with a
    known artist ("Pitbull and Kesha Timber", "Mưa Chiều Minh Tuấn"); the longest known
    name at each end. When both ends hold a known name, the reading whose song is a known
    title wins, else the clearly better-known name, else none (wrong data is worse)."""
    words = text.split()
    if len(words) < 2 or knowledge.is_known_title(text):
        return None  # one word, or the whole text is a known title
    head = _end_name(words, True, knowledge)
    tail = _end_name(words, False, knowledge) or _tail_credit(words, knowledge)
    readings = []
    if head is not None:
        readings.append((head[1], " ".join(words[head[0]:]), Orientation.ARTIST_SONG))
    if tail is not None:
        readings.append((tail[1], " ".join(words[:-tail[0]]), Orientation.SONG_ARTIST))
    if len(readings) < 2:
        return readings[0] if readings else None
    titled = [r for r in readings if knowledge.is_known_title(r[1])]
    if len(titled) == 1:
        return titled[0]
    (a, b) = readings
    if head is not None and tail is not None and head[0] != tail[0]:
        return a if head[0] > tail[0] else b  # the longer name: "Cars Gary Numan"
    ea, eb = knowledge.artist_evidence(a[0]), knowledge.artist_evidence(b[0])
    if abs(ea - eb) >= _NAME_MARGIN:
        return a if ea > eb else b
    return None


_NAME_MARGIN = 1.0  # both ends known: how much better-known one name must be
_GUEST_WORDS = 4  # a guest credited at the end: one to four capitalised words


def _tail_credit(words: list[str], knowledge: ArtistKnowledge) -> tuple[int, str] | None:
    """(words, credit) of a credit that ends the title: a known artist, then a joiner and
    a guest of one to four capitalised words ("Song David Guetta feat. Nicki Minaj",
    "Song Zorvanne Quint & Ola Brun"); the guest need not be known, the first name must
    be, and be two words or more unless the guest is known too."""
    n = len(words)
    for j in range(n - 2, max(0, n - 2 - _GUEST_WORDS), -1):
        if words[j].lower() not in _JOINER_WORDS:
            continue
        guest = words[j + 1:]
        if any(w.lower() in _JOINER_WORDS or not w[0].isupper() for w in guest):
            return None
        name = _end_name(words[:j], False, knowledge)
        if name is None or name[0] >= j:
            return None  # no known name before the joiner, or no song left
        if name[0] == 1 and not knowledge.is_known_artist(" ".join(guest)):
            return None  # "Whitney Houston & Teddy P...": one word may end a longer name
        i = name[0] + len(guest) + 1
        return i, " ".join(words[n - i:])
    return None


def _end_name(words: list[str], at_start: bool,
              knowledge: ArtistKnowledge) -> tuple[int, str] | None:
    """(words, name) of the longest known artist at one end of ``words``. A known name
    that runs on into a joiner ("Ray Charles & Betty Carter ...") or a bracket is a
    longer credit: then no shorter name at that end counts either ("Ray"), and so is one
    beside a capital initial."""
    n = len(words)
    for i in range(min(_MAX_NAME_WORDS, n - 1), 0, -1):
        name_words = words[:i] if at_start else words[n - i:]
        name = " ".join(name_words)
        if at_start:
            name = name.rstrip(",")  # "Celine Dion, I Drove All Night"
        if len(name) < 2 or not knowledge.is_known_artist(name):
            continue  # one letter is an initial, not a name ("B Ray ...")
        beside = words[i] if at_start else words[n - i - 1]
        if ((len(beside.rstrip(".")) == 1 and beside[0].isupper() and beside not in "IAO")
                or (at_start and beside[0].isupper()
                    and beside.lower() in VIETNAMESE_SURNAMES)):
            return None  # an initial or a family name beside it: a longer name ("GREY D",
            # "AMEE x B RAY", "KAI ĐINH ...")
        glue = _GLUE_WORDS if at_start else _GLUE_BEFORE_TAIL
        lb = beside.lower()
        if (at_start and lb in glue and lb not in _JOINER_WORDS and lb not in ("of", "'s")
                and knowledge.artist_evidence(name) >= _STRONG_NAME):
            glue = frozenset()
        if (lb in glue or name.lower() in _GLUE_BEFORE_TAIL
                or name_words[-1].lower() in _GLUE_BEFORE_TAIL
                or (not at_start and beside[-1] in ",&")
                or "(" in name or ")" in name):
            return None
        return i, name
    return None


_TITLE_MIN_CHARS = 6  # "Hello", "Home": too common to mark where a song ends
_TITLE_SPLIT_NAME_WORDS = 3  # "Vanilla Fudge You Keep Me": a longer "name" is often song


def known_title_split(text: str, knowledge: ArtistKnowledge) -> tuple[str, str, Orientation] | None:
    """(artist, song, orientation) of a title without separator that starts or ends with a
    known chart title ("Adele Rolling in the Deep", "Shallow Lady Gaga"), the rest a short
    capitalised name that is not itself a title. Only one reading may fit: when both ends
    could be the title, nothing is split (wrong data is worse than none)."""
    words = text.split()
    n = len(words)
    if n < 3 or knowledge.is_known_title(text):
        return None
    found: list[tuple[str, str, Orientation]] = []
    ends = 0  # ends of the text where a known title stands, whether or not the rest fits
    for side in (Orientation.ARTIST_SONG, Orientation.SONG_ARTIST):
        for k in range(1, n):  # k = words of name, the
            # shortest name first: the longest known title at this end wins
            if side is Orientation.ARTIST_SONG:
                name_words, song_words = words[:k], words[k:]
            else:
                name_words, song_words = words[n - k:], words[:n - k]
            song, name = " ".join(song_words), " ".join(name_words)
            if (len(song) < _TITLE_MIN_CHARS or song_words[0].lower() in _GLUE_WORDS
                    or not knowledge.is_known_title(song)):
                continue
            ends += 1
            if (_looks_like_name(name_words) and not knowledge.is_known_title(name)
                    and knowledge.artist_evidence(name) >= 0):
                found.append((name, song, side))
            break
    return found[0] if len(found) == 1 and ends == 1 else None


def _looks_like_name(words: list[str]) -> bool:
    """One to three capitalised words, no joiner ("X feat. Y Crying" is unsure)."""
    if len(words) > _TITLE_SPLIT_NAME_WORDS:
        return False
    return all(w[0].isupper() and w.lower() not in _GLUE_BEFORE_TAIL for w in words)
