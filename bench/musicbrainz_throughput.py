"""MusicBrainz pass throughput against the local ws/2 test server.

Runs `collect-channel --multi-pass` over N distinct songs twice: first at the default
pace (1 request/s, the real service's limit), then again over the same songs (the
response cache answers). Prints requests per song, songs per second, 503s and the cache
hit rate. A third run in mirror mode (unpaced, 20 ms server latency) shows our own cost.

    python bench/musicbrainz_throughput.py [N]
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

from click.testing import CliRunner  # noqa: E402

from collector.cli import cli  # noqa: E402
from tests.conftest import titles_export, write_config  # noqa: E402
from tests.servers.musicbrainz import MusicBrainzServer  # noqa: E402
from tests.servers.musicbrainz_catalog import bulk_catalog  # noqa: E402
from tests.servers.runner import serve  # noqa: E402


def run(n: int, rps: float, latency: float, label: str) -> None:
    server = MusicBrainzServer(bulk_catalog(n), min_interval=1.0 if rps else 0.0,
                               latency=latency)
    titles = [f"Bulk Artist {i % 7} - Song Number {i} (Karaoke)" for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp, serve(server.app()) as base:
        tmp_path = Path(tmp)
        cfg = write_config(tmp_path / "config.yaml", mb_url=base, mb_rps=rps,
                           db=str(tmp_path / "b.db"))
        src = titles_export(tmp_path / "c.jsonl", titles)
        runner = CliRunner()
        t0 = time.perf_counter()
        res = runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(src),
                                  "--multi-pass"])
        first = time.perf_counter() - t0
        requests_first = server.requests
        conn = sqlite3.connect(tmp_path / "b.db")
        conn.execute("UPDATE videos SET enrichment_status = 'pending'")
        conn.commit()
        t1 = time.perf_counter()
        runner.invoke(cli, ["--config", str(cfg), "enrich"])
        second = time.perf_counter() - t1
        stats = json.loads(conn.execute(
            "SELECT stats FROM collection_runs ORDER BY run_id DESC LIMIT 1").fetchone()[0])
        matched = conn.execute(
            "SELECT COUNT(*) FROM musicbrainz_data WHERE status = 'match'").fetchone()[0]
    if res.exit_code != 0:
        print(res.output)
        raise SystemExit(1)
    hits = stats.get("musicbrainz/cache/hit", 0)
    misses = stats.get("musicbrainz/cache/miss", 0)
    print(f"[{label}] songs: {n}, matched: {matched}")
    print(f"  first run:  {first:.1f} s, {n / first:.2f} songs/s, "
          f"{requests_first / n:.2f} requests/song, 503s: {server.rejected_503}")
    if requests_first > 1 and rps:
        span = server.request_times[requests_first - 1] - server.request_times[0]
        print(f"  sustained request rate: {(requests_first - 1) / span:.3f} requests/s")
    print(f"  second run: {second:.2f} s, requests: {server.requests - requests_first}, "
          f"cache hit rate: {hits / max(1, hits + misses):.0%}")


def main(n: int) -> int:
    run(n, 1.0, 0.0, "default pace, 1 request/s")
    run(n * 10, 0.0, 0.02, "mirror mode, unpaced, 20 ms latency")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20))
