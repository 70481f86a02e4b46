"""Orientation evidence pooled across a channel's titles (pure).

A channel keeps one grammar per separator, so when the names recur too little for the
channel profile to decide (channels with 1-4 titles), each title's own evidence - known
artists, credits, conventions, artist-like words - still says something about the
others: the per-title totals, each capped so no one title dominates, are summed per
separator and each title is given the sum of the *other* titles' evidence
(:func:`collector.parsing.orientation.orient`, weight ``pooled``). The word model's share
of that sum stays a guess: it never makes a title decided on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from collector.parsing.analysis import Analysis
from collector.parsing.artist_knowledge import ArtistKnowledge
from collector.parsing.channel_profile import ChannelProfile
from collector.parsing.orientation import orient, pool_share


def pooled_evidence(analyses: Iterable[Analysis], profile: ChannelProfile,
                    knowledge: ArtistKnowledge | None) -> dict[str, list[float]]:
    """separator -> [sum, firm sum] of the capped per-title evidence of two or more
    titles split on a separator the profile has not decided."""
    sums: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    bare = replace(profile, pooled={})  # the same profile without pooled evidence
    for a in analyses:
        sep = a.sep or ""
        if a.form != "split" or sep in profile.orientation:
            continue
        _, total, _, guess = orient(a, bare, knowledge)
        s = sums.setdefault(sep, [0.0, 0.0])
        s[0] += pool_share(total)
        s[1] += pool_share(total - guess)
        counts[sep] = counts.get(sep, 0) + 1
    return {sep: s for sep, s in sums.items() if counts[sep] >= 2 and (s[0] or s[1])}
