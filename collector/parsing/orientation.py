"""Which side of a two-part title is the artist: evidence added up, never a single rule.

Every cue votes with a named weight (:class:`OrientationWeights`); a positive total means
``Artist - Song``, a negative one ``Song - Artist``:

- per side: a "feat."/"ft." credit, an "A x B" collaboration, a list of three or more
  names, a Vietnamese personal name, a bare number (a song: "1999"), the artist lexicon
  and the store's confirmed artists (:class:`ArtistKnowledge`, which weighs a name as
  artist against it as a title);
- per title: quotes (the quoted side is the song), a karaoke marker right after the
  first part ("Song (Karaoke) - Artist"), an all-caps side opposite a mixed-case one;
- conventions of brands and languages (:mod:`collector.parsing.conventions`);
- the channel: artists it names elsewhere and the orientation its titles decided.

Pure functions; the caller supplies the knowledge and the channel profile.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from collector.models import Orientation
from collector.parsing import function_words, vietnamese
from collector.parsing.analysis import Analysis
from collector.parsing.artist_knowledge import ArtistKnowledge
from collector.parsing.channel_profile import ChannelProfile
from collector.parsing.conventions import (
    CHINESE_SURNAMES,
    TAGALOG_RE,
    VIETNAMESE_RE,
    convention_votes,
)
from collector.parsing.conventions import VIETNAMESE_SURNAMES as _SURNAMES
from collector.parsing.featured import split_artist_credit
from collector.parsing.normalise import artist_key
from collector.vocabulary import STAGE_AND_SCREEN_WORKS


@dataclass(frozen=True, slots=True)
class OrientationWeights:
    feat: float = 2.0  # an unbracketed "ft."/"feat." credit marks the artist side
    collab_x: float = 2.0  # "A x B"
    name_list: float = 2.0  # "A, B, C"
    person_name: float = 0.75  # "Nguyễn Văn A": a Vietnamese personal name
    dash_credit: float = 0.75  # "Song | A - B": a side split by a dash joins two names
    tagalog_phrase: float = 1.0  # "MAHAL PA RIN KITA": a phrase in Tagalog is a song (a guess)
    # Conventions matched by a title's words (Tagalog) are asked only while the evidence
    # before them is under this: beyond it their 1.75 at most could not outweigh it.
    word_gate: float = 2.0
    quoted: float = 3.0  # the quoted side is the song
    number: float = 1.0  # a side that is only a number ("214", "1999") is a song title
    marker_after: float = 1.5  # "Song (Karaoke) - Artist"
    caps_song: float = 0.5  # "SONG TITLE - Artist Name": the all-caps side is the song
    channel_known: float = 3.0  # an artist this channel names elsewhere
    channel_base: float = 1.5  # the channel's decided orientation: base + span * strength
    channel_span: float = 3.0
    work: float = 1.0  # a film or musical named as the credit ("Aladdin - A Whole New World")
    work_titled: float = 3.0  # ... and the lexicon knows the other side as a title
    work_song_title: float = -1.0  # a work the lexicon knows this well as a title is unsure
    unmarked_vietnamese: float = 0.75  # as the "vietnamese" convention: Song - Singer
    decided: float = 1.0  # |total| at which the orientation counts as decided
    # Names no list knows: the word model's difference (artist-like minus title-like
    # words, see collector.parsing.word_model), scaled and capped, asked only while the
    # known-artist evidence stays below the gate and both sides are in Latin script.
    words: float = 0.35
    words_cap: float = 1.5
    words_gate: float = 1.0
    # Function words of other languages (collector.parsing.function_words): per word more
    # on one side than the other, toward that side being the song; capped, a guess as the
    # word model's is, under the same gate, with the word model only (it says which words
    # it already counts), and never on Vietnamese text (its own cues).
    function_words: float = 1.0
    function_words_cap: float = 1.0
    # The channel's other titles (collector.parsing.pooling): per unit of their summed
    # evidence (each title's capped at POOL_CLIP), capped; only on separators the channel
    # profile has not decided.
    pooled: float = 0.5
    pooled_cap: float = 3.0


ORIENTATION_WEIGHTS = OrientationWeights()
POOL_CLIP = 1.5  # one title's share of the evidence pooled across a channel


def pool_share(evidence: float) -> float:
    """One title's share of the evidence pooled across its channel (capped): the same
    share is added when pooling (:mod:`collector.parsing.pooling`) and taken out here."""
    return max(-POOL_CLIP, min(POOL_CLIP, evidence))

_FEAT_RE = re.compile(r"(?i)(?:^|\s)(?:feat\.?|ft\.?|featuring)\s")
_BRACKETED_FEAT_RE = re.compile(r"(?i)[(\[]\s*(?:feat\.?|ft\.?|featuring)\s")
_COLLAB_RE = re.compile(r"\S\s+[x×]\s+\S")
_QUOTED = "\"'"
# Korean credits: the romanised name, then the same name in Hangul in brackets.
_HANGUL_CREDIT_RE = re.compile(r"^[A-Za-z0-9][^()]{0,40}?\s?\([\uac00-\ud7a3 ]{1,12}\)$")
_HAN_RE = re.compile("[\u4e00-\u9fff]")
# Chinese credits: a Han name, then it romanised in brackets ("檀健次 (Tan Jian Ci)").
_HAN_CREDIT_RE = re.compile(r"[\u4e00-\u9fff]{2,4}\s?\([A-Z][a-z]+(?: [A-Z][a-z]+){1,3}\)$")
# A standalone word of two or three Han characters (a Chinese personal name's length)
# that starts with a common family name.
_HAN_NAME_RE = re.compile("(?<![\u4e00-\u9fff])[" + "".join(sorted(CHINESE_SURNAMES))
                          + "][\u4e00-\u9fff]{1,2}(?![\u4e00-\u9fff])")
_LIST_SPLIT = re.compile(r",|&|\band\b|\bvà\b")


@functools.lru_cache(maxsize=16384)
def side_evidence(side: str) -> float:
    """Evidence from the text alone that ``side`` is an artist credit (default weights;
    the cache key is the text alone: hashing a weights object per call costs more)."""
    w = ORIENTATION_WEIGHTS
    score = 0.0
    lower = side.lower()
    if "ft" in lower or "feat" in lower:
        score += _feat_evidence(side)
    if (" x " in lower or "×" in lower) and (
            _COLLAB_RE.search(side) or (" X " in side and side.isupper())):
        score += w.collab_x  # "A x B"; in an all-caps side "A X B"
    if " - " in side and side.count(" - ") == 1 and "(" not in side and all(
            0 < len(p.split()) <= 4 for p in side.split(" - ")):
        score += w.dash_credit  # a dash left inside a side (pipe titles) joins two names
    if side.count(",") >= 2 and "(" not in side:
        items = [p.strip() for p in _LIST_SPLIT.split(side.lower())]
        # "Ann, Bea, Cleo" is a list of names; "Holy, Holy, Holy" or "December, 1963 (Oh,
        # What A Night)" a song.
        if all(0 < len(p.split()) <= 4 and not p.isdigit() for p in items) and len(
                set(items)) == len(items):
            score += w.name_list
    if side.isdigit() and len(side) <= 4:
        score -= w.number  # "214 - Rivermaya"; a charted "311" outweighs this via the lexicon
    if not side.isascii():
        if side[-1] == ")" and (_HANGUL_CREDIT_RE.match(side) or _HAN_CREDIT_RE.search(side)):
            score += w.person_name  # "IU (아이유)", "檀健次 (Tan Jian Ci)": a name twice
        elif _HAN_NAME_RE.search(side) is not None:
            score += w.person_name  # "Yao Hui Wen 姚慧汶": a Han name with a family name
        words = side.split()
        if 2 <= len(words) <= 4 and words[0].lower() in _SURNAMES and all(
                x[0].isupper() for x in words):
            score += w.person_name
    return score


def _feat_evidence(side: str) -> float:
    """"Andiez ft. AMEE" is a credit; "a long song title feat. X" or "a song in lower
    case ft. X" a song with its guest."""
    m = _FEAT_RE.search(side)
    if m is None or _BRACKETED_FEAT_RE.search(side):
        return 0.0
    before = side[: m.start()].split()
    if len(before) > 4 or (len(before) >= 2 and not before[0][0].isupper()) or sum(
            1 for w in before if w[0].islower()) >= 2:
        return 0.0  # "Diễn viên tồi ft. X": a phrase in lower case is a song, not a name
    return ORIENTATION_WEIGHTS.feat


