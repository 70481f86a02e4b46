"""Joint and featured credits, artist names holding " - ", "(Duet)" tracks: each used to
cost a Discogs lookup all three searches (and end without a match) although the first
search had returned the song; and the request statistics that show where requests go."""

from __future__ import annotations

import json
from pathlib import Path

from collector.matching.discogs_match import (
    artist_without_version,
    credit_similarity,
    matched_track,
    qualifiers_in_groups,
    split_search_title,
    track_similarity,
)
from tests.servers import discogs_catalog
from tests.servers.discogs import DiscogsServer
from tests.test_discogs_pass import q, run


def test_an_artist_name_holding_a_dash_is_split_by_the_artist_asked_for() -> None:
    title = "Diddy - Dirty Money - Last Train To Paris"
    assert split_search_title(title, "Diddy - Dirty Money") == (
        "Diddy - Dirty Money", "Last Train To Paris")
    assert split_search_title(title, "Diddy - Dirty Money feat. Skylar Grey")[0] == (
        "Diddy - Dirty Money")
    # Without the artist asked, or when only the first split names it: the first dash.
    assert split_search_title(title) == ("Diddy", "Dirty Money - Last Train To Paris")
    assert split_search_title("Toto - Live - In Paris", "Toto") == ("Toto", "Live - In Paris")


def test_the_main_act_of_a_featuring_credit_is_the_artist_not_the_featured_one() -> None:
    credit = "Macklemore & Ryan Lewis Featuring Mary Lambert"
    assert credit_similarity("Macklemore & Ryan Lewis", credit) >= 0.95
    assert credit_similarity("Macklemore & Ryan Lewis feat. Mary Lambert", credit) >= 0.95
    assert credit_similarity("Mary Lambert", credit) < 0.8
    assert credit_similarity("Ryan Adams", credit) < 0.8


def test_a_duet_track_is_the_song_a_remix_is_not() -> None:
    assert track_similarity("Jackson", ["B-side", "Jackson (Duet)"]) == 1.0
    assert matched_track("Jackson", ["B-side", "Jackson (Duet)"]) == "Jackson (Duet)"
    assert track_similarity("Jackson", ["Jackson (Remix)"]) < 0.92
    assert track_similarity("Jackson", ["Jackson Browne"]) < 0.92


def test_qualifiers_count_only_in_a_group_of_the_title() -> None:
    assert qualifiers_in_groups("Jackson (Duet) in the style of X") == {"duet"}
    assert qualifiers_in_groups("Fallin' (Radio Version) (Karaoke)") == {"radio_edit"}
    assert qualifiers_in_groups("Billy Joel - Piano Man (Karaoke with Lyrics)") == set()
    assert qualifiers_in_groups("Song in the style of X karaoke video duet") == set()


def _master(artist: str, song: str, year: int) -> dict:
    return discogs_catalog.master(artist, f"{song} (Album)", year, [song, "B-side"],
                                  genres=["Pop"], styles=["Ballad"], label="Some Records")


def test_joint_credits_are_found_by_their_first_search(runner, tmp_path: Path) -> None:
    server = DiscogsServer([
        _master("Macklemore & Ryan Lewis Featuring Mary Lambert", "Same Love", 2012),
        _master("Diddy - Dirty Money", "Coming Home", 2010),
        _master("Johnny Cash & June Carter", "Jackson (Duet)", 1967),
        _master("Billy Joel", "Piano Man", 1973),
    ])
    titles = [
        'Same Love in the Style of "Macklemore & Ryan Lewis feat. Mary Lambert" (no lead vocal)',
        'Coming Home in the Style of "Diddy - Dirty Money feat. Skylar Grey" with lyrics',
        "Jackson (Duet) in the style of Johnny Cash & June Carter | Karaoke with Lyrics",
        "Billy Joel - Piano Man (Karaoke with Lyrics)",
    ]
    res = run(runner, tmp_path, titles, server)
    assert res.exit_code == 0, res.output
    rows = q(tmp_path, "SELECT title, year, status, label FROM discogs_data ORDER BY year")
    assert rows == [("Jackson (Duet)", 1967, "match", "Some Records"),
                    ("Piano Man", 1973, "match", "Some Records"),
                    ("Coming Home", 2010, "match", "Some Records"),
                    ("Same Love", 2012, "match", "Some Records")]
    # One search each; the duet's tracklist spells its title (the parse took "(Duet)" off).
    assert server.requests == 5
    stats = json.loads(q(tmp_path, "SELECT stats FROM collection_runs")[-1][0])
    assert stats["discogs/asked/fallback/first_search"] == 4
    assert stats["discogs/asked/fallback/tracklist"] == 1
    assert "discogs/asked/fallback/more_search" not in stats


def test_extra_searches_are_counted_apart_from_the_first(runner, tmp_path: Path) -> None:
    server = DiscogsServer([_master("Someone Else", "Other Song", 2001)])
    res = run(runner, tmp_path, ["Nobody Known - Unknown Song (Karaoke Version)"], server)
    assert res.exit_code == 0, res.output
    stats = json.loads(q(tmp_path, "SELECT stats FROM collection_runs")[-1][0])
    asked = {k: v for k, v in stats.items() if k.startswith("discogs/asked/")}
    assert asked["discogs/asked/fallback/first_search"] == 1
    assert asked["discogs/asked/fallback/more_search"] >= 2  # the looser patterns
    assert sum(asked.values()) == server.requests == stats["discogs/request"]


def test_a_version_group_left_on_the_artist_is_not_asked_for(runner, tmp_path: Path) -> None:
    assert artist_without_version("Hair (Broadway Version)") == "Hair"
    assert artist_without_version("Nirvana (UK)") == "Nirvana (UK)"
    assert credit_similarity("Rent", "Rent (Broadway Version)") == 1.0
    song = "The Flesh Failures (Let The Sunshine In)"
    server = DiscogsServer([_master("Hair", song, 1968),
                            _master("Rent (Broadway Version)", "Seasons Of Love", 1996)])
    res = run(runner, tmp_path, [
        f"{song} in the style of Hair (Broadway Version) karaoke video",
        'Seasons Of Love in the Style of "Rent (Broadway Version)" with lyrics'], server)
    assert res.exit_code == 0, res.output
    assert q(tmp_path, "SELECT artist, title, year, status FROM discogs_data ORDER BY year") == [
        ("Hair", song, 1968, "match"),
        ("Rent (Broadway Version)", "Seasons Of Love", 1996, "match")]
    assert server.requests == 2  # one search each; was three searches and no match
