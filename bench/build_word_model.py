"""Rebuild the parser's word model (collector/data/word_model.tsv.gz) from the lexicon.

Trains :func:`collector.parsing.word_model.train` on the bundled artist lexicon
(``collector/data/artist_lexicon.tsv.gz``, itself rebuilt by ``build_artist_lexicon.py``):
its artist names against its titles. The output is byte-stable (sorted, gzip mtime 0).

    python bench/build_word_model.py [--check]
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bundled_file import check_or_write  # noqa: E402

from collector.parsing.artist_knowledge import parse_lexicon  # noqa: E402
from collector.parsing.word_model import dump, train  # noqa: E402

DATA = ROOT / "collector" / "data"
LEXICON = DATA / "artist_lexicon.tsv.gz"
OUT = DATA / "word_model.tsv.gz"
HEADER = ("# word\tlog-odds artist over title (trained on artist_lexicon.tsv.gz by "
          "bench/build_word_model.py; see collector/data/PROVENANCE.md)\n")


def build() -> bytes:
    lines = gzip.decompress(LEXICON.read_bytes()).decode("utf-8").splitlines()
    artists, titles = parse_lexicon(lines)
    text = HEADER + dump(train(artists, titles))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help="only say whether the bundled file is what the lexicon gives")
    args = ap.parse_args(argv)
    data = build()
    return check_or_write(OUT, data, "word model", ROOT, args.check)


if __name__ == "__main__":
    sys.exit(main())
