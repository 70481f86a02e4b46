"""End-to-end fault run: a 2,000-video channel built from real titles, through
`collect-channel --multi-pass`, against local MusicBrainz and Discogs servers that
inject faults (5% 5xx, 2% malformed bodies, 1% connection resets, 0.5% timeouts, random
latency up to 2 s), then `enrich` until nothing is pending. Both servers enforce their
rate limits on a 20x clock (MusicBrainz 20 requests/s, Discogs 60 per 3 s).

Prints how every fault ended (retried or left pending and completed by `enrich`), the
429/503s caused by our pacing (should be 0), and whether every video is stored once.

    python bench/e2e.py [N]
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import titles_export, write_config  # noqa: E402
from tests.servers import e2e_catalog  # noqa: E402
from tests.servers.discogs import DiscogsServer  # noqa: E402
from tests.servers.faults import FaultPlan  # noqa: E402
from tests.servers.musicbrainz import MusicBrainzServer  # noqa: E402
from tests.servers.runner import run_collector, serve  # noqa: E402

RATES = {"5xx": 0.05, "malformed": 0.02, "reset": 0.01, "timeout": 0.005}


def run(cfg: Path, *args: str) -> str:
    """The last line the collector printed (its summary)."""
    return run_collector(cfg, *args).strip().splitlines()[-1]


def main(n: int) -> int:
    songs = e2e_catalog.channel(n)
    mb_faults = FaultPlan(dict(RATES), max_latency=2.0, timeout_seconds=20, seed=11)
    dg_faults = FaultPlan(dict(RATES), max_latency=2.0, timeout_seconds=20, seed=12)
    # Tolerance: the test server runs in this process, so its own stalls (GIL, other
    # server thread) can bunch arrivals by ~20 ms; on the real 1 s clock that is 2%.
    mb = MusicBrainzServer(e2e_catalog.musicbrainz(songs), min_interval=0.05, tolerance=0.02,
                           random_faults=mb_faults)
    dg = DiscogsServer(e2e_catalog.discogs(songs), limit=60, window=3.0,
                       random_faults=dg_faults)
    with tempfile.TemporaryDirectory() as tmp_name, serve(mb.app()) as mb_url, \
            serve(dg.app()) as dg_url:
        tmp = Path(tmp_name)
        src = titles_export(tmp / "channel.jsonl", [t for t, _, _ in songs])
        cfg = write_config(tmp / "c.yaml", mb_url=mb_url, mb_rps=20, db=str(tmp / "e.db"),
                           discogs_url=dg_url, discogs_rpm=60, discogs_window=3.0,
                           extra="multi_pass:\n  concurrency: 32\n")
        cfg.write_text(cfg.read_text().replace("timeout_seconds: 3", "timeout_seconds: 10")
                       .replace("timeout_seconds: 2", "timeout_seconds: 10"))
        t0 = time.perf_counter()
        print("collect:", run(cfg, "collect-channel", str(src), "--multi-pass"))
        first = time.perf_counter() - t0
        db = sqlite3.connect(tmp / "e.db")
        pending_after_collect = db.execute(
            "SELECT COUNT(*) FROM videos WHERE enrichment_status = 'pending'").fetchone()[0]
        rounds = 0
        while rounds < 5 and db.execute("SELECT COUNT(*) FROM videos WHERE enrichment_status "
                                        "IN ('pending', 'failed')").fetchone()[0]:
            rounds += 1
            print(f"enrich #{rounds}:", run(cfg, "enrich", "--retry-failed"))
        total = time.perf_counter() - t0
        rows, distinct = db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT video_id) FROM videos").fetchone()
        statuses = dict(db.execute("SELECT enrichment_status, COUNT(*) FROM videos GROUP BY 1"))
        retried = {}
        for (raw,) in db.execute("SELECT stats FROM collection_runs"):
            for k, v in json.loads(raw).items():
                if "/retry/" in k or k.endswith("/resend"):
                    retried[k] = retried.get(k, 0) + v
    print(f"videos:                      {n}; stored {rows} rows, {distinct} distinct")
    print(f"final statuses:              {statuses}")
    print(f"faults injected:             MusicBrainz {mb_faults.injected}, "
          f"Discogs {dg_faults.injected}")
    print(f"retried in-run:              {dict(sorted(retried.items()))}")
    print(f"pending after collect:       {pending_after_collect}, completed by "
          f"{rounds} enrich run(s)")
    print(f"503s/429s from our pacing:   MusicBrainz {mb.rejected_503}, Discogs "
          f"{dg.rejected_429}")
    print(f"requests:                    MusicBrainz {mb.requests}, Discogs {dg.requests}")
    print(f"time:                        collect {first:.0f} s, total {total:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