def _primary(side: str) -> str:
    """The primary artist a side would credit ("Pink" of "Pink feat. Nate Ruess")."""
    lower = side.lower()
    if ("ft" not in lower and "feat" not in lower and "with" not in lower and "," not in side
            and " x " not in lower and "×" not in side and '"' not in side and "'" not in side):
        return side  # nothing to split off (most song sides): skip the credit parser
    return split_artist_credit(side)[1]


_VIDEO_GROUP_RE = re.compile(
    r"(?i)\S\s*[(\[](?:official\s+(?:music\s+|lyrics?\s+)?video|official\s+audio|"
    r"official\s+m/?v|music\s+video|lyrics?\s+video)[)\]]")


def _video_ends_first_part(text: str) -> bool:
    """Whether a bracketed video phrase follows the title's first words, before any
    spaced dash or pipe ("Song (Official Video) | Artist", "Song (Official Video) Artist
    | ..."), so the first part is the song the video is of."""
    m = _VIDEO_GROUP_RE.search(text)
    if m is None:
        return False
    head = text[: m.start()]
    return " - " not in head and "|" not in head


def _is_quoted(text: str) -> bool:
    t = text.strip()
    return len(t) > 2 and t[0] == t[-1] and t[0] in _QUOTED and t.count(t[0]) == 2


