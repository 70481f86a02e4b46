"""Artist and song from a karaoke video title (pure, no I/O).

    >>> parse_title("Queen - Bohemian Rhapsody (Karaoke Version)").artist
    'Queen'

``parse_titles`` parses a channel's titles together, so the channel's own grammar
(``Artist - Song`` or ``Song - Artist``) decides the orientation of each title; strong
per-title evidence (a "feat." credit, an artist the channel names elsewhere) overrides it.
Confidence weights live in :class:`ParseWeights`.
"""

from __future__ import annotations

import dataclasses
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
from collector.parsing.known_splits import BY_TITLE, no_separator_split
from collector.parsing.no_separator import case_split, group_tight_parts
from collector.parsing.noise import BRAND_PHRASES_RE
from collector.parsing.normalise import artist_key
from collector.parsing.orientation import ORIENTATION_WEIGHTS, orient
from collector.parsing.pooling import pooled_evidence
from collector.vocabulary import BRAND_TOKENS, KARAOKE_WORDS

PARSER_VERSION = 9


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
    case_split: float = 0.6  # no separator; where all-caps and mixed-case words meet
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
                   "quoted": "the quoted part is the song",
                   "cover": "the original artist named in a cover credit",
                   "from_work": "the film or musical the song is from"}


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
    swapped_alt = False
    known = None
    if a.form == "single" and knowledge is not None:
        known = no_separator_split(a.cleaned, knowledge)
        if (known is None and a.group_name is not None
                and knowledge.is_known_artist(a.group_name)):
            known = (a.group_name, a.cleaned, Orientation.SONG_ARTIST,
                     "a known artist named in a karaoke group")
        cut = case_split(a.cleaned) if known is None else None
        if cut is not None:  # where the case changes: a split the evidence orients
            a = dataclasses.replace(a, form="split", sep="case", parts=[cut[0], cut[1]],
                                    after_first=cut[1], before_last=cut[0])
    if a.form in ("style_of", "by", "quoted", "cover", "from_work"):
        artist_raw, song_raw = a.artist or "", a.song or ""
        orientation = Orientation.SONG_ARTIST
        conf = w.style_of if a.form == "style_of" else w.by_credit
        reason = _CREDIT_REASONS[a.form]
        if a.form == "quoted" and knowledge is not None and _quoted_artist(
                song_raw, artist_raw, knowledge):
            # '"Artist" (Song)': the quotes hold a name the lexicon knows as an artist.
            artist_raw, song_raw = song_raw, artist_raw.strip("()[] ")
            conf, reason = w.known_name, "the quoted part is a known artist"
            alt_artist, alt_song = song_raw, artist_raw
    elif (a.form == "split" and ("over" in a.text or "OVER" in a.text)
            and (cover := _cover_of_known(a, knowledge)) is not None):
        artist_raw, song_raw = cover
        orientation, conf = Orientation.SONG_ARTIST, w.known_name
        reason = "a cover names the original artist in brackets after the song"
        alt_artist, alt_song = None, a.parts[0]
    elif a.form == "split":
        if (a.sep == "dash" or a.sep == "tight") and len(a.parts) > 2 and knowledge is not None:
            # Hyphen parts regrouped where a known artist meets a known title; spaced
            # dashes only when both are known ("Diddy - Dirty Money - Coming Home").
            cut = group_tight_parts(a.parts, knowledge, "-" if a.sep == "tight" else " - ")
            if cut is not None and (a.sep == "tight" or cut[2] == 2):
                a = dataclasses.replace(a, parts=[cut[0], cut[1]], after_first=cut[1],
                                        before_last=cut[0])
        orientation, conf, reason = _orient(a, profile, w, knowledge)
        if orientation is Orientation.ARTIST_SONG:
            artist_raw, song_raw = a.parts[0], a.after_first
        else:
            artist_raw, song_raw = a.parts[-1], a.before_last
        if a.sep == "case":
            conf = min(conf, w.case_split)
        if len(a.parts) > 2:
            conf -= w.extra_parts_penalty
            reason += f"; {len(a.parts)} parts"
        swapped_alt = conf < 0.8  # the other reading, set below from the same sides
        reason = f"{a.sep} split; {reason}"
    else:  # single
        if known is None:
            song = strip_quotes(a.cleaned)
            return ParseResult(None, song or None, version_tags=tags, confidence=w.song_only,
                               reason="no artist in title")
        artist_raw, song_raw, orientation, reason = known
        conf = w.known_title if reason.startswith(BY_TITLE) else w.known_name
        alt_song = strip_quotes(a.cleaned)  # the other reading: the whole title is the song
    credit, primary, featured = split_artist_credit(artist_raw)
    song_q, artist_q = strip_quotes(song_raw), strip_quotes(artist_raw)
    if swapped_alt:
        alt_artist, alt_song = song_q, artist_q
    song, song_featured = split_song_featuring(song_q)
    if not credit or not song:
        return ParseResult(None, song or credit or None, version_tags=tags,
                           confidence=w.song_only, reason="one side empty after cleaning")
    if credit != artist_q and not featured:
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


_TRAILING_GROUP_RE = re.compile(r"\s*\(([^()]+)\)$")


def _cover_of_known(a: Analysis, knowledge: ArtistKnowledge | None) -> tuple[str, str] | None:
    """(artist, song) of a cover video 'Song (Original Artist) - ... Cover ...': the
    bracket after the first part names a known artist and the title says "cover"."""
    if knowledge is None or ")" not in a.parts[0]:
        return None
    m = _TRAILING_GROUP_RE.search(a.parts[0])
    if m is None or "cover" not in a.text.lower() or not knowledge.is_known_artist(m.group(1)):
        return None
    song = a.parts[0][: m.start()].strip()
    return (m.group(1).strip(), song) if song else None


def _quoted_artist(quoted: str, other: str, knowledge: ArtistKnowledge) -> bool:
    """Whether the quoted part is a known artist and the other part neither a known
    artist nor the quoted part a known title ('"Robbie Quint" (Song)')."""
    return (knowledge.is_known_artist(quoted) and not knowledge.is_known_title(quoted)
            and not knowledge.is_known_artist(other))


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
