"""Artists the parser knows beyond one channel's titles (pure; no I/O at parse time).

Two sources: a bundled lexicon (``collector/data/artist_lexicon.tsv.gz``, built from
Billboard chart histories, Eurovision entries and classic-rock radio plays by
``bench/build_artist_lexicon.py``; read once, on first use) and names the store has
confirmed by lookups or that channels named outright (``with_artists``). The lexicon knows
each name's chart weeks (or their equivalent) as an artist and as a title,
so :meth:`ArtistKnowledge.artist_evidence` can weigh both: "Queen" is far more an artist
than a title, "Somebody To Love" the reverse, and a name equally known as both says little.
"""

from __future__ import annotations

import functools
import gzip
import math
import re
from collections.abc import Iterable
from importlib import resources

from collector.parsing.conventions import VIETNAMESE_RE
from collector.parsing.normalise import artist_key, fold
from collector.parsing.word_model import WordModel
from collector.parsing.word_model import load as load_words
from collector.parsing.word_model import train as train_words

LEXICON_FILE = "artist_lexicon.tsv.gz"
WORD_MODEL_FILE = "word_model.tsv.gz"
STORE_ARTIST_EVIDENCE = 3.0  # a store-confirmed artist: as strong as a well-charted one
LEXICON_SCALE = 0.5  # evidence per natural-log unit of chart weeks (artist minus title)
LEXICON_CAP = 2.0
FIRST_WORD_SCALE = 0.3  # evidence per log unit of artists vs titles starting with a word
FIRST_WORD_CAP = 0.75
# Credits that name no performer but stand where the artist does ("Silent Night -
# Traditional").
CREDIT_NAMES = frozenset({"traditional", "trad", "anonymous", "unknown artist", "folk song",
                          "public domain"})
KNOWN_ARTIST_MIN = 1.0  # evidence at which a name counts as a known artist on its own
_MAY_JOIN = re.compile(r"[,&+]|\b(?:and|x|feat|ft|featuring)\b", re.IGNORECASE)
_CREDITS = re.compile(r"\s*(?:,|&|\band\b|\bx\b|\+|\bfeat\b\.?|\bft\b\.?|\bfeaturing\b)\s*",
                      re.IGNORECASE)
_JOINED = re.compile(r"\s*(?:,|&|\band\b|\bx\b|\+)\s*", re.IGNORECASE)
_CACHE_SIZE = 65536


