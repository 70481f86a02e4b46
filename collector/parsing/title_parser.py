"""Artist and song from a karaoke video title (pure, no I/O).

    >>> parse_title("Queen - Bohemian Rhapsody (Karaoke Version)").artist
    'Queen'

``parse_titles`` parses a channel's titles together, so the channel's own grammar
(``Artist - Song`` or ``Song - Artist``) decides the orientation of each title; strong
per-title evidence (a "feat." credit, an artist the channel names elsewhere) overrides it.
Confidence weights live in :class:`ParseWeights`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from collector.models import Orientation, ParseResult
from collector.parsing.analysis import Analysis, analyse
from collector.parsing.artist_knowledge import ArtistKnowledge
from collector.parsing.boilerplate import boilerplate_pattern, find_boilerplate
from collector.parsing.channel_profile import ChannelProfile, build_profile
from collector.parsing.featured import (
    split_artist_credit,
    split_song_featuring,
    strip_quotes,
)
from collector.parsing.noise import BRAND_PHRASES_RE
from collector.parsing.normalise import artist_key
from collector.parsing.orientation import ORIENTATION_WEIGHTS, orient
from collector.parsing.pooling import pooled_evidence
from collector.vocabulary import BRAND_TOKENS, KARAOKE_WORDS

PARSER_VERSION = 8


@dataclass(frozen=True, slots=True)
class ParseWeights:
    """Confidence of each way a title can be read, in one place."""

    style_of: float = 0.95  # "Song in the style of Artist": the artist is named outright
    by_credit: float = 0.85  # "Song by Artist"
    evidence_base: float = 0.6  # orientation decided by evidence: base + per_point * |total|
    evidence_per_point: float = 0.08
    evidence_max: float = 0.95
    default_split: float = 0.5  # no evidence either way: Artist - Song, alternative kept
    extra_parts_penalty: float = 0.15  # "A - B - C": where the song ends is a guess
    known_name: float = 0.6  # no separator: a known artist starts or ends the title
    known_title: float = 0.45  # no separator: a known chart title starts or ends it
    song_only: float = 0.2
    compilation: float = 0.05


WEIGHTS = ParseWeights()
_WORDS_RE = re.compile(r"[\w']+", re.UNICODE)


@functools.lru_cache(maxsize=1024)
def channel_words(channel: str | None) -> frozenset[str]:
    """Words of a karaoke brand's channel name, so its brand suffix is recognised as noise.

    Only names that say karaoke or name a karaoke brand count ("Stingray Karaoke",
    "Sing King"): an artist's own channel ("AMEE", "Quân A.P Official") names the artist,
    and its words must stay in the titles.
    """
    if not channel:
        return frozenset()
    words = {w.lower() for w in _WORDS_RE.findall(channel) if len(w) > 1}
    if not (words & KARAOKE_WORDS or words & BRAND_TOKENS or BRAND_PHRASES_RE.search(channel)):
        return frozenset()
    return frozenset(words | {"".join(sorted(words, key=channel.lower().find))})


def _orient(
    a: Analysis,
    profile: ChannelProfile | None,
    w: ParseWeights,
    knowledge: ArtistKnowledge | None = None,
) -> tuple[Orientation, float, str]:
    orientation, total, cues, guess = orient(a, profile, knowledge)
    firm = total - guess  # the evidence beyond the word model's guess
    decided = abs(firm) >= ORIENTATION_WEIGHTS.decided and (firm < 0) == (total < 0)
    if decided:
        conf = min(w.evidence_max, w.evidence_base + w.evidence_per_point * abs(total))
        return orientation, conf, f"{', '.join(cues)} ({total:+.1f})"
    if cues:
        return orientation, w.default_split, f"weak evidence: {', '.join(cues)} ({total:+.1f})"
    return Orientation.ARTIST_SONG, w.default_split, "no orientation evidence: Artist - Song"


_CREDIT_REASONS = {"style_of": "artist named by 'in the style of'", "by": "'by' credit",
                   "quoted": "the quoted part is the song"}


def resolve(a: Analysis, profile: ChannelProfile | None = None, w: ParseWeights = WEIGHTS,
            knowledge: ArtistKnowledge | None = None) -> ParseResult:
    """Turn an analysis into a ParseResult using the channel's profile."""
    tags = list(a.tags)
    if a.form == "empty":
        reason = "nothing but noise in the title" if a.text else "empty title"
        return ParseResult(None, None, version_tags=tags, confidence=0.0, reason=reason)
    if a.form == "compilation":
        return ParseResult(None, None, version_tags=tags, confidence=w.compilation,
                           reason="compilation or channel video: no single song")
    alt_artist = alt_song = None
    if a.form in ("style_of", "by", "quoted"):
        artist_raw, song_raw = a.artist or "", a.song or ""
        orientation = Orientation.SONG_ARTIST
        conf = w.style_of if a.form == "style_of" else w.by_credit
        reason = _CREDIT_REASONS[a.form]
    elif a.form == "split":
        orientation, conf, reason = _orient(a, profile, w, knowledge)
        if orientation is Orientation.ARTIST_SONG:
            artist_raw, song_raw = a.parts[0], a.after_first
        else:
            artist_raw, song_raw = a.parts[-1], a.before_last
        if len(a.parts) > 2:
            conf -= w.extra_parts_penalty
            reason += f"; {len(a.parts)} parts"
        if conf < 0.8:
            alt_artist, alt_song = (
                (strip_quotes(song_raw), strip_quotes(artist_raw))
            )
        reason = f"{a.sep} split; {reason}"
    else:  # single
        split = known_name_split(a.cleaned, knowledge) if knowledge is not None else None
        by_title = False
        if split is None and knowledge is not None:
            split = known_title_split(a.cleaned, knowledge)
            by_title = split is not None
        if split is None:
            song = strip_quotes(a.cleaned)
            return ParseResult(None, song or None, version_tags=tags, confidence=w.song_only,
                               reason="no artist in title")
        artist_raw, song_raw, orientation = split
        conf = w.known_title if by_title else w.known_name
        alt_song = strip_quotes(a.cleaned)  # the other reading: the whole title is the song
        reason = "no separator; a known " + ("title" if by_title else "artist") + (
            " starts the title" if (orientation is Orientation.ARTIST_SONG) != by_title
            else " ends the title")
    credit, primary, featured = split_artist_credit(artist_raw)
    song, song_featured = split_song_featuring(strip_quotes(song_raw))
    if not credit or not song:
        return ParseResult(None, song or credit or None, version_tags=tags,
                           confidence=w.song_only, reason="one side empty after cleaning")
    if credit != strip_quotes(artist_raw) and not featured:
        reason += "; 'Last, First' name"
    return ParseResult(
        artist=credit,
        song=song,
        featured_artists=(featured + [f for f in song_featured if f not in featured]
                          if song_featured else featured),  # a fresh list either way
        version_tags=tags,
        confidence=round(max(0.0, min(1.0, conf)), 3),
        reason=reason,
        orientation=orientation,
        alt_artist=alt_artist,
        alt_song=alt_song,
        primary_artist=primary,
        separator=a.sep if a.form == "split" else None,
    )


