"""Orientation evidence pooled across a small channel's titles (made-up names)."""

from __future__ import annotations

from collector.models import Orientation
from collector.parsing import (
    ArtistKnowledge,
    ChannelProfile,
    parse_title,
    parse_titles,
    profile_for,
)

# One store-confirmed artist; no lexicon, no word model: only the channel can tell.
K = ArtistKnowledge({"zorvanne"})
TITLES = [
    "Tell Me Now - Zorvanne (Karaoke)",
    "Blue Night Road - Kestrel Moon (Karaoke)",
    "Falling Slow - Ardent Vale (Karaoke)",
]


def test_one_title_with_evidence_speaks_for_the_channel() -> None:
    results = parse_titles(TITLES, channel="Channel 7", knowledge=K)
    assert [(r.artist, r.song) for r in results] == [
        ("Zorvanne", "Tell Me Now"), ("Kestrel Moon", "Blue Night Road"),
        ("Ardent Vale", "Falling Slow")]
    for r in results[1:]:
        assert r.orientation is Orientation.SONG_ARTIST
        assert "the channel's other titles" in r.reason
        assert r.alt_artist is not None  # still unsure: one title's evidence, halved
    # A title's own evidence is not counted twice.
    assert "the channel's other titles" not in results[0].reason


def test_titles_without_a_channel_are_not_pooled() -> None:
    results = parse_titles(TITLES, channel=None, knowledge=K)
    assert results[1].artist == "Blue Night Road"  # no evidence: Artist - Song
    assert "the channel's other titles" not in results[1].reason


def test_mixed_orientations_leave_the_others_unsure() -> None:
    titles = TITLES[:2] + ["Zorvanne - Quiet Harbour Lights (Karaoke)"]
    results = parse_titles(titles, channel="Channel 8", knowledge=K)
    # The two known titles' evidence cancels: the unknown one gets no push.
    assert "the channel's other titles" not in results[1].reason


def test_the_pooled_evidence_is_kept_with_the_profile() -> None:
    assert profile_for(TITLES, "Channel 7", knowledge=K).pooled == {}  # off by default
    profile = profile_for(TITLES, "Channel 7", knowledge=K, pool=True)
    assert set(profile.pooled) == {"dash"}
    again = ChannelProfile.from_dict(profile.to_dict())
    assert again.pooled == profile.pooled
    r = parse_title(TITLES[2], "Channel 7", again, knowledge=K)
    assert (r.artist, r.song) == ("Ardent Vale", "Falling Slow"), r
    assert "pooled" not in ChannelProfile().to_dict()  # old stored profiles read the same
    assert ChannelProfile.from_dict({"pooled": {"dash": [1.0]}}).pooled == {}