class ArtistKnowledge:
    """Known artists: store-confirmed keys plus lexicon weights; immutable, extended by copy."""

    __slots__ = ("_keys", "_artists", "_titles", "_cache", "_first_words", "words")

    def __init__(
        self,
        keys: Iterable[str] = (),
        artists: dict[str, float] | None = None,
        titles: dict[str, float] | None = None,
        words: WordModel | None = None,
    ) -> None:
        self._keys: frozenset[str] = frozenset(keys)
        self._artists: dict[str, float] = artists if artists is not None else {}
        self._titles: dict[str, float] = titles if titles is not None else {}
        self._cache: dict[str, float] = {}  # name -> artist_evidence (names recur)
        self._first_words: dict[str, float] | None = None  # built on first need
        # Artist-like or title-like words, for names no list knows (None: not used).
        self.words = words

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
        copy = ArtistKnowledge(self._keys | extra, self._artists, self._titles, self.words)
        copy._first_words = self._first_words  # derived from the lexicon alone: shared
        if copy._first_words is None and self._artists:
            copy._first_words = self._first_words = _first_word_odds(self._artists,
                                                                     self._titles)
        return copy

    def without(self, names: Iterable[str]) -> ArtistKnowledge:
        """A copy that knows none of ``names`` (nor the names a credit joins), as artist
        or as title, and whose word model is retrained without them: how the parser
        fares on names no list knows (cross-validation in ``bench/parse_accuracy.py``)."""
        drop: set[str] = set()
        for name in names:
            for part in [name, *_CREDITS.split(name)]:
                drop.update({artist_key(part), fold(part)})
        drop.discard("")
        drop -= CREDIT_NAMES  # a fixed list, not the lexicon: known whatever is left out
        artists = {k: v for k, v in self._artists.items() if k not in drop}
        titles = {k: v for k, v in self._titles.items() if k not in drop}
        words = train_words(artists, titles) if self.words is not None else None
        return ArtistKnowledge(self._keys - drop, artists, titles, words)

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
        score = self._evidence(name, parts=True)
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.clear()
        self._cache[name] = score
        return score

    def is_known_artist(self, name: str) -> bool:
        """Whether ``name`` (or each name of "A and B", "A & B") is known as an artist
        well beyond as a title: a store-confirmed artist or a well-charted one."""
        names = _CREDITS.split(name) if _MAY_JOIN.search(name) else [name]
        if not names or any(not n.strip() for n in names):
            return False  # "Adele and": a name cut at a joiner
        return all(self._evidence(n, parts=False) >= KNOWN_ARTIST_MIN for n in names)

    def is_known_title(self, name: str) -> bool:
        """Whether the lexicon knows ``name`` better as a title than as an artist."""
        t = self._titles.get(fold(name), 0.0)
        return t > 0 and t > self._artists.get(artist_key(name), 0.0)

    def _evidence(self, name: str, parts: bool) -> float:
        if not self._keys and not name.isascii() and VIETNAMESE_RE.search(name):
            return 0.0  # the chart lexicon holds no Vietnamese names: nothing to look up
        key = artist_key(name)
        if not key:
            return 0.0
        score = STORE_ARTIST_EVIDENCE if key in self._keys else 0.0
        a = self._artists.get(key, 0.0)
        t = self._titles.get(fold(name), 0.0)
        if a or t:
            return score + max(-LEXICON_CAP, min(LEXICON_CAP, (a - t) * LEXICON_SCALE))
        if parts and ("&" in name or "," in name or "+" in name or " and " in name
                      or " x " in name or " And " in name or " X " in name):
            # "Justin Bieber & Mariah Carey": the best-known of the joined names.
            best = max(self._evidence(p, parts=False) for p in _JOINED.split(name) if p)
            if best > 0:
                return score + best
        return score + self._first_word_evidence(key)

    def _first_word_evidence(self, key: str) -> float:
        """Weak evidence from a name's first word: many charted artists start with "Gary"
        or "Lil", many titles with "Love" or "I"."""
        if not self._artists:
            return 0.0
        if self._first_words is None:
            self._first_words = _first_word_odds(self._artists, self._titles)
        return self._first_words.get(key.partition(" ")[0], 0.0)


def _first_word_odds(artists: dict[str, float], titles: dict[str, float]) -> dict[str, float]:
    """first word -> capped log odds of starting a multi-word artist name vs a title."""
    a_counts: dict[str, int] = {}
    t_counts: dict[str, int] = {}
    for key in artists:
        if 1 <= key.count(" ") <= 2:
            w = key.partition(" ")[0]
            a_counts[w] = a_counts.get(w, 0) + 1
    for key in titles:
        w = key.partition(" ")[0]
        t_counts[w] = t_counts.get(w, 0) + 1
    odds = {}
    for w in a_counts.keys() | t_counts.keys():
        x = math.log((a_counts.get(w, 0) + 1) / (t_counts.get(w, 0) + 1)) * FIRST_WORD_SCALE
        if abs(x) >= 0.1:
            odds[w] = max(-FIRST_WORD_CAP, min(FIRST_WORD_CAP, x))
    return odds


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
    for key in CREDIT_NAMES:  # stand where the artist does, as much as any charted artist
        artists[key] = max(artists.get(key, 0.0), LEXICON_CAP / LEXICON_SCALE
                           + titles.get(key, 0.0))
    words = None
    try:
        raw = resources.files("collector.data").joinpath(WORD_MODEL_FILE).read_bytes()
        words = load_words(gzip.decompress(raw).decode("utf-8").splitlines())
    except (FileNotFoundError, ModuleNotFoundError):
        pass
    knowledge = ArtistKnowledge((), artists, titles, words)
    knowledge._first_words = _first_word_odds(artists, titles)  # built once, with the load
    return knowledge
