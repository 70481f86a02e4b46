"""Operating the Discogs integration: discogs_cli, monitor, rollout, prototype, setup."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from collector.discogs_cli import discogs
from collector.migrations import build_legacy
from collector.schema import SCHEMA_VERSION
from tests.conftest import ROOT, titles_export, write_config
from tests.servers.discogs import DiscogsServer
from tests.servers.discogs_catalog import popular_catalog, trap_catalog
from tests.servers.runner import serve

TOKEN = "test-token-123"
TITLES = ["Toto - Africa (Karaoke Version)", "Metallica - The Unforgiven (Karaoke Version)",
          "Adele - Hello (Karaoke Version)"]


def collect(runner, tmp_path: Path, server: DiscogsServer, token: str = TOKEN) -> Path:
    from collector.cli import cli

    with serve(server.app()) as base:
        cfg = write_config(tmp_path / "config.yaml", discogs_url=base, mb_enabled=False,
                           discogs_window=3.0)
        src = titles_export(tmp_path / "c.jsonl", TITLES)
        res = runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(src),
                                  "--multi-pass"], env={"DISCOGS_TOKEN": token})
        assert res.exit_code == 0, res.output
    return cfg


def ops(runner, cfg: Path, *args: str, token: str | None = TOKEN):
    env = {"DISCOGS_TOKEN": token} if token else {}
    return runner.invoke(discogs, ["--config", str(cfg), *args], env=env)


def test_status_before_and_after_a_run(runner, tmp_path) -> None:
    cfg = write_config(tmp_path / "config.yaml", discogs_url="http://127.0.0.1:9",
                       mb_enabled=False)
    res = ops(runner, cfg, "status")
    assert res.exit_code == 0
    assert "enabled:              yes" in res.output and "catalog.db does not exist" in res.output
    assert TOKEN not in res.output and "****" in res.output
    collect(runner, tmp_path, DiscogsServer(trap_catalog(), window=3.0))
    res = ops(runner, cfg, "status")
    assert "discogs_data:         3 match" in res.output and "videos:               3" \
        in res.output


def test_health_states_and_exit_codes(runner, tmp_path) -> None:
    cfg = write_config(tmp_path / "config.yaml", mb_enabled=False)
    res = ops(runner, cfg, "health-check")
    assert (res.exit_code, res.output.split()[0]) == (0, "idle")
    collect(runner, tmp_path, DiscogsServer(trap_catalog(), window=3.0))
    res = ops(runner, cfg, "health-check")
    assert (res.exit_code, res.output.split()[0]) == (0, "healthy"), res.output
    db = sqlite3.connect(tmp_path / "catalog.db")

    def add_run(stats: dict) -> None:
        db.execute("INSERT INTO collection_runs (command, started_at, finished_at, status, "
                   "stats) VALUES ('collect-channel', '2026-01-01', '2026-01-01', "
                   "'completed', ?)", (json.dumps(stats),))
        db.commit()

    add_run({"discogs/request": 100, "discogs/response/200": 90, "discogs/response/429": 10})
    res = ops(runner, cfg, "health-check")
    assert res.exit_code == 1 and res.output.startswith("degraded"), res.output
    assert "rate limited" in res.output
    add_run({"discogs/request": 200, "discogs/response/401": 200})
    res = ops(runner, cfg, "health-check")
    assert res.exit_code == 2 and res.output.startswith("unhealthy"), res.output
    assert "rejected the token" in res.output and "below 80%" in res.output


def test_unhealthy_after_a_real_run_with_a_bad_token(runner, tmp_path) -> None:
    cfg = collect(runner, tmp_path, DiscogsServer(trap_catalog(), window=3.0), token="bad")
    res = ops(runner, cfg, "health-check")
    assert res.exit_code == 2 and "unhealthy" in res.output


def test_test_connection(runner, tmp_path) -> None:
    server = DiscogsServer(trap_catalog())
    with serve(server.app()) as base:
        cfg = write_config(tmp_path / "config.yaml", discogs_url=base)
        res = ops(runner, cfg, "test-connection")
        assert res.exit_code == 0 and "OK: authenticated as tester" in res.output
        assert "X-Discogs-Ratelimit: 60" in res.output
        assert "X-Discogs-Ratelimit-Remaining: 59" in res.output
        res = ops(runner, cfg, "test-connection", token="wrong")
        assert res.exit_code == 1 and "Error: the token was rejected (HTTP 401)" in res.stderr
        assert "wrong" not in res.output.replace("wrong:", "")
    res = ops(runner, cfg, "test-connection")
    assert res.exit_code == 1 and "Error: cannot reach 127.0.0.1: connection refused" in res.stderr
    res = ops(runner, cfg, "test-connection", token=None)
    assert res.exit_code == 1 and "no Discogs token" in res.output
    assert server.requests == 2


def test_export_metrics_json_and_prometheus(runner, tmp_path) -> None:
    server = DiscogsServer(trap_catalog(), window=3.0)
    cfg = collect(runner, tmp_path, server)
    res = ops(runner, cfg, "export-metrics", "--format", "json")
    data = json.loads(res.output)
    c = data["cumulative"]
    assert c["requests"] == server.requests >= len(TITLES)
    assert c["success_rate"] == 1.0 and c["failures"] == {}
    assert data["data_quality"]["videos"] == 3 and data["data_quality"]["label_share"] == 1.0
    assert data["data_quality"]["discogs_added_years"] == 3
    assert data["health"]["state"] == "healthy"
    out = tmp_path / "metrics.prom"
    res = ops(runner, cfg, "export-metrics", "--format", "prometheus", "--output", str(out))
    text = out.read_text()
    assert f"karaoke_discogs_requests_total {c['requests']}" in text
    assert 'karaoke_discogs_health{state="healthy"} 1' in text
    assert TOKEN not in text and TOKEN not in res.output


# ------------------------------------------------------------------ rollout


def run_script(script: str, cwd: Path, *args: str, token: str | None = TOKEN,
               timeout: float = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCOGS")}
    if token:
        env["DISCOGS_TOKEN"] = token
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, str(ROOT / script), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def snapshot(directory: Path) -> dict[str, str]:
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture
def legacy_db(tmp_path: Path) -> Path:
    db = tmp_path / "catalog.db"
    conn = sqlite3.connect(db)
    build_legacy(conn, 2)
    conn.executemany("INSERT INTO videos (video_id, title, artist, song) VALUES (?, ?, ?, ?)",
                     [(f"v{i}", f"A{i} - S{i}", f"A{i}", f"S{i}") for i in range(25)])
    conn.commit()
    conn.close()
    return db


def rollout_config(tmp_path: Path, base: str) -> Path:
    text = (ROOT / "config.yaml").read_text()
    text = text.replace("base_url: https://api.discogs.com", f"base_url: {base}")
    text = text.replace("rate_window_seconds: 60.0", "rate_window_seconds: 3.0")
    text = text.replace("path: karaoke.db", "path: catalog.db")
    cfg = tmp_path / "config.yaml"
    cfg.write_text(text)
    return cfg


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def content(db: Path) -> tuple[int, list[str]]:
    """What a database holds (schema version and every row), whatever its page layout."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0], list(conn.iterdump())
    finally:
        conn.close()


