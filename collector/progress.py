"""Progress display: a rich progress bar on a terminal, plain log lines otherwise.

Both show the run's own :class:`~collector.models.RunSummary`: the counts on screen are
the counts of the summary printed at the end.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from collector.models import RunSummary

log = logging.getLogger("collector")
LOG_INTERVAL = 10.0  # seconds between two progress lines in a log


def describe(summary: RunSummary) -> str:
    stored = summary.new + summary.updated + summary.unchanged
    return f"{summary.listed} listed, {stored} stored, {summary.enriched} enriched"


class LogProgress:
    """Prints a line at most every ``interval`` seconds (for logs, CI, cron)."""

    def __init__(self, label: str, interval: float | None = None) -> None:
        self.label = label
        self.interval = LOG_INTERVAL if interval is None else interval
        self._last = time.monotonic()

    def show(self, summary: RunSummary) -> None:
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            log.info("%s: %s", self.label, describe(summary))

    def message(self, text: str) -> None:
        log.info(text)


class RichProgress:
    def __init__(self, label: str) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(),
            transient=True,
        )
        self._task: Any = self._progress.add_task(label, total=None, counts="")

    def __enter__(self) -> RichProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def show(self, summary: RunSummary) -> None:
        self._progress.update(self._task, counts=describe(summary))

    def message(self, text: str) -> None:
        self._progress.console.log(text)


@contextmanager
def make_progress(label: str) -> Iterator[LogProgress | RichProgress]:
    if sys.stderr.isatty():
        with RichProgress(label) as progress:
            yield progress
    else:
        yield LogProgress(label)
