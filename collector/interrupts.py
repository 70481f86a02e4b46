"""Running a pipeline on an event loop with Ctrl-C handled as users expect.

The first Ctrl-C (or SIGTERM) sets the run's stop event: listing stops, waiting lookups
give up, the run records itself ``interrupted``. The second cancels the run's task: it
aborts at once and still records itself. A third ends the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable, Coroutine
from typing import Any

import click

from collector.models import RunSummary

EXIT_INTERRUPTED = 130


class RunAborted(Exception):
    """A second Ctrl-C: the run was cancelled (and recorded as interrupted)."""


ABORT_GRACE = 3.0  # seconds an aborted run may take to record itself before a hard exit


def run_with_stop(factory: Callable[[asyncio.Event], Coroutine[Any, Any, RunSummary]]
                  ) -> RunSummary:
    """Run a pipeline; the first Ctrl-C stops it cleanly, a second aborts, a third kills."""

    async def runner() -> RunSummary:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        assert task is not None
        signals = 0

        def on_signal() -> None:
            nonlocal signals
            signals += 1
            if signals == 1:
                click.echo("\nStopping: saving what is done; lookups still waiting stay "
                           "pending (Ctrl-C again to abort)...", err=True)
                stop.set()
            elif signals == 2:
                click.echo("Aborting...", err=True)
                stop.set()
                task.cancel()
                # The run records itself within milliseconds; should the store be stuck
                # (another process holds its lock), do not make the user wait for it.
                timer = threading.Timer(ABORT_GRACE, os._exit, (EXIT_INTERRUPTED,))
                timer.daemon = True
                timer.start()
            else:
                os._exit(EXIT_INTERRUPTED)

        # Windows' loop has no signal handlers (NotImplementedError) and a loop outside the
        # main thread may not set them (RuntimeError/ValueError, e.g. under a test runner):
        # Ctrl-C then ends the run through KeyboardInterrupt instead.
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, on_signal)
        try:
            return await factory(stop)
        except asyncio.CancelledError:
            if signals >= 2:
                raise RunAborted from None
            raise

    with asyncio.Runner(loop_factory=loop_factory()) as run:
        return run.run(runner())


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop where it is installed (Linux, macOS): the same asyncio, less CPU per request."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop
