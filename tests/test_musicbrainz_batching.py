"""Several songs per MusicBrainz request: the same answers as one song per request."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from collector.cli import cli
from collector.config import MusicBrainzConfig
from collector.matching.musicbrainz_batch import (
    MAX_QUERY_CHARS,
    Reading,
    batch_query,
    lucene_phrase,
    split_answer,
)
from collector.parsing import parse_title
from collector.parsing.normalise import fold
from collector.passes.musicbrainz_batcher import RecordingBatcher
from collector.passes.musicbrainz_search_pass import CACHE_VERSION
from collector.services.cache import cache_key
from collector.services.musicbrainz_client import MusicBrainzClient
from collector.services.stats import Stats
from tests.conftest import ROOT, titles_export, write_jsonl
from tests.servers.musicbrainz import MusicBrainzServer
from tests.servers.musicbrainz_catalog import recording, release, trap_catalog, world
from tests.servers.runner import serve
from tests.test_musicbrainz_pass import TRAP_TITLES, mb_config

SNAPSHOT = """SELECT v.title, m.status, m.recording_mbid, m.year FROM videos v
              JOIN musicbrainz_data m USING (video_id) ORDER BY v.video_id"""


def ask_each(server: MusicBrainzServer, readings: list[Reading],
             stats: Stats | None = None) -> list[list[dict]]:
    """Every reading asked as a song of its own, all at once, through a 25-song batcher
    (no pacing) against ``server``."""
    stats = stats if stats is not None else Stats()

    async def ask_all() -> list[list[dict]]:
        with serve(server.app()) as base:
            async with MusicBrainzClient(MusicBrainzConfig(base_url=base,
                                                           requests_per_second=0),
                                         stats) as client:
                batcher = RecordingBatcher(client, stats, 25)
                return await asyncio.gather(*(batcher.ask([r]) for r in readings))

    return asyncio.run(ask_all())


def run_collect(runner, tmp: Path, titles: list[str], server: MusicBrainzServer,
                batch: int, rps: float = 0) -> tuple[list[tuple], dict]:
    tmp.mkdir(exist_ok=True)
    with serve(server.app()) as base:
        cfg = mb_config(tmp / "config.yaml", base, rps, batch, db=str(tmp / "c.db"))
        src = titles_export(tmp / "channel.jsonl", titles)
        res = runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(src),
                                  "--multi-pass"])
    assert res.exit_code == 0, res.output
    conn = sqlite3.connect(tmp / "c.db")
    stats = json.loads(conn.execute(
        "SELECT stats FROM collection_runs ORDER BY run_id DESC").fetchone()[0])
    return conn.execute(SNAPSHOT).fetchall(), stats


def world_titles(truth: list[tuple[str, str, int]]) -> list[str]:
    return [f"{artist} - {song} (Karaoke Version)" for artist, song, _ in truth]


def test_a_batch_whose_songs_all_match_chooses_as_single_requests_do(runner, tmp_path) -> None:
    recs, _, truth = world(40)
    catalog = recs + trap_catalog()
    titles = world_titles(truth) + TRAP_TITLES[:6]
    single = MusicBrainzServer(catalog, min_interval=0.0)
    one, _ = run_collect(runner, tmp_path / "one", titles, single, batch=1)
    batched = MusicBrainzServer(catalog, min_interval=0.0)
    many, stats = run_collect(runner, tmp_path / "many", titles, batched, batch=25)
    assert single.answered["recording"] == len(titles)
    assert batched.answered["recording"] <= 3  # 46 songs, 25 a request
    assert many == one  # the same recording, status and year for every song
    got = {title: year for title, _, _, year in many}
    for title, (_, _, year) in zip(titles, truth, strict=False):
        assert got[title] == year  # the original's year, not the compilation's or live
    assert all(status == "match" for _, status, _, _ in many)
    assert stats["musicbrainz/batch/songs"] == len(titles)


def test_a_batch_with_a_miss_caches_it_as_a_miss(runner, tmp_path) -> None:
    server = MusicBrainzServer(trap_catalog(), min_interval=0.0)
    titles = TRAP_TITLES[:3] + ["Nonexistent Artist - Imaginary Song (Karaoke Version)"]
    rows, _ = run_collect(runner, tmp_path, titles, server, batch=25)
    assert server.answered["recording"] == 1
    got = {title: status for title, status, _, _ in rows}
    assert got[titles[3]] == "no_match"
    assert [got[t] for t in titles[:3]] == ["match"] * 3
    kinds = dict(sqlite3.connect(tmp_path / "c.db").execute(
        "SELECT key, kind FROM api_cache").fetchall())
    key = cache_key("musicbrainz", CACHE_VERSION, fold("Nonexistent Artist"),
                    fold("Imaginary Song"))
    assert kinds[key] == "miss"
    assert list(kinds.values()).count("hit") == 3  # (the swapped readings are misses too)


def prolific(n: int, artist: str, song: str) -> list[dict]:
    """n recordings of one song by one artist (live takes); the studio one is the oldest."""
    recs = [recording(song, artist, "1970-01-01", [release("Studio", "1970-01-01", artist)],
                      key="studio")]
    recs += [recording(song, artist, f"{1971 + i % 50}-01-01",
                       [release(f"Live {i}", f"{1971 + i % 50}-01-01", artist, "Album",
                                ("Live",))], key=f"live{i}") for i in range(n - 1)]
    return recs


def test_a_full_batch_is_split_and_a_song_with_many_candidates_asked_alone(
        runner, tmp_path) -> None:
    recs, _, truth = world(12)
    catalog = recs + prolific(130, "Prolific Band", "Common Song")
    titles = world_titles(truth) + ["Prolific Band - Common Song (Karaoke Version)"]
    single = MusicBrainzServer(catalog, min_interval=0.0)
    one, _ = run_collect(runner, tmp_path / "one", titles, single, batch=1)
    batched = MusicBrainzServer(catalog, min_interval=0.0)
    many, stats = run_collect(runner, tmp_path / "many", titles, batched, batch=25)
    assert many == one
    assert stats["musicbrainz/batch/split"] >= 1 and stats["musicbrainz/batch/alone"] == 1
    assert stats["musicbrainz/batch/songs"] == len(titles)
    # The common song got a request of its own; the others shared theirs.
    common = [q for q in batched.queries if '"Common Song"' in q]
    assert len(common) >= 2 and common[-1].count("recording:") <= 2  # (and its swap)
    assert all('"Common Song"' not in q for q in batched.queries[
        batched.queries.index(common[-1]) + 1:])
    assert dict((t, y) for t, _, _, y in many)[titles[-1]] == 1970


def test_a_full_batch_of_ordinary_songs_is_halved() -> None:
    catalog = []
    songs = []
    for i in range(20):
        artist, song = f"Artist {i}", f"Tune {i}"
        catalog += prolific(7, artist, song)
        songs.append(Reading(artist, song))
    server = MusicBrainzServer(catalog, min_interval=0.0)

    answers = ask_each(server, songs)
    assert server.requests == 3  # 140 results: full; two halves of 70 each
    for reading, (answer,) in zip(songs, answers, strict=True):
        assert len(answer["recordings"]) == 7
        assert {r["artist-credit"][0]["name"] for r in answer["recordings"]} == {reading.artist}


TRICKY = [("AC/DC", "Highway to Hell"), ("Guns N' Roses", "Sweet Child O' Mine"),
          ("4 Non Blondes", "What's Up?"), ("The Rolling Stones", "(I Can't Get No) Satisfaction"),
          ("Bon Iver", "Re: Stacks"), ("Simon & Garfunkel", "Mrs. Robinson"),
          ("Jay-Z", "99 Problems"), ("Blink-182", "All the Small Things"),
          ("David Bowie", '"Heroes"'), ("The Beatles", "Help!"),
          ("Sly & the Family Stone", "Thank You (Falettinme Be Mice Elf Agin)"),
          ("Edelweiss", "Bring Me Edelweiss [Remix] {Radio} ~ ^2 * ?"),
          ("Oasis", "Don't Look Back in Anger && || + -"), ("Weird\\Al", "Back\\slash")]


def test_every_lucene_special_character_is_escaped() -> None:
    for ch in '+-&|!(){}[]^"~*?:\\/':
        assert lucene_phrase(f"a{ch}b") == f'"a\\{ch}b"'
    server = MusicBrainzServer([recording(s, a, "1990-01-01", []) for a, s in TRICKY],
                               min_interval=0.0)
    for artist, song in TRICKY:  # each alone, and all of them in one OR-ed query
        got = server.evaluate(Reading(artist, song).query)
        assert [r["title"] for r in got["recordings"]] == [song], (artist, song)
    everything = server.evaluate(batch_query([Reading(a, s) for a, s in TRICKY]), limit=100)
    answers = split_answer(everything, [Reading(a, s) for a, s in TRICKY])
    assert [[r["title"] for r in a["recordings"]] for a in answers] == [[s] for _, s in TRICKY]


def test_queries_stay_under_the_url_limit() -> None:
    long_songs = [Reading(f"Artist With A Rather Long Name {i}",
                          f"A Very Long Song Title That Goes On And On Number {i} " * 2)
                  for i in range(25)]
    server = MusicBrainzServer([recording(r.song, r.artist, "2000-01-01", [])
                                for r in long_songs], min_interval=0.0)

    answers = ask_each(server, long_songs)
    assert all(len(a["recordings"]) == 1 for (a,) in answers)
    assert len(server.queries) > 1  # 25 such songs do not fit in one URL
    assert all(len(quote_plus(q)) <= MAX_QUERY_CHARS for q in server.queries)
    assert len(quote_plus(batch_query(long_songs))) > MAX_QUERY_CHARS


def test_both_readings_of_unsure_songs_in_one_batch(runner, tmp_path) -> None:
    """Song - Artist titles the parser cannot orient: each song's two readings are two
    clauses of the same request, and the match confirms the swap."""
    recs, _, truth = world(6)
    titles = [f"{song} - {artist}" for artist, song, _ in truth[::3]]  # distinct artists
    server = MusicBrainzServer(recs, min_interval=0.0)
    rows, stats = run_collect(runner, tmp_path, titles, server, batch=25)
    assert server.answered["recording"] == 1
    assert server.queries[0].count("recording:") == 2 * len(titles)
    assert [(status, year) for _, status, _, year in rows] == [
        ("match", year) for _, _, year in truth[::3]]
    # The parser's guess at each title (the lexicon may orient a few right): every wrong
    # guess is a swap the match confirms.
    guessed_wrong = sum(parse_title(t, "Test Karaoke").song != song
                        for t, (_, song, _) in zip(titles, truth[::3], strict=True))
    assert guessed_wrong >= 1
    assert stats["musicbrainz/orientation/swapped"] == guessed_wrong


def test_resume_after_a_kill_mid_batch(tmp_path) -> None:
    recs, _, truth = world(40)
    titles = world_titles(truth)
    server = MusicBrainzServer(recs, min_interval=0.25, latency=0.4)
    src = titles_export(tmp_path / "channel.jsonl", titles)
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    with serve(server.app()) as base:
        cfg = mb_config(tmp_path / "config.yaml", base, 4, 5, db=str(tmp_path / "c.db"))
        args = [sys.executable, "-m", "collector", "--config", str(cfg)]
        proc = subprocess.Popen([*args, "collect-channel", str(src), "--multi-pass"],
                                cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while server.requests < 3 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        time.sleep(0.1)  # a batch is on the wire (the server takes 0.4 s to answer)
        proc.kill()
        proc.wait()
        asked_before = len(server.queries)
        assert 0 < asked_before < 8  # killed mid-run, batches left to ask
        done = subprocess.run([*args, "enrich"], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    assert server.rejected_503 == 0  # batches and tag searches paced at 4 per second
    conn = sqlite3.connect(tmp_path / "c.db")
    rows = conn.execute(SNAPSHOT).fetchall()
    assert len(rows) == len(titles)  # no song lost
    assert [year for _, _, _, year in rows] == [year for _, _, year in truth]
    for artist, song, _ in truth:  # each song asked at most once more
        clause = Reading(artist, song).clause
        assert sum(clause in q for q in server.queries) <= 2, song
    assert sum(Reading(a, s).clause in q for a, s, _ in truth for q in server.queries) < 2 * 40


@pytest.mark.parametrize("batch", [1, 8])
def test_summary_says_songs_per_request(runner, tmp_path, batch) -> None:
    recs, _, truth = world(16)
    server = MusicBrainzServer(recs, min_interval=0.0)
    with serve(server.app()) as base:
        cfg = mb_config(tmp_path / "config.yaml", base, 0, batch)
        src = titles_export(tmp_path / "channel.jsonl", world_titles(truth))
        res = runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(src),
                                  "--multi-pass"])
        stats = runner.invoke(cli, ["--config", str(cfg), "stats"])
    assert res.exit_code == 0 and stats.exit_code == 0, res.output + stats.output
    line = f"MusicBrainz: {server.requests} requests for 16 songs " \
           f"({16 / server.requests:.1f} songs per request)"
    assert line in res.output and f"last run: {line}" in stats.output
    assert server.answered["recording"] == (16 if batch == 1 else 2)



def test_summary_of_a_run_whose_requests_all_failed_gives_no_ratio() -> None:
    from collector.passes.musicbrainz_batcher import request_summary

    assert request_summary({"musicbrainz/request": 3}) == (
        "MusicBrainz: 3 requests, no song answered")
    assert request_summary({"musicbrainz/request": 2, "musicbrainz/batch/songs": 9}) == (
        "MusicBrainz: 2 requests for 9 songs (4.5 songs per request)")
    assert request_summary({}) is None

def test_artist_level_genres_are_used_and_cached(runner, tmp_path) -> None:
    """Genres: the recording's tags, else its release group's, else its artists' (one
    request for many artists, cached per artist: a second run asks only for new ones)."""
    recs, artists, truth = world(12)  # four artists, three songs each
    tagged = {a["name"]: [t["name"] for t in a.get("tags", [])] for a in artists}
    original = {(a, s): r for a, s, y in truth for r in recs
                if (r["artist-credit"][0]["name"], r["title"]) == (a, s)
                and r["first-release-date"].startswith(str(y))}
    own = {k: [t["name"] for t in r.get("tags", [])] for k, r in original.items()}
    group = {k: [t["name"] for t in r["releases"][0]["release-group"]["tags"]]
             for k, r in original.items()}
    untagged = {a for a, s, _ in truth if not own[(a, s)] and not group[(a, s)]}
    server = MusicBrainzServer(recs, artists=artists, min_interval=0.0)
    first, second = truth[:6], truth[6:]  # artists 0-1, then artists 2-3 (and a repeat)
    second = second + [truth[0]]
    db = tmp_path / "c.db"
    for part, songs in (("a", first), ("b", second)):
        with serve(server.app()) as base:
            cfg = mb_config(tmp_path / "config.yaml", base, 0, 25, db=str(db))
            src = write_jsonl(tmp_path / f"{part}.jsonl", [
                {"_type": "url", "ie_key": "Youtube", "id": f"{part}{i:010d}",
                 "url": f"https://www.youtube.com/watch?v={part}{i:010d}", "title": title,
                 "channel": "Test Karaoke", "channel_id": "UCtesttesttesttesttest12"}
                for i, title in enumerate(world_titles(songs))])
            res = runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(src),
                                      "--multi-pass"])
        assert res.exit_code == 0, res.output
    artist_queries = [q for q in server.queries if q.startswith("arid:")]
    # One artist request per run; the second asks only for the artists it has not seen.
    assert server.answered["artist"] == 2 == len(artist_queries)
    ids = {a["name"]: lucene_phrase(a["id"]) for a in artists}
    first_artists = {a for a, _, _ in first}
    assert all(ids[a] not in artist_queries[1] for a in first_artists)
    assert {a for a in ids if ids[a] in artist_queries[1]} == {
        a for a, _, _ in truth[6:] if a in untagged} != set()
    merged = dict(sqlite3.connect(db).execute(
        "SELECT v.title, m.fields FROM videos v JOIN merged_metadata m USING (video_id)"))
    levels_seen = set()
    for artist, song, _ in truth:
        fields = json.loads(merged[f"{artist} - {song} (Karaoke Version)"])
        levels = [("recording", own[(artist, song)]), ("release-group", group[(artist, song)]),
                  ("artist", tagged[artist])]
        level, want = next(((lv, g) for lv, g in levels if g), (None, []))
        if not want:
            assert "genres" not in fields
            continue
        assert fields["genres"]["value"] == want
        assert fields["genres"]["levels"] == [f"musicbrainz/{level}"] * len(want)
        levels_seen.add(level)
    assert levels_seen == {"recording", "release-group", "artist"}
    assert server.answered["release-group"] == 2  # one per run too


def test_split_answer_gives_each_reading_its_own_candidates_and_scores() -> None:
    def rec(title: str, artist: str, score: int) -> dict:
        return {**recording(title, artist, "2000-01-01", []), "score": score}

    answer = {"count": 5, "recordings": [
        rec("Zombie", "The Cranberries", 100), rec("Zombie (live)", "The Cranberries", 80),
        rec("Africa", "Toto", 40), rec("Africa", "Cover Band", 30),
        rec("Rosanna", "Toto", 20)]}
    readings = [Reading("Cranberries", "Zombie"), Reading("Toto", "Africa"),
                Reading("Nobody", "Nothing")]
    zombie, africa, nothing = split_answer(answer, readings)
    assert [(r["title"], r["score"]) for r in zombie["recordings"]] == [
        ("Zombie", 100), ("Zombie (live)", 80)]
    # Toto's Africa only (not the cover, not Rosanna), its score relative to its own best.
    assert [(r["title"], r["score"]) for r in africa["recordings"]] == [("Africa", 100)]
    assert nothing == {"count": 0, "recordings": []}
    # A recording no clause matches (an alias on the service) goes to the reading it
    # resembles most, when it resembles one enough to be chosen at all.
    alias = {"count": 1, "recordings": [rec("Zombie", "Cranberries, The", 100)]}
    assert [len(a["recordings"]) for a in split_answer(alias, readings)] == [1, 0, 0]


def test_a_failed_tag_search_leaves_the_video_pending_and_enrich_asks_only_it(
        runner, tmp_path) -> None:
    server = MusicBrainzServer(trap_catalog(), min_interval=0.0,
                               faults=["none", "500", "500", "500"])
    titles = ["The Beatles - Help! (Karaoke Version)"]  # no recording or release-group tags
    with serve(server.app()) as base:
        cfg = mb_config(tmp_path / "config.yaml", base, 0, 25)
        src = titles_export(tmp_path / "channel.jsonl", titles)
        res = runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(src),
                                  "--multi-pass"])
        assert res.exit_code == 0, res.output
        assert "1 videos pending enrichment" in res.output
        assert server.answered["recording"] == 1 and server.requests == 4
        res = runner.invoke(cli, ["--config", str(cfg), "enrich"])
    assert res.exit_code == 0, res.output
    assert server.answered["recording"] == 1  # the recording answer came from the cache
    assert server.answered["release-group"] == 1 and server.answered["artist"] == 1
    conn = sqlite3.connect(tmp_path / "catalog.db")
    assert conn.execute("SELECT enrichment_status FROM videos").fetchall() == [("complete",)]
    assert conn.execute("SELECT year FROM musicbrainz_data").fetchall() == [(1965,)]


def test_every_song_of_a_world_gets_the_single_request_choice() -> None:
    """300 songs (and their swapped readings) in batches of 25: each split answer gives
    the recording, status, confidence and year its own request gives."""
    from collector.matching.musicbrainz_match import candidates_from_search, choose

    recs, _, truth = world(300)
    server = MusicBrainzServer(recs + trap_catalog(), min_interval=0.0)
    readings = [Reading(a, s) for a, s, _ in truth] + [Reading(s, a) for a, s, _ in truth[::7]]
    readings += [Reading("Queen", "Bohemian Rhapsody"), Reading("Eagles", "Hotel California"),
                 Reading("Adele", "Rolling in the Deep"), Reading("Jeff Buckley", "Hallelujah")]
    checked = 0
    for start in range(0, len(readings), 25):
        batch = readings[start:start + 25]
        answer = server.evaluate(batch_query(batch), limit=100)
        assert len(answer["recordings"]) < 100  # not full: nothing cut
        for reading, mine in zip(batch, split_answer(answer, batch), strict=True):
            alone = server.evaluate(reading.query, limit=100)
            a = choose(reading.artist, reading.song, candidates_from_search(mine))
            b = choose(reading.artist, reading.song, candidates_from_search(alone))
            assert (a.status, a.year, a.confidence) == (b.status, b.year, b.confidence)
            assert (a.chosen and a.chosen.candidate.id) == (b.chosen and b.chosen.candidate.id)
            checked += a.chosen is not None
    assert checked >= 300


def test_the_batch_size_adapts_to_songs_with_many_recordings() -> None:
    """Songs with 9 recordings each: once a full answer is seen the batches are sized to
    fill about 70% of a page (a fixed 25 would take 10 requests and 4 splits here)."""
    catalog, songs = [], []
    for i in range(40):
        catalog += prolific(9, f"Artist {i}", f"Tune {i}")
        songs.append(Reading(f"Artist {i}", f"Tune {i}"))
    server = MusicBrainzServer(catalog, min_interval=0.0)
    stats = Stats()
    answers = ask_each(server, songs, stats)
    assert all(len(a["recordings"]) == 9 for (a,) in answers)
    # The first batch (and the rest of the queue, sent before that answer came) is full;
    # every batch formed afterwards holds at most 7 songs and is not.
    assert stats.get("musicbrainz/batch/split") <= 2
    assert server.requests <= 9
