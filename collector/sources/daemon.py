"""Blocking listing calls off the event loop, on threads that never hold up an exit."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


async def call_unless_stopped(fn: Callable[..., T], *args: Any, stop: asyncio.Event) -> T | None:
    """``fn(*args)`` on a daemon thread; None if the run stops first.

    A listing (yt-dlp over the network) can block for a long time and cannot be
    interrupted: a daemon thread is left behind on Ctrl-C instead of holding the exit
    (``asyncio.to_thread``'s executor is joined when the loop closes).
    """
    loop = asyncio.get_running_loop()
    fut: asyncio.Future[T] = loop.create_future()

    def deliver(setter: Callable[[Any], None], value: Any) -> None:
        if not fut.done():
            setter(value)

    def run() -> None:
        try:
            result = fn(*args)
        except BaseException as exc:  # handed to the awaiting task
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(deliver, fut.set_exception, exc)
        else:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(deliver, fut.set_result, result)

    threading.Thread(target=run, name="listing", daemon=True).start()
    stopped = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait((fut, stopped), return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
    if fut.done():
        return fut.result()
    fut.cancel()
    return None
