"""Killing or interrupting a collection run, then running it again."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, make_entries, write_jsonl

N = 30_000


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return conn.execute("SELECT COUNT(*) FROM videos").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _start(db: Path, src: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "collector", "--db", str(db), "collect-channel", str(src),
         "--offline"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _wait_for_rows(proc: subprocess.Popen, db: Path, minimum: int) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        n = _count(db)
        if n >= minimum or proc.poll() is not None:
            return n
        time.sleep(0.01)
    raise AssertionError("collector wrote nothing in 60 s")


@pytest.fixture
def big_export(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "big.jsonl", make_entries(N))


def test_sigkill_midway_then_rerun_stores_each_video_once(tmp_path: Path, big_export) -> None:
    db = tmp_path / "k.db"
    proc = _start(db, big_export)
    seen = _wait_for_rows(proc, db, 1000)
    proc.kill()
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert 0 < seen < N
    partial = _count(db)
    assert partial < N
    rerun = _start(db, big_export)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert f"listed {N}, new {N - partial}" in out
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT video_id) FROM videos").fetchone() \
        == (N, N)
    statuses = dict(conn.execute("SELECT run_id, status FROM collection_runs").fetchall())
    assert sorted(statuses.values()) == ["completed", "interrupted"]


def test_ctrl_c_stops_cleanly_with_exit_130(tmp_path: Path, big_export) -> None:
    db = tmp_path / "c.db"
    proc = _start(db, big_export)
    _wait_for_rows(proc, db, 1000)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.fail("the run finished before Ctrl-C arrived")
    assert proc.returncode == 130, err
    assert "Stopping" in err and "Traceback" not in err
    assert "listed" in out  # the summary is printed
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT COUNT(*) FROM videos").fetchone()[0]
    run = conn.execute("SELECT status, listed, new FROM collection_runs").fetchone()
    assert run[0] == "interrupted"
    assert run[2] == stored  # every write the summary counted is in the database



def _read_stderr_until(proc: subprocess.Popen, needle: str, timeout: float) -> str:
    """Read the child's stderr line by line until ``needle`` appears."""
    seen = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        seen += line
        if needle in line:
            return seen
    raise AssertionError(f"{needle!r} not printed in {timeout} s: {seen!r}")


