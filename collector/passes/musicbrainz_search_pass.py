"""The MusicBrainz pass: find the recording, its original year and genres.

One search request per song in the common case: the parsed (primary artist, song) as a
fielded Lucene query. A second request only when it can change the answer: the first
found no match and the parse's orientation was uncertain, so the swapped reading is
asked too (a match there confirms the swap). The same song from many videos or channels
is one lookup: answers are cached in the database and concurrent lookups of one song
share a single request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from collector.config import Config, PassConfig
from collector.data_transformer import SourceEvidence
from collector.errors import ServiceError
from collector.matching.musicbrainz_match import (
    MatchThresholds,
    MatchWeights,
    MusicBrainzMatch,
    Recommendation,
    candidates_from_search,
    choose,
)
from collector.parsing.featured import split_artist_credit
from collector.parsing.normalise import fold
from collector.passes.base import (
    LookupPass,
    MatchStatus,
    PassResult,
    PassType,
    VideoWork,
    error_result,
)
from collector.services.cache import ResponseCache, cache_key
from collector.services.musicbrainz_client import MusicBrainzClient, recording_query
from collector.services.retry import RetryableError
from collector.services.stats import Stats
from collector.store_writer import StoreWriter

SEARCH_LIMIT = 10
CACHE_VERSION = "recording-search-v1"
_STATUS = {Recommendation.MATCH: MatchStatus.MATCH, Recommendation.WEAK: MatchStatus.WEAK,
           Recommendation.NONE: MatchStatus.NO_MATCH}
_RANK = {Recommendation.NONE: 0, Recommendation.WEAK: 1, Recommendation.MATCH: 2}


def slim_search(data: dict[str, Any]) -> dict[str, Any]:
    """Only the fields matching reads: cache rows stay small (aliases, media dropped)."""

    def credit(ac: Any) -> list[dict[str, Any]]:
        out = []
        for part in ac if isinstance(ac, list) else []:
            if isinstance(part, dict):
                artist = part.get("artist") if isinstance(part.get("artist"), dict) else {}
                out.append({"name": part.get("name"), "joinphrase": part.get("joinphrase"),
                            "artist": {"id": artist.get("id"), "name": artist.get("name")}})
        return out

    def items(value: Any) -> list[Any]:
        return value if isinstance(value, list) else []

    recordings = []
    for rec in items(data.get("recordings")):
        if not isinstance(rec, dict):
            continue
        releases = []
        for rel in items(rec.get("releases")):
            if isinstance(rel, dict):
                rg = rel.get("release-group") if isinstance(rel.get("release-group"), dict) else {}
                releases.append({
                    "id": rel.get("id"), "title": rel.get("title"), "date": rel.get("date"),
                    "status": rel.get("status"), "artist-credit": credit(rel.get("artist-credit")),
                    "release-group": {"primary-type": rg.get("primary-type"),
                                      "secondary-types": rg.get("secondary-types")},
                })
        recordings.append({
            k: rec.get(k) for k in ("id", "title", "score", "first-release-date", "length",
                                    "isrcs", "tags", "disambiguation")
        } | {"artist-credit": credit(rec.get("artist-credit")), "releases": releases})
    return {"count": data.get("count"), "recordings": recordings}


@dataclass(slots=True)
class Lookup:
    artist: str
    song: str
    query: str
    match: MusicBrainzMatch


def evidence_of(match: MusicBrainzMatch) -> SourceEvidence:
    c = match.chosen.candidate if match.chosen else None
    return SourceEvidence(
        source="musicbrainz", status=match.status.value, confidence=match.confidence,
        artist=c.artist_credit if c else None, title=c.title if c else None,
        year=match.year, genres=tuple(match.genres),
    )


class MusicBrainzSearchPass(LookupPass):
    pass_type = PassType.MUSICBRAINZ_SEARCH

    def __init__(
        self,
        cfg: Config,
        pcfg: PassConfig,
        *,
        writer: StoreWriter | None,
        stats: Stats,
        client: MusicBrainzClient | None = None,
        weights: MatchWeights = MatchWeights(),
    ) -> None:
        super().__init__(pcfg)
        self.stats = stats
        self.client = client or MusicBrainzClient(cfg.musicbrainz, stats)
        self.cache = ResponseCache(writer, "musicbrainz", ttl_days=cfg.musicbrainz.cache_ttl_days,
                                   miss_ttl_days=cfg.musicbrainz.miss_cache_ttl_days,
                                   stats=stats)
        self.weights = weights
        self.thresholds = MatchThresholds(match=pcfg.min_confidence,
                                          weak=min(0.4, pcfg.min_confidence))

    async def _search(self, artist: str, song: str, query: str) -> MusicBrainzMatch:
        key = cache_key("musicbrainz", CACHE_VERSION, fold(artist), fold(song))
        chosen: list[MusicBrainzMatch] = []

        async def fetch() -> dict[str, Any]:
            return slim_search(await self.client.search_recordings(query, SEARCH_LIMIT))

        def found(data: dict[str, Any]) -> bool:  # a song MusicBrainz lacks: re-asked sooner
            chosen.append(self._choose(artist, song, data))
            return chosen[-1].status is not Recommendation.NONE

        data = await self.cache.get_or_fetch(key, fetch, found=found)
        return chosen[-1] if chosen else self._choose(artist, song, data)

    def _choose(self, artist: str, song: str, data: dict[str, Any]) -> MusicBrainzMatch:
        return choose(artist, song, candidates_from_search(data), self.weights, self.thresholds)

    async def lookup(self, artist: str, song: str) -> Lookup:
        query = recording_query(artist, song)
        match = await self._search(artist, song, query)
        return Lookup(artist, song, query, match)

    async def run(self, work: VideoWork) -> PassResult:
        p = work.parse
        if p is None or not p.artist or not p.song:
            return PassResult(MatchStatus.SKIPPED)
        try:
            best = await self.lookup(p.primary_artist or p.artist, p.song)
            swapped = False
            if best.match.status is not Recommendation.MATCH and p.alt_artist and p.alt_song:
                _, alt_primary, _ = split_artist_credit(p.alt_artist)
                alt = await self.lookup(alt_primary, p.alt_song)
                if (_RANK[alt.match.status], alt.match.confidence) > (
                        _RANK[best.match.status], best.match.confidence):
                    best, swapped = alt, True
        except (RetryableError, ServiceError) as exc:
            return error_result(exc, "MusicBrainz", work.entry.video_id)
        m = best.match
        if swapped:
            self.stats.inc("musicbrainz/orientation/swapped")
        return PassResult(
            _STATUS[m.status], m.confidence, record=best,
            rows={"musicbrainz_data": self._row(best, swapped)},
            evidence=evidence_of(m),
        )

    @staticmethod
    def _row(lookup: Lookup, swapped: bool) -> dict[str, Any]:
        m = lookup.match
        c = m.chosen.candidate if m.chosen and m.status is not Recommendation.NONE else None
        query = lookup.query + (" [swapped orientation]" if swapped else "")
        return {
            "status": m.status.value,
            "recording_mbid": c.id if c else None,
            "artist_mbid": c.artist_ids[0] if c and c.artist_ids else None,
            "artist": c.artist_credit if c else None,
            "title": c.title if c else None,
            "first_release_date": m.date if c else None,
            "year": m.year if c else None,
            "genres": m.genres if c else [],
            "isrcs": list(c.isrcs) if c else [],
            "length_ms": c.length_ms if c else None,
            "score": c.score if c else None,
            "confidence": round(m.confidence, 4),
            "query": query,
            "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }

    def stats_dict(self) -> dict[str, Any]:
        return self.stats.as_dict()
