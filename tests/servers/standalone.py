"""Both local servers for an N-video channel, in a process of their own.

For benchmarks: the servers' work then never shares a process (or a GIL) with the
benchmark, and the collector's figures are its own. Prints one JSON line with the base
URLs and the token, serves until stdin closes, then prints one JSON line of counters.

    python -m tests.servers.standalone N [--latency S] [--mb-interval S]
        [--discogs-limit N] [--discogs-window S]
"""

from __future__ import annotations

import argparse
import json
import sys

from tests.servers import e2e_catalog
from tests.servers.discogs import DiscogsServer
from tests.servers.musicbrainz import MusicBrainzServer
from tests.servers.runner import serve


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--latency", type=float, default=0.0)
    ap.add_argument("--mb-interval", type=float, default=0.0)
    ap.add_argument("--discogs-limit", type=int, default=1_000_000)
    ap.add_argument("--discogs-window", type=float, default=60.0)
    args = ap.parse_args(argv)
    songs = e2e_catalog.channel(args.n)
    mb = MusicBrainzServer(e2e_catalog.musicbrainz(songs), min_interval=args.mb_interval,
                           latency=args.latency)
    dg = DiscogsServer(e2e_catalog.discogs(songs), limit=args.discogs_limit,
                       window=args.discogs_window, latency=args.latency)
    with serve(mb.app()) as mb_url, serve(dg.app()) as dg_url:
        print(json.dumps({"musicbrainz": mb_url, "discogs": dg_url, "token": dg.token}),
              flush=True)
        sys.stdin.read()  # until the benchmark closes our stdin
    print(json.dumps({"musicbrainz_requests": mb.requests, "musicbrainz_503": mb.rejected_503,
                      "discogs_requests": dg.requests, "discogs_429": dg.rejected_429}),
          flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