def parse_title(
    title: str,
    channel: str | None = None,
    profile: ChannelProfile | None = None,
    knowledge: ArtistKnowledge | None = None,
) -> ParseResult:
    """Parse one title. Without a channel profile the orientation is a guess (said so).

    ``knowledge`` (artists known from the lexicon and the store) decides orientation when
    the channel gives no evidence; ``None`` means the bundled lexicon.
    """
    if knowledge is None:
        knowledge = ArtistKnowledge.bundled()
    return resolve(analyse(title, channel_words(channel)), profile, WEIGHTS, knowledge)


def profile_for(titles: Iterable[str], channel: str | None = None,
                knowledge: ArtistKnowledge | None = None, pool: bool = False) -> ChannelProfile:
    """A channel's profile from its titles. ``pool``: with the titles' own orientation
    evidence pooled too (``knowledge``: None means the bundled lexicon) - off by default,
    so a stored profile, and the parses made with it, change only when the channel's
    recurring names do, not with every title added."""
    words = channel_words(channel)
    analyses = analyse_channel(list(titles), words)
    profile = build_profile(analyses)
    if pool:
        profile.pooled = pooled_evidence(
            analyses, profile, ArtistKnowledge.bundled() if knowledge is None else knowledge)
    return profile


def analyse_channel(titles: Sequence[str], words: frozenset[str]) -> list[Analysis]:
    """Analyse a channel's titles together: its boilerplate (n-grams recurring across its
    titles, see :mod:`collector.parsing.boilerplate`) is removed before the reading."""
    analyses = [analyse(t, words) for t in titles]
    rx = boilerplate_pattern(find_boilerplate(analyses))
    if rx is None:
        return analyses
    out = []
    for a in analyses:
        if rx.search(a.text) is None:
            out.append(a)
            continue
        again = analyse(rx.sub(" ", a.text), words)
        # Keep the first reading where removing the boilerplate loses a side.
        lost = a.form == "split" and (again.form != "split" or not all(again.parts))
        out.append(a if lost or again.form in ("empty", "compilation") else again)
    return out