def _multi_pass(tmp_path: Path, mb_url: str, n: int) -> tuple[subprocess.Popen, Path]:
    """A multi-pass run of n videos against MusicBrainz at mb_url (timeout 30 s)."""
    db = tmp_path / "mp.db"
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"database:\n  path: {db}\ndata_sources:\n  musicbrainz:\n"
                   f"    base_url: {mb_url}\n    requests_per_second: 1.0\n"
                   "    timeout_seconds: 30\n    max_retries: 3\n"
                   "multi_pass:\n  concurrency: 8\n", encoding="utf-8")
    src = write_jsonl(tmp_path / "c.jsonl", make_entries(n))
    proc = subprocess.Popen(
        [sys.executable, "-m", "collector", "--config", str(cfg), "collect-channel", str(src),
         "--multi-pass"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    _wait_for_rows(proc, db, n)
    time.sleep(0.5)  # lookups (and their waits) are under way
    return proc, db


def _end(proc: subprocess.Popen, timeout: float) -> tuple[str, str, float]:
    start = time.monotonic()
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return out, err, time.monotonic() - start


def _assert_interrupted_and_pending(db: Path, n: int) -> None:
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT status FROM collection_runs").fetchall() == [("interrupted",)]
    assert conn.execute("SELECT COUNT(*) FROM videos WHERE enrichment_status = 'pending'"
                        ).fetchone()[0] == n


def test_second_ctrl_c_aborts_at_once_and_records_the_run(tmp_path: Path) -> None:
    # Every answer takes 8 s: after the first Ctrl-C the requests on the wire would keep
    # the run alive that long; the second Ctrl-C must not wait for them.
    from tests.servers import e2e_catalog
    from tests.servers.musicbrainz import MusicBrainzServer
    from tests.servers.runner import serve

    server = MusicBrainzServer(e2e_catalog.musicbrainz(e2e_catalog.channel(10)),
                               min_interval=0.0, latency=8.0)
    with serve(server.app()) as url:
        proc, db = _multi_pass(tmp_path, url, 40)
        proc.send_signal(signal.SIGINT)
        _read_stderr_until(proc, "Stopping", 10)
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        out, err, elapsed = _end(proc, 30)
    assert proc.returncode == 130, err
    assert elapsed < 2.0, f"the second Ctrl-C took {elapsed:.1f} s"
    for bad in ("Traceback", "Task was destroyed", "Unclosed client session", "RuntimeError"):
        assert bad not in err, err
    _assert_interrupted_and_pending(db, 40)


def test_first_ctrl_c_stops_retry_waits(tmp_path: Path) -> None:
    """After one Ctrl-C the run ends at once, not after every in-flight retry and wait."""
    from tests.servers import e2e_catalog
    from tests.servers.faults import FaultPlan
    from tests.servers.musicbrainz import MusicBrainzServer
    from tests.servers.runner import serve

    server = MusicBrainzServer(e2e_catalog.musicbrainz(e2e_catalog.channel(10)),
                               min_interval=0.0, random_faults=FaultPlan({"5xx": 1.0}))
    with serve(server.app()) as url:
        proc, db = _multi_pass(tmp_path, url, 100)
        proc.send_signal(signal.SIGINT)
        out, err, elapsed = _end(proc, 60)
    assert proc.returncode == 130, err
    assert elapsed < 3.0, f"the first Ctrl-C took {elapsed:.1f} s to end the run"
    assert "Traceback" not in err and "listed 100" in out
    _assert_interrupted_and_pending(db, 100)


def test_interrupted_enrich_reports_what_is_still_pending(tmp_path: Path) -> None:
    """The summary's pending count is the database's, not the videos this run reached."""
    from tests.servers import e2e_catalog
    from tests.servers.musicbrainz import MusicBrainzServer
    from tests.servers.runner import serve

    db = tmp_path / "e.db"
    src = write_jsonl(tmp_path / "c.jsonl", make_entries(3000))
    first = subprocess.run([sys.executable, "-m", "collector", "--db", str(db),
                            "collect-channel", str(src), "--offline"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=60,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert first.returncode == 0 and "pending 3000" in first.stdout, first.stderr
    server = MusicBrainzServer(e2e_catalog.musicbrainz(e2e_catalog.channel(10)),
                               min_interval=0.0, latency=1.0)
    with serve(server.app()) as url:
        cfg = tmp_path / "config.yaml"
        cfg.write_text(f"database:\n  path: {db}\ndata_sources:\n  musicbrainz:\n"
                       f"    base_url: {url}\n    requests_per_second: 1\n"
                       "multi_pass:\n  concurrency: 2\n", encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "collector", "--config", str(cfg),
                                 "enrich"], cwd=tmp_path, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        time.sleep(2.5)
        proc.send_signal(signal.SIGINT)
        out, err, _ = _end(proc, 30)
    assert proc.returncode == 130, err
    pending = sqlite3.connect(db).execute(
        "SELECT COUNT(*) FROM videos WHERE enrichment_status = 'pending'").fetchone()[0]
    assert pending > 0
    assert f"pending now {pending}" in out, out
    taken = int(out.split("took ", 1)[1].split(" ", 1)[0])
    assert taken < pending  # the run stopped before it reached most of them


def test_halt_ends_a_clients_waits_and_only_those() -> None:
    import asyncio

    from collector.services.session import Halted, SessionClient
    from collector.services.stats import Stats

    async def main() -> None:
        client = SessionClient(Stats(), 5.0)
        waiting = asyncio.create_task(client._pause(30))
        await asyncio.sleep(0.01)
        start = time.monotonic()
        client.halt()
        with pytest.raises(Halted):
            await waiting
        assert time.monotonic() - start < 1.0
        assert not waiting.cancelled() and waiting.cancelling() == 0
        with pytest.raises(Halted):  # halted: a new wait ends before it starts
            await client._pause(0.01)
        other = SessionClient(Stats(), 5.0)
        cancelled = asyncio.create_task(other._pause(30))
        await asyncio.sleep(0.01)
        cancelled.cancel()  # not a halt: a cancellation stays a cancellation
        with pytest.raises(asyncio.CancelledError):
            await cancelled

    asyncio.run(main())


def test_ctrl_c_while_the_listing_waits_on_the_network(tmp_path: Path) -> None:
    """yt-dlp blocks in a thread that cannot be interrupted: Ctrl-C must not wait for it."""
    import asyncio

    from aiohttp import web

    from tests.servers.feeds import DEFAULT_VIDEOS, rss_feed
    from tests.servers.runner import serve

    async def slow_feed(_request: web.Request) -> web.Response:
        await asyncio.sleep(6)
        return web.Response(text=rss_feed("Slow Karaoke", DEFAULT_VIDEOS),
                            content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/feed.xml", slow_feed)
    db = tmp_path / "l.db"
    with serve(app) as base:
        proc = subprocess.Popen(
            [sys.executable, "-m", "collector", "--db", str(db), "collect-channel",
             base + "/feed.xml", "--offline"],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        time.sleep(2.0)  # started, and waiting for the feed
        proc.send_signal(signal.SIGINT)
        out, err, elapsed = _end(proc, 30)
    assert proc.returncode == 130, err
    assert elapsed < 2.0, f"Ctrl-C waited {elapsed:.1f} s for the listing"
    assert "Traceback" not in err and "listed 0" in out
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT status FROM collection_runs").fetchall() == [("interrupted",)]
