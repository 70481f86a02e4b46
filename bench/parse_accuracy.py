"""Title-parser accuracy on the labelled dev set.

Prints exact accuracy (artist and song both equal after case, accent, punctuation and
whitespace folding), artist accuracy, song accuracy, orientation errors and the misses.
Titles are grouped by channel and parsed together, as `collect-channel` does.

    python bench/parse_accuracy.py [tests/data/titles/dev_labeled.jsonl]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from collector.parsing import parse_titles  # noqa: E402
from collector.parsing.normalise import fold  # noqa: E402


def main(path: str) -> int:
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    by_channel: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_channel[row.get("channel") or ""].append(row)
    exact = artist_ok = song_ok = swapped = 0
    misses = []
    for channel, group in by_channel.items():
        results = parse_titles([r["title"] for r in group], channel=channel or None)
        for row, res in zip(group, results, strict=True):
            a_ok = fold(res.artist) == fold(row["artist"])
            s_ok = fold(res.song) == fold(row["song"])
            artist_ok += a_ok
            song_ok += s_ok
            exact += a_ok and s_ok
            if fold(res.artist) == fold(row["song"]) and fold(res.song) == fold(row["artist"]):
                swapped += 1
            if not (a_ok and s_ok):
                misses.append((row, res))
    n = len(rows)
    print(f"titles:              {n}")
    print(f"exact accuracy:      {exact / n:.1%} ({exact}/{n})")
    print(f"artist accuracy:     {artist_ok / n:.1%}")
    print(f"song accuracy:       {song_ok / n:.1%}")
    print(f"orientation errors:  {swapped}")
    print(f"misses ({len(misses)}):")
    for row, res in misses:
        note = " [doubtful label]" if row.get("note") else ""
        print(f"  {row['title']!r}{note}")
        print(f"      expected: {row['artist']!r} / {row['song']!r}")
        print(f"      got:      {res.artist!r} / {res.song!r}  ({res.reason}, {res.confidence})")
    return 0


if __name__ == "__main__":
    default = ROOT / "tests/data/titles/dev_labeled.jsonl"
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(default)))
