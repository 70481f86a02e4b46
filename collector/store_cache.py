"""The store's response cache (table ``api_cache``): bodies by key, with an expiry.

A mixin of :class:`collector.db_optimized.Store`; the layer that uses it is
:mod:`collector.services.cache`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from collector.store_base import StoreBase, now_iso


class CacheStore(StoreBase):
    # ------------------------------------------------------------------ response cache

    def cache_get_many(self, keys: list[str], now: float) -> dict[str, str]:
        """The live (unexpired) bodies of these keys."""
        found: dict[str, str] = {}
        for start in range(0, len(keys), 500):  # under SQLite's bound-variable limit
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for key, body in self.conn.execute(
                f"SELECT key, body FROM api_cache WHERE key IN ({marks}) AND expires_at > ?",
                (*chunk, now),
            ):
                found[key] = str(body)
        return found

    def cache_keys(self, service: str, now: float | None = None) -> Iterator[str]:
        """Every live (unexpired at ``now``, default: the current time) key of one service."""
        for (key,) in self.conn.execute(
            "SELECT key FROM api_cache WHERE service = ? AND expires_at > ?",
            (service, time.time() if now is None else now),
        ):
            yield str(key)

    def prune_cache(self, now: float | None = None, *, limit: int | None = None) -> int:
        """Delete expired cache rows (at most ``limit``, oldest expiry first); returns how
        many. Reads never use them, so this only gives the space back."""
        now = time.time() if now is None else now
        with self._transaction():
            cur = self.conn.execute(
                """DELETE FROM api_cache WHERE rowid IN (
                       SELECT rowid FROM api_cache WHERE expires_at <= ?
                       ORDER BY expires_at LIMIT ?)""",
                (now, -1 if limit is None else limit),
            )
        return cur.rowcount

    def cache_put_many(self, rows: list[tuple[str, str, str, str, float]]) -> None:
        """Store (key, service, kind, body, expires_at) rows in one transaction."""
        created = now_iso()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.executemany(
                """INSERT INTO api_cache (key, service, kind, body, created_at, expires_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT(key) DO UPDATE SET kind = excluded.kind, body = excluded.body,
                       created_at = excluded.created_at, expires_at = excluded.expires_at""",
                [(key, service, kind, body, created, expires)
                 for key, service, kind, body, expires in rows],
            )
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
