"""The tasks a request dispatcher runs: each send tracked while it runs, and all of them
(the dispatcher's own task included) cancelled and awaited on close.

Shared by :mod:`collector.passes.musicbrainz_batcher` and
:mod:`collector.passes.musicbrainz_tags`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Coroutine, Iterable
from typing import Any


def start_send(sending: set[asyncio.Task[None]], send: Coroutine[Any, Any, None]) -> None:
    """Run ``send`` as a task kept in ``sending`` until it ends."""
    task = asyncio.get_running_loop().create_task(send)
    sending.add(task)
    task.add_done_callback(sending.discard)


async def cancel_all(tasks: Iterable[asyncio.Task[None] | None]) -> None:
    """Cancel the tasks (``None``: no task) and wait until each has ended."""
    live = [t for t in tasks if t is not None]
    for task in live:
        task.cancel()
    for task in live:
        with contextlib.suppress(asyncio.CancelledError):
            await task
