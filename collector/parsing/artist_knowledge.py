"""Artists the parser knows beyond one channel's titles (pure; no I/O at parse time).

Two sources: a bundled lexicon (``collector/data/artist_lexicon.tsv.gz``, built from
Billboard chart histories by ``bench/build_artist_lexicon.py``; read once, on first use)
and names the store has confirmed by lookups or that channels named outright
(``with_artists``). The lexicon knows each name's chart weeks as an artist and as a title,
so :meth:`ArtistKnowledge.artist_evidence` can weigh both: "Queen" is far more an artist
than a title, "Somebody To Love" the reverse, and a name equally known as both says little.
"""

from __future__ import annotations

import functools
import gzip
import math
from collections.abc import Iterable
from importlib import resources

from collector.parsing.normalise import artist_key, fold

LEXICON_FILE = "artist_lexicon.tsv.gz"
STORE_ARTIST_EVIDENCE = 3.0  # a store-confirmed artist: as strong as a well-charted one
LEXICON_SCALE = 0.5  # evidence per natural-log unit of chart weeks (artist minus title)
LEXICON_CAP = 2.0
_CACHE_SIZE = 65536


class ArtistKnowledge:
    """Known artists: store-confirmed keys plus lexicon weights; immutable, extended by copy."""

    __slots__ = ("_keys", "_artists", "_titles", "_cache")

    def __init__(
        self,
        keys: Iterable[str] = (),
        artists: dict[str, float] | None = None,
        titles: dict[str, float] | None = None,
    ) -> None:
        self._keys: frozenset[str] = frozenset(keys)
        self._artists: dict[str, float] = artists if artists is not None else {}
        self._titles: dict[str, float] = titles if titles is not None else {}
        self._cache: dict[str, float] = {}  # name -> artist_evidence (names recur)

    @classmethod
    def bundled(cls) -> ArtistKnowledge:
        """The lexicon shipped with the package (loaded once, on first use)."""
        return _bundled()

    def with_artists(self, names: Iterable[str]) -> ArtistKnowledge:
        """A copy that also knows ``names`` (display names; folded here)."""
        extra = {artist_key(n) for n in names if n}
        extra.discard("")
        if extra <= self._keys:
            return self
        return ArtistKnowledge(self._keys | extra, self._artists, self._titles)

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        key = artist_key(name)
        return key in self._keys or key in self._artists

    def __len__(self) -> int:
        return len(self._keys) + len(self._artists)

    def artist_evidence(self, name: str) -> float:
        """How much ``name`` reads as an artist rather than a title (negative: a title).

        Store-confirmed artists count :data:`STORE_ARTIST_EVIDENCE`; lexicon names count
        the log of their chart weeks as an artist minus that as a title, capped.
        """
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        key = artist_key(name)
        score = STORE_ARTIST_EVIDENCE if key and key in self._keys else 0.0
        a = self._artists.get(key, 0.0) if key else 0.0
        t = self._titles.get(fold(name), 0.0) if key else 0.0
        if a or t:
            score += max(-LEXICON_CAP, min(LEXICON_CAP, (a - t) * LEXICON_SCALE))
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.clear()
        self._cache[name] = score
        return score


def parse_lexicon(lines: Iterable[str]) -> tuple[dict[str, float], dict[str, float]]:
    """(artists, titles): key -> log(1 + chart weeks), from the lexicon's TSV lines."""
    artists: dict[str, float] = {}
    titles: dict[str, float] = {}
    for line in lines:
        if not line or line[0] == "#":
            continue
        kind, key, weeks = line.rstrip("\n").split("\t")
        (artists if kind == "a" else titles)[key] = math.log1p(float(weeks))
    return artists, titles


@functools.lru_cache(maxsize=1)
def _bundled() -> ArtistKnowledge:
    try:
        data = resources.files("collector.data").joinpath(LEXICON_FILE).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):  # a build without the data file
        return ArtistKnowledge()
    artists, titles = parse_lexicon(gzip.decompress(data).decode("utf-8").splitlines())
    return ArtistKnowledge((), artists, titles)
