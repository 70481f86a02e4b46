"""Title-parser throughput on one core: titles per second, with the artist lexicon loaded.

Parses the real titles of tests/data/titles (dev and dev2) repeatedly, both as single
titles (no channel profile) and as whole channels (profile built first). Each round
renames the songs ("Zombie" -> "Zombie 7") so every title is distinct and no cache can
answer a whole title. The machine may be shared: each figure is the best of several
repeats (``--repeat``), and the load average is printed with it.

    python bench/parse_speed.py [--rounds 40] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from collector.parsing import ArtistKnowledge, parse_title, parse_titles  # noqa: E402

TITLES = ROOT / "tests" / "data" / "titles"


def _rows(names: tuple[str, ...]) -> list[dict]:
    rows = []
    for name in names:
        with open(TITLES / name, encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows


def _variant(row: dict, r: int) -> str:
    song = row["song"].replace("&", "&amp;")
    title = row["title"]
    return title.replace(song, f"{song} {r}", 1) if r and song in title else title


def measure(rows: list[dict], knowledge: ArtistKnowledge, rounds: int,
            repeat: int) -> tuple[float, float, int]:
    """(best single titles/s, best channel batches titles/s, titles per repeat)."""
    single = channel = 0.0
    n = 0
    for rep in range(repeat):
        # New names every repeat, so no repeat is answered by the previous one's caches.
        base = 1000 * (rep + 1)
        batches = [[_variant(row, base + r) for row in rows] for r in range(rounds)]
        channels = sorted({row.get("channel") or "" for row in rows})
        by_channel = [
            [(ch, [t for t, row in zip(b, rows, strict=True) if (row.get("channel") or "") == ch])
             for ch in channels]
            for b in batches
        ]
        n = sum(len(b) for b in batches)
        t0 = time.perf_counter()
        for batch in batches:
            for t in batch:
                parse_title(t, knowledge=knowledge)
        single = max(single, n / (time.perf_counter() - t0))
        t0 = time.perf_counter()
        for groups in by_channel:
            for ch, group in groups:
                parse_titles(group, channel=ch or None, knowledge=knowledge)
        channel = max(channel, n / (time.perf_counter() - t0))
    return single, channel, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    knowledge = ArtistKnowledge.bundled()
    load_ms = (time.perf_counter() - t0) * 1000
    print(f"lexicon:                    {len(knowledge):,} names, loaded in {load_ms:.0f} ms")
    for label, names in (("dev", ("dev_labeled.jsonl",)),
                         ("dev + dev2", ("dev_labeled.jsonl", "dev2_labeled.jsonl"))):
        single, channel, n = measure(_rows(names), knowledge, args.rounds, args.repeat)
        print(f"{label}: {n} distinct titles per repeat, best of {args.repeat}")
        print(f"  single titles/s (1 core): {single:,.0f}")
        print(f"  channel batches titles/s: {channel:,.0f}")
    print(f"load average:               {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
