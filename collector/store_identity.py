"""The store's side of confirmed identity: artist knowledge and what channels learn.

A mixin of :class:`collector.db_optimized.Store` (it uses the store's connection), kept
apart so the store's core stays about videos, runs and the cache.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from collector.parsing.normalise import artist_key


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class IdentityStore:
    conn: sqlite3.Connection

    # ------------------------------------------------------------------ artist knowledge

    def _know_artists(self, names: Sequence[str], source: str, now: str) -> None:
        rows = [(k, n, source, now, now) for n in names if (k := artist_key(n))]
        self.conn.executemany(
            """INSERT INTO artist_knowledge (key, name, source, evidence, first_seen_at,
                                             updated_at) VALUES (?, ?, ?, 1, ?, ?)
               ON CONFLICT(key) DO UPDATE SET evidence = artist_knowledge.evidence + 1,
                   -- a lookup's confirmation outranks a channel's mention
                   source = CASE WHEN excluded.source = 'lookup' THEN 'lookup'
                                 ELSE artist_knowledge.source END,
                   name = CASE WHEN excluded.source = 'lookup' THEN excluded.name
                               ELSE artist_knowledge.name END,
                   updated_at = excluded.updated_at""",
            rows,
        )

    def add_known_artists(self, names: Sequence[str], source: str = "channel") -> None:
        """Remember artists: ``lookup`` (a confirmed match's credit) or ``channel`` (named)."""
        if not names:
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self._know_artists(names, source, _now())
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def known_artists(self) -> list[str]:
        """Every artist the store knows (display names), for the parser's knowledge."""
        return [str(r[0]) for r in self.conn.execute("SELECT name FROM artist_knowledge")]

    def set_channel_orientation(self, channel_id: str, orientation: dict[str, Any]) -> None:
        self.conn.execute(
            "UPDATE channels SET orientation = ?, updated_at = ? WHERE channel_id = ?",
            (json.dumps(orientation, ensure_ascii=False), _now(), channel_id),
        )

    def pending_of_channel(self, channel_id: str) -> list[sqlite3.Row]:
        """A channel's videos still waiting for enrichment (title and stored parse)."""
        return self.conn.execute(
            "SELECT v.*, c.name AS channel_name FROM videos v "
            "LEFT JOIN channels c ON c.channel_id = v.channel_id "
            "WHERE v.channel_id = ? AND v.enrichment_status = 'pending'",
            (channel_id,),
        ).fetchall()

