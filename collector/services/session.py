"""The base of the service clients: one aiohttp session per service, and its resends.

aiohttp resends an idempotent request once, on its own, when a kept-alive connection
drops before the answer. The server counts both requests, so the second one must wait
for the limiter like any other: before it takes a connection, aiohttp awaits our trace
hook, which awaits :meth:`SessionClient._wait_turn`, as every first attempt does.
"""

from __future__ import annotations

from typing import Any, Self

import aiohttp

from collector.services.stats import Stats


class SessionClient:
    service = "service"

    def __init__(self, stats: Stats, timeout_seconds: float) -> None:
        self.stats = stats
        self.timeout_seconds = timeout_seconds
        self._session: aiohttp.ClientSession | None = None

    def _headers(self) -> dict[str, str]:
        """Headers every request of this service carries."""
        return {}

    async def _wait_turn(self) -> Any:
        """Wait for the limiter before a request leaves (first attempt or resend)."""

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
