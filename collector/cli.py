"""The command line: a thin Click layer over the library.

Library errors (:class:`~collector.errors.CollectorError`) become one ``Error: ...`` line
and a non-zero exit; tracebacks only with ``-v``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from collector import __version__
from collector.cli_cache import cache_group, cache_prune
from collector.cli_config import config_check, config_group, config_init
from collector.cli_support import State, _existing_store, _require_database, handle_errors
from collector.db_optimized import Store
from collector.errors import CollectorError
from collector.export import FORMATS, write_export
from collector.interrupts import EXIT_INTERRUPTED
from collector.interrupts import run_with_stop as _run_with_stop
from collector.main import CollectOptions, collect_channel, enrich_pending
from collector.models import RunSummary
from collector.passes.musicbrainz_batcher import request_summary
from collector.progress import make_progress
from collector.redaction import RedactingFormatter

__all__ = ["EXIT_SERVICE_DOWN", "State", "cache_group", "cache_prune", "cli", "config_check",
           "config_group", "config_init", "handle_errors", "main"]

EXIT_SERVICE_DOWN = 75  # EX_TEMPFAIL: a service was unreachable; `enrich` later


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter("%(message)s" if not verbose else
                                            "%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("collector")
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.propagate = False


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="YAML config file (default: ./config.yaml if present).")
@click.option("--db", type=click.Path(dir_okay=False), help="SQLite database (overrides config).")
@click.option("-v", "--verbose", is_flag=True, help="Debug logging and tracebacks.")
@click.version_option(__version__, prog_name="karaoke-collector")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, db: str | None, verbose: bool) -> None:
    """Collect YouTube karaoke channels into an enriched SQLite song catalog."""
    _setup_logging(verbose)
    ctx.obj = State(config_path, db, verbose)


def _print_summary(summary: RunSummary, *, enriching: bool, from_store: bool = False) -> None:
    s = summary
    if from_store:
        # `enrich` lists nothing: it takes pending videos from the store, and the pending
        # count is the store's after the run, so the two must not read as one total.
        click.echo(f"took {s.listed} pending videos from the store, enriched {s.enriched}, "
                   f"skipped {s.skipped}, errors {s.errors}; pending now {s.pending}")
    else:
        click.echo(
            f"listed {s.listed}, new {s.new}, updated {s.updated}, parsed {s.parsed}, "
            f"enriched {s.enriched}, pending {s.pending}, skipped {s.skipped}, "
            f"errors {s.errors}"
        )
    if enriching and (line := request_summary(s.stats)):
        click.echo(line)
    if s.service_down:
        click.echo(f"Error: {s.service_down}; {s.pending} videos left pending: run "
                   "`karaoke-collector enrich` when it can be reached", err=True)
    elif s.pending:
        hint = ("a service was unreachable or failed; run `karaoke-collector enrich` later"
                if enriching and s.errors else "run `karaoke-collector enrich` to look them up")
        click.echo(f"Warning: {s.pending} videos pending enrichment: {hint}", err=True)


def _exit_for(summary: RunSummary) -> None:
    if summary.interrupted:
        sys.exit(EXIT_INTERRUPTED)
    if summary.service_down:
        sys.exit(EXIT_SERVICE_DOWN)


def _parse_since(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)")


@cli.command("collect-channel")
@click.argument("source")
@click.option("--multi-pass", is_flag=True, help="Run every enabled pass (lookups included).")
@click.option("--offline", is_flag=True, help="Title parsing only; no lookups.")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after N videos.")
@click.option("--since", callback=_parse_since, metavar="DATE",
              help="Only videos uploaded on or after DATE (when the listing has dates).")
@click.pass_obj
@handle_errors
def collect_channel_cmd(state: State, source: str, multi_pass: bool, offline: bool,
                        limit: int | None, since: date | None) -> None:
    """Collect SOURCE: a channel URL, @handle, channel id, playlist URL or yt-dlp export."""
    if offline and multi_pass:
        raise click.UsageError("--offline (titles only) and --multi-pass (lookups too) "
                               "exclude each other")
    cfg = state.config
    opts = CollectOptions(source, multi_pass=multi_pass, offline=offline, limit=limit,
                          since=since)
    with make_progress("Collecting") as progress:
        summary = _run_with_stop(
            lambda stop: collect_channel(cfg, opts, progress=progress, stop=stop)
        )
    _print_summary(summary, enriching=multi_pass and not offline)
    _exit_for(summary)


@cli.command("enrich")
@click.option("--retry-failed", is_flag=True, help="Also retry videos marked failed.")
@click.pass_obj
@handle_errors
def enrich_cmd(state: State, retry_failed: bool) -> None:
    """Run the lookup passes over videos whose enrichment is pending."""
    cfg = state.config
    _require_database(cfg.database.path)  # nothing to enrich in a database made by a typo
    with make_progress("Enriching") as progress:
        summary = _run_with_stop(
            lambda stop: enrich_pending(cfg, retry_failed=retry_failed, progress=progress,
                                        stop=stop)
        )
    _print_summary(summary, enriching=True, from_store=True)
    _exit_for(summary)


@cli.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
@handle_errors
def stats_cmd(state: State, as_json: bool) -> None:
    """Videos per channel, parse and enrichment coverage."""
    with _existing_store(state) as store:
        data = store.stats()
        last = store.last_run()
    run_stats = json.loads(last["stats"]) if last is not None and last["stats"] else {}
    mb_line = request_summary(run_stats) if isinstance(run_stats, dict) else None
    if mb_line:
        data["last_run_musicbrainz"] = {
            # the count request_summary printed: a run whose requests all failed has
            # "musicbrainz/request" and no batch counters
            "requests": int(run_stats.get("musicbrainz/request")
                            or run_stats.get("musicbrainz/batch/requests") or 0),
            "songs": run_stats.get("musicbrainz/batch/songs", 0)}
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    header = f"{'channel':<34} {'videos':>7} {'parsed':>7} {'done':>7} {'pending':>7} {'year':>6}"
    click.echo(header)
    for c in data["channels"]:
        name = (c["name"] or c["channel_id"] or "?")[:34]
        click.echo(f"{name:<34} {c['videos']:>7} {c['parsed']:>7} {c['complete']:>7} "
                   f"{c['pending']:>7} {c['with_year']:>6}")
    t = data["totals"]
    parsed_pct = 100.0 * t["parsed"] / t["videos"] if t["videos"] else 0.0
    click.echo(f"{'total':<34} {t['videos']:>7} {t['parsed']:>7} {t['complete']:>7} "
               f"{t['pending']:>7} {t['with_year']:>6}")
    click.echo(f"parsed: {parsed_pct:.1f}% of videos")
    if mb_line:
        click.echo(f"last run: {mb_line}")


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="File to write (default: standard output).")
@click.pass_obj
@handle_errors
def export_cmd(state: State, fmt: str, output: str) -> None:
    """Export one row per video."""
    with _existing_store(state) as store, contextlib.closing(
        store.iter_export()
    ) as rows:
        if output == "-":
            count = write_export(rows, fmt, sys.stdout)
            sys.stdout.flush()
        else:
            tmp = Path(output + ".partial")
            if not tmp.parent.is_dir():
                raise CollectorError(f"cannot write {output}: directory {tmp.parent} "
                                     "does not exist")
            try:
                with open(tmp, "w", encoding="utf-8", newline="") as fh:
                    count = write_export(rows, fmt, fh)
                tmp.replace(output)
            except OSError as exc:
                raise CollectorError(f"cannot write {output}: {exc.strerror}") from None
    click.echo(f"exported {count} videos", err=True)


@cli.command("songbook")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="File to write (default: songbook.html, .pdf or .db).")
@click.option("--format", "fmt", type=click.Choice(["html", "pdf", "sqlite"]), default="html",
              show_default=True, help="sqlite: a songs/versions database for Datasette.")
@click.option("--channel", "channels", multiple=True, metavar="NAME",
              help="Only this channel (name or id); repeat for several.")
@click.option("--title", default="Karaoke songbook", show_default=True,
              help="The songbook's title.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0,
              help="Leave out versions less sure than this (match confidence when "
                   "confirmed, else the title parse's).")
@click.pass_obj
@handle_errors
def songbook_cmd(state: State, output: str | None, fmt: str, channels: tuple[str, ...],
                 title: str, min_confidence: float) -> None:
    """Write the songbook: one entry per song with its versions, as HTML, PDF or SQLite."""
    from collector.songbook import Filters
    from collector.songbook.write import SongbookRequest, write_songbook

    _require_database(state.config.database.path)  # the same words as stats and export
    book, path = write_songbook(SongbookRequest(
        db_path=state.config.database.path, output=output, fmt=fmt, title=title,
        filters=Filters(channels=channels, min_confidence=min_confidence)))
    cov = book.coverage
    sources = ", ".join(f"{k} {v}" for k, v in cov.language_sources.items() if k != "unknown")
    click.echo(f"songs {cov.songs}, versions {cov.versions}, artists {cov.artists}, "
               f"channels {cov.channels}, confirmed {cov.confirmed}, with year {cov.with_year}, "
               f"with language {cov.with_language} ({sources or 'none'})")
    click.echo(f"wrote {path.resolve()}")


@cli.command("parse")
@click.argument("file", type=click.File("r", encoding="utf-8", errors="replace"), default="-")
@click.option("--channel", help="Channel name for titles that do not carry one.")
@click.option("--db", "knowledge_db", type=click.Path(dir_okay=False, exists=True),
              help="Also use the artists this catalog knows (confirmed by lookups, named "
                   "by channels).")
@click.pass_obj
@handle_errors
def parse_cmd(state: State, file: Any, channel: str | None, knowledge_db: str | None) -> None:
    """Parse titles: JSON Lines in ({"title", "channel"?}), JSON Lines out, same order."""
    from collector.parsing import ArtistKnowledge, parse_titles

    knowledge = ArtistKnowledge.bundled()
    if knowledge_db:
        with Store(knowledge_db) as store:
            knowledge = knowledge.with_artists(store.known_artists())

    items: list[tuple[str, str | None]] = []
    for lineno, line in enumerate(file, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            raise CollectorError(f"line {lineno}: not valid JSON") from None
        if isinstance(obj, str):
            obj = {"title": obj}
        if not isinstance(obj, dict) or not isinstance(obj.get("title"), str):
            raise CollectorError(f"line {lineno}: expected an object with a string 'title'")
        items.append((obj["title"], obj.get("channel") or channel))
    groups: dict[str | None, list[int]] = {}
    for i, (_, ch) in enumerate(items):
        groups.setdefault(ch, []).append(i)
    results: list[Any] = [None] * len(items)
    for ch, idxs in groups.items():
        for i, res in zip(idxs, parse_titles([items[i][0] for i in idxs], channel=ch,
                                             knowledge=knowledge), strict=True):
            results[i] = res
    for (title, ch), res in zip(items, results, strict=True):
        out = {"title": title, "channel": ch, **res.as_dict()}
        click.echo(json.dumps(out, ensure_ascii=False))



cli.add_command(config_group, "config")
cli.add_command(cache_group, "cache")


def _mount_discogs() -> None:
    from collector.discogs_cli import discogs

    cli.add_command(discogs, "discogs")


_mount_discogs()


def main() -> None:
    try:
        cli(prog_name="karaoke-collector")
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as Unix tools do.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
