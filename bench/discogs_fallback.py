"""The seed's Discogs success metrics, measured against the local servers.

A channel of N songs: MusicBrainz (local ws/2 server, unpaced mirror) knows about half
of them; Discogs (local server enforcing its moving-window limit on a 6 s clock) knows
all. The same channel is collected twice, without and with the Discogs pass, and the
difference is what Discogs adds:

* API success rate: Discogs answers that were usable / Discogs requests;
* release years and genres added over MusicBrainz alone;
* added latency per video (wall time with Discogs minus without, per video);
* 429s (should be zero) and the request rate used of the allowed rate;
* where the requests went: per purpose (fallback, fill), first searches (one per song
  asked: the floor), more searches and tracklists.

    python bench/discogs_fallback.py [N]
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

from bench.musicbrainz_genres import discogs_split  # noqa: E402
from collector.cli import cli  # noqa: E402
from tests.conftest import titles_export, write_config  # noqa: E402
from tests.servers.discogs import DiscogsServer  # noqa: E402
from tests.servers.discogs_catalog import bulk_catalog as discogs_bulk  # noqa: E402
from tests.servers.musicbrainz import MusicBrainzServer  # noqa: E402
from tests.servers.musicbrainz_catalog import bulk_catalog as mb_bulk  # noqa: E402
from tests.servers.runner import serve  # noqa: E402

WINDOW = 6.0  # Discogs' 60 s rules on a 10x clock: 60 requests per 6 s


def collect(tmp: Path, n: int, *, with_discogs: bool) -> tuple[float, sqlite3.Connection,
                                                                  DiscogsServer]:
    mb = MusicBrainzServer(mb_bulk(n)[: n // 2], min_interval=0.0)
    discogs = DiscogsServer(discogs_bulk(n), limit=60, window=WINDOW)
    titles = [f"Bulk Artist {i % 7} - Song Number {i} (Karaoke)" for i in range(n)]
    db = tmp / ("with.db" if with_discogs else "without.db")
    with serve(mb.app()) as mb_url, serve(discogs.app()) as d_url:
        cfg = write_config(tmp / "config.yaml", mb_url=mb_url, mb_rps=0, db=str(db),
                           discogs_url=d_url if with_discogs else None, discogs_window=WINDOW)
        src = titles_export(tmp / "c.jsonl", titles)
        env = {"DISCOGS_TOKEN": discogs.token}
        t0 = time.perf_counter()
        res = CliRunner().invoke(cli, ["--config", str(cfg), "collect-channel", str(src),
                                       "--multi-pass"], env=env)
        wall = time.perf_counter() - t0
    if res.exit_code != 0:
        print(res.output)
        raise SystemExit(1)
    return wall, sqlite3.connect(db), discogs


def main(n: int) -> int:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        base_wall, base, _ = collect(tmp, n, with_discogs=False)
        wall, conn, server = collect(tmp, n, with_discogs=True)
        q = "SELECT COUNT(*) FROM merged_metadata WHERE {}"
        years0 = base.execute(q.format("year IS NOT NULL")).fetchone()[0]
        years1 = conn.execute(q.format("year IS NOT NULL")).fetchone()[0]
        genres0 = base.execute(q.format("genres != '[]'")).fetchone()[0]
        genres1 = conn.execute(q.format("genres != '[]'")).fetchone()[0]
        labels1 = conn.execute(q.format("label IS NOT NULL")).fetchone()[0]
        styles1 = conn.execute(q.format("styles != '[]'")).fetchone()[0]
        stats = json.loads(conn.execute(
            "SELECT stats FROM collection_runs ORDER BY run_id DESC").fetchone()[0])
    requests = stats.get("discogs/request", 0)
    ok = stats.get("discogs/response/200", 0) + stats.get("discogs/response/404", 0)
    times = server.request_times
    rate = (len(times) - 5) / (times[-1] - times[0]) if len(times) > 6 else 0.0
    print(f"videos:                         {n} (MusicBrainz knows {n // 2})")
    runs = stats.get("discogs/run/fallback", 0) + stats.get("discogs/run/fill", 0)
    print(f"Discogs pass ran:               {stats.get('discogs/run/fallback', 0)} fallbacks "
          f"(MusicBrainz unsure), {stats.get('discogs/run/fill', 0)} fills (no genres)")
    print(f"Discogs requests:               {requests} ({requests / max(1, runs):.2f} per run)")
    print("\n".join(discogs_split(stats)))
    print(f"answered by the search alone:   {stats.get('discogs/tracklist/skipped', 0)} lookups "
          f"(no tracklist fetched)")
    print(f"API success rate:               {ok / max(1, requests):.1%}")
    print(f"429s:                           {server.rejected_429}")
    print(f"rate used / allowed:            {rate:.2f} / {60 / WINDOW:.2f} requests/s "
          f"({rate / (60 / WINDOW):.0%})")
    print(f"years:   MusicBrainz alone {years0}, with Discogs {years1} (+{years1 - years0})")
    print(f"genres:  MusicBrainz alone {genres0}, with Discogs {genres1} (+{genres1 - genres0})")
    print(f"labels:  with Discogs {labels1}; styles: with Discogs {styles1}")
    print(f"added latency per video:        {(wall - base_wall) / n * 1000:.0f} ms "
          f"(rate-limited wall time {wall:.1f} s vs {base_wall:.1f} s, on a 10x clock)")
    print(f"latency p50/p95:                {stats.get('discogs/latency_ms/p50')} / "
          f"{stats.get('discogs/latency_ms/p95')} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100))
