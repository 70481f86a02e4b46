"""The CLI end to end on real SQLite files (CliRunner)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from collector.cli import cli
from tests.conftest import EXAMPLES, make_entries, write_jsonl
from tests.servers.feeds import DEFAULT_VIDEOS, feed_app
from tests.servers.runner import serve

KARAFUN = str(EXAMPLES / "karafun_videos.json")
STINGRAY = str(EXAMPLES / "stingray_videos.jsonl")


def invoke(runner, db: Path, *args: str, **kw):
    return runner.invoke(cli, ["--db", str(db), *args], catch_exceptions=False, **kw)


def test_collect_offline_stores_parsed_titles(runner, db_path: Path) -> None:
    res = invoke(runner, db_path, "collect-channel", KARAFUN, "--offline")
    assert res.exit_code == 0, res.output
    assert "listed 61, new 61, updated 0, parsed 61" in res.output
    assert "pending enrichment" in res.output  # offline: lookups are still to do
    conn = sqlite3.connect(db_path)
    row = conn.execute(
        "SELECT artist, song, parse_confidence, enrichment_status FROM videos "
        "WHERE title = 'Zombie - The Cranberries | Karaoke Version | KaraFun'").fetchone()
    assert row[:2] == ("The Cranberries", "Zombie")
    assert row[2] >= 0.7 and row[3] == "pending"
    orientation = json.loads(conn.execute(
        "SELECT orientation FROM channels WHERE channel_id = 'UCbqcG1rdt9LMwOJN4PyGTKg'"
    ).fetchone()[0])
    assert orientation["orientation"]["dash"] == "song_artist"
    run = conn.execute("SELECT status, listed, new FROM collection_runs").fetchone()
    assert run == ("completed", 61, 61)


def test_rerun_adds_zero_rows_and_keeps_ids(runner, db_path: Path) -> None:
    invoke(runner, db_path, "collect-channel", STINGRAY, "--offline")
    conn = sqlite3.connect(db_path)
    before = conn.execute("SELECT video_id, rowid, artist, song FROM videos").fetchall()
    res = invoke(runner, db_path, "collect-channel", STINGRAY, "--offline")
    assert res.exit_code == 0
    assert "listed 400, new 0, updated 0" in res.output
    after = conn.execute("SELECT video_id, rowid, artist, song FROM videos").fetchall()
    assert sorted(before) == sorted(after)


def test_changed_title_is_updated_not_duplicated(runner, db_path: Path, tmp_path) -> None:
    rows = make_entries(5)
    src = write_jsonl(tmp_path / "a.jsonl", rows)
    invoke(runner, db_path, "collect-channel", str(src), "--offline")
    rows[2]["title"] = "Adele - Hello (Karaoke Version)"
    write_jsonl(src, rows + make_entries(2, start=50))
    res = invoke(runner, db_path, "collect-channel", str(src), "--offline")
    assert "listed 7, new 2, updated 1" in res.output
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM videos").fetchone()[0] == 7
    assert conn.execute("SELECT artist, song FROM videos WHERE video_id = ?",
                        (rows[2]["id"],)).fetchone() == ("Adele", "Hello")


def test_limit_and_since(runner, db_path: Path, tmp_path) -> None:
    rows = make_entries(10)
    for i, r in enumerate(rows):
        r["upload_date"] = f"2024{(i % 12) + 1:02d}01"
    src = write_jsonl(tmp_path / "a.jsonl", rows)
    res = invoke(runner, db_path, "collect-channel", str(src), "--offline", "--limit", "3")
    assert "listed 3, new 3" in res.output
    res = invoke(runner, db_path, "collect-channel", str(src), "--offline", "--since",
                 "2024-08-01")
    assert "listed 3, new 3" in res.output  # Aug, Sep, Oct (months 8..10)
    res = invoke(runner, db_path, "collect-channel", str(src), "--since", "yesterday")
    assert res.exit_code == 2 and "not a date" in res.output


def test_collect_rss_feed_through_ytdlp(runner, db_path: Path) -> None:
    with serve(feed_app("Feed Karaoke", DEFAULT_VIDEOS)) as base:
        res = invoke(runner, db_path, "collect-channel", base + "/feed.xml", "--offline")
    assert res.exit_code == 0, res.output
    conn = sqlite3.connect(db_path)
    got = dict(conn.execute("SELECT video_id, artist FROM videos").fetchall())
    assert got == {"AAAAAAAAAAA": "Queen", "BBBBBBBBBBB": "Adele", "CCCCCCCCCCC": "Queen"}


def test_stats_and_exports(runner, db_path: Path, tmp_path) -> None:
    invoke(runner, db_path, "collect-channel", KARAFUN, "--offline")
    invoke(runner, db_path, "collect-channel", STINGRAY, "--offline")
    res = invoke(runner, db_path, "stats")
    assert "KaraFun Karaoke" in res.output and "Stingray Karaoke" in res.output
    res = invoke(runner, db_path, "stats", "--json")
    data = json.loads(res.output)
    assert data["totals"]["videos"] == 461
    required = ["video_id", "title", "channel", "channel_id", "artist", "song",
                "featured_artists", "year", "year_source", "genres", "styles", "label",
                "confidence", "musicbrainz_recording_id", "discogs_master_id",
                "discogs_release_id", "enrichment_status"]
    out = tmp_path / "out.csv"
    res = invoke(runner, db_path, "export", "--format", "csv", "--output", str(out))
    assert res.exit_code == 0 and "exported 461 videos" in res.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 461 and set(required) <= set(rows[0])
    res = invoke(runner, db_path, "export", "--format", "jsonl")
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert len(lines) == 461
    pink = next(r for r in lines if r["title"].startswith("Just Give Me a Reason"))
    assert pink["artist"] == "Pink feat. Nate Ruess" and pink["featured_artists"] == [
        "Nate Ruess"]
    out = tmp_path / "out.json"
    invoke(runner, db_path, "export", "--format", "json", "-o", str(out))
    assert len(json.loads(out.read_text())) == 461


def test_parse_command_keeps_order_and_groups_channels(runner, tmp_path) -> None:
    lines = [
        {"title": "Zombie - The Cranberries | Karaoke Version | KaraFun",
         "channel": "KaraFun Karaoke"},
        {"title": "Queen - Bohemian Rhapsody (Karaoke Version)"},
        {"title": "Hero - Mariah Carey | Karaoke Version | KaraFun", "channel": "KaraFun Karaoke"},
        {"title": "Imagine - John Lennon | Karaoke Version | KaraFun",
         "channel": "KaraFun Karaoke"},
        {"title": "Jealous Guy - John Lennon | Karaoke Version | KaraFun",
         "channel": "KaraFun Karaoke"},
    ] + [
        {"title": f"{song} - {artist} | Karaoke Version | KaraFun", "channel": "KaraFun Karaoke"}
        for song, artist in [("Without You", "Mariah Carey"), ("Linger", "The Cranberries"),
                             ("Layla", "Eric Clapton"), ("Tears in Heaven", "Eric Clapton")]
    ]
    src = write_jsonl(tmp_path / "in.jsonl", lines)
    res = runner.invoke(cli, ["parse", str(src)])
    assert res.exit_code == 0, res.output
    out = [json.loads(x) for x in res.output.splitlines()]
    assert [o["title"] for o in out] == [x["title"] for x in lines]
    assert (out[0]["artist"], out[0]["song"]) == ("The Cranberries", "Zombie")
    assert (out[1]["artist"], out[1]["song"]) == ("Queen", "Bohemian Rhapsody")
    assert (out[2]["artist"], out[2]["song"]) == ("Mariah Carey", "Hero")
    assert {"featured_artists", "confidence"} <= set(out[0])


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["collect-channel", "not a url"], "is not a channel URL"),
        (["collect-channel", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"],
         "not a channel or playlist URL"),
        (["collect-channel", "/no/such/file.json"], "is not a channel URL"),
        (["--config", "missing.yaml", "stats"], "config file not found"),
    ],
)
def test_bad_input_is_one_line(runner, db_path: Path, args, needle) -> None:
    res = runner.invoke(cli, ["--db", str(db_path), *args])
    assert res.exit_code == 1
    assert res.output.startswith("Error: ") and needle in res.output
    assert "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_malformed_export_keeps_stored_rows(runner, db_path: Path, tmp_path) -> None:
    invoke(runner, db_path, "collect-channel", KARAFUN, "--offline")
    bad = tmp_path / "bad.json"
    bad.write_text('{"_type": "playlist", "entries": [{"id": "x", "title": ')
    res = runner.invoke(cli, ["--db", str(db_path), "collect-channel", str(bad)])
    assert res.exit_code == 1 and "malformed JSON" in res.output
    assert "Traceback" not in res.output
    assert sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM videos").fetchone()[0] == 61


def test_database_that_is_not_sqlite(runner, tmp_path) -> None:
    db = tmp_path / "x.db"
    db.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    res = runner.invoke(cli, ["--db", str(db), "collect-channel", KARAFUN, "--offline"])
    assert res.exit_code == 1 and "not an SQLite database" in res.output
    assert db.read_bytes().startswith(b"\x89PNG")


def test_database_newer_than_code(runner, tmp_path) -> None:
    db = tmp_path / "x.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE videos (video_id TEXT)")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    res = runner.invoke(cli, ["--db", str(db), "stats"])
    assert res.exit_code == 1 and "newer than this karaoke-collector supports" in res.output


def test_bad_config_value_from_cli(runner, tmp_path) -> None:
    (tmp_path / "config.yaml").write_text("data_sources:\n  discogs:\n    burst: -1\n")
    res = runner.invoke(cli, ["stats"])
    assert res.exit_code == 1
    assert "config.yaml: 'data_sources.discogs.burst' = -1 is out of range" in res.output


def test_help_lists_every_command(runner) -> None:
    res = runner.invoke(cli, ["--help"])
    for name in ("collect-channel", "enrich", "stats", "export", "parse", "config"):
        assert name in res.output
    res = runner.invoke(cli, ["collect-channel", "--help"])
    for flag in ("--multi-pass", "--offline", "--limit", "--since"):
        assert flag in res.output


def test_enrich_without_lookup_passes_reports_what_is_pending(runner, db_path, tmp_path) -> None:
    invoke(runner, db_path, "collect-channel", KARAFUN, "--offline")
    cfg = tmp_path / "off.yaml"
    cfg.write_text("data_sources:\n  musicbrainz:\n    enabled: false\n")
    res = runner.invoke(cli, ["--config", str(cfg), "--db", str(db_path), "enrich"])
    assert res.exit_code == 0, res.output
    assert "pending now 61" in res.output and "musicbrainz_search pass disabled" in res.output
    assert "no lookup pass is enabled" in res.output


def test_runs_use_uvloop_when_installed_and_asyncio_without(monkeypatch) -> None:
    """The loop that really runs a pipeline: uvloop where it is installed, else asyncio's."""
    import builtins
    import importlib.util

    from collector import cli as cli_module
    from collector.models import RunSummary

    loops: list[str] = []

    async def probe(stop) -> RunSummary:
        loops.append(type(asyncio.get_running_loop()).__module__.split(".")[0])
        return RunSummary()

    assert cli_module._run_with_stop(probe) is not None
    assert loops == ["uvloop" if importlib.util.find_spec("uvloop") else "asyncio"]
    real_import = builtins.__import__

    def no_uvloop(name, *args, **kwargs):
        if name == "uvloop":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_uvloop)
    assert cli_module._run_with_stop(probe) is not None  # a run still works without it
    assert loops[1] == "asyncio"
