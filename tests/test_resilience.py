"""Faults, kills and two collectors at once: nothing lost, nothing twice, little repeated."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT, make_entries, titles_export, write_config, write_jsonl
from tests.servers import e2e_catalog
from tests.servers.discogs import DiscogsServer
from tests.servers.faults import FaultPlan
from tests.servers.musicbrainz import MusicBrainzServer
from tests.servers.runner import serve

TOKEN = "test-token-123"
SNAPSHOT = """
SELECT v.video_id, v.artist, v.song, v.enrichment_status, mb.status, mb.recording_mbid,
       mb.year, d.status, d.master_id, d.year, m.year, m.year_source, m.genres, m.label
FROM videos v LEFT JOIN musicbrainz_data mb USING (video_id)
LEFT JOIN discogs_data d USING (video_id) LEFT JOIN merged_metadata m USING (video_id)
ORDER BY v.video_id"""


def start(cfg: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DISCOGS_TOKEN": TOKEN}
    return subprocess.Popen([sys.executable, "-m", "collector", "--config", str(cfg), *args],
                            cwd=cfg.parent, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen, timeout: float = 300) -> str:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err
    return out + err


_CATALOGS: dict[int, tuple[list, list]] = {}


def servers(songs, faults: FaultPlan | None = None, dfaults: FaultPlan | None = None):
    """Servers for these songs; the same catalog objects (and ids) every time."""
    key = id(songs)
    if key not in _CATALOGS:
        _CATALOGS[key] = (e2e_catalog.musicbrainz(songs), e2e_catalog.discogs(songs))
    mbcat, dcat = _CATALOGS[key]
    mb = MusicBrainzServer(mbcat, min_interval=0.04, tolerance=0.01, random_faults=faults)
    dg = DiscogsServer(dcat, limit=60, window=3.0, random_faults=dfaults)
    return mb, dg


def config(tmp: Path, name: str, mb_url: str, dg_url: str) -> Path:
    tmp.mkdir(exist_ok=True)
    return write_config(tmp / f"{name}.yaml", mb_url=mb_url, mb_rps=20, db=f"{name}.db",
                        discogs_url=dg_url, discogs_rpm=60, discogs_window=3.0,
                        discogs_burst=5)


def test_kill_five_times_then_resume_matches_an_uninterrupted_run(tmp_path: Path) -> None:
    songs = e2e_catalog.channel(160)
    src = titles_export(tmp_path / "channel.jsonl", [t for t, _, _ in songs])
    mb, dg = servers(songs)
    with serve(mb.app()) as mb_url, serve(dg.app()) as dg_url:
        clean = config(tmp_path, "clean", mb_url, dg_url)
        finish(start(clean, "collect-channel", str(src), "--multi-pass"))
        baseline = mb.requests + dg.requests
        mb.requests = dg.requests = 0
        killed = config(tmp_path, "killed", mb_url, dg_url)
        rng = random.Random(7)
        kills = 0
        for _ in range(5):
            proc = start(killed, "collect-channel", str(src), "--multi-pass")
            time.sleep(rng.uniform(0.8, 3.0))
            if proc.poll() is None:
                proc.kill()
                kills += 1
            proc.communicate(timeout=30)
        finish(start(killed, "collect-channel", str(src), "--multi-pass"))
        finish(start(killed, "enrich"))
        resumed = mb.requests + dg.requests
    assert kills >= 3, "the runs finished before they could be killed"
    a = sqlite3.connect(tmp_path / "clean.db").execute(SNAPSHOT).fetchall()
    b = sqlite3.connect(tmp_path / "killed.db").execute(SNAPSHOT).fetchall()
    assert len(a) == 160 and a == b
    assert resumed <= baseline * 1.05, (resumed, baseline)
    assert mb.rejected_503 == 0 and dg.rejected_429 == 0


def test_faults_end_as_retries_or_pending_that_enrich_completes(tmp_path: Path) -> None:
    songs = e2e_catalog.channel(240)
    src = titles_export(tmp_path / "channel.jsonl", [t for t, _, _ in songs])
    plan = {"5xx": 0.05, "malformed": 0.02, "reset": 0.01, "timeout": 0.005}
    # Batching asks MusicBrainz a few times for the whole channel: fault more of its requests.
    mb_plan = {kind: rate * 4 for kind, rate in plan.items()}
    mb, dg = servers(songs, FaultPlan(mb_plan, max_latency=0.3, timeout_seconds=4, seed=3),
                     FaultPlan(dict(plan), max_latency=0.3, timeout_seconds=4, seed=4))
    with serve(mb.app()) as mb_url, serve(dg.app()) as dg_url:
        cfg = config(tmp_path, "faulty", mb_url, dg_url)
        finish(start(cfg, "collect-channel", str(src), "--multi-pass"))
        for _ in range(3):  # later `enrich` runs complete what faults left pending
            finish(start(cfg, "enrich"))
    db = sqlite3.connect(tmp_path / "faulty.db")
    assert db.execute("SELECT COUNT(*), COUNT(DISTINCT video_id) FROM videos").fetchone() \
        == (240, 240)
    statuses = dict(db.execute("SELECT enrichment_status, COUNT(*) FROM videos GROUP BY 1"))
    assert statuses.get("pending", 0) == 0 and statuses.get("failed", 0) == 0, statuses
    injected = sum(mb.random_faults.injected.values()) + sum(dg.random_faults.injected.values())
    assert injected > 5
    assert mb.rejected_503 == 0 and dg.rejected_429 == 0  # none caused by our pacing
    # Same answers as without faults: compare with a clean run.
    mb2, dg2 = servers(songs)
    with serve(mb2.app()) as mb_url, serve(dg2.app()) as dg_url:
        finish(start(config(tmp_path, "clean", mb_url, dg_url), "collect-channel", str(src),
                     "--multi-pass"))
    clean = sqlite3.connect(tmp_path / "clean.db").execute(SNAPSHOT).fetchall()
    assert db.execute(SNAPSHOT).fetchall() == clean


def test_two_collectors_on_one_database(tmp_path: Path) -> None:
    a = write_jsonl(tmp_path / "a.jsonl",
                    make_entries(15_000, "Chan A", "UCaaaaaaaaaaaaaaaaaaaaaa"))
    b = write_jsonl(tmp_path / "b.jsonl", make_entries(15_000, "Chan B", "UCbbbbbbbbbbbbbbbbbbbbbb",
                                                       start=100_000))
    cfg = write_config(tmp_path / "c.yaml", db="shared.db")
    procs = [start(cfg, "collect-channel", str(src), "--offline") for src in (a, b)]
    outs = [finish(p) for p in procs]
    assert all("locked" not in o for o in outs)
    db = sqlite3.connect(tmp_path / "shared.db")
    assert db.execute("SELECT COUNT(*), COUNT(DISTINCT video_id) FROM videos").fetchone() \
        == (30_000, 30_000)
    assert dict(db.execute("SELECT channel_id, COUNT(*) FROM videos GROUP BY 1")) == {
        "UCaaaaaaaaaaaaaaaaaaaaaa": 15_000, "UCbbbbbbbbbbbbbbbbbbbbbb": 15_000}
    assert [r[0] for r in db.execute("SELECT status FROM collection_runs")] == [
        "completed", "completed"]


def test_ctrl_c_during_multi_pass_then_resume(tmp_path: Path) -> None:
    songs = e2e_catalog.channel(120)
    src = titles_export(tmp_path / "channel.jsonl", [t for t, _, _ in songs])
    mb, dg = servers(songs)
    with serve(mb.app()) as mb_url, serve(dg.app()) as dg_url:
        cfg = config(tmp_path, "c", mb_url, dg_url)
        proc = start(cfg, "collect-channel", str(src), "--multi-pass")
        time.sleep(2.0)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err
        assert "listed" in out and "Traceback" not in err
        finish(start(cfg, "enrich"))
    db = sqlite3.connect(tmp_path / "c.db")
    assert db.execute("SELECT COUNT(*) FROM videos").fetchone()[0] == 120
    assert db.execute("SELECT COUNT(*) FROM videos WHERE enrichment_status = 'pending'"
                      ).fetchone()[0] == 0
