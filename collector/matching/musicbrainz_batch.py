"""Several songs in one MusicBrainz search, and the answer shared back out (pure, no I/O).

A *reading* is one (artist, song) the pass wants to know about: a song whose
orientation is unsure has two. Each reading is one fielded clause
``(recording:"song" AND artist:"artist")``; a batch ORs the clauses of several songs.

The answer is split back per reading so that the choice made on it is the one a
request for that reading alone would make:

* a recording belongs to the readings whose clause matches it (its title holds the
  song's words in order, its credit the artist's), as in a request of their own; one
  that no clause matches here (an alias, the service's own analyser) goes to the reading
  it resembles most when it is close enough to be chosen at all (:func:`assign`);
* the service's score is relative to the best hit of the whole query (100), so each
  reading's scores are put back relative to its own best hit, as its own request
  would have answered.

A batch answer that comes back full (as many results as the limit, or a ``count`` above
them) may have cut some reading's candidates: :func:`is_full` tells the caller to split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

from collector.matching.similarity import artist_similarity, title_similarity
from collector.parsing.normalise import fold

SEARCH_LIMIT = 100  # the service's maximum page
# Longer URLs are refused (414) by the service's front end; a 100-id query already is.
MAX_QUERY_CHARS = 3000  # of the URL-encoded query parameter
RELEVANT_SIMILARITY = 0.6  # score_candidate caps candidates below this in artist or title
_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_WORD = re.compile(r"[^\W_]+")


def lucene_phrase(text: str) -> str:
    """``text`` as a quoted Lucene phrase, every special character escaped."""
    return '"' + _SPECIAL.sub(r"\\\1", text) + '"'


@dataclass(frozen=True, slots=True)
class Reading:
    artist: str
    song: str

    @property
    def query(self) -> str:
        """The reading's own fielded query (stored with the result)."""
        return f"recording:{lucene_phrase(self.song)} AND artist:{lucene_phrase(self.artist)}"

    @property
    def clause(self) -> str:
        return f"({self.query})"


def batch_query(readings: list[Reading]) -> str:
    return " OR ".join(r.clause for r in readings)


def encoded_length(readings: list[Reading]) -> int:
    """Characters the readings take in the URL's query parameter, joined by `` OR ``."""
    if not readings:
        return 0
    return sum(len(quote_plus(r.clause)) for r in readings) + (len(readings) - 1) * len("+OR+")


def is_full(data: dict[str, Any], limit: int) -> bool:
    """Whether the answer may have left results out (a full page, or a larger count)."""
    recordings = data.get("recordings")
    got = len(recordings) if isinstance(recordings, list) else 0
    count = data.get("count")
    return got >= limit or (isinstance(count, int) and count > got)


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text.replace("&", " and ")))


def _contains(hay: list[str], needle: list[str]) -> bool:
    k = len(needle)
    return bool(needle) and any(hay[i:i + k] == needle for i in range(len(hay) - k + 1))


def _credit_names(rec: dict[str, Any]) -> list[str]:
    names, text = [], ""
    for part in rec.get("artist-credit") or []:
        if isinstance(part, dict):
            artist = part.get("artist") if isinstance(part.get("artist"), dict) else {}
            names += [str(n) for n in (part.get("name"), artist.get("name")) if n]
            text += str(part.get("name") or artist.get("name") or "")
            text += str(part.get("joinphrase") or "")
    return [text, *names]


def clause_matches(reading: Reading, rec: dict[str, Any]) -> bool:
    """Whether the reading's clause matches ``rec``: the title holds the song's words in
    order, a credited name the artist's."""
    return _matches(_words(reading.song), _words(reading.artist),
                    _words(str(rec.get("title") or "")),
                    [_words(n) for n in _credit_names(rec)])


def _matches(song: list[str], artist: list[str], title: list[str],
             names: list[list[str]]) -> bool:
    return _contains(title, song) and any(_contains(n, artist) for n in names)


def assign(recs: list[dict[str, Any]], readings: list[Reading]) -> list[list[int]]:
    """For each reading, the indices of the recordings that are its candidates.

    The clauses that match a recording claim it. A recording no clause matches here (the
    service matched it through an alias or its own analyser) goes to the reading it
    resembles most, when that is close enough in both artist and title to be chosen at
    all (below it the scoring caps a candidate under the weak threshold).
    """
    wanted = [(_words(rd.song), _words(rd.artist)) for rd in readings]
    by_first: dict[str, list[int]] = {}  # a title must hold a song's first word
    for i, (song, _) in enumerate(wanted):
        if song:
            by_first.setdefault(song[0], []).append(i)
    out: list[list[int]] = [[] for _ in readings]
    for j, rec in enumerate(recs):
        title_text = str(rec.get("title") or "")
        credit_names = _credit_names(rec)
        title, names = _words(title_text), [_words(n) for n in credit_names]
        maybe = sorted({i for w in set(title) for i in by_first.get(w, ())})
        owners = [i for i in maybe if _matches(*wanted[i], title, names)]
        if not owners:
            sims = [min(title_similarity(rd.song, title_text),
                        artist_similarity(rd.artist, credit_names[0])) for rd in readings]
            best = max(sims, default=0.0)
            if best >= RELEVANT_SIMILARITY:
                owners = [i for i, s in enumerate(sims) if s == best]
        for i in owners:
            out[i].append(j)
    return out


def _score(rec: dict[str, Any]) -> float | None:
    s = rec.get("score")
    return s if isinstance(s, int | float) and not isinstance(s, bool) else None


def recordings_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    recordings = data.get("recordings") if isinstance(data, dict) else None
    return [r for r in recordings if isinstance(r, dict)] if isinstance(recordings, list) else []


def split_answer(data: dict[str, Any], readings: list[Reading]) -> list[dict[str, Any]]:
    """One search answer per reading, in ``readings`` order, scores made its own."""
    recs = recordings_of(data)
    out = []
    for indices in assign(recs, readings):
        mine = [recs[j] for j in indices]
        top = max((s for r in mine if (s := _score(r)) is not None), default=0)
        if top > 0:
            mine = [{**r, "score": round(100 * s / top)} if (s := _score(r)) is not None
                    else r for r in mine]
        out.append({"count": len(mine), "recordings": mine})
    return out
