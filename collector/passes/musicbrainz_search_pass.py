"""The MusicBrainz pass: find the recording, its original year and genres.

Songs are asked several to a request (:mod:`collector.passes.musicbrainz_batcher`): each
song is one fielded clause, or two when the parse's orientation is unsure (both
readings in the same request; a match of the swapped reading confirms the swap). The
cache comes first: a cached reading never joins a batch. Each reading's answer is cached
on its own (the part of the batch answer that is its own, see
:mod:`collector.matching.musicbrainz_batch`), so the choice is the one a request for the
reading alone makes. The same song from many videos or channels is one lookup:
concurrent lookups of one reading share one answer.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from collector.config import Config, PassConfig
from collector.data_transformer import SourceEvidence
from collector.errors import ServiceError
from collector.matching.musicbrainz_batch import Reading
from collector.matching.musicbrainz_match import (
    MatchThresholds,
    MatchWeights,
    MusicBrainzMatch,
    Recommendation,
    candidates_from_search,
    choose,
    original_release_group,
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
from collector.passes.musicbrainz_batcher import RecordingBatcher
from collector.passes.musicbrainz_tags import EntityTags
from collector.services.cache import ResponseCache, cache_key
from collector.services.musicbrainz_client import MusicBrainzClient
from collector.services.retry import RetryableError
from collector.services.stats import Stats
from collector.store_writer import StoreWriter

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
                    "release-group": {"id": rg.get("id"), "primary-type": rg.get("primary-type"),
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


def evidence_of(match: MusicBrainzMatch, genre_level: str | None = None) -> SourceEvidence:
    c = match.chosen.candidate if match.chosen else None
    return SourceEvidence(
        source="musicbrainz", status=match.status.value, confidence=match.confidence,
        artist=c.artist_credit if c else None, title=c.title if c else None,
        year=match.year, genres=tuple(match.genres),
        genre_level=(genre_level or "recording") if match.genres else None,
    )


def artist_genres(artist_ids: tuple[str, ...], tags: dict[str, list[tuple[str, int]]]
                  ) -> list[str]:
    """The credited artists' tags, the primary artist's first, each genre once."""
    out: list[str] = []
    seen: set[str] = set()
    for aid in artist_ids:
        for name, _ in tags.get(aid, []):
            if fold(name) not in seen:
                seen.add(fold(name))
                out.append(name)
    return out


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
        self.batcher = RecordingBatcher(self.client, stats, cfg.musicbrainz.batch_size)
        self.release_groups = EntityTags("release-group", self.client, self.cache, stats,
                                         busy=self.batcher.waiting)
        self.artists = EntityTags("artist", self.client, self.cache, stats,
                                  busy=self.batcher.waiting)
        self._inflight: dict[str, asyncio.Future[dict[str, Any]]] = {}

    @property
    def wanted_workers(self) -> int:
        """Videos in flight that keep batches full: one batch answering, one filling."""
        return 3 * self.batcher.batch_size if self.batcher.batch_size > 1 else 0

    async def close(self) -> None:
        await self.batcher.close()
        await self.release_groups.close()
        await self.artists.close()
        await super().close()

    def _choose(self, reading: Reading, data: dict[str, Any]) -> MusicBrainzMatch:
        return choose(reading.artist, reading.song, candidates_from_search(data),
                      self.weights, self.thresholds)

    async def _matches(self, readings: list[Reading]) -> list[MusicBrainzMatch]:
        """Each reading's match: from the cache, else the lookup in flight for it, else
        one batched request for all the song's readings the cache does not hold."""
        keys = [cache_key("musicbrainz", CACHE_VERSION, fold(r.artist), fold(r.song))
                for r in readings]
        loop = asyncio.get_running_loop()
        shared: dict[int, asyncio.Future[dict[str, Any]]] = {}
        mine: dict[int, asyncio.Future[dict[str, Any]]] = {}
        for i, key in enumerate(keys):
            fut = self._inflight.get(key)
            if fut is not None:
                self.stats.inc("musicbrainz/dedup/shared")
                shared[i] = fut
            else:
                mine[i] = self._inflight[key] = loop.create_future()
        out: dict[int, MusicBrainzMatch] = {}
        try:
            cached = await asyncio.gather(*(self.cache.get(keys[i]) for i in mine))
            missing = []
            for i, data in zip(mine, cached, strict=True):
                if data is None:
                    missing.append(i)
                else:
                    out[i] = self._choose(readings[i], data)
                    mine[i].set_result(data)
            if missing:
                answers = await self.batcher.ask([readings[i] for i in missing])
                for i, answer in zip(missing, answers, strict=True):
                    data = slim_search(answer)
                    out[i] = self._choose(readings[i], data)
                    self.cache.put(keys[i], data, found=out[i].status is not Recommendation.NONE)
                    mine[i].set_result(data)
        except BaseException as exc:
            for fut in mine.values():
                if not fut.done():
                    fut.set_exception(exc)
                    fut.exception()  # retrieved: waiters re-raise it themselves
            raise
        finally:
            for i in mine:
                self._inflight.pop(keys[i], None)
        for i, fut in shared.items():
            out[i] = self._choose(readings[i], await asyncio.shield(fut))
        return [out[i] for i in range(len(readings))]

    async def run(self, work: VideoWork) -> PassResult:
        p = work.parse
        if p is None or not p.artist or not p.song:
            return PassResult(MatchStatus.SKIPPED)
        readings = [Reading(p.primary_artist or p.artist, p.song)]
        if p.alt_artist and p.alt_song:
            _, alt_primary, _ = split_artist_credit(p.alt_artist)
            alt = Reading(alt_primary, p.alt_song)
            if alt != readings[0]:
                readings.append(alt)
        try:
            matches = await self._matches(readings)
        except (RetryableError, ServiceError) as exc:
            return error_result(exc, "MusicBrainz", work.entry.video_id)
        best = Lookup(readings[0].artist, readings[0].song, readings[0].query, matches[0])
        swapped = False
        if len(readings) > 1 and best.match.status is not Recommendation.MATCH:
            alt_match = matches[1]
            if (_RANK[alt_match.status], alt_match.confidence) > (
                    _RANK[best.match.status], best.match.confidence):
                best = Lookup(readings[1].artist, readings[1].song, readings[1].query,
                              alt_match)
                swapped = True
        m = best.match
        if swapped:
            self.stats.inc("musicbrainz/orientation/swapped")
        try:
            level = await self._fill_genres(m)
        except (RetryableError, ServiceError) as exc:
            return error_result(exc, "MusicBrainz", work.entry.video_id)
        return PassResult(
            _STATUS[m.status], m.confidence, record=best,
            rows={"musicbrainz_data": self._row(best, swapped)},
            evidence=evidence_of(m, level),
        )

    async def _fill_genres(self, m: MusicBrainzMatch) -> str | None:
        """A match's genres: the recording's tags, else its original release group's, else
        its artists'. Returns the level they came from (and sets ``m.genres``)."""
        if m.status is not Recommendation.MATCH or m.chosen is None:
            return None
        level = "recording"
        if not m.genres and (rg := original_release_group(m.chosen.candidate)):
            level = "release-group"
            m.genres = [name for name, _ in (await self.release_groups.tags([rg]))[rg]]
        if not m.genres and m.chosen.candidate.artist_ids:
            level = "artist"
            ids = m.chosen.candidate.artist_ids
            m.genres = artist_genres(ids, await self.artists.tags(list(ids)))
        if not m.genres:
            return None
        self.stats.inc(f"musicbrainz/genres/{level}")
        return level

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
