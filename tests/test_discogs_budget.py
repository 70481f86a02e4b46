"""Discogs requests per song: a track search that identifies the song is not followed by a
tracklist fetch, both readings of an unsure parse are asked before looser searches, and
traps still get their tracklist checked."""

from __future__ import annotations

from pathlib import Path

from collector.matching.discogs_match import (
    DiscogsThresholds,
    DiscogsWeights,
    SearchResult,
    answered_by_search,
    original_year,
)
from tests.servers import discogs_catalog
from tests.servers.discogs import DiscogsServer
from tests.test_discogs_pass import TOKEN, q, run


def result(artist: str, title: str, *, rid: int = 1, kind: str = "master", year: int = 1982,
           labels: tuple[str, ...] = ("Columbia",), formats: tuple[str, ...] = ("Vinyl",)
           ) -> SearchResult:
    return SearchResult(id=rid, type=kind, master_id=rid if kind == "master" else None,
                        artist=artist, release_title=title, year=year, genres=("Rock",),
                        styles=("AOR",), labels=labels, formats=formats, country="US",
                        have=1, want=1, uri=None)


def test_one_clean_master_answers_without_its_tracklist() -> None:
    sure = answered_by_search("Toto", "Africa", [result("Various", "Absolute 80s", rid=7),
                                                 result("Toto", "Toto IV")])
    assert sure is not None and sure.result.release_title == "Toto IV"
    assert sure.verified_by == "search" and sure.confidence >= DiscogsThresholds().match
    assert original_year(sure, None, []) == (1982, "discogs:master")
    # Discogs' "(2)" and "*" name markers are no doubt about the artist.
    assert answered_by_search("Nirvana", "Lithium", [result("Nirvana (2)", "Nevermind")])


def test_the_tracklist_decides_when_the_answer_leaves_a_doubt() -> None:
    w, t = DiscogsWeights(), DiscogsThresholds()
    two = [result("Metallica", "The Unforgiven II", rid=1), result("Metallica", "Metallica",
                                                                   rid=2)]
    assert answered_by_search("Metallica", "The Unforgiven", two, w, t) is None
    for title in ("The Unforgiven II", "The Unforgiven III"):  # another song of its words
        assert answered_by_search("Metallica", "The Unforgiven",
                                  [result("Metallica", title)]) is None
    assert answered_by_search("Artist", "Song 1", [result("Artist", "Song 12")]) is None
    assert answered_by_search("Adele", "Hello", [result("Adele", "Hello Nasty")]) is None
    karaoke = result("Gotye", "Making Mirrors", labels=("Zoom Karaoke",))
    assert answered_by_search("Gotye", "Somebody That I Used To Know", [karaoke]) is None
    reissue = result("Marvin Gaye", "What's Going On", kind="release", year=2011)
    assert answered_by_search("Marvin Gaye", "What's Going On", [reissue]) is None
    assert answered_by_search("Toto", "Africa", [result("Toto", "Toto IV", year=0)]) is None
    assert answered_by_search("Totoro", "Africa", [result("Toto", "Toto IV")]) is None


def test_a_song_the_search_identifies_costs_one_request_and_is_asked_once(
        runner, tmp_path: Path) -> None:
    server = DiscogsServer(discogs_catalog.trap_catalog())
    titles = ["Toto - Africa (Karaoke Version)", "Toto - Africa (Karaoke Version) HD",
              "Adele - Hello (Karaoke Version)"]
    res = run(runner, tmp_path, titles, server)
    assert res.exit_code == 0, res.output
    assert server.requests == 2  # one search per song; the second video of Africa: cache
    rows = q(tmp_path, "SELECT d.year, d.status, d.query FROM discogs_data d")
    assert sorted(r[:2] for r in rows) == [(1982, "match"), (1982, "match"), (2015, "match")]
    assert all("[track by search]" in r[2] for r in rows)


def test_traps_still_fetch_their_tracklists(runner, tmp_path: Path) -> None:
    server = DiscogsServer(discogs_catalog.trap_catalog())
    res = run(runner, tmp_path, ["Metallica - The Unforgiven (Karaoke Version)"], server)
    assert res.exit_code == 0, res.output
    assert q(tmp_path, "SELECT release_title, year FROM discogs_data") == [("Metallica", 1991)]
    assert server.requests == 3  # the search, the trap's tracklist, the right one's


def test_a_qualifier_taken_off_the_song_is_spelled_by_the_tracklist(runner,
                                                                    tmp_path: Path) -> None:
    server = DiscogsServer([discogs_catalog.master(
        "Alicia Keys", "Songs In A Minor", 2001, ["Fallin' (Radio Version)", "Girlfriend"],
        genres=["Funk / Soul"], styles=["RnB/Swing"], label="J Records")])
    res = run(runner, tmp_path, ["Alicia Keys - Fallin' (Radio Version) (Karaoke Version)"],
              server)
    assert res.exit_code == 0, res.output
    assert q(tmp_path, "SELECT title, year FROM discogs_data") == [
        ("Fallin' (Radio Version)", 2001)]
    assert server.requests == 2


def test_both_readings_are_asked_before_looser_searches(runner, tmp_path: Path) -> None:
    artist, song = "Silver Weather", "Copper Lantern"  # invented: no evidence either way
    title = f"{artist} - {song} (Karaoke Version)"
    server = DiscogsServer([discogs_catalog.master(
        artist, "Weather Report", 1999, [song, "B-side"], genres=["Pop"], styles=["Ballad"],
        label="Some Records")])
    res = run(runner, tmp_path, [title], server)
    assert res.exit_code == 0, res.output
    rows = q(tmp_path, "SELECT artist, title, year, status FROM discogs_data")
    assert rows == [(artist, song, 1999, "match")]
    # The wrong reading costs its precise search only (before: 3 searches of it).
    swapped = "[swapped orientation]" in q(tmp_path, "SELECT query FROM discogs_data")[0][0]
    assert server.requests == (2 if swapped else 1)
    assert TOKEN not in res.output


def test_numbers_only_titles() -> None:
    assert answered_by_search("Adele", "Hello", [result("Adele", "25")]) is not None
    assert answered_by_search("Prince", "1999", [result("Prince", "2000")]) is None


def test_among_several_masters_the_one_named_after_the_song_ranks_first() -> None:
    single = result("Adele", "Hello", rid=2, year=2015)
    album = result("Adele", "25", rid=3, year=2015)
    sure = answered_by_search("Adele", "Hello", [album, single])
    assert sure is not None and sure.result.id == 2
    # Two of that name (a single and an album alike named): the tracklists decide.
    same_name = result("Adele", "Hello", rid=4, year=2016)
    assert answered_by_search("Adele", "Hello", [album, single, same_name]) is None
    # Named after the song but not the first to be fetched (a compilation): tracklists.
    best_of = result("Adele", "Hello", rid=5, formats=("CD", "Compilation"))
    assert answered_by_search("Adele", "Hello", [album, best_of]) is None
    # "Song" and "Song 1" of one artist: "Song" is named after the song and ranks first.
    two = [result("Artist", "Song 1 (Album)", rid=6), result("Artist", "Song (Album)", rid=7)]
    assert answered_by_search("Artist", "Song", two).result.id == 7
    assert answered_by_search("Artist", "Song 1", two).result.id == 6
    assert answered_by_search("Artist", "Song 2", two) is None
