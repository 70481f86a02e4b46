"""MusicBrainz pass throughput against the local ws/2 test server, by batch size.

For each batch size (songs per search request) runs `collect-channel --multi-pass` over
the same N songs of the server's sparse world (tests/servers/musicbrainz_catalog.world:
originals with later compilation, live and remastered recordings, karaoke versions and
covers) at the default pace, 1 request/s, the real service's limit. Prints requests per
song, songs per request, songs per second, 503s and the year accuracy against the
world's truth. Then a second run over the same database (the cache answers), and one
run in mirror mode (unpaced, 20 ms server latency) for our own cost.

    python bench/musicbrainz_throughput.py [N] [--sizes 1,4,8,16,25]
"""

from __future__ import annotations

import argparse
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
from tests.servers.musicbrainz_catalog import world  # noqa: E402
from tests.servers.runner import serve  # noqa: E402


def config(path: Path, base: str, rps: float, batch: int) -> Path:
    cfg = write_config(path, mb_url=base, mb_rps=rps, db=str(path.parent / "b.db"))
    text = cfg.read_text(encoding="utf-8").replace(
        "    max_retries: 2\n", f"    max_retries: 2\n    batch_size: {batch}\n", 1)
    cfg.write_text(text, encoding="utf-8")
    return cfg


def run(n: int, batch: int, rps: float, latency: float, *, again: bool = False) -> dict:
    recs, _, truth = world(n)
    server = MusicBrainzServer(recs, min_interval=1.0 / rps if rps else 0.0, latency=latency)
    titles = [f"{artist} - {song} (Karaoke Version)" for artist, song, _ in truth]
    out: dict = {"batch": batch}
    with tempfile.TemporaryDirectory() as tmp, serve(server.app()) as base:
        tmp_path = Path(tmp)
        cfg = config(tmp_path / "config.yaml", base, rps, batch)
        src = titles_export(tmp_path / "c.jsonl", titles)
        runner = CliRunner()
        t0 = time.perf_counter()
        res = runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(src),
                                  "--multi-pass"])
        out["seconds"] = time.perf_counter() - t0
        if res.exit_code != 0:
            print(res.output)
            raise SystemExit(1)
        out["requests"] = server.requests
        out["searches"] = server.answered["recording"]
        out["tag_searches"] = server.answered["artist"] + server.answered["release-group"]
        out["rejected_503"] = server.rejected_503
        if server.requests > 1 and rps:
            span = server.request_times[-1] - server.request_times[0]
            out["rate"] = (server.requests - 1) / span
        conn = sqlite3.connect(tmp_path / "b.db")
        years = [y for (y,) in conn.execute(
            "SELECT m.year FROM videos v LEFT JOIN musicbrainz_data m USING (video_id) "
            "ORDER BY v.video_id")]
        out["right"] = sum(y == t for y, (_, _, t) in zip(years, truth, strict=True))
        out["wrong"] = sum(y is not None and y != t
                           for y, (_, _, t) in zip(years, truth, strict=True))
        if again:
            conn.execute("UPDATE videos SET enrichment_status = 'pending'")
            conn.commit()
            before = server.requests
            t1 = time.perf_counter()
            runner.invoke(cli, ["--config", str(cfg), "enrich"])
            out["again_seconds"] = time.perf_counter() - t1
            out["again_requests"] = server.requests - before
            stats = json.loads(conn.execute(
                "SELECT stats FROM collection_runs ORDER BY run_id DESC LIMIT 1").fetchone()[0])
            hits, misses = stats.get("musicbrainz/cache/hit", 0), stats.get(
                "musicbrainz/cache/miss", 0)
            out["hit_rate"] = hits / max(1, hits + misses)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=80)
    ap.add_argument("--sizes", default="1,4,8,16,25")
    ap.add_argument("--mirror", type=int, default=0, help="songs for the mirror-mode run")
    args = ap.parse_args()
    n = args.n
    print(f"{n} songs of the local server's world, 1 request/s (the default pace)")
    print("(requests: recording searches + release-group/artist tag searches, 503s included)")
    print(f"{'batch':>5} {'requests':>12} {'req/song':>8} {'songs/req':>9} {'songs/s':>8} "
          f"{'req/s':>6} {'503s':>5} {'year right':>10} {'wrong':>5}")
    for size in (int(s) for s in args.sizes.split(",")):
        r = run(n, size, 1.0, 0.0, again=size == 25)
        split = f"{r['requests']} ({r['searches']}+{r['tag_searches']})"
        print(f"{size:>5} {split:>12} {r['requests'] / n:>8.2f} "
              f"{n / r['requests']:>9.1f} {n / r['seconds']:>8.2f} {r.get('rate', 0):>6.2f} "
              f"{r['rejected_503']:>5} {r['right'] / n:>9.1%} {r['wrong']:>5}")
        if "again_requests" in r:
            again = r
    print(f"second run (batch 25, same database): {again['again_requests']} requests, "
          f"cache hit rate {again['hit_rate']:.0%}, {again['again_seconds']:.2f} s")
    if args.mirror:
        for size in (1, 25):
            r = run(args.mirror, size, 0.0, 0.02)
            print(f"mirror mode (unpaced, 20 ms latency), batch {size}: {args.mirror} songs "
                  f"in {r['seconds']:.1f} s, {args.mirror / r['seconds']:.0f} songs/s, "
                  f"{r['requests'] / args.mirror:.2f} requests per song "
                  f"({r['searches']} recording, {r['tag_searches']} tag searches), "
                  f"years right {r['right'] / args.mirror:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
