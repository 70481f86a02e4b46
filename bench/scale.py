"""Scale: N videos with enrichment against the local servers in mirror mode.

Both services unpaced (a self-hosted mirror: requests_per_second 0, a large Discogs
budget) with 20 ms of server latency. The collector runs in a child process; prints
songs per second, the child's peak RSS and its CPU time per video (our own overhead:
the time not spent waiting on the network).

    python bench/scale.py [N]
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
sys.path.insert(0, str(ROOT))

from tests.conftest import titles_export, write_config  # noqa: E402
from tests.servers import e2e_catalog  # noqa: E402
from tests.servers.discogs import DiscogsServer  # noqa: E402
from tests.servers.musicbrainz import MusicBrainzServer  # noqa: E402
from tests.servers.runner import serve  # noqa: E402


def main(n: int) -> int:
    songs = e2e_catalog.channel(n)
    mb = MusicBrainzServer(e2e_catalog.musicbrainz(songs), min_interval=0.0, latency=0.02)
    dg = DiscogsServer(e2e_catalog.discogs(songs), limit=1_000_000, window=0.1, latency=0.02)
    with tempfile.TemporaryDirectory() as tmp_name, serve(mb.app()) as mb_url, \
            serve(dg.app()) as dg_url:
        tmp = Path(tmp_name)
        src = titles_export(tmp / "channel.jsonl", [t for t, _, _ in songs])
        cfg = write_config(tmp / "c.yaml", mb_url=mb_url, mb_rps=0, db=str(tmp / "s.db"),
                           discogs_url=dg_url, discogs_rpm=240, discogs_burst=60,
                           discogs_window=0.1,
                           extra="multi_pass:\n  concurrency: 16\n")
        env = {**os.environ, "PYTHONPATH": str(ROOT), "DISCOGS_TOKEN": dg.token}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        # ru_maxrss of a child counts pages it shared with this (large) process between
        # fork and exec; GNU time measures the collector alone.
        gnu_time = ["/usr/bin/time", "-v"] if os.path.exists("/usr/bin/time") else []
        t0 = time.perf_counter()
        proc = subprocess.run([*gnu_time, sys.executable, "-m", "collector", "--config",
                               str(cfg), "collect-channel", str(src), "--multi-pass"],
                              env=env, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            print(proc.stderr[-2000:])
            return 1
        db = sqlite3.connect(tmp / "s.db")
        complete = db.execute("SELECT COUNT(*) FROM videos WHERE enrichment_status = "
                              "'complete'").fetchone()[0]
        with_year = db.execute("SELECT COUNT(*) FROM merged_metadata WHERE year IS NOT NULL"
                               ).fetchone()[0]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak_kb = next((int(line.split(":")[1]) for line in proc.stderr.splitlines()
                    if "Maximum resident set size" in line), after.ru_maxrss)
    print(f"videos:                {n} ({complete} complete, {with_year} with a year)")
    print(f"requests:              MusicBrainz {mb.requests}, Discogs {dg.requests}")
    print(f"wall time:             {wall:.1f} s, {n / wall:.0f} videos/s")
    print(f"peak RSS (collector):  {peak_kb / 1024:.0f} MB")
    print(f"CPU per video:         {cpu / n * 1000:.2f} ms (our own overhead)")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000))
