"""Confirmed identity end to end: the CLI against the local MusicBrainz and Discogs servers."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from collector.cli import cli
from collector.db_optimized import Store
from collector.parsing import parse_title
from tests.conftest import titles_export, write_config
from tests.servers import identity_world
from tests.servers.discogs import DiscogsServer
from tests.servers.musicbrainz import MusicBrainzServer
from tests.servers.musicbrainz_catalog import trap_catalog
from tests.servers.runner import serve

TOKEN = "test-token-123"
CHANNEL = "Song First Karaoke"


def q(db: Path, sql: str, *args: object) -> list[tuple]:
    return sqlite3.connect(db).execute(sql, args).fetchall()


def export(runner, cfg: Path) -> dict[str, dict]:
    res = runner.invoke(cli, ["--config", str(cfg), "export", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    return {r["title"]: r for r in map(json.loads, res.stdout.splitlines())}


def collect(runner, cfg: Path, tmp: Path, titles: list[str],
            env: dict[str, str] | None = None) -> dict[str, dict]:
    """Collect ``titles`` (a CHANNEL export) with every pass; the exported records."""
    src = titles_export(tmp / "ch.jsonl", titles, channel=CHANNEL)
    res = runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(src),
                              "--multi-pass"], env=env)
    assert res.exit_code == 0, res.output
    return export(runner, cfg)


def test_song_first_channel_is_corrected_and_learned(runner, tmp_path) -> None:
    songs = identity_world.invented(24)
    titles = [f"{song} - {artist} (Karaoke Version)" for artist, song in songs]
    # The premise: with no channel evidence the parser guesses, and gets several wrong
    # (the lexicon knows none of these invented names), the last title among them.
    guesses = [(g.artist, g.song) for g in (parse_title(t, CHANNEL) for t in titles)]
    wrong = [g != s for g, s in zip(guesses, songs, strict=True)]
    assert sum(wrong) >= 3 and wrong[-1]
    mb = MusicBrainzServer(identity_world.musicbrainz(songs), min_interval=0.0)
    dg = DiscogsServer(identity_world.discogs(songs), window=3.0)
    with serve(mb.app()) as mb_url, serve(dg.app()) as dg_url:
        # One song per request, so titles are still waiting when the channel learns (in
        # 25-song batches the whole channel is asked before the first answer).
        cfg = write_config(tmp_path / "c.yaml", mb_url=mb_url, mb_rps=0, discogs_url=dg_url,
                           mb_batch=1, extra="multi_pass:\n  concurrency: 2\n")
        recs = collect(runner, cfg, tmp_path, titles, env={"DISCOGS_TOKEN": TOKEN})
    for (artist, song), title in zip(songs, titles, strict=True):
        r = recs[title]
        assert (r["artist"], r["song"]) == (artist, song), r
        assert r["identity_confirmed"] is True and r["identity_source"] == "musicbrainz"
    # parsed_* is the parse the lookups started from: the first guess for the titles
    # looked up before the channel learned its orientation (at least the three that taught
    # it), the right reading for the titles parsed again after.
    parsed = [(recs[t]["parsed_artist"], recs[t]["parsed_song"]) for t in titles]
    assert set(parsed) <= set(guesses) | set(songs)
    assert parsed[-1] == songs[-1]  # guessed wrong, parsed again after the channel learned
    db = tmp_path / "catalog.db"
    (raw,) = q(db, "SELECT orientation FROM channels")[0]
    profile = json.loads(raw)
    assert profile["orientation"]["dash"] == "song_artist"
    assert profile["learned"]["dash"]["orientation"] == "song_artist"
    assert profile["learned"]["dash"]["confirmed"]["song_artist"] >= 3
    # Titles parsed after the turn needed one MusicBrainz request, not two.
    assert mb.requests < 2 * len(songs)
    # Confirmed artists are the store's artist knowledge.
    known = set(Store(db).known_artists())
    assert {a for a, _ in songs} <= known


def test_discogs_only_tries_the_other_reading(runner, tmp_path) -> None:
    songs = identity_world.invented(12)
    titles = [f"{song} - {artist} (Karaoke Version)" for artist, song in songs]
    dg = DiscogsServer(identity_world.discogs(songs), window=3.0)
    with serve(dg.app()) as dg_url:
        cfg = write_config(tmp_path / "c.yaml", discogs_url=dg_url, mb_enabled=False,
                           discogs_window=3.0)
        recs = collect(runner, cfg, tmp_path, titles, env={"DISCOGS_TOKEN": TOKEN})
    from tests.servers.e2e_catalog import year_of

    for (artist, song), title in zip(songs, titles, strict=True):
        r = recs[title]
        # Discogs' "(2)" and "*" name markers are not part of the identity.
        assert (r["artist"], r["song"], r["year"]) == (artist, song, year_of(artist, song)), r
        assert r["identity_source"] == "discogs" and r["identity_confirmed"] is True


def test_enrich_uses_the_stored_parse_with_its_channel(runner, tmp_path) -> None:
    title = "Queen - Bohemian Rhapsody - Sing Along Karaoke Club"
    mb = MusicBrainzServer(trap_catalog(), min_interval=0.0)
    with serve(mb.app()) as mb_url:
        cfg = write_config(tmp_path / "c.yaml", mb_url=mb_url, mb_rps=0)
        src = titles_export(tmp_path / "ch.jsonl", [title], channel="Sing Along Karaoke Club")
        res = runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(src),
                                  "--offline"])
        assert res.exit_code == 0, res.output
        db = tmp_path / "catalog.db"
        assert q(db, "SELECT artist, song FROM videos") == [("Queen", "Bohemian Rhapsody")]
        res = runner.invoke(cli, ["--config", str(cfg), "enrich"])
        assert res.exit_code == 0, res.output
    status, year, query = q(db, "SELECT status, year, query FROM musicbrainz_data")[0]
    assert (status, year) == ("match", 1975) and "Sing Along" not in query
    assert q(db, "SELECT artist, song FROM videos") == [("Queen", "Bohemian Rhapsody")]


def test_an_empty_discogs_search_is_kept_only_the_miss_lifetime(runner, tmp_path) -> None:
    dg = DiscogsServer([], window=3.0)
    with serve(dg.app()) as dg_url:
        cfg = write_config(tmp_path / "c.yaml", discogs_url=dg_url, mb_enabled=False)
        src = titles_export(tmp_path / "ch.jsonl", ["Nobody Known - No Such Song"])
        res = runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(src),
                                  "--multi-pass"], env={"DISCOGS_TOKEN": TOKEN})
        assert res.exit_code == 0, res.output
    rows = q(tmp_path / "catalog.db", "SELECT kind, body, expires_at FROM api_cache")
    empty = [(kind, expires) for kind, body, expires in rows
             if json.loads(body) == {"results": []}]
    assert empty, rows
    for kind, expires in empty:
        assert kind == "miss"
        assert expires - time.time() <= 7 * 86400 + 60  # the miss lifetime, not 90 days


def test_a_failed_write_of_results_fails_the_run(runner, tmp_path, monkeypatch) -> None:
    def broken(self, outcomes):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Store, "save_enrichment", broken)
    mb = MusicBrainzServer(trap_catalog(), min_interval=0.0)
    with serve(mb.app()) as mb_url:
        cfg = write_config(tmp_path / "c.yaml", mb_url=mb_url, mb_rps=0)
        src = titles_export(tmp_path / "ch.jsonl", ["Queen - Bohemian Rhapsody (Karaoke)"])
        res = runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(src),
                                  "--multi-pass"])
    assert res.exit_code != 0
    assert "Error:" in res.output and "disk I/O error" in res.output
    assert "Traceback" not in res.output
    status, stats = q(tmp_path / "catalog.db",
                      "SELECT status, stats FROM collection_runs")[-1]
    assert status == "failed" and "disk I/O error" in json.loads(stats)["error"]


def test_a_failure_to_store_what_was_learned_does_not_stop_the_run(runner, tmp_path,
                                                                    monkeypatch) -> None:
    def broken(self, channel_id, orientation):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Store, "set_channel_orientation", broken)
    songs = identity_world.invented(8)
    titles = [f"{song} - {artist} (Karaoke Version)" for artist, song in songs]
    mb = MusicBrainzServer(identity_world.musicbrainz(songs), min_interval=0.0)
    with serve(mb.app()) as mb_url:
        cfg = write_config(tmp_path / "c.yaml", mb_url=mb_url, mb_rps=0)
        recs = collect(runner, cfg, tmp_path, titles)
    assert all((recs[t]["artist"], recs[t]["song"]) == s
               for s, t in zip(songs, titles, strict=True))
    assert {r["enrichment_status"] for r in recs.values()} == {"complete"}
