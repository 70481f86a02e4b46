"""``karaoke-collector cache``: manage the cached service answers."""

from __future__ import annotations

from pathlib import Path

import click

from collector.cli_support import State, _require_database, handle_errors
from collector.db_optimized import Store


@click.group("cache")
def cache_group() -> None:
    """Manage the cached service answers (table api_cache)."""


@cache_group.command("prune")
@click.pass_obj
@handle_errors
def cache_prune(state: State) -> None:
    """Delete expired cached answers (runs also delete some on their own)."""
    path = Path(state.config.database.path)
    _require_database(path)  # the same words as stats and export
    removed = 0
    with Store(path) as store:
        # Short transactions: a run writing to the same database waits for one batch only.
        while (batch := store.prune_cache(limit=10_000)) > 0:
            removed += batch
        left = store.conn.execute("SELECT COUNT(*) FROM api_cache").fetchone()[0]
    click.echo(f"removed {removed} expired cache entries; {left} live entries kept")
