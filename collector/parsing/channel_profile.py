"""Per-channel orientation evidence: is it "Artist - Song" or "Song - Artist" on this channel?

A channel keeps one grammar per separator. Its own titles say which side is the artist:
an artist recurs across a channel's videos while a song title rarely does; artists named
outright ("in the style of X", "by X") and "feat." credits mark the artist side. The
profile is plain data (``to_dict``/``from_dict``) kept with the channel in the database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from collector.models import Orientation
from collector.parsing.analysis import Analysis
from collector.parsing.featured import has_feat_marker
from collector.parsing.normalise import artist_key

MAX_KNOWN_ARTISTS = 5000


@dataclass(frozen=True, slots=True)
class ProfileThresholds:
    min_votes: int = 3  # distinct pieces of evidence before an orientation is decided
    min_ratio: float = 2.0  # winner's votes over loser's
    full_evidence: int = 10  # votes at which the decision reaches full strength


@dataclass(slots=True)
class ChannelProfile:
    orientation: dict[str, str] = field(default_factory=dict)  # separator -> Orientation
    strength: dict[str, float] = field(default_factory=dict)  # separator -> 0..1
    votes: dict[str, list[int]] = field(default_factory=dict)  # separator -> [AS, SA]
    known_artists: frozenset[str] = frozenset()
    sample_size: int = 0
    # separator -> [sum, firm sum] of the per-title orientation evidence of the channel's
    # titles, each title's capped (collector.parsing.pooling); only for separators the
    # recurrence above leaves undecided.
    pooled: dict[str, list[float]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "orientation": self.orientation,
            "strength": {k: round(v, 3) for k, v in self.strength.items()},
            "votes": self.votes,
            "known_artists": sorted(self.known_artists),
            "sample_size": self.sample_size,
        }
        if self.pooled:
            out["pooled"] = {k: [round(x, 3) for x in v] for k, v in self.pooled.items()}
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChannelProfile:
        return cls(
            orientation={str(k): str(v) for k, v in dict(data.get("orientation", {})).items()},
            strength={str(k): float(v) for k, v in dict(data.get("strength", {})).items()},
            votes={str(k): [int(x) for x in v] for k, v in dict(data.get("votes", {})).items()},
            known_artists=frozenset(str(a) for a in data.get("known_artists", [])),
            pooled={str(k): [float(x) for x in v][:2]
                    for k, v in dict(data.get("pooled", {})).items() if len(v) >= 2},
            sample_size=int(data.get("sample_size", 0)),
        )


def build_profile(
    analyses: Iterable[Analysis], thresholds: ProfileThresholds = ProfileThresholds()
) -> ChannelProfile:
    """Decide each separator's orientation from a channel's analysed titles."""
    items = list(analyses)
    known: Counter[str] = Counter()
    splits: dict[str, list[tuple[str, str, bool, bool]]] = {}
    for a in items:
        if a.form in ("style_of", "by") and a.artist:
            known[artist_key(a.artist)] += 1
        elif a.form == "split" and len(a.parts) == 2:
            left, right = a.parts
            splits.setdefault(a.sep or "", []).append(
                (artist_key(left), artist_key(right), has_feat_marker(left),
                 has_feat_marker(right))
            )
    profile = ChannelProfile(sample_size=len(items))
    for sep, rows in splits.items():
        left_counts = Counter(r[0] for r in rows)
        right_counts = Counter(r[1] for r in rows)
        # Each distinct name counts once: one artist with ten songs is one piece of
        # evidence, not ten (and "Traditional" twice must not decide a channel).
        evidence_as: set[str] = set()
        evidence_sa: set[str] = set()
        for left, right, feat_left, feat_right in rows:
            if left in known or left_counts[left] >= 2 or feat_left:
                evidence_as.add(left)
            if right in known or right_counts[right] >= 2 or feat_right:
                evidence_sa.add(right)
        vote_as, vote_sa = len(evidence_as), len(evidence_sa)
        profile.votes[sep] = [vote_as, vote_sa]
        hi, lo = max(vote_as, vote_sa), min(vote_as, vote_sa)
        if hi >= thresholds.min_votes and hi >= thresholds.min_ratio * lo:
            winner = Orientation.ARTIST_SONG if vote_as > vote_sa else Orientation.SONG_ARTIST
            profile.orientation[sep] = winner.value
            profile.strength[sep] = (hi - lo) / (hi + lo) * min(1.0, hi / thresholds.full_evidence)
            side = 0 if winner is Orientation.ARTIST_SONG else 1
            counts = left_counts if side == 0 else right_counts
            for key, n in counts.items():
                if n >= 2:
                    known[key] += n
    profile.known_artists = frozenset(k for k, _ in known.most_common(MAX_KNOWN_ARTISTS) if k)
    return profile
