"""The base of the service clients: one aiohttp session per service, and its resends.

aiohttp resends an idempotent request once, on its own, when a kept-alive connection
drops before the answer. The server counts both requests, so the second one must wait
for the limiter like any other: before it takes a connection, aiohttp awaits our trace
hook, which awaits :meth:`SessionClient._wait_turn`, as every first attempt does.

A stopping run (Ctrl-C) calls :meth:`SessionClient.halt`: waits (the limiter's turn, a
retry's backoff) end at once with :class:`Halted`; requests already sent finish.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable
from typing import Any, Self, TypeVar

import aiohttp

from collector.errors import ServiceError
from collector.services.reachability import Reachability, host_of
from collector.services.stats import Stats

T = TypeVar("T")


class Halted(ServiceError):
    """The run is stopping: a lookup that still had to wait was given up (stays pending)."""

    transient = True


class SessionClient:
    service = "service"
    label = "Service"  # the name users read

    def __init__(self, stats: Stats, timeout_seconds: float, base_url: str = "") -> None:
        self.stats = stats
        self.timeout_seconds = timeout_seconds
        self.reach = Reachability(host_of(base_url))
        self._session: aiohttp.ClientSession | None = None
        self._halted = False
        self._waiting_tasks: set[asyncio.Task[Any]] = set()
        self._halt_cancelled: set[asyncio.Task[Any]] = set()

    def _headers(self) -> dict[str, str]:
        """Headers every request of this service carries."""
        return {}

    async def _wait_turn(self) -> Any:
        """Wait for the limiter before a request leaves (first attempt or resend)."""

    def halt(self) -> None:
        """End every wait now and refuse new ones; requests on the wire may finish."""
        self._halted = True
        for task in self._waiting_tasks:
            self._halt_cancelled.add(task)
            task.cancel()

    async def _waiting(self, wait: Awaitable[T]) -> T:
        """Await ``wait`` (a limiter turn, a backoff sleep) unless the run halts first."""
        task = asyncio.current_task()
        assert task is not None, "wait from a task"
        if self._halted:
            if inspect.iscoroutine(wait):
                wait.close()
            raise Halted(f"{self.service}: stopped before sending")
        self._waiting_tasks.add(task)
        try:
            return await wait
        except asyncio.CancelledError:
            # Our own halt, and nothing else cancelling the task: give the lookup up.
            if task in self._halt_cancelled and task.cancelling() == 1:
                task.uncancel()
                raise Halted(f"{self.service}: stopped before sending") from None
            raise
        finally:
            self._waiting_tasks.discard(task)
            self._halt_cancelled.discard(task)

    def _log_retry(self, exc: Exception, delay: float) -> None:
        text = str(exc)
        if not text.startswith(self.label):
            text = f"{self.label}: {text}"
        # A connection failure says more once the service is declared down (if it is).
        level = logging.DEBUG if getattr(exc, "reason", None) == "network" else logging.INFO
        logging.getLogger(f"collector.{self.service}").log(
            level, "%s; retrying in %.1f s", text, delay)

    async def _pause(self, seconds: float) -> None:
        """A retry's backoff that a halt ends at once."""
        await self._waiting(asyncio.sleep(seconds))

    async def open(self) -> None:
        if self._session is None:
            sends = aiohttp.TraceConfig()
            sends.on_request_headers_sent.append(self._count_send)
            sends.on_connection_create_start.append(self._before_connection)
            sends.on_connection_reuseconn.append(self._before_connection)
            self._session = aiohttp.ClientSession(
                headers=self._headers(),
                timeout=aiohttp.ClientTimeout(total=self.timeout_seconds),
                trace_configs=[sends],
            )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def __aenter__(self) -> Self:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def _get(self, url: str, **kwargs: Any) -> Any:
        """``session.get`` that tells the resends apart (use as ``async with``)."""
        assert self._session is not None, f"{type(self).__name__}.open() first"
        return self._session.get(url, trace_request_ctx=[], **kwargs)

    async def _count_send(self, _session: aiohttp.ClientSession, ctx: Any, _params: Any
                          ) -> None:
        if isinstance(ctx.trace_request_ctx, list):
            ctx.trace_request_ctx.append(None)

    async def _before_connection(self, _session: aiohttp.ClientSession, ctx: Any,
                                 _params: Any) -> None:
        if isinstance(ctx.trace_request_ctx, list) and ctx.trace_request_ctx:
            self.stats.inc(f"{self.service}/resend")
            await self._wait_turn()