def _latin(text: str) -> bool:
    """Text in the Latin script of the charts the word model learnt from (not Vietnamese:
    its names and titles share one word stock, which the model has not seen)."""
    if text.isascii():
        return True
    return all(c < "\u0250" for c in text) and VIETNAMESE_RE.search(text) is None


def _caps(text: str) -> bool | None:
    """True: all caps (two words or more); False: has lowercase letters; None: neither.

    One all-caps word is as often a stage name ("HIEUTHUHAI", "MIN") as a song.
    """
    if text.isupper():
        return True if " " in text.strip() else None
    return False if text.upper() != text else None


def _english_title(side: str, knowledge: ArtistKnowledge) -> bool:
    """A plain-Latin side the lexicon knows as a title and not as an artist."""
    return side.isascii() and knowledge.is_known_title(side) and not knowledge.is_known_artist(
        side)


@functools.cache
def _work_keys() -> frozenset[str]:
    return frozenset(artist_key(w) for w in STAGE_AND_SCREEN_WORKS)


@functools.cache
def _work_first_words() -> frozenset[str]:
    """A cheap gate before the key lookup (the hot path sees every split title)."""
    return frozenset(w.split()[0].lower() for w in STAGE_AND_SCREEN_WORKS)


def _work_vote(left: str, right: str, knowledge: ArtistKnowledge,
               w: OrientationWeights) -> float:
    """A film or musical on one side, on the other a song that is no known artist: the
    work is the credit. Stronger when the lexicon knows the other side as a title."""
    firsts = _work_first_words()
    wl = left.partition(" ")[0].lower() in firsts and artist_key(left) in _work_keys()
    wr = right.partition(" ")[0].lower() in firsts and artist_key(right) in _work_keys()
    if wl == wr:
        return 0.0
    other = right if wl else left
    if knowledge.artist_evidence(other) > 0:
        return 0.0  # "Madonna - Frozen": a known artist sings a song named like a film
    if knowledge.is_known_title(other):
        amount = w.work_titled
    else:
        # The lexicon may know the work as a (cast album's) title: that says nothing
        # against it as the credit, so that evidence is cancelled - unless it is a
        # well-charted song title too ("Frozen", "Wicked").
        work_evidence = knowledge.artist_evidence(left if wl else right)
        if work_evidence < w.work_song_title:
            return 0.0
        amount = w.work - min(0.0, work_evidence)
    return amount if wl else -amount


def _function_word_vote(left: str, right: str, model: dict[str, float],
                        w: OrientationWeights) -> float:
    """Positive: ``right`` holds more function words (so ``left`` is the artist)."""
    x = (function_words.title_words(right, model)
         - function_words.title_words(left, model)) * w.function_words
    return max(-w.function_words_cap, min(w.function_words_cap, x))


