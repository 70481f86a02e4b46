#!/usr/bin/env python3
"""Discogs connectivity prototype: does the token work, and does Discogs know our songs?

Checks the token (a 401 is a failure, not "auth works"), then looks up ~20 popular
tracks (or ``--tracks FILE``: one "Artist - Song" per line) through the same client,
rate limiter and matching the collector uses, and prints year, genres and label per
track with the success rate. Exits 1 below 80% (``--min-success``), 2 when it cannot
run at all (no token, token rejected, server unreachable).

    DISCOGS_TOKEN=... python discogs_prototype.py [--base-url URL] [--tracks FILE]

The token is read from DISCOGS_TOKEN (or DISCOGS-TOKEN) only, so it never appears in
the process list or shell history, and it is never printed.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collector.config import PassConfig, load_config  # noqa: E402
from collector.discogs_cli import _probe  # noqa: E402
from collector.errors import CollectorError  # noqa: E402
from collector.passes.base import MatchStatus  # noqa: E402
from collector.passes.discogs_search_pass import DiscogsSearchPass  # noqa: E402
from collector.services.retry import RetryableError  # noqa: E402
from collector.services.stats import Stats  # noqa: E402

POPULAR_TRACKS = [
    ("Queen", "Bohemian Rhapsody"), ("Toto", "Africa"), ("Adele", "Rolling in the Deep"),
    ("Journey", "Don't Stop Believin'"), ("ABBA", "Dancing Queen"),
    ("Whitney Houston", "I Will Always Love You"), ("Bon Jovi", "Livin' on a Prayer"),
    ("Oasis", "Wonderwall"), ("The Beatles", "Hey Jude"), ("Michael Jackson", "Billie Jean"),
    ("Gloria Gaynor", "I Will Survive"), ("Celine Dion", "My Heart Will Go On"),
    ("Eagles", "Hotel California"), ("Nirvana", "Smells Like Teen Spirit"),
    ("Elton John", "Your Song"), ("Neil Diamond", "Sweet Caroline"),
    ("Guns N' Roses", "Sweet Child O' Mine"), ("Metallica", "The Unforgiven"),
    ("The Killers", "Mr. Brightside"), ("Amy Winehouse", "Rehab"),
]


def read_tracks(path: str) -> list[tuple[str, str]]:
    tracks = []
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if " - " not in line:
            raise CollectorError(f"{path}:{lineno}: expected 'Artist - Song'")
        artist, song = line.split(" - ", 1)
        tracks.append((artist.strip(), song.strip()))
    return tracks


async def run(args: argparse.Namespace) -> int:
    cfg = load_config(args.config) if args.config else load_config(None)
    if args.base_url:
        cfg.data_sources.discogs = dataclasses.replace(cfg.discogs, base_url=args.base_url)
    if not cfg.discogs.token:
        print("Error: no Discogs token: set DISCOGS_TOKEN", file=sys.stderr)
        return 2
    ok, message, headers = await _probe(cfg)
    if not ok:
        print(f"Error: {message}", file=sys.stderr)
        return 2
    print(f"token check: OK: {message}")
    tracks = read_tracks(args.tracks) if args.tracks else POPULAR_TRACKS
    stats = Stats()
    lookup_pass = DiscogsSearchPass(cfg, PassConfig("discogs_search", True, 0.6), writer=None,
                                    stats=stats)
    found = 0
    await lookup_pass.open()
    try:
        for artist, song in tracks:
            try:
                result = await lookup_pass.lookup(artist, song)
            except (RetryableError, CollectorError) as exc:
                print(f"  {artist} - {song}: error: {exc}")
                continue
            ev = lookup_pass._evidence(result)
            if result.status is MatchStatus.MATCH:
                found += 1
                print(f"  {artist} - {song}: {ev.year or '?'} | "
                      f"{', '.join(ev.genres) or '-'} | {ev.label or '-'}")
            else:
                print(f"  {artist} - {song}: {result.status.value}")
    finally:
        await lookup_pass.close()
    rate = found / len(tracks) if tracks else 0.0
    print(f"success rate: {rate:.0%} ({found}/{len(tracks)}), "
          f"{stats.get('discogs/request')} requests, "
          f"{stats.get('discogs/response/429')} rate-limited")
    return 0 if rate >= args.min_success else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base-url", help="Discogs API base URL (default: from config)")
    ap.add_argument("--tracks", help="file with one 'Artist - Song' per line")
    ap.add_argument("--config", help="karaoke-collector config file (optional)")
    ap.add_argument("--min-success", type=float, default=0.8,
                    help="success rate below which the exit code is 1 (default 0.8)")
    args = ap.parse_args()
    try:
        return asyncio.run(run(args))
    except CollectorError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    if "DISCOGS-TOKEN" in os.environ and "DISCOGS_TOKEN" not in os.environ:
        os.environ["DISCOGS_TOKEN"] = os.environ["DISCOGS-TOKEN"]
    sys.exit(main())
