"""The store's run bookkeeping (table ``collection_runs``): start, finish, the last run,
and runs left "running" by a process that is gone.

A mixin of :class:`collector.db_optimized.Store`.
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any

from collector.models import RunSummary
from collector.store_base import StoreBase, _json, now_iso

_ACTIVE_RUNS: set[int] = set()  # runs this process has started and not finished


def _run_alive(run_id: int, pid: int | None) -> bool:
    if pid is None:
        return False
    if pid == os.getpid():
        return run_id in _ACTIVE_RUNS
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class RunStore(StoreBase):
    # ------------------------------------------------------------------ runs

    def start_run(self, command: str, source: str | None, options: dict[str, Any]) -> int:
        # A run still marked "running" whose process is gone was killed: say so.
        for run_id, pid in self.conn.execute(
            "SELECT run_id, pid FROM collection_runs WHERE status = 'running'"
        ).fetchall():
            if not _run_alive(run_id, pid):
                self.conn.execute(
                    "UPDATE collection_runs SET status = 'interrupted' WHERE run_id = ?",
                    (run_id,),
                )
        cur = self.conn.execute(
            "INSERT INTO collection_runs (command, source, options, started_at, pid) "
            "VALUES (?,?,?,?,?)",
            (command, source, _json(options), now_iso(), os.getpid()),
        )
        run_id = int(cur.lastrowid or 0)
        _ACTIVE_RUNS.add(run_id)
        return run_id

    def finish_run(
        self, run_id: int, summary: RunSummary, *, status: str, channel_id: str | None = None
    ) -> None:
        s = summary
        _ACTIVE_RUNS.discard(run_id)
        self.conn.execute(
            """UPDATE collection_runs SET status = ?, finished_at = ?, channel_id =
                   COALESCE(?, channel_id), listed = ?, new = ?, updated = ?, parsed = ?,
                   enriched = ?, pending = ?, errors = ?, stats = ?
               WHERE run_id = ?""",
            (status, now_iso(), channel_id, s.listed, s.new, s.updated, s.parsed, s.enriched,
             s.pending, s.errors, _json(s.stats), run_id),
        )

    def last_run(self) -> sqlite3.Row | None:
        return self.conn.execute(
            "SELECT * FROM collection_runs ORDER BY run_id DESC LIMIT 1"
        ).fetchone()
