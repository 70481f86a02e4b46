"""Progress display: a rich progress bar on a terminal, plain log lines otherwise."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

log = logging.getLogger("collector")


class LogProgress:
    """Prints a line at most every ``interval`` seconds (for logs, CI, cron)."""

    def __init__(self, label: str, interval: float = 10.0) -> None:
        self.label = label
        self.interval = interval
        self.listed = 0
        self.enriched = 0
        self._last = time.monotonic()

    def advance(self, listed: int = 0, enriched: int = 0) -> None:
        self.listed += listed
        self.enriched += enriched
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            log.info("%s: %d videos stored, %d enriched", self.label, self.listed, self.enriched)

    def message(self, text: str) -> None:
        log.info(text)


class RichProgress:
    def __init__(self, label: str) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            TextColumn("{task.fields[listed]} stored · {task.fields[enriched]} enriched"),
            TimeElapsedColumn(),
            transient=True,
        )
        self._task: Any = self._progress.add_task(label, total=None, listed=0, enriched=0)
        self.listed = 0
        self.enriched = 0

    def __enter__(self) -> RichProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def advance(self, listed: int = 0, enriched: int = 0) -> None:
        self.listed += listed
        self.enriched += enriched
        self._progress.update(self._task, listed=self.listed, enriched=self.enriched)

    def message(self, text: str) -> None:
        self._progress.console.log(text)


@contextmanager
def make_progress(label: str) -> Iterator[LogProgress | RichProgress]:
    if sys.stderr.isatty():
        with RichProgress(label) as progress:
            yield progress
    else:
        yield LogProgress(label)
