"""What every part of the store shares: its connection, transactions and row helpers.

The base of :class:`collector.db_optimized.Store` and of its mixins (channels, runs,
the response cache, reports), so each part can be read on its own.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class StoreBase:
    conn: sqlite3.Connection

    # ------------------------------------------------------------------ transactions

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def _write(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._transaction():
            self.conn.executemany(sql, rows)
