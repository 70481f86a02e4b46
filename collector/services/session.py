"""The base of the service clients: one aiohttp session per service, and its resends.

aiohttp resends an idempotent request once, on its own, when a kept-alive connection
drops before the answer. The server counts both requests, so each client's limiter must
count the second one too: :meth:`SessionClient._on_resend` is called for it.
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

    def _on_resend(self) -> None:
        """A request left a second time without a reservation from the limiter."""

    async def open(self) -> None:
        if self._session is None:
            sends = aiohttp.TraceConfig()
            sends.on_request_headers_sent.append(self._count_send)
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
        sends = ctx.trace_request_ctx
        if isinstance(sends, list):
            sends.append(None)
            if len(sends) > 1:
                self._on_resend()
                self.stats.inc(f"{self.service}/resend")
