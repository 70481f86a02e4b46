"""Tags of artists and release groups from MusicBrainz, many to a request, cached per id.

Recordings on MusicBrainz rarely carry tags; their release groups more often, their
artists mostly. A song whose matched recording has none takes its release group's, else
its artists' (see the pass). Ids wait in a queue; one dispatcher sends them as one
``arid:(id1 OR id2 ...)`` artist search (``rgid:(...)`` release-group search), paced like
every other MusicBrainz request, up to ``MAX_IDS`` a request, under the URL limit; each
entity's tags are cached under its MBID, so a later song by the same artist asks
nothing. An id the answer does not hold is cached with no tags (as a miss).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Callable
from typing import Any
from urllib.parse import quote_plus

from collector.matching.musicbrainz_batch import MAX_QUERY_CHARS, lucene_phrase
from collector.passes.dispatch import cancel_all, start_send
from collector.services.cache import ResponseCache, cache_key
from collector.services.musicbrainz_client import MusicBrainzClient
from collector.services.stats import Stats

SERVICE = "musicbrainz"
FIELDS = {"artist": "arid", "release-group": "rgid"}
MAX_IDS = 60  # an MBID takes ~45 URL characters: 60 stay under the URL limit
Tags = list[tuple[str, int]]


def tags_of(entity: dict[str, Any]) -> Tags:
    """(name, count) of an entity's tags and genres, best first, zero counts dropped."""
    counts: dict[str, int] = {}
    for key in ("genres", "tags"):
        for t in entity.get(key) or []:
            if isinstance(t, dict) and isinstance(t.get("name"), str) and t["name"]:
                count = t.get("count")
                n = int(count) if isinstance(count, int) and not isinstance(count, bool) else 0
                if n > 0:
                    counts[t["name"]] = max(counts.get(t["name"], 0), n)
    return sorted(counts.items(), key=lambda x: (-x[1], x[0]))


def ids_query(entity: str, ids: list[str]) -> str:
    return f"{FIELDS[entity]}:(" + " OR ".join(lucene_phrase(i) for i in ids) + ")"


class EntityTags:
    """:param busy: whether recording searches are waiting: they go first (the songs
        waiting for artists then pile up into fuller artist requests), for at most
        ``max_wait`` seconds."""

    def __init__(self, entity: str, client: MusicBrainzClient, cache: ResponseCache,
                 stats: Stats, *, linger: float = 0.05, busy: Callable[[], bool] = lambda: False,
                 max_wait: float = 30.0) -> None:
        self.entity = entity
        self.stat = f"{SERVICE}/{entity}_tags"
        self.client = client
        self.cache = cache
        self.stats = stats
        self.linger = linger
        self.busy = busy
        self.max_wait = max_wait
        self._inflight: dict[str, asyncio.Future[Tags]] = {}
        self._queue: deque[str] = deque()
        self._arrived = asyncio.Event()
        self._dispatcher: asyncio.Task[None] | None = None
        self._sending: set[asyncio.Task[None]] = set()

    async def tags(self, ids: list[str]) -> dict[str, Tags]:
        """Each entity's tags: cached, or shared with a lookup in flight, or asked."""
        loop = asyncio.get_running_loop()
        mine: dict[str, asyncio.Future[Tags]] = {}
        waits: dict[str, asyncio.Future[Tags]] = {}
        for aid in dict.fromkeys(ids):
            fut = self._inflight.get(aid)
            if fut is not None:
                waits[aid] = fut
            else:
                mine[aid] = self._inflight[aid] = loop.create_future()
        try:
            cached = await asyncio.gather(*(self.cache.get(self._key(a)) for a in mine))
            for aid, data in zip(mine, cached, strict=True):
                if data is not None:
                    self.stats.inc(f"{self.stat}/cached")
                    mine[aid].set_result(tags_of(data) if isinstance(data, dict) else [])
                else:
                    self._queue.append(aid)
            if self._queue:
                self._arrived.set()
                if self._dispatcher is None:
                    self._dispatcher = loop.create_task(self._dispatch())
            out = {aid: await asyncio.shield(fut) for aid, fut in mine.items()}
        except BaseException as exc:
            for fut in mine.values():
                if not fut.done():
                    fut.set_exception(exc)
                    fut.exception()
            raise
        finally:
            for aid, fut in mine.items():
                if fut.done():
                    self._inflight.pop(aid, None)
        for aid, fut in waits.items():
            out[aid] = await asyncio.shield(fut)
        return out

    def _key(self, mbid: str) -> str:
        return cache_key(SERVICE, f"{self.entity}-tags-v1", mbid)

    async def close(self) -> None:
        await cancel_all([self._dispatcher, *self._sending])

    async def _dispatch(self) -> None:
        try:
            while self._queue:
                start = time.monotonic()
                while len(self._queue) < MAX_IDS and (
                        (left := start + self.linger - time.monotonic()) > 0
                        or (self.busy() and time.monotonic() < start + self.max_wait)):
                    self._arrived.clear()
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._arrived.wait(), max(left, 0.05))
                await self.client.wait_turn()
                ids: list[str] = []
                while self._queue and len(ids) < MAX_IDS and self._fits([*ids, self._queue[0]]):
                    ids.append(self._queue.popleft())
                if not ids:  # an id longer than the URL allows: no such entity
                    self._resolve(self._queue.popleft(), [])
                    continue
                start_send(self._sending, self._send(ids))
        finally:
            self._dispatcher = None

    def _fits(self, ids: list[str]) -> bool:
        return len(quote_plus(ids_query(self.entity, ids))) <= MAX_QUERY_CHARS

    def _resolve(self, aid: str, tags: Tags) -> None:
        fut = self._inflight.get(aid)
        if fut is not None and not fut.done():
            fut.set_result(tags)

    async def _send(self, ids: list[str]) -> None:
        try:
            data = await self.client.search_tags(self.entity, ids_query(self.entity, ids),
                                                 100, turn_taken=True)
        except asyncio.CancelledError:
            for aid in ids:
                if (fut := self._inflight.get(aid)) is not None:
                    fut.cancel()
            raise
        except Exception as exc:
            for aid in ids:
                fut = self._inflight.get(aid)
                if fut is not None and not fut.done():
                    fut.set_exception(exc)
                    fut.exception()
            return
        self.stats.inc(f"{self.stat}/requests")
        self.stats.inc(f"{self.stat}/ids", len(ids))
        found = {str(a.get("id")): a for a in data.get(f"{self.entity}s") or []
                 if isinstance(a, dict)}
        for aid in ids:
            entity = found.get(aid, {})
            tags = tags_of(entity)
            slim = {"tags": [{"name": n, "count": c} for n, c in tags]}
            self.cache.put(self._key(aid), slim, found=bool(tags))
            self._resolve(aid, tags)