def parse_titles(
    titles: Sequence[str],
    channel: str | None = None,
    profile: ChannelProfile | None = None,
    knowledge: ArtistKnowledge | None = None,
) -> list[ParseResult]:
    """Parse a channel's titles together (the channel's grammar decides orientation)."""
    if knowledge is None:
        knowledge = ArtistKnowledge.bundled()
    words = channel_words(channel)
    analyses = analyse_channel(titles, words)
    built = profile is None
    if profile is None:
        profile = build_profile(analyses)
    knowledge = knowledge.with_artists(recurring_names(analyses, knowledge))
    if built and channel is not None:
        # One channel's titles: each title's evidence speaks for the others too.
        profile.pooled = pooled_evidence(analyses, profile, knowledge)
    return [resolve(a, profile, WEIGHTS, knowledge) for a in analyses]


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
    tail = _end_name(words, False, knowledge)
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


def _end_name(words: list[str], at_start: bool,
              knowledge: ArtistKnowledge) -> tuple[int, str] | None:
    """(words, name) of the longest known artist at one end of ``words``. A known name
    that runs on into a joiner ("Ray Charles & Betty Carter ...") or a bracket is a
    longer credit: then no shorter name at that end counts either ("Ray")."""
    n = len(words)
    for i in range(min(_MAX_NAME_WORDS, n - 1), 0, -1):
        name_words = words[:i] if at_start else words[n - i:]
        name = " ".join(name_words)
        if at_start:
            name = name.rstrip(",")  # "Celine Dion, I Drove All Night"
        if not name or not knowledge.is_known_artist(name):
            continue
        beside = words[i] if at_start else words[n - i - 1]
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


def recurring_names(analyses: Sequence[Analysis], knowledge: ArtistKnowledge) -> list[str]:
    """Names that recur across titles parsed together, each with three or more partners.

    An artist recurs with different songs; a song recurs too (covers, re-uploads), so a
    name the lexicon knows better as a title is left out.
    """
    partners: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for a in analyses:
        if a.form == "split" and len(a.parts) == 2:
            for side, other in ((a.parts[0], a.parts[1]), (a.parts[1], a.parts[0])):
                key = artist_key(side)
                names.setdefault(key, side)
                partners.setdefault(key, set()).add(artist_key(other))
    return [names[k] for k, p in partners.items()
            if len(p) >= 3 and k and knowledge.artist_evidence(names[k]) >= 0]
