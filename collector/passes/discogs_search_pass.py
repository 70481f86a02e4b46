"""The Discogs fallback pass (``PassType.DISCOGS_SEARCH``), after MusicBrainz.

With ``use_as_fallback`` it runs when MusicBrainz found no match or its confidence is
below ``min_musicbrainz_confidence``, and for a confident MusicBrainz match that has no
genres (Discogs then adds genres, styles and label). Searches go from the most precise
pattern to the loosest (structured ``artist`` + ``track`` for masters, then releases,
then free text), each for both readings of an unsure parse before the next, and stop as
soon as a confident candidate appears. A candidate is a match once the song is found in
its master's (or release's) tracklist, or when a track search's answer leaves nothing for
the tracklist to decide (:func:`~collector.matching.discogs_match.answered_by_search`:
then the search is the lookup's only request); the original year is the master's year.

``DiscogsClient`` lives in :mod:`collector.services.discogs_client` and is re-exported
here, where the integration guide documents it.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from collector.config import Config, PassConfig
from collector.data_transformer import SourceEvidence
from collector.errors import ServiceError
from collector.matching.discogs_match import (
    TRACK_QUALIFIERS,
    DiscogsThresholds,
    DiscogsWeights,
    ScoredResult,
    SearchResult,
    answered_by_search,
    artist_without_version,
    clean_artist_name,
    matched_track,
    original_year,
    qualifiers_in_groups,
    results_from_search,
    score_result,
    slim_entity,
    slim_search,
    tracklist_titles,
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
from collector.services.discogs_client import DiscogsClient
from collector.services.retry import RetryableError
from collector.services.stats import Stats
from collector.store_writer import StoreWriter

__all__ = ["DiscogsClient", "DiscogsSearchPass"]
CANDIDATES_PER_SEARCH = 3  # tracklists fetched per search pattern, best first
MISSING = {"missing": True}  # how a 404 is cached


@dataclass(slots=True)
class _Tally:
    """Why the running lookup asks (fallback, fill, always) and how many searches it has
    made, cached or not: its first search is the one a song costs at least; more searches
    (looser patterns, the other reading) and tracklists are what the statistics split."""

    purpose: str
    searches: int = 0

    def kind(self, endpoint: str) -> str:
        if endpoint != "search":
            return "tracklist"
        return "first_search" if self.searches <= 1 else "more_search"


_TALLY: ContextVar[_Tally | None] = ContextVar("discogs_tally", default=None)


@dataclass(slots=True)
class DiscogsLookup:
    artist: str
    song: str
    pattern: str
    status: MatchStatus
    best: ScoredResult | None
    entity: dict[str, Any] | None
    year: int | None
    year_source: str | None
    track: str | None = None  # the matched track's title as the tracklist spells it
    swapped: bool = False  # found with the parse's other reading (orientation)


@dataclass(slots=True)
class _Reading:
    """One reading of the parse (artist, song) and what its searches found so far."""

    artist: str
    song: str
    swapped: bool = False
    best: ScoredResult | None = None
    entity: dict[str, Any] | None = None
    pattern: str = ""
    checked: list[ScoredResult] = field(default_factory=list)
    seen: set[tuple[str, int]] = field(default_factory=set)

    def consider(self, scored: ScoredResult, entity: dict[str, Any] | None,
                 pattern: str) -> None:
        self.checked.append(scored)
        if self.best is None or scored.confidence > self.best.confidence:
            self.best, self.entity, self.pattern = scored, entity, pattern

    def matched(self, t: DiscogsThresholds) -> bool:
        return self.best is not None and self.best.confidence >= t.match

    def rank(self, t: DiscogsThresholds) -> tuple[int, float, bool]:
        conf = self.best.confidence if self.best else 0.0
        status = 2 if conf >= t.match else 1 if conf >= t.weak else 0
        return status, conf, not self.swapped


def _patterns(artist: str, song: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        ("artist+track:master", {"artist": artist, "track": song, "type": "master"}),
        ("artist+track:release", {"artist": artist, "track": song, "type": "release"}),
        ("q", {"q": f"{artist} {song}", "type": "master"}),
    ]


def _search_found(value: Any) -> bool:
    """A search that returned results; an empty one (``{"results": []}``) is a miss."""
    return isinstance(value, dict) and bool(value.get("results"))


class DiscogsSearchPass(LookupPass):
    pass_type = PassType.DISCOGS_SEARCH

    def __init__(
        self, cfg: Config, pcfg: PassConfig, *, writer: StoreWriter | None, stats: Stats,
        client: DiscogsClient | None = None, weights: DiscogsWeights = DiscogsWeights(),
    ) -> None:
        super().__init__(pcfg)
        self.dcfg = cfg.discogs
        self.stats = stats
        self.client = client or DiscogsClient(cfg.discogs, stats)
        self.cache = ResponseCache(writer, "discogs", ttl_days=cfg.discogs.cache_ttl_days,
                                   miss_ttl_days=cfg.discogs.miss_cache_ttl_days, stats=stats)
        self.weights = weights
        self.thresholds = DiscogsThresholds(match=pcfg.min_confidence,
                                            weak=min(0.4, pcfg.min_confidence))

    def should_run(self, work: VideoWork) -> bool:
        reason = self._reason(work)
        if reason:
            self.stats.inc(f"discogs/run/{reason}")
        return reason is not None

    def _reason(self, work: VideoWork) -> str | None:
        if not self.dcfg.use_as_fallback:
            return "always"
        mb = work.result(PassType.MUSICBRAINZ_SEARCH)
        if mb is not None and mb.status is MatchStatus.ERROR:
            return None  # wait for MusicBrainz's verdict: the video is retried anyway
        if mb is None or mb.status is not MatchStatus.MATCH:
            return "fallback"
        if mb.confidence < self.dcfg.min_musicbrainz_confidence:
            return "fallback"
        if mb.evidence is not None and not mb.evidence.genres:
            return "fill"
        return None

    # ------------------------------------------------------------------ cached requests

    async def _once(self, key: str, fetch: Callable[[], Awaitable[Any]],
                    slim: Callable[[Any], Any],
                    found: Callable[[Any], bool] = lambda v: v != MISSING,
                    endpoint: str = "search") -> Any:
        """Cached, shared or fetched (and slimmed); a 404 is an answer too, cached as a miss.

        ``found`` tells a hit (kept ``ttl``) from a miss (kept the shorter ``miss_ttl``).
        """

        async def fetch_slim() -> Any:
            tally = _TALLY.get()
            if tally is not None:  # a request goes out for this lookup (no cache, no share)
                self.stats.inc(f"discogs/asked/{tally.purpose}/{tally.kind(endpoint)}")
            value = await fetch()
            return MISSING if value is None else slim(value)

        value = await self.cache.get_or_fetch(key, fetch_slim, found=found)
        return None if value == MISSING else value

    async def _search(self, params: dict[str, Any]) -> dict[str, Any]:
        tally = _TALLY.get()
        if tally is not None:
            tally.searches += 1
        full = {**params, "per_page": self.dcfg.max_results_per_search}
        key = cache_key("discogs", "search-v1", json.dumps(
            {k: fold(str(v)) if k in ("artist", "track", "q") else v for k, v in full.items()},
            sort_keys=True))
        return await self._once(key, lambda: self.client.search(**full), slim_search,
                                found=_search_found)

    async def _entity(self, r: SearchResult) -> dict[str, Any] | None:
        if r.type == "master" or r.master_id:
            mid = r.id if r.type == "master" else int(r.master_id or 0)
            return await self._once(cache_key("discogs", "master", str(mid)),
                                    lambda: self.client.master(mid), slim_entity,
                                    endpoint="master")
        return await self._once(cache_key("discogs", "release", str(r.id)),
                                lambda: self.client.release(r.id), slim_entity,
                                endpoint="release")

    # ------------------------------------------------------------------ lookup

    async def lookup(self, artist: str, song: str, alt: tuple[str, str] | None = None,
                     *, spell: bool = False) -> DiscogsLookup:
        """Look a song up; ``alt`` is the parse's other reading when it is unsure.

        A master that a track search identifies is taken without its tracklist unless
        ``spell``: the track's own title is wanted (the parse took a qualifier such as
        "(Radio Version)" off the song, which the tracklist may spell as part of it).

        Patterns go from the most precise to the loosest, each asked for both readings
        before the next (the wrong reading's precise search is cheaper than the right
        one's loose searches), and stop at the first match. Without a match the better
        reading's best candidate is kept (the parse's own on a tie).
        """
        readings = [_Reading(artist, song)]
        if alt is not None:
            readings.append(_Reading(alt[0], alt[1], swapped=True))
        for index in range(len(_patterns("", ""))):
            for reading in readings:
                name, params = _patterns(reading.artist, reading.song)[index]
                await self._ask(reading, name, params, spell)
                if reading.matched(self.thresholds):
                    return self._found(reading)
        return self._found(max(readings, key=lambda r: r.rank(self.thresholds)))

    async def _ask(self, reading: _Reading, name: str, params: dict[str, Any],
                   spell: bool) -> None:
        """One search pattern for one reading: the search, then tracklists if needed."""
        artist, song = reading.artist, reading.song
        results = [r for r in results_from_search(await self._search(params), artist)
                   if (r.type, r.id) not in reading.seen]
        if "track" in params and not spell:
            sure = answered_by_search(artist, song, results, self.weights, self.thresholds)
            if sure is not None:
                self.stats.inc("discogs/tracklist/skipped")
                reading.seen.add((sure.result.type, sure.result.id))
                reading.consider(sure, None, name)
                return
        prelim = sorted((score_result(artist, song, r, None, self.weights, self.thresholds)
                         for r in results), key=lambda s: (-s.confidence, s.result.id))
        for pre in prelim[:CANDIDATES_PER_SEARCH]:
            reading.seen.add((pre.result.type, pre.result.id))
            if pre.artist_sim < self.thresholds.artist_present:
                continue
            entity = await self._entity(pre.result)
            scored = score_result(artist, song, pre.result, tracklist_titles(entity),
                                  self.weights, self.thresholds)
            reading.consider(scored, entity, name)
            if scored.confidence >= self.thresholds.match:
                return

    def _found(self, reading: _Reading) -> DiscogsLookup:
        artist, song, best = reading.artist, reading.song, reading.best
        if best is None or best.confidence < self.thresholds.weak:
            return DiscogsLookup(artist, song, reading.pattern or "none", MatchStatus.NO_MATCH,
                                 best, None, None, None, swapped=reading.swapped)
        status = (MatchStatus.MATCH if best.confidence >= self.thresholds.match
                  else MatchStatus.WEAK)
        entity = reading.entity
        master = entity if best.result.type == "master" or best.result.master_id else None
        year, source = original_year(best, master,
                                     [c for c in reading.checked if c is not best])
        return DiscogsLookup(artist, song, reading.pattern, status, best, entity, year, source,
                             track=matched_track(song, tracklist_titles(entity)),
                             swapped=reading.swapped)

    async def run(self, work: VideoWork) -> PassResult:
        p = work.parse
        if p is None or not p.artist or not p.song:
            return PassResult(MatchStatus.SKIPPED)
        artist, song = artist_without_version(p.primary_artist or p.artist), p.song
        mb = work.result(PassType.MUSICBRAINZ_SEARCH)
        confirmed = mb is not None and mb.status is MatchStatus.MATCH and mb.evidence is not None
        if confirmed and mb is not None and mb.evidence is not None:
            artist, song = mb.evidence.artist or artist, mb.evidence.title or song
        alt = None
        if not confirmed and p.alt_artist and p.alt_song:
            # The parse was unsure of the orientation: ask the other reading too.
            _, alt_primary, _ = split_artist_credit(p.alt_artist)
            alt = (alt_primary, p.alt_song)
        try:
            # A qualifier the parse took off the song ("(Radio Version)", "(Duet)" next
            # to it): the tracklist spells the track. Not a word of the song's own name
            # ("Piano Man") nor of the video's description ("karaoke video duet").
            spell = not confirmed and bool(
                TRACK_QUALIFIERS & set(p.version_tags) & qualifiers_in_groups(work.entry.title))
            purpose = self._reason(work) or "always"
            token = _TALLY.set(_Tally(purpose))
            try:
                found = await self.lookup(artist, song, alt, spell=spell)
            finally:
                _TALLY.reset(token)
            if found.swapped:
                self.stats.inc("discogs/orientation/swapped")
        except (RetryableError, ServiceError) as exc:
            return error_result(exc, "Discogs", work.entry.video_id)
        self.stats.inc(f"discogs/lookup/{found.status.value}")
        return PassResult(found.status, found.best.confidence if found.best else 0.0,
                          record=found, rows={"discogs_data": self._row(found)},
                          evidence=self._evidence(found))

    @staticmethod
    def _evidence(found: DiscogsLookup) -> SourceEvidence:
        b, e = found.best, found.entity or {}
        genres = tuple(str(g) for g in e.get("genres") or []) or (b.result.genres if b else ())
        styles = tuple(str(s) for s in e.get("styles") or []) or (b.result.styles if b else ())
        return SourceEvidence(
            source="discogs", status=found.status.value,
            confidence=b.confidence if b else 0.0,
            artist=clean_artist_name(b.result.artist) if b else None,
            title=(found.track or found.song) if b else None,
            year=found.year, genres=genres, styles=styles,
            label=b.result.labels[0] if b and b.result.labels else None,
        )

    def _row(self, found: DiscogsLookup) -> dict[str, Any]:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        b = found.best if found.status is not MatchStatus.NO_MATCH else None
        r = b.result if b else None
        ev = self._evidence(found) if b else None
        main_release = (found.entity or {}).get("main_release") if r else None
        return {
            "status": found.status.value,
            "release_id": (r.id if r and r.type == "release" else
                           main_release if isinstance(main_release, int) else None),
            "master_id": (r.id if r and r.type == "master" else r.master_id if r else None),
            "artist": r.artist if r else None,
            "title": (found.track or found.song) if r else None,
            "release_title": r.release_title if r else None,
            "year": found.year if r else None,
            "genres": list(ev.genres) if ev else [],
            "styles": list(ev.styles) if ev else [],
            "label": r.labels[0] if r and r.labels else None,
            "labels": list(r.labels) if r else [],
            "country": r.country if r else None,
            "format": ", ".join(r.formats) if r and r.formats else None,
            "confidence": round(b.confidence, 4) if b else (
                round(found.best.confidence, 4) if found.best else 0.0),
            "url": f"https://www.discogs.com{r.uri}" if r and r.uri else None,
            "have": r.have if r else None,
            "want": r.want if r else None,
            "query": f"{found.pattern}: artist={found.artist!r} track={found.song!r}"
                     + (" [swapped orientation]" if found.swapped else "")
                     + (" [track by search]" if b and b.verified_by == "search" else ""),
            "created_at": now,
            "updated_at": now,
        }
