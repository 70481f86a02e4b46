"""The fixed channel splits of dev2, dev3 and dev5: part to tune on, part held out.

dev2's titles come from many channels with 1-4 titles each. A third of its channels
(chosen by a seeded shuffle of the sorted channel names, so the split never changes) is
held out: the parser is not tuned on those titles, and `bench/parse_accuracy.py` prints
their misses only with `--show-held-out`.

dev3 (213 titles collected later from other public sources, see tests/data/titles/
PROVENANCE.md) is split the same way; a title whose source names no channel is a group of
its own. The parser was measured on the whole of dev3 once before any tuning on it.

dev5 (120 titles collected in the fifth session, see PROVENANCE.md) is split the same way
but in halves: with so few titles, a third would be too small a measurement.

    python bench/dev2_split.py   # prints the sizes of both parts
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV2 = ROOT / "tests" / "data" / "titles" / "dev2_labeled.jsonl"
DEV3 = ROOT / "tests" / "data" / "titles" / "dev3_labeled.jsonl"
DEV5 = ROOT / "tests" / "data" / "titles" / "dev5_labeled.jsonl"
SEED = 20261130
HELD_OUT_FRACTION = 1 / 3


def held_out_channels(channels: set[str], seed: int = SEED,
                      fraction: float = HELD_OUT_FRACTION) -> frozenset[str]:
    """The channels held out: a seeded ``fraction`` of ``channels`` (at least one)."""
    ordered = sorted(channels)
    random.Random(seed).shuffle(ordered)
    n = max(1, round(len(ordered) * fraction))
    return frozenset(ordered[:n])


def split_rows(rows: list[dict], group: Callable[[dict], str] = lambda r: r.get("channel")
               or "", fraction: float = HELD_OUT_FRACTION) -> tuple[list[dict], list[dict]]:
    """(tuned part, held-out part) of ``rows``, split by ``group`` (dev2: the channel)."""
    held = held_out_channels({group(r) for r in rows}, fraction=fraction)
    return ([r for r in rows if group(r) not in held],
            [r for r in rows if group(r) in held])


def read_rows(path: Path) -> list[dict]:
    """The rows of a labelled JSONL title file."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load(path: Path = DEV2) -> tuple[list[dict], list[dict]]:
    return split_rows(read_rows(path))


def dev3_group(row: dict) -> str:
    """A dev3 row's split group: its channel, or the title itself when no channel is known."""
    return row.get("channel") or "title:" + row["title"]


def load_dev3(path: Path = DEV3) -> tuple[list[dict], list[dict]]:
    """(tuned part, held-out part) of dev3, split by channel with the same seed."""
    return split_rows(read_rows(path), dev3_group)


def load_dev5(path: Path = DEV5) -> tuple[list[dict], list[dict]]:
    """(tuned part, held-out part) of dev5: half its channels held out, same seed."""
    return split_rows(read_rows(path), dev3_group, fraction=1 / 2)


if __name__ == "__main__":
    for name, (tuned, held) in (("dev2", load()), ("dev3", load_dev3()),
                                ("dev5", load_dev5())):
        print(f"{name} tuned part:    {len(tuned)} titles, "
              f"{len({r.get('channel') for r in tuned})} channels")
        print(f"{name} held-out part: {len(held)} titles, "
              f"{len({r.get('channel') for r in held})} channels")
    sys.exit(0)
