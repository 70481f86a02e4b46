"""Operator commands for the Discogs integration.

    python -m collector.discogs_cli [--config PATH] [--db PATH] status
    python -m collector.discogs_cli health-check      # exit 0 healthy/idle, 1 degraded, 2 unhealthy
    python -m collector.discogs_cli test-connection   # one authenticated request
    python -m collector.discogs_cli export-metrics --format json|prometheus [--output FILE]

The same group is ``karaoke-collector discogs ...``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import click

from collector.config import Config, find_config_path, load_config
from collector.discogs_monitor import DiscogsMonitor, to_prometheus
from collector.errors import CollectorError, MalformedResponse, ServiceError
from collector.redaction import redact
from collector.schema import SCHEMA_VERSION
from collector.services.discogs_client import DiscogsAuthError, DiscogsClient
from collector.services.retry import RetryableError
from collector.services.stats import Stats
from collector.utils import DiscogsRateLimiter


def _config(ctx: click.Context) -> Config:
    obj = ctx.obj if isinstance(ctx.obj, dict) else {}
    if "config" not in obj:
        cfg = load_config(find_config_path(obj.get("config_path"), os.environ))
        if obj.get("db"):
            cfg.database.path = obj["db"]
        obj["config"] = cfg
        ctx.obj = obj
    return obj["config"]


class OldSchema(CollectorError):
    """The database predates schema version 3 (no metrics yet)."""


def _monitor(cfg: Config) -> tuple[DiscogsMonitor, sqlite3.Connection] | None:
    """A read-only monitor; None when there is no database yet. Never migrates."""
    path = Path(cfg.database.path)
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version < SCHEMA_VERSION:
            conn.close()
            raise OldSchema(f"{path} is at schema version {version}; any collector command "
                            f"or discogs_rollout.py migrates it to {SCHEMA_VERSION}")
        conn.execute("SELECT 1 FROM collection_runs LIMIT 1")
    except sqlite3.Error as exc:
        raise CollectorError(f"{path}: not a karaoke-collector database ({exc})") from None
    return DiscogsMonitor(conn, cfg.monitoring), conn


def _errors(fn: Any) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except CollectorError as exc:
            raise click.ClickException(redact(str(exc))) from None

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="YAML config file (default: ./config.yaml if present).")
@click.option("--db", type=click.Path(dir_okay=False), help="SQLite database.")
@click.pass_context
def discogs(ctx: click.Context, config_path: str | None, db: str | None) -> None:
    """Check, monitor and export metrics of the Discogs integration."""
    obj = ctx.obj if isinstance(ctx.obj, dict) else {}
    if config_path:
        obj["config_path"] = config_path
    elif hasattr(ctx.obj, "config_path"):  # mounted under karaoke-collector
        obj["config_path"] = ctx.obj.config_path
        obj["db"] = ctx.obj.db
    if db:
        obj["db"] = db
    ctx.obj = obj


@discogs.command()
@click.pass_context
@_errors
def status(ctx: click.Context) -> None:
    """Enabled or not, token (masked), limits, base URL, last run, counts."""
    cfg = _config(ctx)
    d = cfg.discogs
    click.echo(f"enabled:              {'yes' if d.enabled else 'no'}")
    click.echo(f"token:                {d.token.masked()}")
    click.echo(f"base URL:             {d.base_url}")
    click.echo(f"rate limit:           {d.requests_per_minute} requests/min, burst {d.burst}")
    click.echo(f"fallback:             {'yes' if d.use_as_fallback else 'no'} "
               f"(below MusicBrainz confidence {d.min_musicbrainz_confidence})")
    click.echo(f"database:             {cfg.database.path}")
    try:
        opened = _monitor(cfg)
    except OldSchema as exc:
        click.echo(f"last run:             none ({exc})")
        return
    if opened is None:
        click.echo(f"last run:             none (database {cfg.database.path} does not "
                   "exist)")
        return
    monitor, conn = opened
    with conn:
        last = monitor.last_run()
        counts = dict(conn.execute("SELECT status, COUNT(*) FROM discogs_data GROUP BY status"))
        videos = conn.execute("SELECT COUNT(*) FROM videos").fetchone()[0]
        run = conn.execute("SELECT command, status, started_at, finished_at, stats FROM "
                           "collection_runs ORDER BY run_id DESC LIMIT 1").fetchone()
    if run is None:
        click.echo("last run:             none")
    else:
        command, run_status, started, finished, run_stats = run
        down = _service_down(run_stats)
        # A run that stopped because a service was unreachable is recorded `stopped` (its
        # videos wait, pending, for `enrich`); say why.
        why = f"; stopped early: {down}" if down else ""
        click.echo(f"last run:             {run_status} ({command}, {finished or started}, "
                   f"{last.requests} Discogs requests{why})")
    click.echo(f"videos:               {videos}")
    click.echo(f"discogs_data:         {counts.get('match', 0)} match, {counts.get('weak', 0)} "
               f"weak, {counts.get('no_match', 0)} no match")


def _service_down(raw: str | None) -> str | None:
    try:
        stats = json.loads(raw or "{}")
    except ValueError:
        return None
    down = stats.get("service_down") if isinstance(stats, dict) else None
    return redact(str(down)) if down else None


@discogs.command("health-check")
@click.pass_context
@_errors
def health_check(ctx: click.Context) -> None:
    """Print the health state and its reasons; exit 0 healthy/idle, 1 degraded, 2 unhealthy."""
    cfg = _config(ctx)
    try:
        opened = _monitor(cfg)
    except OldSchema as exc:
        click.echo(f"idle\n  - {exc}")
        ctx.exit(0)
    if opened is None:
        click.echo("idle\n  - no database yet")
        ctx.exit(0)
    monitor, conn = opened
    with conn:
        health = monitor.health()
    click.echo(health.state)
    for reason in health.reasons:
        click.echo(f"  - {reason}")
    ctx.exit(health.exit_code)


async def _probe(cfg: Config) -> tuple[bool, str, dict[str, str]]:
    one_shot = dataclasses.replace(cfg.discogs, max_retries=0)
    limiter = DiscogsRateLimiter(one_shot.requests_per_minute, one_shot.burst)
    async with DiscogsClient(one_shot, Stats(), limiter) as client:
        try:
            data = await client.get_json("/oauth/identity")
        except DiscogsAuthError:
            return False, "the token was rejected (HTTP 401): check DISCOGS_TOKEN", \
                client.last_headers
        except RetryableError as exc:
            if exc.reason == "429":
                return False, "rate limited (HTTP 429): wait a minute and try again", \
                    client.last_headers
            if exc.reason == "network":  # "cannot reach HOST: why", in words
                return False, redact(str(exc)), client.last_headers
            return False, redact(f"{cfg.discogs.base_url}: {exc}"), client.last_headers
        except (MalformedResponse, ServiceError) as exc:
            return False, redact(str(exc)), client.last_headers
    user = (data or {}).get("username") if isinstance(data, dict) else None
    return True, redact(f"authenticated as {user or 'unknown user'}"), client.last_headers


@discogs.command("test-connection")
@click.pass_context
@_errors
def test_connection(ctx: click.Context) -> None:
    """One authenticated request to the configured base URL."""
    cfg = _config(ctx)
    if not cfg.discogs.token:
        raise click.ClickException("no Discogs token: set DISCOGS_TOKEN "
                                   "(or data_sources.discogs.token)")
    ok, message, headers = asyncio.run(_probe(cfg))
    if ok:
        click.echo(f"OK: {message}")
    for key in ("X-Discogs-Ratelimit", "X-Discogs-Ratelimit-Used",
                "X-Discogs-Ratelimit-Remaining"):
        value = next((v for k, v in headers.items() if k.lower() == key.lower()), None)
        if value is not None:
            click.echo(f"  {key}: {value}")
    if not ok:
        raise click.ClickException(message)  # "Error: ...", exit 1, as every command


@discogs.command("export-metrics")
@click.option("--format", "fmt", type=click.Choice(["json", "prometheus"]), default="json",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File (default: stdout).")
@click.pass_context
@_errors
def export_metrics(ctx: click.Context, fmt: str, output: str | None) -> None:
    """Metrics per run and cumulative, data quality and health."""
    cfg = _config(ctx)
    opened = _monitor(cfg)
    if opened is None:
        raise click.ClickException(f"database {cfg.database.path} does not exist (check --db "
                                   "or database.path; collect-channel creates it)")
    monitor, conn = opened
    with conn:
        data = monitor.export()
    text = json.dumps(data, indent=2) + "\n" if fmt == "json" else to_prometheus(data)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


def main() -> None:
    discogs(prog_name="python -m collector.discogs_cli")


if __name__ == "__main__":
    sys.exit(main())
