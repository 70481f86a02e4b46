"""A persistent response cache in the database (table ``api_cache``).

Keys are built from the normalised query, so the same song asked by many videos or
channels is one entry. Answers that found something live ``ttl``; answers that found
nothing ("miss") live a shorter ``miss_ttl``. Errors are never stored. An unreadable
entry counts as a miss.

:meth:`ResponseCache.get_or_fetch` is the one way in: the cache first, then the request
already in flight for the same key, then one new request, whose answer is stored.

Reads and writes go to the store's single thread in groups: every read asked while one
group is on the thread goes in the next group (one query); writes wait up to
``WRITE_DELAY`` for company (one transaction), so a crash loses at most that much of
the answers. A thread round trip costs ~70 us of CPU; a fresh key costs none: a Bloom
filter of the stored keys (1 MiB, loaded once per run) answers "not cached" without
asking the store. Keys another process stores meanwhile are not in it: at worst we ask
the service again. Expired rows are not loaded into it; when the filter is loaded, up to
``PRUNE_PER_RUN`` of them are deleted (``karaoke-collector cache prune`` deletes all).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from collector.services.stats import Stats
from collector.store_writer import StoreWriter

log = logging.getLogger("collector.cache")
CacheRow = tuple[str, str, str, str, float]  # key, service, kind, body, expires_at
WRITE_DELAY = 0.02  # seconds a write waits for others to share its transaction
PRUNE_PER_RUN = 5000  # expired rows deleted per cache and run: a bounded, short transaction


class KeyFilter:
    """A Bloom filter over cache keys: ``False`` means the key is surely not stored.

    The bit positions are slices of a 96-bit BLAKE2 digest of the key. 2**23 bits and 4
    positions: 1 false "maybe" in 200,000 lookups at 100,000 keys, 1 in 50 at a million.
    """

    BITS = 23
    HASHES = 4

    def __init__(self) -> None:
        self._bits = bytearray(1 << (self.BITS - 3))

    def _positions(self, key: str) -> list[int]:
        digest = int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"),
                                                digest_size=12).digest())
        mask = (1 << self.BITS) - 1
        return [(digest >> (self.BITS * i)) & mask for i in range(self.HASHES)]

    def add_everything(self) -> None:
        """Every key "maybe": every read asks the store."""
        self._bits[:] = b"\xff" * len(self._bits)

    def add(self, key: str) -> None:
        for pos in self._positions(key):
            self._bits[pos >> 3] |= 1 << (pos & 7)

    def __contains__(self, key: str) -> bool:
        return all(self._bits[pos >> 3] & (1 << (pos & 7)) for pos in self._positions(key))


def cache_key(service: str, *parts: str) -> str:
    raw = "\x1f".join(parts)
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{service}:{digest}"


class ResponseCache:
    def __init__(
        self, writer: StoreWriter | None, service: str, *, ttl_days: float,
        miss_ttl_days: float, stats: Stats,
    ) -> None:
        self.writer = writer
        self.service = service
        self.ttl = ttl_days * 86400
        self.miss_ttl = miss_ttl_days * 86400
        self.stats = stats
        self._inflight: dict[str, asyncio.Future[Any]] = {}
        # Written answers not yet committed: readers see them before the store does.
        self._staged: dict[str, Any] = {}
        self._to_write: list[CacheRow] = []
        self._writing: asyncio.Task[None] | None = None
        self._to_read: dict[str, asyncio.Future[str | None]] = {}
        self._reading: asyncio.Task[None] | None = None  # referenced: tasks are weakly held
        self._known: KeyFilter | None = None
        self._put_while_loading: list[str] = []
        self._loading: asyncio.Task[KeyFilter] | None = None

    # ------------------------------------------------------------------ the way in

    async def get_or_fetch(
        self, key: str, fetch: Callable[[], Awaitable[Any]], *, found: Callable[[Any], bool],
    ) -> Any:
        """The cached answer, or the one in flight for ``key``, or ``fetch()`` (then stored;
        ``found(answer)`` picks the hit or the miss lifetime). Errors are not stored."""
        shared = self._inflight.get(key)
        if shared is not None:
            self.stats.inc(f"{self.service}/dedup/shared")
            return await asyncio.shield(shared)
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._inflight[key] = fut
        try:
            value = await self.get(key)
            if value is None:
                value = await fetch()
                self.put(key, value, found=found(value))
            fut.set_result(value)
            return value
        except BaseException as exc:
            fut.set_exception(exc)
            fut.exception()  # mark retrieved: waiters re-raise it themselves
            raise
        finally:
            self._inflight.pop(key, None)

    # ------------------------------------------------------------------ reads

    async def get(self, key: str) -> Any | None:
        if key in self._staged:
            self.stats.inc(f"{self.service}/cache/hit")
            return self._staged[key]
        if self.writer is None:
            return None
        if key not in await self._known_keys():
            self.stats.inc(f"{self.service}/cache/miss")
            return None
        fut = self._to_read.get(key)
        if fut is None:
            fut = asyncio.get_running_loop().create_future()
            self._to_read[key] = fut
            if self._reading is None:
                self._reading = asyncio.get_running_loop().create_task(self._read_groups())
        raw = await asyncio.shield(fut)
        if raw is None:
            self.stats.inc(f"{self.service}/cache/miss")
            return None
        try:
            value = json.loads(raw)
        except ValueError:
            self.stats.inc(f"{self.service}/cache/miss")
            return None
        self.stats.inc(f"{self.service}/cache/hit")
        return value

    async def _known_keys(self) -> KeyFilter:
        if self._known is None:
            if self._loading is None:
                self._loading = asyncio.get_running_loop().create_task(self._load_keys())
            known = await asyncio.shield(self._loading)
            for key in self._put_while_loading:
                known.add(key)
            self._put_while_loading.clear()
            self._known = known
        return self._known

    async def _load_keys(self) -> KeyFilter:
        assert self.writer is not None
        known = KeyFilter()

        def load() -> int:
            store = self.writer.store  # type: ignore[union-attr]
            now = time.time()
            try:
                pruned = store.prune_cache(now, limit=PRUNE_PER_RUN)
            except Exception as exc:  # e.g. locked for longer than the timeout: next run
                log.debug("expired cache rows not pruned: %s", exc)
                pruned = 0
            for key in store.cache_keys(self.service, now):
                known.add(key)
            return pruned

        try:
            pruned = await self.writer.call(load)
            if pruned:
                self.stats.inc(f"{self.service}/cache/pruned", pruned)
        except Exception as exc:  # unreadable: every key "maybe", reads ask the store
            log.warning("cache keys could not be read: %s", exc)
            known.add_everything()
        return known

    async def _read_groups(self) -> None:
        assert self.writer is not None
        group: dict[str, asyncio.Future[str | None]] = {}
        try:
            while self._to_read:
                group, self._to_read = self._to_read, {}
                try:
                    found = await self.writer.call(self.writer.store.cache_get_many,
                                                   list(group), time.time())
                except Exception as exc:  # a cache read failure is a miss, never a crash
                    log.warning("cache read failed: %s", exc)
                    found = {}
                for key, fut in group.items():
                    if not fut.done():
                        fut.set_result(found.get(key))
        finally:
            self._reading = None
            for fut in (*group.values(), *self._to_read.values()):  # cancelled mid-way
                if not fut.done():
                    fut.set_result(None)
            self._to_read = {}

    # ------------------------------------------------------------------ writes

    def put(self, key: str, value: Any, *, found: bool) -> None:
        """Stage the answer; it is written with the next group."""
        if self.writer is None:
            return
        ttl = self.ttl if found else self.miss_ttl
        if ttl <= 0:
            return
        body = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        if self._known is not None:
            self._known.add(key)
        else:
            self._put_while_loading.append(key)
        self._staged[key] = value
        self._to_write.append((key, self.service, "hit" if found else "miss", body,
                               time.time() + ttl))
        self.stats.inc(f"{self.service}/cache/store")
        if self._writing is None:
            self._writing = asyncio.get_running_loop().create_task(self._write_groups())

    async def _write_groups(self) -> None:
        assert self.writer is not None
        try:
            await asyncio.sleep(WRITE_DELAY)
            while self._to_write:
                group, self._to_write = self._to_write, []
                try:
                    await self.writer.call(self.writer.store.cache_put_many, group)
                except Exception as exc:  # losing a cache entry costs a request, no data
                    log.warning("cache write failed: %s", exc)
                for row in group:
                    self._staged.pop(row[0], None)
        finally:
            self._writing = None

    async def flush(self) -> None:
        """Wait until every staged answer is written."""
        while self._writing is not None:
            await asyncio.shield(self._writing)
