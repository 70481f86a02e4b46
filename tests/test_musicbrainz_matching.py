"""Pure matching: the traps give the right recording and the original year."""

from __future__ import annotations

import pytest

from collector.matching.musicbrainz_match import (
    MatchThresholds,
    Recommendation,
    candidates_from_search,
    choose,
)
from tests.servers.musicbrainz_catalog import mbid, real_responses, trap_catalog


def search(title: str, artist: str) -> list:
    """What a search for the song returns: every recording with that title."""
    from collector.parsing.normalise import fold

    recs = [r for r in trap_catalog() + real_responses()
            if fold(title) in fold(r["title"])]
    return candidates_from_search({"recordings": [{**r, "score": 100} for r in recs]})


@pytest.mark.parametrize(
    ("artist", "song", "year", "recording_key"),
    [
        ("Queen", "Bohemian Rhapsody", 1975, ("Bohemian Rhapsody", "Queen", "original")),
        ("Eagles", "Hotel California", 1976, ("Hotel California", "Eagles", "studio")),
        ("Adele", "Rolling in the Deep", 2010, ("Rolling in the Deep", "Adele", "original")),
        ("Jeff Buckley", "Hallelujah", 1994, ("Hallelujah", "Jeff Buckley", "buckley")),
        ("Leonard Cohen", "Hallelujah", 1984, ("Hallelujah", "Leonard Cohen", "cohen")),
        ("Mumford and Sons", "Little Lion Man", 2009,
         ("Little Lion Man", "Mumford & Sons", "orig")),
        ("Beatles", "Help!", 1965, ("Help!", "The Beatles", "orig")),
    ],
)
def test_traps(artist, song, year, recording_key) -> None:
    m = choose(artist, song, search(song, artist))
    assert m.status is Recommendation.MATCH
    assert m.year == year
    assert m.chosen is not None and m.chosen.candidate.id == mbid("recording", *recording_key)


def test_real_response_picks_the_original_not_the_piano_cover() -> None:
    m = choose("Official髭男dism", "ミックスナッツ",
               candidates_from_search({"recordings": real_responses()}))
    assert m.status is Recommendation.MATCH
    assert m.chosen.candidate.id == "30ed18b6-d95b-4efe-a332-6fcc0e07b087"
    assert m.date == "2022-04-15" and m.year == 2022


def test_karaoke_version_alone_is_not_a_match() -> None:
    recs = [r for r in trap_catalog() if "Karaoke" in r["title"] or
            r.get("disambiguation") == "karaoke"]
    m = choose("Adele", "Rolling in the Deep", candidates_from_search({"recordings": recs}))
    assert m.status is not Recommendation.MATCH


def test_no_candidates_is_no_match() -> None:
    m = choose("Nobody", "Nothing", [])
    assert m.status is Recommendation.NONE and m.chosen is None


def test_other_artist_only_is_not_a_match() -> None:
    recs = [r for r in trap_catalog() if r["title"] == "Hallelujah"
            and r["artist-credit"][0]["name"] == "Leonard Cohen"]
    m = choose("Pentatonix", "Hallelujah", candidates_from_search({"recordings": recs}))
    assert m.status is Recommendation.NONE


def test_weak_stays_weak() -> None:
    """A candidate between the weak and the match threshold is WEAK (kept, not merged):
    neither promoted to MATCH nor dropped to NONE."""
    recs = [r for r in trap_catalog() if r["title"] == "Help!"]
    t = MatchThresholds(match=0.95, weak=0.3)
    m = choose("The Beatles", "Help Me Rhonda", candidates_from_search({"recordings": recs}),
               t=t)
    assert m.status is Recommendation.WEAK
    assert m.chosen is not None and m.chosen.candidate.title == "Help!"
    assert t.weak <= m.chosen.confidence < t.match
    # The same candidate under a stricter weak threshold is NONE, under a laxer match
    # threshold a MATCH: the decision follows the thresholds, not the candidate.
    strict = choose("The Beatles", "Help Me Rhonda",
                    candidates_from_search({"recordings": recs}),
                    t=MatchThresholds(match=0.95, weak=m.chosen.confidence + 0.01))
    assert strict.status is Recommendation.NONE


def test_genres_ordered_by_count_and_zero_counts_dropped() -> None:
    m = choose("Queen", "Bohemian Rhapsody", search("Bohemian Rhapsody", "Queen"))
    assert m.genres == ["rock", "progressive rock"]


def test_malformed_search_shapes_are_skipped() -> None:
    data = {"recordings": [None, 5, {"id": "x"}, {"title": "t"},
                           {"id": "a", "title": "Help!", "score": "97",
                            "artist-credit": "nonsense", "releases": [None, {"title": 3}]}]}
    cands = candidates_from_search(data)
    assert [c.id for c in cands] == ["a"] and cands[0].score == 97
    assert candidates_from_search("not a dict") == []


def test_numbers_name_different_songs() -> None:
    from tests.servers.musicbrainz_catalog import bulk_catalog

    cands = candidates_from_search({"recordings": [{**r, "score": 100}
                                                   for r in bulk_catalog(10)]})
    m = choose("Bulk Artist 1", "Song Number 57", cands)
    assert m.status is Recommendation.NONE
    m = choose("Bulk Artist 5", "Song Number 5", cands)
    assert m.status is Recommendation.MATCH and m.chosen.candidate.title == "Song Number 5"