def orient(
    a: Analysis,
    profile: ChannelProfile | None,
    knowledge: ArtistKnowledge | None,
    w: OrientationWeights = ORIENTATION_WEIGHTS,
) -> tuple[Orientation, float, list[str], float]:
    """(orientation, signed total, the cues that voted, the part of the total that is the
    word model's guess) for a split title. The guess may tip the orientation but never
    makes it decided on its own (see ``title_parser``): wrong is worse than unsure."""
    left, right = a.parts[0], a.parts[-1]
    cues: list[str] = []
    total = known = guess = 0.0
    pl = pr = ""
    ql = qr = False
    if left[0] in _QUOTED or right[0] in _QUOTED:  # cheap test first: quotes are rare
        ql, qr = _is_quoted(left), _is_quoted(right)
    if ql != qr:
        total += -w.quoted if ql else w.quoted
        cues.append("quoted side is the song")
    x = side_evidence(left) - side_evidence(right)
    if x:
        total += x
        cues.append("credit shape")
    if knowledge is not None:
        pl, pr = _primary(left), _primary(right)
        known = x = knowledge.artist_evidence(pl) - knowledge.artist_evidence(pr)
        if x:
            total += x
            cues.append("known artist")
        x = _work_vote(left, right, knowledge, w)
        if x:
            total += x
            cues.append("film or musical credit")
    if a.marker_after_first:
        total -= w.marker_after
        cues.append("karaoke marker after the song")
    cl = cr = None
    if left.isupper() or right.isupper():  # cheap test first: most sides are mixed case
        cl, cr = _caps(left), _caps(right)
    if cl is not None and cr is not None and cl != cr:
        total += -w.caps_song if cl else w.caps_song
        cues.append("all-caps side is the song")
    marked = False
    tagalog = 0.0  # the Tagalog phrase cue, when the Tagalog convention matched
    own = total  # the cues so far; a word-matched convention is asked while they are weak
    votes = convention_votes(a.text, a.sep)
    if -w.word_gate < own < w.word_gate:
        votes += convention_votes(a.text, a.sep, word_signatures=True)
    for convention, amount in votes:
        if convention.name == "music_video" and _video_ends_first_part(a.text):
            # "Song (Official Video) | Artist | ...": the video is named after the song.
            total -= amount
            cues.append("video named after the first part")
            continue
        total += amount
        cues.append(convention.name)
        if convention.name == "music_video" and _FEAT_RE.search(right):
            x = _feat_evidence(right) - _feat_evidence(left)
            if x > 0:  # "Artist - Song ft. X (Official Video)": the guest trails the song
                total += x
                cues.append("feat. trails the song of a music video")
        if convention.name == "tagalog":  # its phrase cue is weighed below
            tagalog = ((TAGALOG_RE.search(right) is not None)
                       - (TAGALOG_RE.search(left) is not None)) * w.tagalog_phrase
        if convention.name == "vietnamese":
            marked = True
            if knowledge is None:  # else computed above, from the same sides
                pl, pr = _primary(left), _primary(right)
            x = vietnamese.side_votes(pl, pr, knowledge is not None and _english_title(
                pl if pl.isascii() else pr, knowledge))
            if x:
                total += x
                cues.append("vietnamese name shape")
    if not marked and a.text.isascii() and vietnamese.is_unmarked_vietnamese(left, right):
        marked = True
        total -= w.unmarked_vietnamese
        cues.append("vietnamese without marks")
        if knowledge is None:
            pl, pr = _primary(left), _primary(right)
        x = vietnamese.unmarked_side_votes(pl, pr)
        if x:
            total += x
            cues.append("vietnamese name shape")
    if (not marked and knowledge is not None and knowledge.words is not None
            and -w.words_gate < known < w.words_gate and _latin(a.text)):
        (el, kl), (er, kr) = knowledge.words.evidence(pl), knowledge.words.evidence(pr)
        # Words the model knows on neither side: only their number would speak.
        x = (el - er) * w.words if kl or kr else 0.0
        if x:
            guess = max(-w.words_cap, min(w.words_cap, x))
            total += guess
            cues.append("artist-like words")
    if (not marked and knowledge is not None and knowledge.words is not None
            and -w.words_gate < known < w.words_gate and w.function_words
            and VIETNAMESE_RE.search(a.text) is None
            and (a.text.isascii() or _HAN_RE.search(left + right) is None)):
        # Not beside a name or song in Han characters either: their romanisation ("Yao
        # Hui Wen 姚慧汶") is pinyin, whose syllables stop-word lists hold.
        x = _function_word_vote(pl, pr, knowledge.words.words, w)
        if x:
            guess += x
            total += x
            cues.append("function words of a song title")
            tagalog = 0.0  # the same words, counted once
    if tagalog:
        # "MAHAL PA RIN KITA - Band": a side holding a Tagalog phrase is the song; a guess
        # like the function-word cue it stands in for where that is not asked (a known
        # name or title on one side: "Rockstar").
        guess += tagalog
        total += tagalog
        cues.append("tagalog phrase")
    if profile is not None:
        if profile.known_artists:
            kl = artist_key(left) in profile.known_artists
            kr = artist_key(right) in profile.known_artists
            if kl != kr:
                total += w.channel_known if kl else -w.channel_known
                cues.append("an artist this channel names elsewhere")
        if a.sep in profile.orientation:
            amount = w.channel_base + w.channel_span * profile.strength.get(a.sep or "", 0.0)
            as_ = profile.orientation[a.sep or ""] == Orientation.ARTIST_SONG.value
            total += amount if as_ else -amount
            cues.append(f"channel orientation for '{a.sep}' titles")
    if profile is not None and profile.pooled and a.sep in profile.pooled and (
            a.sep not in profile.orientation):
        pooled, pooled_firm = profile.pooled[a.sep or ""]
        # The others' evidence: this title's own share (as it was pooled) taken out.
        others = pooled - pool_share(total)
        others_firm = pooled_firm - pool_share(total - guess)
        x = max(-w.pooled_cap, min(w.pooled_cap, others * w.pooled))
        if x:
            firm = max(-w.pooled_cap, min(w.pooled_cap, others_firm * w.pooled))
            total += x
            guess += x - firm
            cues.append("the channel's other titles")
    orientation = Orientation.SONG_ARTIST if total < 0 else Orientation.ARTIST_SONG
    return orientation, total, cues, guess
