"""Ingest benchmark: collect a 50,000-video -J export with --offline.

Prints wall time, videos per second and the collector process's peak RSS. Runs the real
CLI in a child process, so the figures are what a user sees.

    python bench/ingest.py [N]
"""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from make_export import build  # noqa: E402


def main(n: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        export = build(n, Path(tmp) / "channel.json")
        db = Path(tmp) / "bench.db"
        size_mb = export.stat().st_size / 1e6
        cmd = [sys.executable, "-m", "collector", "--db", str(db), "collect-channel",
               str(export), "--offline"]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            print(proc.stderr)
            return 1
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        stored = sqlite3.connect(db).execute("SELECT COUNT(*) FROM videos").fetchone()[0]
        t1 = time.perf_counter()
        proc2 = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        rerun = time.perf_counter() - t1
        stored2 = sqlite3.connect(db).execute("SELECT COUNT(*) FROM videos").fetchone()[0]
    print(f"export:          {n} videos, {size_mb:.1f} MB (-J JSON)")
    print(f"wall time:       {wall:.2f} s")
    print(f"videos/s:        {n / wall:,.0f}")
    print(f"peak RSS:        {peak_mb:.0f} MB")
    print(f"stored:          {stored}")
    print(f"re-run:          {rerun:.2f} s, rows after: {stored2} ({proc2.stdout.strip()})")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000))
