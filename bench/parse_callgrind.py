"""Title-parser cost in CPU instructions per title (valgrind callgrind): a load-free figure.

Wall-clock speed on a shared machine moves with the load; instruction counts do not.
Runs this script under ``valgrind --tool=callgrind`` twice, parsing 1 and 4 rounds of
the renamed titles of ``bench/parse_speed.py`` (single titles, lexicon loaded), and
prints the difference per title, so start-up and the lexicon load cancel out.

    python bench/parse_callgrind.py [--sets dev_labeled.jsonl,dev2_labeled.jsonl]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _parse_rounds(names: tuple[str, ...], rounds: int) -> None:
    import parse_speed

    from collector.parsing import ArtistKnowledge, parse_title

    knowledge = ArtistKnowledge.bundled()
    rows = parse_speed._rows(names)
    for r in range(rounds):
        for row in rows:
            parse_title(parse_speed._variant(row, 1000 + r), knowledge=knowledge)


def _instructions(names: str, rounds: int) -> int:
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
         __file__, "--child", str(rounds), "--sets", names],
        capture_output=True, text=True, check=True).stderr
    m = re.search(r"refs:\s*([\d,]+)", out)
    if m is None:
        raise SystemExit("valgrind printed no instruction count")
    return int(m.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", action="append",
                    help="comma-separated files of tests/data/titles (repeatable)")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    sets = args.sets or ["dev_labeled.jsonl", "dev_labeled.jsonl,dev2_labeled.jsonl"]
    if args.child is not None:
        _parse_rounds(tuple(sets[0].split(",")), args.child)
        return 0
    if shutil.which("valgrind") is None:
        print("Error: valgrind is not installed", file=sys.stderr)
        return 1
    import parse_speed

    for names in sets:
        n = len(parse_speed._rows(tuple(names.split(","))))
        per_title = (_instructions(names, 4) - _instructions(names, 1)) / (3 * n)
        print(f"{names}: {per_title:,.0f} instructions per title (single titles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
