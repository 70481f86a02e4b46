"""A persistent response cache in the database (table ``api_cache``).

Keys are built from the normalised query, so the same song asked by many videos or
channels is one entry. Answers that found something live ``ttl``; answers that found
nothing ("miss") live a shorter ``miss_ttl``. Errors are never stored. An unreadable
entry counts as a miss.
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

from collector.services.stats import Stats
from collector.store_writer import StoreWriter


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

    async def get(self, key: str) -> Any | None:
        if self.writer is None:
            return None
        raw = await self.writer.call(self.writer.store.cache_get, key, time.time())
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

    async def put(self, key: str, value: Any, *, found: bool) -> None:
        if self.writer is None:
            return
        ttl = self.ttl if found else self.miss_ttl
        if ttl <= 0:
            return
        body = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        await self.writer.call(
            self.writer.store.cache_put, key, self.service, "hit" if found else "miss", body,
            time.time() + ttl,
        )
        self.stats.inc(f"{self.service}/cache/store")
