"""Function words of many languages: a side holding them reads as a song title (pure).

A song title is often a phrase in its language and holds that language's function words
(Tagalog "ang", "sa", "walang"; Spanish "que", "mi"; Indonesian "aku"), while a
performer's name rarely does. The words come from the stop-word lists of ``stopwords-iso``
(``bench/build_function_words.py``: English and Vietnamese left out, and words common in
charted artist names), bundled as ``collector/data/function_words.tsv.gz`` and read once,
on first use, like the artist lexicon.

:func:`title_words` is a side's count of them, leaving out words the word model already
reads as title words (its evidence has them: counting them again would double them);
:mod:`collector.parsing.orientation` weighs the difference of the two sides with a named
weight, as a guess that may tip an undecided reading but never decides one.
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Iterable, Mapping
from importlib import resources

from collector.parsing.normalise import artist_key

FUNCTION_WORDS_FILE = "function_words.tsv.gz"
# A word the word model scores at or below this already counts as a title word there.
MODEL_TITLE_WORD = -1.0


def load(lines: Iterable[str]) -> frozenset[str]:
    """The words of the bundled file's lines (``word<TAB>languages``; ``#`` comments)."""
    return frozenset(line.partition("\t")[0] for line in lines
                     if line and line[0] != "#" and line.strip())


@functools.lru_cache(maxsize=1)
def bundled() -> frozenset[str]:
    """The function words shipped with the package (empty if the file is missing)."""
    try:
        raw = resources.files("collector.data").joinpath(FUNCTION_WORDS_FILE).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):  # a build without the data file
        return frozenset()
    return load(gzip.decompress(raw).decode("utf-8").splitlines())


@functools.lru_cache(maxsize=16384)
def hits(side: str) -> tuple[str, ...]:
    """The bundled function words among the folded words of ``side``."""
    words = bundled()
    return tuple(w for w in artist_key(side).split() if w in words)


def title_words(side: str, model: Mapping[str, float] | None = None) -> int:
    """How many function words ``side`` holds that ``model`` (a word model's word
    log-odds) does not already read as title words."""
    found = hits(side)
    if not found or model is None:
        return len(found)
    get = model.get
    return sum(1 for w in found if get(w, 0.0) > MODEL_TITLE_WORD)
