#!/usr/bin/env python3
"""Roll the Discogs integration out, phase by phase, with rollback.

    python discogs_rollout.py [--config config.yaml] [--db PATH] [--dry-run] [--yes]

Phases (each prints PASS or FAIL and its reason; the first failure stops the rollout with
exit 1, and every change made before it is rolled back):

1. config and environment: the config validates, Python is 3.11+, a token is set;
2. token and connectivity: one authenticated request to the configured base URL;
3. database: a backup copy is written (SQLite's backup API, 0600, kept), then the
   database is migrated to the current schema version;
4. smoke test: a few sample songs looked up through the real Discogs pass (client, rate
   limiter, matching);
5. metrics: the smoke test's success rate, 429s and latency against ``monitoring``;
6. config: ``data_sources.discogs.enabled: true`` written atomically (backup kept);
7. post-rollout health check: the config now enables Discogs, the database opens at the
   current version and its health is not unhealthy.

``--dry-run`` changes nothing at all (no database, no config, no backup file) and says
what it would do; phases 1, 2 and 4 still talk to Discogs. ``--yes`` skips the question.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sqlite3
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collector.config import Config, PassConfig, find_config_path, load_config  # noqa: E402
from collector.db_optimized import Store  # noqa: E402
from collector.discogs_cli import _probe  # noqa: E402
from collector.discogs_monitor import DiscogsMonitor, aggregate  # noqa: E402
from collector.errors import CollectorError  # noqa: E402
from collector.migrations import current_version  # noqa: E402
from collector.passes.base import MatchStatus  # noqa: E402
from collector.passes.discogs_search_pass import DiscogsSearchPass  # noqa: E402
from collector.redaction import redact  # noqa: E402
from collector.schema import SCHEMA_VERSION  # noqa: E402
from collector.services.retry import RetryableError  # noqa: E402
from collector.services.stats import Stats  # noqa: E402

SMOKE_SONGS = [("Toto", "Africa"), ("Metallica", "The Unforgiven"), ("Adele", "Hello")]
_ENABLED_RE = re.compile(r"^(\s+)enabled:\s*\S+(.*)$")


class PhaseFailed(Exception):
    pass


class Rollout:
    def __init__(self, config_path: Path, db: str | None, dry_run: bool) -> None:
        self.config_path = config_path
        self.db_override = db
        self.dry_run = dry_run
        self.cfg: Config | None = None
        self.undo: list[tuple[str, Callable[[], None]]] = []
        self.smoke_stats = Stats()
        self.stamp = time.strftime("%Y%m%d-%H%M%S")

    @property
    def db_path(self) -> Path:
        assert self.cfg is not None
        return Path(self.cfg.database.path)

    def say(self, text: str) -> None:
        print(redact(f"         {text}"))

    # ------------------------------------------------------------------ phases

    def phase_config(self) -> str:
        if sys.version_info < (3, 11):  # noqa: UP036 (the script may run on an older python)
            raise PhaseFailed(f"Python 3.11+ required, this is {sys.version.split()[0]}")
        if not self.config_path.is_file():
            raise PhaseFailed(f"{self.config_path}: config file not found")
        try:
            self.cfg = load_config(self.config_path)
        except CollectorError as exc:
            raise PhaseFailed(str(exc)) from None
        if self.db_override:
            self.cfg.database.path = self.db_override
        if not self.cfg.discogs.token:
            raise PhaseFailed("no Discogs token: set DISCOGS_TOKEN "
                              "(or data_sources.discogs.token)")
        parent = self.db_path.resolve().parent
        if not os.access(parent, os.W_OK):
            raise PhaseFailed(f"{parent}: not writable (database backups go there)")
        return (f"{self.config_path} is valid; token set ({self.cfg.discogs.token.masked()}); "
                f"database {self.db_path}")

    def phase_connectivity(self) -> str:
        assert self.cfg is not None
        ok, message, headers = asyncio.run(_probe(self.cfg))
        if not ok:
            raise PhaseFailed(message)
        budget = headers.get("X-Discogs-Ratelimit") or headers.get("x-discogs-ratelimit")
        return f"{message} at {self.cfg.discogs.base_url}" + (
            f" (rate limit {budget}/min)" if budget else "")

    def phase_database(self) -> str:
        path = self.db_path
        backup = path.with_name(f"{path.name}.pre-discogs-{self.stamp}.bak")
        exists = path.is_file()
        version = 0
        if exists:
            try:
                conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
                version = current_version(conn)
                conn.close()
            except sqlite3.Error as exc:
                raise PhaseFailed(f"{path}: cannot read database ({exc})") from None
        if version > SCHEMA_VERSION:
            raise PhaseFailed(f"{path}: schema version {version} is newer than this code")
        if self.dry_run:
            if exists:
                return (f"would back up {path} to {backup.name} and migrate it from version "
                        f"{version} to {SCHEMA_VERSION}")
            return f"would create {path} at schema version {SCHEMA_VERSION}"
        if exists:
            # SQLite's backup API: a consistent copy even of a live WAL database (rows
            # still in "<db>-wal" included), private from the first byte.
            try:
                copy_database(path, backup)
            except sqlite3.Error as exc:
                raise PhaseFailed(f"{path}: cannot back up the database ({exc})") from None
            self.undo.append((f"restored {path} from {backup.name}",
                              lambda: copy_database(backup, path)))
        else:
            self.undo.append((f"removed the new {path}", lambda: _remove_db(path)))
        try:
            Store(path).close()
        except CollectorError as exc:
            raise PhaseFailed(str(exc)) from None
        detail = f"backup kept at {backup}" if exists else "new database created"
        return f"database at schema version {SCHEMA_VERSION} ({detail})"

    def phase_smoke(self) -> str:
        assert self.cfg is not None
        found = asyncio.run(self._smoke())
        if found == 0:
            raise PhaseFailed(f"none of {len(SMOKE_SONGS)} sample songs was found on Discogs")
        return f"{found}/{len(SMOKE_SONGS)} sample songs matched"

    async def _smoke(self) -> int:
        assert self.cfg is not None
        lookup = DiscogsSearchPass(self.cfg, PassConfig("discogs_search", True, 0.6),
                                   writer=None, stats=self.smoke_stats)
        found = 0
        await lookup.open()
        try:
            for artist, song in SMOKE_SONGS:
                try:
                    result = await lookup.lookup(artist, song)
                except RetryableError as exc:  # still failing after the client's retries
                    self.say(f"{artist} - {song}: not answered ({exc})")
                    continue
                except CollectorError as exc:
                    self.say(f"{artist} - {song}: {exc}")
                    continue
                ev = lookup._evidence(result)
                self.say(f"{artist} - {song}: {result.status.value}"
                         + (f", {ev.year}, {', '.join(ev.genres)}" if ev.year else ""))
                found += result.status is MatchStatus.MATCH
        finally:
            await lookup.close()
        return found

    def phase_metrics(self) -> str:
        assert self.cfg is not None
        t = self.cfg.monitoring
        stats = self.smoke_stats.as_dict()
        m = aggregate([stats], [None])
        # A 5xx, 429 or dropped connection that a retry recovered is not a failure of the
        # integration: only the requests whose retries ran out count against it.
        retried = {k.rsplit("/", 1)[1]: int(v) for k, v in stats.items()
                   if k.startswith("discogs/retry/")}
        settled = m.requests - sum(retried.values())
        rate = m.successes / settled if settled > 0 else 0.0
        if rate < t.min_success_rate:
            raise PhaseFailed(f"API success rate {rate:.0%} below {t.min_success_rate:.0%}")
        limited = m.failures.get("429", 0)
        unrecovered = limited - retried.get("429", 0)
        if unrecovered > t.max_rate_limited:
            raise PhaseFailed(f"{unrecovered} requests stayed rate limited (429) after retries")
        if m.latency_p95_ms is not None and m.latency_p95_ms > t.max_added_latency_ms * 4:
            raise PhaseFailed(f"latency p95 {m.latency_p95_ms:.0f} ms is too high")
        return (f"success rate {rate:.0%} over {m.requests} requests "
                f"({sum(retried.values())} retried), {limited} 429s (retried), "
                f"p95 {m.latency_p95_ms} ms")

    def phase_enable(self) -> str:
        text = self.config_path.read_text(encoding="utf-8")
        new_text = enable_discogs(text)
        if new_text == text:
            return f"{self.config_path} already enables Discogs"
        backup = self.config_path.with_name(
            f"{self.config_path.name}.pre-discogs-{self.stamp}.bak")
        if self.dry_run:
            return f"would set data_sources.discogs.enabled: true (backup {backup.name})"
        old_mode = stat.S_IMODE(os.stat(self.config_path).st_mode)
        create_private(backup, text.encode("utf-8"))  # it may hold the token
        write_atomically(self.config_path, new_text.encode("utf-8"), old_mode)
        self.undo.append((f"restored {self.config_path} from {backup.name}",
                          lambda: write_atomically(self.config_path, backup.read_bytes(),
                                                   old_mode)))
        return f"data_sources.discogs.enabled: true (backup kept at {backup})"

    def phase_health(self) -> str:
        if self.dry_run:
            return "would re-read the config and check the database's health"
        cfg = load_config(self.config_path)
        if not cfg.discogs.enabled:
            raise PhaseFailed("the config does not enable Discogs after the change")
        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True)
        try:
            if current_version(conn) != SCHEMA_VERSION:
                raise PhaseFailed("the database is not at the current schema version")
            health = DiscogsMonitor(conn, cfg.monitoring).health()
        finally:
            conn.close()
        if health.state == "unhealthy":
            raise PhaseFailed("; ".join(health.reasons))
        return f"{health.state}: {'; '.join(health.reasons)}"

    # ------------------------------------------------------------------ driver

    def run(self) -> int:
        phases = [
            ("config and environment", self.phase_config),
            ("token and connectivity", self.phase_connectivity),
            ("database backup and migration", self.phase_database),
            ("smoke test", self.phase_smoke),
            ("metrics against thresholds", self.phase_metrics),
            ("enable Discogs in the config", self.phase_enable),
            ("post-rollout health check", self.phase_health),
        ]
        if self.dry_run:
            print("Dry run: nothing will be written.")
        for number, (name, phase) in enumerate(phases, 1):
            try:
                detail = phase()
            except PhaseFailed as exc:
                print(redact(f"[{number}/7] FAIL {name}: {exc}"))
                self.rollback()
                return 1
            except Exception as exc:  # a bug or an unexpected error still rolls back
                print(redact(f"[{number}/7] FAIL {name}: unexpected {type(exc).__name__}: {exc}"))
                self.rollback()
                return 1
            print(redact(f"[{number}/7] PASS {name}: {detail}"))
        print("Rollout complete." if not self.dry_run else "Dry run complete: all phases pass.")
        return 0

    def rollback(self) -> None:
        if not self.undo:
            print("Nothing was changed.")
            return
        for description, action in reversed(self.undo):
            action()
            print(f"Rolled back: {description}")


def create_private(path: Path, data: bytes = b"") -> None:
    """Create ``path`` (it must not exist) readable by its owner only (0600) from the start."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def write_atomically(path: Path, data: bytes, mode: int) -> None:
    """Replace ``path`` with ``data``: readers see the old or the new file, never a part.

    The temporary file is 0600 while it is written; the new file then gets ``mode``.
    """
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    create_private(tmp, data)
    os.replace(tmp, path)
    os.chmod(path, mode)


