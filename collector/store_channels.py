"""The store's channels: upserts, pseudo ids (a listing that named no channel id) and
each channel's orientation profile.

A mixin of :class:`collector.db_optimized.Store`.
"""

from __future__ import annotations

import json
from typing import Any

from collector.models import ChannelInfo
from collector.store_base import StoreBase, _json, now_iso

# Channel ids made up when a listing gives none (collector.sources.entries.channel_from_info).
_HANDLE_PREFIX = "handle:"
_PSEUDO_PREFIXES = (_HANDLE_PREFIX, "name:")


class ChannelStore(StoreBase):
    # ------------------------------------------------------------------ channels

    def resolve_channel_id(self, channel_id: str | None) -> str | None:
        """The stored id for ``channel_id``: a pseudo id ``handle:@x`` (a listing that gave
        no channel id) names the channel whose real ``UC...`` id is known by now."""
        if channel_id and channel_id.startswith(_HANDLE_PREFIX):
            row = self.conn.execute(
                "SELECT channel_id FROM channels WHERE handle = ? AND channel_id NOT LIKE "
                "'handle:%' AND channel_id NOT LIKE 'name:%' ORDER BY first_seen_at LIMIT 1",
                (channel_id[len(_HANDLE_PREFIX):],),
            ).fetchone()
            if row is not None:
                return str(row[0])
        return channel_id

    def upsert_channel(self, info: ChannelInfo, orientation: dict[str, Any] | None = None) -> None:
        """Insert or update a channel. A real id with a handle absorbs the row stored under
        that handle's pseudo id (its videos move to the real id; the pseudo row goes)."""
        now = now_iso()
        cid = self.resolve_channel_id(info.channel_id) or info.channel_id
        pseudo = f"{_HANDLE_PREFIX}{info.handle}" if info.handle else None
        with self._transaction():
            self.conn.execute(
                """INSERT INTO channels (channel_id, name, handle, url, orientation,
                                         first_seen_at, updated_at, last_collected_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(channel_id) DO UPDATE SET
                       name = COALESCE(excluded.name, channels.name),
                       handle = COALESCE(excluded.handle, channels.handle),
                       url = COALESCE(excluded.url, channels.url),
                       orientation = COALESCE(excluded.orientation, channels.orientation),
                       updated_at = excluded.updated_at,
                       last_collected_at = excluded.last_collected_at""",
                (cid, info.name, info.handle, info.url,
                 _json(orientation) if orientation is not None else None, now, now, now),
            )
            if pseudo and pseudo != cid and not cid.startswith(_PSEUDO_PREFIXES):
                self._absorb_channel(pseudo, cid)

    def _absorb_channel(self, pseudo: str, real: str) -> None:
        """Merge the row stored under a pseudo id into the real one (inside a transaction)."""
        old = self.conn.execute("SELECT * FROM channels WHERE channel_id = ?",
                                (pseudo,)).fetchone()
        if old is None:
            return
        self.conn.execute(
            """UPDATE channels SET name = COALESCE(name, ?), url = COALESCE(url, ?),
                   orientation = COALESCE(orientation, ?),
                   first_seen_at = MIN(first_seen_at, ?)
               WHERE channel_id = ?""",
            (old["name"], old["url"], old["orientation"], old["first_seen_at"], real),
        )
        self.conn.execute("UPDATE videos SET channel_id = ? WHERE channel_id = ?",
                          (real, pseudo))
        self.conn.execute("DELETE FROM channels WHERE channel_id = ?", (pseudo,))

    def channel_orientation(self, channel_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT orientation FROM channels WHERE channel_id = ?",
            (self.resolve_channel_id(channel_id),),
        ).fetchone()
        if row is None or not row["orientation"]:
            return None
        value = json.loads(row["orientation"])
        return value if isinstance(value, dict) else None
