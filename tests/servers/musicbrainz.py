"""A local server that speaks MusicBrainz ws/2 recording search (JSON) like the real one.

It enforces the real service's rule of about one request per second per client IP with
503 + Retry-After, rejects requests without an identifying User-Agent, counts every
request, and can inject faults (5xx, HTML error pages, truncated JSON, delays).
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from collector.parsing.normalise import fold
from tests.servers.faults import FaultPlan, queued_fault

_PHRASE = re.compile(r'(recording|artist):"((?:[^"\\]|\\.)*)"')
RATE_LIMIT_BODY = (
    "<html><head><title>503 Service Temporarily Unavailable</title></head><body>"
    "Your requests are exceeding the allowable rate limit. Please see "
    "http://wiki.musicbrainz.org/XMLWebService for more information.</body></html>"
)


def _name(key: str) -> str:
    key = fold(key)
    return key[4:] if key.startswith("the ") else key


@dataclass
class MusicBrainzServer:
    recordings: list[dict[str, Any]]
    min_interval: float = 1.0  # the real limit: 1 request/s per IP
    tolerance: float = 0.05  # timer jitter we do not count against clients
    latency: float = 0.0
    requests: int = 0
    rejected_503: int = 0
    request_times: list[float] = field(default_factory=list)
    user_agents: Counter[str] = field(default_factory=Counter)
    connections: set[object] = field(default_factory=set)  # client (host, port) pairs seen
    # queued: "500", "503", "html", "truncated", "reset"
    faults: list[str] = field(default_factory=list)
    random_faults: FaultPlan | None = None
    _last: dict[str, float] = field(default_factory=dict)
    _index: dict[str, set[int]] = field(default_factory=dict)
    _words: list[set[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Posting lists, so a search costs the same for 10 or 50,000 recordings.
        for i, rec in enumerate(self.recordings):
            words = set(fold(rec["title"]).split())
            self._words.append(words)
            for w in words:
                self._index.setdefault(w, set()).add(i)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/ws/2/recording/", self.search)
        app.router.add_get("/ws/2/recording", self.search)
        return app

    def _search(self, query: str, limit: int) -> dict[str, Any]:
        phrases = {k: v.replace('\\"', '"').replace("\\\\", "\\")
                   for k, v in _PHRASE.findall(query)}
        song = fold(phrases.get("recording", query))
        artist = _name(phrases.get("artist", ""))
        wanted = set(song.split())
        hits = []
        postings = sorted((self._index.get(w, set()) for w in wanted), key=len)
        ids = set.intersection(*postings) if postings else set()
        for i in sorted(ids):
            rec, words = self.recordings[i], self._words[i]
            title = fold(rec["title"])
            # Lucene matches whole tokens: every query word is in the title.
            if not wanted or not wanted <= words:
                continue
            credit = _name("".join(a.get("name", "") for a in rec["artist-credit"]))
            score = 100 if title == song else 85
            if artist and artist not in credit and credit not in artist:
                score -= 40
            hits.append((score, rec))
        hits.sort(key=lambda h: -h[0])  # stable: catalog order breaks ties, as traps need
        out = [{**rec, "score": score} for score, rec in hits[:limit]]
        return {"created": "2023-05-25T03:44:36.381Z", "count": len(hits), "offset": 0,
                "recordings": out}

    async def search(self, request: web.Request) -> web.Response:
        self.requests += 1
        now = time.monotonic()
        self.request_times.append(now)
        ua = request.headers.get("User-Agent", "")
        self.user_agents[ua] += 1
        if request.transport is not None:
            self.connections.add(request.transport.get_extra_info("peername"))
        if not ua or ua.startswith("Python-urllib"):
            return web.Response(status=403, text="Please identify your client (User-Agent)")
        ip = request.remote or "?"
        last = self._last.get(ip)
        self._last[ip] = now
        if last is not None and now - last < self.min_interval - self.tolerance:
            self.rejected_503 += 1
            return web.Response(status=503, text=RATE_LIMIT_BODY, content_type="text/html",
                                headers={"Retry-After": "1"})
        if self.latency:
            await asyncio.sleep(self.latency)
        if self.random_faults is not None:
            failed = await self.random_faults.maybe_fail(request)
            if failed is not None:
                return failed
        if self.faults:
            failed = await queued_fault(request, self.faults.pop(0),
                                        truncated='{"recordings": [{"id": "x", "tit')
            if failed is not None:
                return failed
        if request.query.get("fmt") != "json":
            return web.Response(status=400, text="this test server speaks fmt=json only")
        limit = int(request.query.get("limit", "25"))
        body = self._search(request.query.get("query", ""), limit)
        return web.Response(text=json.dumps(body), content_type="application/json")
