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
