"""What confirmed lookups teach: the stored parse, and a channel's orientation (pure, no I/O).

A lookup that matches confirms a video's identity (the recording's canonical credit and
title). Compared with the parse, it says how the title was really oriented: the parse's
reading, or the swapped one. :class:`ChannelLearner` counts that per channel and
separator; when confirmed matches keep contradicting the channel's orientation (enough
distinct songs, by a clear margin), it returns the channel's profile with the orientation
turned, and the evidence to store with it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from collector.data_transformer import MergedRecord
from collector.matching.similarity import artist_similarity, title_similarity
from collector.models import Orientation, ParseResult
from collector.parsing import ChannelProfile
from collector.parsing.featured import split_artist_credit

LEARNED_KEY = "learned"  # where the stored profile keeps what lookups taught it
_READINGS = (Orientation.ARTIST_SONG, Orientation.SONG_ARTIST)


@dataclass(frozen=True, slots=True)
class LearningThresholds:
    min_votes: int = 3  # distinct confirmed songs before a channel's orientation turns
    min_ratio: float = 2.0  # confirmed orientation over the other
    same: float = 0.8  # name similarity that counts as "the same artist / song"
    full_evidence: int = 10  # votes at which the learned orientation reaches full strength
    max_votes: int = 1000  # songs remembered per channel and reading (memory stays bounded)


def _json_list(raw: Any) -> list[str]:
    try:
        value = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def stored_parse(row: Mapping[str, Any]) -> ParseResult:
    """The parse stored with a video (``videos`` row), as the passes use it."""
    artist = row["artist"]
    try:
        orientation = Orientation(row["parse_orientation"] or Orientation.NONE.value)
    except ValueError:
        orientation = Orientation.NONE
    primary = split_artist_credit(artist)[1] if artist else None
    return ParseResult(
        artist=artist, song=row["song"],
        featured_artists=_json_list(row["featured_artists"]),
        version_tags=_json_list(row["version_tags"]),
        confidence=float(row["parse_confidence"] or 0.0),
        reason=row["parse_reason"] or "", orientation=orientation,
        alt_artist=row["alt_artist"], alt_song=row["alt_song"],
        primary_artist=primary or artist,
    )


def separator_of(parse: ParseResult) -> str | None:
    """The separator a split title was read at (``dash``, ``pipe``...).

    The parser sets ``parse.separator``; rows parsed before it did keep it only in the
    reason text ("dash split; ..."), which is read then.
    """
    if parse.separator:
        return parse.separator
    head, found, _ = parse.reason.partition(" split;")
    return head.strip() or None if found else None


def confirmed_reading(
    parse: ParseResult, merged: MergedRecord, t: LearningThresholds = LearningThresholds()
) -> Orientation | None:
    """How the title was really oriented, by the confirmed identity; ``None``: unclear."""
    if not merged.identity_confirmed or parse.orientation not in _READINGS:
        return None
    if not parse.artist or not parse.song:
        return None
    artist, song = merged.value("artist"), merged.value("song")
    if not artist or not song:
        return None
    primary = parse.primary_artist or parse.artist
    direct = (max(artist_similarity(primary, artist), artist_similarity(parse.artist, artist))
              >= t.same and title_similarity(parse.song, song) >= t.same)
    swapped = (artist_similarity(parse.song, artist) >= t.same
               and title_similarity(parse.artist, song) >= t.same)
    if direct == swapped:
        return None
    if direct:
        return parse.orientation
    return _READINGS[1 - _READINGS.index(parse.orientation)]


@dataclass(slots=True)
class Learned:
    """A channel profile turned by lookups, and the evidence to store with it."""

    channel_id: str
    separator: str
    orientation: Orientation
    profile: ChannelProfile
    votes: dict[str, int]

    def stored(self, previous: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The profile as stored: the parser's fields plus what lookups taught it."""
        learned = dict((previous or {}).get(LEARNED_KEY) or {})
        learned[self.separator] = {"orientation": self.orientation.value,
                                   "confirmed": dict(self.votes)}
        return {**self.profile.to_dict(), LEARNED_KEY: learned}


@dataclass(slots=True)
class ChannelLearner:
    """Counts confirmed orientations per (channel, separator); one distinct song, one vote."""

    thresholds: LearningThresholds = field(default_factory=LearningThresholds)
    _seen: dict[tuple[str, str], dict[str, set[str]]] = field(default_factory=dict)

    def observe(
        self, channel_id: str | None, parse: ParseResult | None, merged: MergedRecord | None,
        profile: ChannelProfile | None,
    ) -> Learned | None:
        """Count one enriched video; a :class:`Learned` when the channel's orientation turns."""
        if channel_id is None or parse is None or merged is None:
            return None
        sep = separator_of(parse)
        reading = confirmed_reading(parse, merged, self.thresholds)
        if sep is None or reading is None:
            return None
        seen = self._seen.setdefault((channel_id, sep), {o.value: set() for o in _READINGS})
        if len(seen[reading.value]) < self.thresholds.max_votes:
            seen[reading.value].add(f"{merged.value('artist')}\x1f{merged.value('song')}".lower())
        votes = {k: len(v) for k, v in seen.items()}
        hi = votes[reading.value]
        lo = votes[_READINGS[1 - _READINGS.index(reading)].value]
        t = self.thresholds
        current = (profile.orientation.get(sep) if profile is not None else None)
        if hi < t.min_votes or hi < t.min_ratio * lo or current == reading.value:
            return None
        base = profile if profile is not None else ChannelProfile()
        strength = (hi - lo) / (hi + lo) * min(1.0, hi / t.full_evidence)
        turned = replace(base, orientation={**base.orientation, sep: reading.value},
                         strength={**base.strength, sep: round(strength, 3)})
        return Learned(channel_id, sep, reading, turned, votes)


def apply_learned(profile: ChannelProfile, stored: Mapping[str, Any] | None,
                  t: LearningThresholds = LearningThresholds()) -> ChannelProfile:
    """``profile`` with the orientations lookups taught the channel (kept with its profile)."""
    learned = (stored or {}).get(LEARNED_KEY)
    if not isinstance(learned, dict) or not learned:
        return profile
    orientation, strength = dict(profile.orientation), dict(profile.strength)
    for sep, item in learned.items():
        if not isinstance(item, dict) or item.get("orientation") not in {o.value for o in
                                                                           _READINGS}:
            continue
        votes = item.get("confirmed") if isinstance(item.get("confirmed"), dict) else {}
        counts = sorted((int(v) for v in votes.values() if isinstance(v, int)), reverse=True)
        hi, lo = (counts + [0, 0])[:2]
        orientation[sep] = item["orientation"]
        strength[sep] = (round((hi - lo) / (hi + lo) * min(1.0, hi / t.full_evidence), 3)
                         if hi else 0.0)
    return replace(profile, orientation=orientation, strength=strength)
