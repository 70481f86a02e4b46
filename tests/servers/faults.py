"""Random faults for the local servers (seeded, so a run can be repeated)."""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field

from aiohttp import web

KINDS = ("5xx", "malformed", "reset", "timeout")


@dataclass
class FaultPlan:
    """Each request draws at most one fault; ``rates`` maps a kind of KINDS to its chance."""

    rates: dict[str, float] = field(default_factory=dict)
    max_latency: float = 0.0  # random extra latency, uniform in [0, max_latency]
    timeout_seconds: float = 30.0  # how long a "timeout" fault keeps the client waiting
    seed: int = 1
    injected: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def draw(self) -> str | None:
        roll = self._rng.random()
        edge = 0.0
        for kind in KINDS:
            edge += self.rates.get(kind, 0.0)
            if roll < edge:
                self.injected[kind] = self.injected.get(kind, 0) + 1
                return kind
        return None

    async def maybe_fail(self, request: web.Request, headers: dict[str, str] | None = None
                         ) -> web.StreamResponse | None:
        """Random latency, then a fault response or None (answer normally)."""
        if self.max_latency:
            await asyncio.sleep(self.latency())
        kind = self.draw()
        return await self.respond(request, kind, headers) if kind else None

    def latency(self) -> float:
        return self._rng.uniform(0, self.max_latency) if self.max_latency else 0.0

    async def respond(self, request: web.Request, kind: str,
                      headers: dict[str, str] | None = None) -> web.StreamResponse:
        headers = headers or {}
        if kind == "5xx":
            status = self._rng.choice((500, 502, 503, 504))
            return web.Response(status=status, text="<html><body>Server error</body></html>",
                                content_type="text/html", headers=headers)
        if kind == "malformed":
            if self._rng.random() < 0.5:
                return web.Response(status=200, text="<!DOCTYPE html><html>Oops</html>",
                                    content_type="text/html", headers=headers)
            return web.Response(status=200, text='{"results": [{"id": 1, "tit',
                                content_type="application/json", headers=headers)
        if kind == "timeout":
            await asyncio.sleep(self.timeout_seconds)
            return web.Response(status=504, headers=headers)
        assert request.transport is not None  # "reset": drop the connection mid-request
        request.transport.close()
        return web.Response(status=500)


async def queued_fault(request: web.Request, fault: str, *, truncated: str, slow: float = 0.0,
                       headers: dict[str, str] | None = None) -> web.StreamResponse | None:
    """The answer for a fault a test queued: a status code ("503"), "html" (an error page
    with 200), "truncated" (the start of ``truncated`` JSON), "reset" (the connection is
    dropped); "timeout" only delays by ``slow`` (None: answer normally)."""
    headers = headers or {}
    if fault.isdigit():
        return web.Response(status=int(fault), text="<html><body>Error</body></html>",
                            content_type="text/html", headers=headers)
    if fault == "html":
        return web.Response(status=200, text="<!DOCTYPE html><html>Maintenance</html>",
                            content_type="text/html", headers=headers)
    if fault == "truncated":
        return web.Response(status=200, text=truncated, content_type="application/json",
                            headers=headers)
    if fault == "timeout":
        await asyncio.sleep(slow)
    if fault == "reset" and request.transport is not None:
        request.transport.close()  # drop the connection without an answer
        return web.Response(status=500)
    return None