def copy_database(src: Path, dest: Path) -> None:
    """Copy a database with SQLite's backup API (consistent even while it is in use; WAL
    content included). A new ``dest`` is created 0600; an existing one is overwritten
    in place (a rollback restores a database this way)."""
    if not dest.exists():
        create_private(dest)
    source = sqlite3.connect(src)
    try:
        target = sqlite3.connect(dest)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def enable_discogs(text: str) -> str:
    """Set ``enabled: true`` in the ``data_sources.discogs`` block, keeping comments."""
    lines = text.splitlines(keepends=True)
    in_sources = in_discogs = False
    discogs_indent = -1
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 0:
            in_sources = stripped.startswith("data_sources:")
            in_discogs = False
            continue
        if in_sources and stripped.startswith("discogs:"):
            in_discogs, discogs_indent = True, indent
            continue
        if in_discogs and indent <= discogs_indent:
            in_discogs = False
        if in_discogs:
            m = _ENABLED_RE.match(line.rstrip("\n"))
            if m and indent > discogs_indent:
                lines[i] = f"{m.group(1)}enabled: true{m.group(2)}\n"
                return "".join(lines)
    # No such key: add the block (a later key wins in YAML mappings only by replacing,
    # so append only when data_sources has no discogs block at all).
    if not any(ln.strip().startswith("discogs:") for ln in lines):
        if not any(ln.startswith("data_sources:") for ln in lines):
            lines.append("data_sources:\n")
        out = "".join(lines)
        return out.replace("data_sources:\n",
                           "data_sources:\n  discogs:\n    enabled: true\n", 1)
    raise CollectorError("cannot find data_sources.discogs in the config; add 'enabled: true'")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--config", help="config file (default: ./config.yaml)")
    ap.add_argument("--db", help="database (default: database.path from the config)")
    ap.add_argument("--dry-run", action="store_true", help="change nothing; say what would")
    ap.add_argument("--yes", "-y", action="store_true", help="do not ask before changing")
    args = ap.parse_args()
    config_path = Path(args.config) if args.config else (
        find_config_path(None, os.environ) or Path("config.yaml"))
    if not args.dry_run and not args.yes:
        if not sys.stdin.isatty():
            print("Error: not a terminal: pass --yes to roll out, or --dry-run", file=sys.stderr)
            return 2
        answer = input(f"Roll out Discogs with {config_path}? Backups are kept. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Cancelled.")
            return 1
    try:
        return Rollout(config_path, args.db, args.dry_run).run()
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
