"""What every command shares: the state a command gets, and library errors turned into
one ``Error: ...`` line and a non-zero exit at the CLI's edge.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from collector.config import Config, find_config_path, insecure_permissions_warning, load_config
from collector.db_optimized import Store
from collector.errors import CollectorError
from collector.interrupts import EXIT_INTERRUPTED, RunAborted
from collector.redaction import redact

log = logging.getLogger("collector")
F = TypeVar("F", bound=Callable[..., Any])


class State:
    def __init__(self, config_path: str | None, db: str | None, verbose: bool) -> None:
        self.config_path = config_path
        self.db = db
        self.verbose = verbose
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            import os

            path = find_config_path(self.config_path, os.environ)
            cfg = load_config(path)
            if self.db:
                cfg.database.path = self.db
            warning = insecure_permissions_warning(cfg)
            if warning:
                log.warning("Warning: %s", warning)
            self._config = cfg
        return self._config

    def redact(self, text: str) -> str:
        return redact(text)


def handle_errors(fn: F) -> F:
    """Turn library errors into one line on stderr and a non-zero exit."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        state: State = click.get_current_context().obj
        try:
            return fn(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise
        except CollectorError as exc:
            if state.verbose:
                log.exception("details")
            raise click.ClickException(state.redact(str(exc))) from None
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except RunAborted:
            click.echo("Aborted: the run is recorded as interrupted; run the same command "
                       "again (or `karaoke-collector enrich`) to continue.", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Exception as exc:
            if state.verbose:
                log.exception("details")
            raise click.ClickException(
                state.redact(f"unexpected {type(exc).__name__}: {exc} (run with -v for details)")
            ) from None

    return wrapper  # type: ignore[return-value]


def _require_database(path: str | Path) -> None:
    if not Path(path).exists():
        raise CollectorError(f"database {path} does not exist (check --db or database.path; "
                             "collect-channel creates it)")


def _existing_store(state: State) -> Store:
    """The database of a read-only command: a mistyped path must not create an empty one."""
    _require_database(state.config.database.path)
    return Store(state.config.database.path)
