"""Genres without a Discogs request per song: what the Discogs pass still costs.

A channel of N real karaoke titles (tests/servers/e2e_catalog: MusicBrainz knows about
70% of the songs, with tags on about a third of its recordings and on most artists, as
the real one; Discogs knows all) collected with both passes: MusicBrainz unpaced (a
mirror, batches of 25), Discogs under its 60-per-minute rules on a 10x clock. Prints
Discogs requests per song and where they go: per purpose (fallback: MusicBrainz unsure;
fill: a MusicBrainz match without genres), the first search of each song asked (the
floor: a song MusicBrainz does not know needs at least that one) apart from the extra
requests (more searches: looser patterns, the other reading; tracklists); MusicBrainz
requests per song (recording searches and tag searches); and coverage of genres (with
the level each came from), labels, styles and years, so a cut that loses data shows.

MusicBrainz runs unpaced here (a mirror): nothing makes songs wait for company but the
batcher's short linger, and once the Discogs pass holds the workers, songs reach
MusicBrainz a few at a time, so its requests carry few songs. ``--mb-rps 1`` (the real
service's pace) shows the same run with songs gathering while a batch waits for its slot.

``--mb-share S`` sets the share of the songs MusicBrainz knows (default 0.7, the world of
the other end-to-end benches). The songs it does not know each need a Discogs search
whatever genres cost; ``--mb-share 1`` measures what the issue's "genre fills" cost alone.

    python bench/musicbrainz_genres.py [N] [--mb-rps R] [--mb-share S]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402

from collector.cli import cli  # noqa: E402
from tests.conftest import titles_export, write_config  # noqa: E402
from tests.servers import e2e_catalog  # noqa: E402
from tests.servers.discogs import DiscogsServer  # noqa: E402
from tests.servers.musicbrainz import MusicBrainzServer  # noqa: E402
from tests.servers.runner import serve  # noqa: E402

WINDOW = 6.0  # Discogs' 60 s window on a 10x clock


def discogs_split(stats: dict[str, int]) -> list[str]:
    """Lines saying where the Discogs requests went (``discogs/asked/<purpose>/<kind>``)."""
    lines = []
    for purpose in ("fallback", "fill", "always"):
        runs = stats.get(f"discogs/run/{purpose}", 0)
        first, more, tracks = (stats.get(f"discogs/asked/{purpose}/{k}", 0)
                               for k in ("first_search", "more_search", "tracklist"))
        if not runs and not first:
            continue
        why = ("the floor: songs MusicBrainz does not know, asked once" if purpose == "fallback"
               else "one per song asked")
        lines.append(
            f"  {purpose:8} {runs:4} runs: {first} first searches ({why}), "
            f"+{more} more searches, +{tracks} tracklists = {first + more + tracks}; "
            f"extra per song asked {(more + tracks) / max(1, first):.2f}")
    asked = sum(v for k, v in stats.items() if k.startswith("discogs/asked/"))
    retried = stats.get("discogs/request", 0) - asked
    if retried:
        lines.append(f"  retries and requests outside lookups: {retried}")
    return lines


def main(n: int, mb_rps: float = 0.0, mb_share: float = 0.7) -> int:
    songs = e2e_catalog.channel(n)
    mb = MusicBrainzServer(e2e_catalog.musicbrainz(songs, share=mb_share), min_interval=0.0)
    dg = DiscogsServer(e2e_catalog.discogs(songs), limit=60, window=WINDOW)
    with tempfile.TemporaryDirectory() as tmp_name, serve(mb.app()) as mb_url, \
            serve(dg.app()) as dg_url:
        tmp = Path(tmp_name)
        cfg = write_config(tmp / "config.yaml", mb_url=mb_url, mb_rps=mb_rps, db=str(tmp / "g.db"),
                           discogs_url=dg_url, discogs_window=WINDOW)
        src = titles_export(tmp / "c.jsonl", [t for t, _, _ in songs])
        t0 = time.perf_counter()
        res = CliRunner().invoke(cli, ["--config", str(cfg), "collect-channel", str(src),
                                       "--multi-pass"], env={"DISCOGS_TOKEN": dg.token})
        wall = time.perf_counter() - t0
        if res.exit_code != 0:
            print(res.output)
            return 1
        conn = sqlite3.connect(tmp / "g.db")
        stats = json.loads(conn.execute(
            "SELECT stats FROM collection_runs ORDER BY run_id DESC").fetchone()[0])
        fields = [json.loads(f) for (f,) in conn.execute("SELECT fields FROM merged_metadata")]
        labels, styles, years, dg_years = conn.execute(
            "SELECT COUNT(label), SUM(styles != '[]'), COUNT(year), "
            "SUM(year_source LIKE 'discogs%') FROM merged_metadata").fetchone()
    with_genres = [f for f in fields if f.get("genres", {}).get("value")]
    levels = Counter(level for f in with_genres for level in set(f["genres"].get("levels", [])))
    requests = stats.get("discogs/request", 0)
    print(f"songs: {n} ({len({(a, s) for _, a, s in songs})} distinct), MusicBrainz knows "
          f"{mb_share:.0%} of them; wall {wall:.1f} s (Discogs on a 10x clock)")
    print(f"Discogs: {requests} requests, {requests / n:.2f} per song; the pass ran "
          f"{stats.get('discogs/run/fallback', 0)} times as fallback (MusicBrainz unsure), "
          f"{stats.get('discogs/run/fill', 0)} times to fill genres")
    print("\n".join(discogs_split(stats)))
    tags = mb.answered["artist"] + mb.answered["release-group"]
    print(f"MusicBrainz ({'unpaced' if not mb_rps else f'{mb_rps:g} request/s'}): "
          f"{mb.answered['recording']} recording searches "
          f"({stats.get('musicbrainz/batch/songs', 0) / max(1, mb.answered['recording']):.1f} "
          f"songs each), {tags} tag searches (release group, artist): "
          f"{(mb.answered['recording'] + tags) / n:.3f} requests per song")
    print(f"genre coverage: {len(with_genres) / max(1, len(fields)):.1%} of {len(fields)} "
          f"merged records; songs with genres from: "
          + ", ".join(f"{k} {v}" for k, v in sorted(levels.items())))
    print(f"labels {labels}, styles {styles or 0}, years {years} (from Discogs {dg_years or 0}) "
          f"of {len(fields)} merged records")
    return 0


def _args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=300, help="songs (default 300)")
    ap.add_argument("--mb-rps", type=float, default=0.0,
                    help="MusicBrainz pace, requests/s (default: unpaced, a mirror)")
    ap.add_argument("--mb-share", type=float, default=0.7,
                    help="share of the songs MusicBrainz knows (default 0.7)")
    args = ap.parse_args(argv)
    if not 0.0 <= args.mb_share <= 1.0:
        ap.error("--mb-share must be between 0 and 1")
    return args


if __name__ == "__main__":
    a = _args(sys.argv[1:])
    sys.exit(main(a.n, a.mb_rps, a.mb_share))
