"""Title-parser throughput on one core: titles per second.

Parses the real titles of tests/data/titles repeatedly, both as single titles (no channel
profile) and as whole channels (profile built first). Each round renames the songs
("Zombie" -> "Zombie 7") so every title is distinct and no cache can answer it.

    python bench/parse_speed.py [ROUNDS]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from collector.parsing import parse_title, parse_titles  # noqa: E402


def main(rounds: int) -> int:
    with open(ROOT / "tests" / "data" / "titles" / "dev_labeled.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]

    def variant(row: dict, r: int) -> str:
        song = row["song"].replace("&", "&amp;")
        title = row["title"]
        return title.replace(song, f"{song} {r}", 1) if r and song in title else title

    batches = [[variant(row, r) for row in rows] for r in range(rounds)]
    distinct = len({t for b in batches for t in b})
    t0 = time.perf_counter()
    n = 0
    for batch in batches:
        for t in batch:
            parse_title(t)
        n += len(batch)
    single = n / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for batch in batches:
        parse_titles(batch, channel="Stingray Karaoke")
    channel = n / (time.perf_counter() - t0)
    print(f"titles parsed:              {n} ({distinct} distinct)")
    print(f"single titles/s (1 core):   {single:,.0f}")
    print(f"channel batches titles/s:   {channel:,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 40))
