"""Artists the parser knows beyond one channel's titles (pure; no I/O at parse time).

Two sources: a bundled lexicon of artist names (loaded once) and names the store has
confirmed by lookups or that channels named outright. The parser uses it for orientation
when a channel's own titles give too little evidence.
"""

from __future__ import annotations

from collections.abc import Iterable

from collector.parsing.normalise import artist_key


class ArtistKnowledge:
    """A set of artist keys (``artist_key`` folded); immutable, extended by copy."""

    __slots__ = ("_keys",)

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self._keys: frozenset[str] = frozenset(keys)

    @classmethod
    def bundled(cls) -> ArtistKnowledge:
        """The lexicon shipped with the package (empty until the lexicon lands)."""
        return _EMPTY

    def with_artists(self, names: Iterable[str]) -> ArtistKnowledge:
        """A copy that also knows ``names`` (display names; folded here)."""
        extra = {artist_key(n) for n in names if n}
        extra.discard("")
        if extra <= self._keys:
            return self
        return ArtistKnowledge(self._keys | extra)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and artist_key(name) in self._keys

    def __len__(self) -> int:
        return len(self._keys)


_EMPTY = ArtistKnowledge()