def test_rollout_end_to_end(tmp_path, legacy_db) -> None:
    with serve(DiscogsServer(trap_catalog(), window=3.0).app()) as base:
        cfg = rollout_config(tmp_path, base)
        os.chmod(cfg, 0o644)
        os.chmod(legacy_db, 0o644)
        res = run_script("discogs_rollout.py", tmp_path, "--yes")
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout.count("PASS") == 7 and "Rollout complete" in res.stdout
    assert "data_sources.discogs.enabled: true" in res.stdout
    from collector.config import load_config

    assert load_config(cfg, {}).discogs.enabled is True
    assert "# Fallback lookups in Discogs" in cfg.read_text()  # comments kept
    backups = sorted(p.name for p in tmp_path.glob("*.pre-discogs-*.bak"))
    assert len(backups) == 2  # the database and the config
    conn = sqlite3.connect(legacy_db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT COUNT(*) FROM videos").fetchone()[0] == 25
    old = sqlite3.connect(tmp_path / next(b for b in backups if b.startswith("catalog.db")))
    assert old.execute("PRAGMA user_version").fetchone()[0] == 2
    assert old.execute("SELECT COUNT(*) FROM videos").fetchone()[0] == 25
    # Backups may hold the token (config) and the catalog: the owner's only.
    assert [mode(tmp_path / b) for b in backups] == [0o600, 0o600]
    assert mode(cfg) == 0o644  # the config keeps its own permissions


def test_rollout_backs_up_a_live_wal_database(tmp_path) -> None:
    """Rows still in the WAL file of an open database are in the backup (SQLite's backup
    API, not a byte copy of the main file)."""
    db = tmp_path / "catalog.db"
    live = sqlite3.connect(db, isolation_level=None)
    live.execute("PRAGMA journal_mode=WAL")
    live.execute("PRAGMA wal_autocheckpoint=0")  # keep every change in the -wal file
    build_legacy(live, 2)
    live.executemany("INSERT INTO videos (video_id, title) VALUES (?, ?)",
                     [(f"w{i}", f"A - S{i}") for i in range(40)])
    assert Path(str(db) + "-wal").stat().st_size > 0
    try:
        with serve(DiscogsServer(trap_catalog(), window=3.0).app()) as base:
            rollout_config(tmp_path, base)
            res = run_script("discogs_rollout.py", tmp_path, "--yes")
    finally:
        live.close()
    assert res.returncode == 0, res.stdout + res.stderr
    backup = next(tmp_path.glob("catalog.db.pre-discogs-*.bak"))
    assert not Path(str(backup) + "-wal").exists()  # self-contained
    version, dump = content(backup)
    assert version == 2 and sum("INSERT INTO \"videos\"" in line for line in dump) == 40


def test_rollout_smoke_test_retries_a_5xx_and_a_429(tmp_path, legacy_db) -> None:
    """A transient 503 and a 429 during the smoke test are retried, not rolled back."""
    # The first request (the token check) is answered; the next two fail once each.
    server = DiscogsServer(trap_catalog(), window=3.0, faults=["", "503", "429"])
    with serve(server.app()) as base:
        rollout_config(tmp_path, base)
        res = run_script("discogs_rollout.py", tmp_path, "--yes")
    assert server.faults == []  # both faults were served
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout.count("PASS") == 7 and "Rolled back" not in res.stdout
    assert "3/3 sample songs matched" in res.stdout
    assert "1 429s (retried)" in res.stdout


def test_rollout_smoke_test_survives_a_song_that_keeps_failing(tmp_path, legacy_db) -> None:
    """A song whose lookup fails on every retry is reported; the other songs decide."""
    server = DiscogsServer(trap_catalog(), window=3.0, faults=["", "500", "500", "500", "500"])
    with serve(server.app()) as base:
        rollout_config(tmp_path, base)
        res = run_script("discogs_rollout.py", tmp_path, "--yes")
    assert "unexpected" not in res.stdout
    assert "Toto - Africa: not answered (Discogs answered HTTP 500)" in res.stdout
    assert "2/3 sample songs matched" in res.stdout and "[4/7] PASS" in res.stdout


def test_rollout_writes_the_new_config_private_from_the_start(tmp_path, monkeypatch) -> None:
    """The temporary config (it may hold the token) is 0600 before the first byte lands."""
    import discogs_rollout

    cfg = tmp_path / "config.yaml"
    cfg.write_text("data_sources:\n  discogs:\n    enabled: false\n    token: secret-tok\n")
    os.chmod(cfg, 0o640)
    seen: dict[str, int] = {}
    real_replace = os.replace

    def spy(src, dst):
        seen[Path(src).name] = mode(Path(src))
        real_replace(src, dst)

    monkeypatch.setattr(discogs_rollout.os, "replace", spy)
    old_umask = os.umask(0o022)
    try:
        detail = discogs_rollout.Rollout(cfg, None, dry_run=False).phase_enable()
    finally:
        os.umask(old_umask)
    assert "enabled: true" in detail and "enabled: true" in cfg.read_text()
    assert seen == {".config.yaml.tmp": 0o600}
    assert mode(cfg) == 0o640
    backup = next(tmp_path.glob("config.yaml.pre-discogs-*.bak"))
    assert mode(backup) == 0o600 and "secret-tok" in backup.read_text()


def test_rollout_failure_rolls_back(tmp_path, legacy_db) -> None:
    # Discogs knows none of the smoke-test songs: phase 4 fails after the migration.
    with serve(DiscogsServer([], window=3.0).app()) as base:
        cfg = rollout_config(tmp_path, base)
        before_db, before_cfg = content(legacy_db), cfg.read_bytes()
        res = run_script("discogs_rollout.py", tmp_path, "--yes")
    assert res.returncode == 1
    assert "[3/7] PASS" in res.stdout and "[4/7] FAIL smoke test" in res.stdout
    assert "Rolled back: restored" in res.stdout
    assert content(legacy_db) == before_db and cfg.read_bytes() == before_cfg
    assert before_db[0] == 2 and len(before_db[1]) > 25


def test_rollout_bad_token_fails_before_any_change(tmp_path, legacy_db) -> None:
    with serve(DiscogsServer(trap_catalog(), window=3.0).app()) as base:
        rollout_config(tmp_path, base)
        before = snapshot(tmp_path)
        res = run_script("discogs_rollout.py", tmp_path, "--yes", token="bad-token")
    assert res.returncode == 1 and "[2/7] FAIL token and connectivity" in res.stdout
    assert "Nothing was changed" in res.stdout and snapshot(tmp_path) == before
    assert "bad-token" not in res.stdout + res.stderr


def test_rollout_dry_run_changes_nothing(tmp_path, legacy_db) -> None:
    with serve(DiscogsServer(trap_catalog(), window=3.0).app()) as base:
        rollout_config(tmp_path, base)
        before = snapshot(tmp_path)
        res = run_script("discogs_rollout.py", tmp_path, "--dry-run")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "would back up" in res.stdout and "would set data_sources.discogs.enabled" \
        in res.stdout
    assert snapshot(tmp_path) == before


def test_rollout_needs_yes_without_a_terminal(tmp_path) -> None:
    res = run_script("discogs_rollout.py", tmp_path)
    assert res.returncode == 2 and "--yes" in res.stderr


# ------------------------------------------------------------------ prototype and setup


def fast_clock_config(tmp_path: Path) -> str:
    """The server's rules on a 2 s clock: the client must follow the same window."""
    path = tmp_path / "fast.yaml"
    path.write_text("data_sources:\n  discogs:\n    rate_window_seconds: 2.0\n")
    return str(path)


def test_prototype(tmp_path) -> None:
    fast = fast_clock_config(tmp_path)
    with serve(DiscogsServer(popular_catalog(), window=2.0).app()) as base:
        res = run_script("discogs_prototype.py", tmp_path, "--base-url", base, "--config", fast)
        assert res.returncode == 0, res.stdout + res.stderr
        assert "success rate: 100% (20/20)" in res.stdout
        assert "Toto - Africa: 1982 | Rock | Some Label" in res.stdout
        tracks = tmp_path / "tracks.txt"
        tracks.write_text("Toto - Africa\nNobody - Nothing\nNoone - Nowhere\n")
        res = run_script("discogs_prototype.py", tmp_path, "--base-url", base,
                         "--tracks", str(tracks), "--config", fast)
        assert res.returncode == 1 and "success rate: 33%" in res.stdout
        res = run_script("discogs_prototype.py", tmp_path, "--base-url", base, token="nope")
        assert res.returncode == 2 and "Error: the token was rejected" in res.stderr
    res = run_script("discogs_prototype.py", tmp_path, "--base-url", base)
    assert res.returncode == 2 and "Error: cannot reach 127.0.0.1: connection refused" in res.stderr
    res = run_script("discogs_prototype.py", tmp_path, token=None)
    assert res.returncode == 2 and "no Discogs token" in res.stderr


def test_setup_script(tmp_path) -> None:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    # The script's venv python must be the interpreter running the tests, with its
    # packages: a bare symlink to it would lack pyvenv.cfg and start the base Python,
    # which on a fresh machine has none of them (no aiohttp).
    python = venv / "bin" / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    (venv / ".installed").touch()  # newer than pyproject.toml: no reinstall
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCOGS")}
    env.update(VENV=str(venv), PYTHONPATH=str(ROOT))
    script = str(ROOT / "setup_discogs_test.sh")
    res = subprocess.run(["bash", script], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=60)
    assert res.returncode == 2 and "DISCOGS_TOKEN is not set" in res.stderr
    with serve(DiscogsServer(popular_catalog(), window=2.0).app()) as base:
        res = subprocess.run(["bash", script, "--base-url", base, "--config",
                              fast_clock_config(tmp_path)], cwd="/",
                             env={**env, "DISCOGS_TOKEN": TOKEN}, capture_output=True,
                             text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "DISCOGS_TOKEN is set (14 characters)" in res.stdout
    assert "success rate: 100%" in res.stdout and TOKEN not in res.stdout + res.stderr


def test_status_and_health_on_a_database_before_version_3(runner, tmp_path, legacy_db) -> None:
    cfg = write_config(tmp_path / "config.yaml", mb_enabled=False)
    before = legacy_db.read_bytes()
    res = ops(runner, cfg, "status")
    assert res.exit_code == 0 and "schema version 2" in res.output
    res = ops(runner, cfg, "health-check")
    assert res.exit_code == 0 and res.output.startswith("idle")
    assert legacy_db.read_bytes() == before  # read-only: nothing migrated
