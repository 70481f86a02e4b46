"""The MusicBrainz pass over real HTTP against the local ws/2 server."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from collector.cli import cli
from collector.parsing import artist_knowledge
from tests.conftest import titles_export, write_config
from tests.servers.musicbrainz import MusicBrainzServer
from tests.servers.musicbrainz_catalog import bulk_catalog, mbid, real_responses, trap_catalog
from tests.servers.runner import serve

TRAP_TITLES = [
    "Queen - Bohemian Rhapsody (Karaoke Version)",
    "Eagles - Hotel California (Karaoke Version)",
    "Adele - Rolling in the Deep (Karaoke Version)",
    "Jeff Buckley - Hallelujah (Karaoke Version)",
    "Mumford and Sons - Little Lion Man (Karaoke Version)",
    "Beatles - Help! (Karaoke Version)",
    "Official髭男dism - ミックスナッツ (Karaoke Version)",
    "Nonexistent Artist - Imaginary Song (Karaoke Version)",
]


def mb_config(path: Path, base: str, rps: float = 0, batch: int | None = None,
              **kwargs) -> Path:
    """write_config, with data_sources.musicbrainz.batch_size when ``batch`` is given."""
    cfg = write_config(path, mb_url=base, mb_rps=rps, **kwargs)
    if batch is not None:
        text = cfg.read_text(encoding="utf-8")
        cfg.write_text(text.replace("    max_retries: 2\n",
                                    f"    max_retries: 2\n    batch_size: {batch}\n", 1),
                       encoding="utf-8")
    return cfg


def collect(runner, tmp_path: Path, titles: list[str], server: MusicBrainzServer,
            rps: float = 0, *args: str, batch: int | None = None):
    with serve(server.app()) as base:
        cfg = mb_config(tmp_path / "config.yaml", base, rps, batch)
        src = titles_export(tmp_path / "channel.jsonl", titles)
        return runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(src),
                                   "--multi-pass", *args])


def rows(tmp_path: Path, sql: str) -> list[tuple]:
    return sqlite3.connect(tmp_path / "catalog.db").execute(sql).fetchall()


@pytest.fixture
def traps() -> MusicBrainzServer:
    return MusicBrainzServer(trap_catalog() + real_responses(), min_interval=0.0)


def test_traps_end_to_end(runner, tmp_path, traps) -> None:
    res = collect(runner, tmp_path, TRAP_TITLES, traps)
    assert res.exit_code == 0, res.output
    got = {
        title: (status, rec, year)
        for title, status, rec, year in rows(tmp_path, """
            SELECT v.title, m.status, m.recording_mbid, m.year FROM videos v
            JOIN musicbrainz_data m USING (video_id)""")
    }
    assert got[TRAP_TITLES[0]] == ("match", mbid("recording", "Bohemian Rhapsody", "Queen",
                                                  "original"), 1975)
    assert got[TRAP_TITLES[1]][1:] == (mbid("recording", "Hotel California", "Eagles", "studio"),
                                       1976)
    assert got[TRAP_TITLES[2]][2] == 2010
    assert got[TRAP_TITLES[3]][1:] == (mbid("recording", "Hallelujah", "Jeff Buckley",
                                            "buckley"), 1994)
    assert got[TRAP_TITLES[4]][0] == "match" and got[TRAP_TITLES[5]][0] == "match"
    assert got[TRAP_TITLES[6]][1:] == ("30ed18b6-d95b-4efe-a332-6fcc0e07b087", 2022)
    assert got[TRAP_TITLES[7]] == ("no_match", None, None)
    merged = dict(rows(tmp_path, "SELECT v.title, m.fields FROM videos v "
                                 "JOIN merged_metadata m USING (video_id)"))
    fields = json.loads(merged[TRAP_TITLES[0]])
    assert fields["year"] == {"value": 1975, "source": "musicbrainz",
                              "confidence": fields["year"]["confidence"]}
    assert fields["genres"]["value"] == ["rock", "progressive rock"]
    assert fields["artist"]["source"] == "musicbrainz"
    statuses = dict(rows(tmp_path, "SELECT enrichment_status, COUNT(*) FROM videos "
                                   "GROUP BY enrichment_status"))
    assert statuses == {"complete": len(TRAP_TITLES)}
    # The user agent from the config identifies us.
    assert all(ua.startswith("KaraokeCollector/2.1") for ua in traps.user_agents)


def test_same_song_twice_is_one_request(runner, tmp_path, traps) -> None:
    titles = ["Queen - Bohemian Rhapsody (Karaoke Version)",
              "Queen - Bohemian Rhapsody (Karaoke Version) HD",
              "Queen - Bohemian Rhapsody [Karaoke with lyrics]"]
    res = collect(runner, tmp_path, titles, traps)
    assert res.exit_code == 0, res.output
    assert traps.requests == 1


def test_uncertain_orientation_is_confirmed_by_lookup(runner, tmp_path, traps,
                                                      monkeypatch) -> None:
    # Without the artist lexicon nothing says which side of "Help! - The Beatles" is the
    # artist: the parse keeps Artist - Song at 0.5 and the lookup must confirm the swap.
    monkeypatch.setattr(artist_knowledge, "_bundled", artist_knowledge.ArtistKnowledge)
    res = collect(runner, tmp_path, ["Help! - The Beatles"], traps)
    assert res.exit_code == 0, res.output
    (status, rec, query), = rows(tmp_path, "SELECT status, recording_mbid, query "
                                           "FROM musicbrainz_data")
    assert status == "match" and rec == mbid("recording", "Help!", "The Beatles", "orig")
    assert "swapped" in query
    assert traps.answered["recording"] == 1  # both readings in one request (issue 12)


def test_503_with_retry_after_is_retried(runner, tmp_path) -> None:
    server = MusicBrainzServer(trap_catalog(), min_interval=0.0, faults=["503"])
    res = collect(runner, tmp_path, ["Queen - Bohemian Rhapsody (Karaoke)"], server)
    assert res.exit_code == 0, res.output
    assert rows(tmp_path, "SELECT year FROM musicbrainz_data") == [(1975,)]
    assert server.requests == 2
    stats = json.loads(rows(tmp_path, "SELECT stats FROM collection_runs")[0][0])
    assert stats["musicbrainz/retry/503"] == 1


@pytest.mark.parametrize("fault", ["html", "truncated"])
def test_one_malformed_answer_is_retried_within_the_run(runner, tmp_path, fault) -> None:
    server = MusicBrainzServer(trap_catalog(), min_interval=0.0, faults=[fault])
    res = collect(runner, tmp_path, ["Queen - Bohemian Rhapsody (Karaoke)"], server)
    assert res.exit_code == 0, res.output
    assert rows(tmp_path, "SELECT enrichment_status FROM videos") == [("complete",)]
    assert server.requests == 2
    stats = json.loads(rows(tmp_path, "SELECT stats FROM collection_runs")[0][0])
    assert stats["musicbrainz/retry/malformed"] == 1


@pytest.mark.parametrize("fault", ["html", "truncated"])
def test_malformed_answer_leaves_video_pending_then_enrich_completes(runner, tmp_path,
                                                                     fault) -> None:
    # Three in a row beat the 2 retries of the test config.
    server = MusicBrainzServer(trap_catalog(), min_interval=0.0, faults=[fault] * 3)
    res = collect(runner, tmp_path, ["Queen - Bohemian Rhapsody (Karaoke)"], server)
    assert res.exit_code == 0, res.output
    assert "non-JSON" in res.output or "malformed" in res.output.lower()
    assert "1 videos pending enrichment" in res.output
    assert rows(tmp_path, "SELECT enrichment_status FROM videos") == [("pending",)]
    with serve(server.app()) as base:
        cfg = write_config(tmp_path / "config.yaml", mb_url=base, mb_rps=0)
        res = runner.invoke(cli, ["--config", str(cfg), "enrich"])
    assert res.exit_code == 0, res.output
    assert rows(tmp_path, "SELECT enrichment_status FROM videos") == [("complete",)]
    assert rows(tmp_path, "SELECT year FROM musicbrainz_data") == [(1975,)]


def test_unreachable_service_keeps_every_video_pending(runner, tmp_path) -> None:
    with serve(MusicBrainzServer([]).app()) as base:
        dead = base  # the port is closed once the server stops
    cfg = write_config(tmp_path / "config.yaml", mb_url=dead, mb_rps=0)
    src = titles_export(tmp_path / "c.jsonl", TRAP_TITLES[:3])
    res = runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(src), "--multi-pass"])
    assert res.exit_code == 75, res.output  # the service is declared down for the run
    assert "3 videos left pending" in res.output and "enrich" in res.output
    assert rows(tmp_path, "SELECT COUNT(*) FROM videos WHERE enrichment_status='pending'") \
        == [(3,)]
    assert rows(tmp_path, "SELECT COUNT(*) FROM api_cache") == [(0,)]  # errors never cached


def test_default_pace_thirty_songs_then_cached(runner, tmp_path) -> None:
    """30 songs at 1 request/s, one song a request: no 503, >= 0.9 requests/s; a second
    run asks nothing."""
    server = MusicBrainzServer(bulk_catalog(30))
    titles = [f"Bulk Artist {i % 7} - Song Number {i} (Karaoke)" for i in range(30)]
    res = collect(runner, tmp_path, titles, server, 1.0, batch=1)
    assert res.exit_code == 0, res.output
    assert server.rejected_503 == 0
    assert server.answered["recording"] == 30
    span = server.request_times[-1] - server.request_times[0]
    assert (server.requests - 1) / span >= 0.9
    assert rows(tmp_path, "SELECT COUNT(*) FROM musicbrainz_data WHERE status='match'") \
        == [(30,)]
    before = server.requests
    rows_before = rows(tmp_path, "SELECT COUNT(*) FROM videos")
    with serve(server.app()) as base:
        cfg = mb_config(tmp_path / "config.yaml", base, 1.0, 1)
        # Ask again for every video of the same database: answers must come from the cache.
        sqlite3.connect(tmp_path / "catalog.db").execute(
            "UPDATE videos SET enrichment_status = 'pending'").connection.commit()
        res = runner.invoke(cli, ["--config", str(cfg), "enrich"])
    assert res.exit_code == 0, res.output
    assert "enriched 30" in res.output
    assert server.requests == before  # every answer came from the cache
    assert rows(tmp_path, "SELECT COUNT(*) FROM videos") == rows_before


def test_connections_are_kept_alive(runner, tmp_path) -> None:
    """30 searches over a handful of connections, not one connection (TLS handshake on
    the real service) per request."""
    server = MusicBrainzServer(bulk_catalog(30), min_interval=0.0)
    titles = [f"Bulk Artist {i % 7} - Song Number {i} (Karaoke)" for i in range(30)]
    res = collect(runner, tmp_path, titles, server, batch=1)
    assert res.exit_code == 0, res.output
    assert server.answered["recording"] == 30
    assert 1 <= len(server.connections) <= 8  # at most one per enrichment worker (8)


async def test_a_connection_the_server_closed_while_idle_is_replaced() -> None:
    import asyncio

    from collector.config import MusicBrainzConfig
    from collector.services.musicbrainz_client import MusicBrainzClient, recording_query
    from collector.services.stats import Stats

    server = MusicBrainzServer(trap_catalog(), min_interval=0.0)
    with serve(server.app(), keepalive_timeout=0.2) as base:
        stats = Stats()
        async with MusicBrainzClient(
                MusicBrainzConfig(base_url=base, requests_per_second=0), stats) as client:
            query = recording_query("Queen", "Bohemian Rhapsody")
            first = await client.search_recordings(query)
            await asyncio.sleep(0.6)  # the server closes the idle connection meanwhile
            second = await client.search_recordings(query)
    assert first == second and first["recordings"]
    assert server.requests == 2 and len(server.connections) == 2
    assert not [k for k in stats.counters if "/retry/" in k or "/error/" in k]


async def test_a_transport_resend_is_paced_too() -> None:
    """aiohttp resends a GET once when a kept-alive connection drops: that second request
    counts against the 1 request/s too."""
    from collector.config import MusicBrainzConfig
    from collector.services.musicbrainz_client import MusicBrainzClient, recording_query
    from collector.services.stats import Stats

    # A little tolerance: on a loaded machine a request can reach the server later than it
    # left, so the next one looks closer than it was sent; an unpaced resend is ~0 s apart.
    server = MusicBrainzServer(trap_catalog(), min_interval=0.25, tolerance=0.05)
    with serve(server.app()) as base:
        stats = Stats()
        async with MusicBrainzClient(
                MusicBrainzConfig(base_url=base, requests_per_second=4), stats) as client:
            query = recording_query("Queen", "Bohemian Rhapsody")
            await client.search_recordings(query)
            server.faults.append("reset")
            assert (await client.search_recordings(query))["recordings"]
    assert server.requests == 3 and stats.get("musicbrainz/resend") == 1
    assert server.rejected_503 == 0  # the resend waited its turn
    assert server.request_times[2] - server.request_times[1] >= 0.2
