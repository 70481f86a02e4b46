"""Scale: N videos with enrichment against the local servers in mirror mode.

Both services unpaced (a self-hosted mirror: requests_per_second 0, a large Discogs
budget) with 20 ms of server latency. The servers run in a process of their own
(tests/servers/standalone.py) and the collector in another; prints songs per second,
the collector's peak RSS and its CPU time per video (our own overhead: the time not
spent waiting on the network), with the start-up cost (imports, opening the database:
measured on a 10-video run) shown apart.

    python bench/scale.py [N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import titles_export, write_config  # noqa: E402
from tests.servers import e2e_catalog  # noqa: E402


def run_once(n: int, tmp: Path, latency: float = 0.02) -> dict[str, float]:
    servers = subprocess.Popen(
        [sys.executable, "-m", "tests.servers.standalone", str(n), "--latency", str(latency),
         "--discogs-window", "0.1"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert servers.stdin is not None and servers.stdout is not None
    urls = json.loads(servers.stdout.readline())
    src = titles_export(tmp / f"channel{n}.jsonl", [t for t, _, _ in e2e_catalog.channel(n)])
    db = tmp / f"s{n}-{time.monotonic_ns()}.db"
    cfg = write_config(tmp / "c.yaml", mb_url=urls["musicbrainz"], mb_rps=0, db=str(db),
                       discogs_url=urls["discogs"], discogs_rpm=240, discogs_burst=60,
                       discogs_window=0.1, extra="multi_pass:\n  concurrency: 16\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DISCOGS_TOKEN": urls["token"]}
    gnu_time = ["/usr/bin/time", "-v"] if os.path.exists("/usr/bin/time") else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([*gnu_time, sys.executable, "-m", "collector", "--config", str(cfg),
                           "collect-channel", str(src), "--multi-pass"],
                          env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    servers.stdin.close()
    counts = json.loads(servers.stdout.readline())
    servers.wait()
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-2000:])
    con = sqlite3.connect(db)
    complete = con.execute("SELECT COUNT(*) FROM videos WHERE enrichment_status = 'complete'"
                           ).fetchone()[0]
    with_year = con.execute("SELECT COUNT(*) FROM merged_metadata WHERE year IS NOT NULL"
                            ).fetchone()[0]
    con.close()
    peak_kb = next((int(line.split(":")[1]) for line in proc.stderr.splitlines()
                    if "Maximum resident set size" in line), after.ru_maxrss)
    return {"wall": wall, "complete": complete, "with_year": with_year, "peak_mb": peak_kb / 1024,
            "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            "mb_requests": counts["musicbrainz_requests"],
            "dg_requests": counts["discogs_requests"]}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=50_000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--latency", type=float, default=0.02, help="server latency, seconds")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        startup = statistics.median(run_once(10, tmp)["cpu"] for _ in range(3))
        runs = [run_once(args.n, tmp, args.latency) for _ in range(args.repeat)]
    n = args.n
    r = runs[0]
    per_video = sorted((x["cpu"] - startup) / n * 1000 for x in runs)
    print(f"videos:                {n} ({r['complete']} complete, {r['with_year']} with a year)")
    print(f"requests:              MusicBrainz {r['mb_requests']}, Discogs {r['dg_requests']}")
    print(f"wall time:             {r['wall']:.1f} s, {n / r['wall']:.0f} videos/s")
    print(f"peak RSS (collector):  {max(x['peak_mb'] for x in runs):.0f} MB")
    print(f"start-up CPU:          {startup:.2f} s (imports, database; once per run)")
    print(f"CPU per video:         {statistics.median(per_video):.2f} ms (our own overhead; "
          f"runs: {', '.join(f'{v:.2f}' for v in per_video)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
