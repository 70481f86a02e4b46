"""A local server that speaks MusicBrainz ws/2 recording search (JSON) like the real one.

It enforces the real service's rule of about one request per second per client IP with
503 + Retry-After, rejects requests without an identifying User-Agent, counts every
request, and can inject faults (5xx, HTML error pages, truncated JSON, delays).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.servers.faults import FaultPlan, queued_fault
from tests.servers.lucene_query import Doc, QuerySyntaxError, analyse, parse, postings_terms, score

MAX_LIMIT = 100  # the real search caps ``limit`` at 100

RATE_LIMIT_BODY = (
    "<html><head><title>503 Service Temporarily Unavailable</title></head><body>"
    "Your requests are exceeding the allowable rate limit. Please see "
    "http://wiki.musicbrainz.org/XMLWebService for more information.</body></html>"
)


def recording_doc(rec: dict[str, Any]) -> Doc:
    """The searchable fields of a recording, analysed (see tests/servers/lucene_query.py)."""
    credits = [c for c in rec.get("artist-credit", []) if isinstance(c, dict)]
    credit = "".join(str(c.get("name", "")) + str(c.get("joinphrase", "")) for c in credits)
    names = {credit} | {str(c.get("name", "")) for c in credits} | {
        str(c.get("artist", {}).get("name", "")) for c in credits}
    return {
        "recording": [analyse(rec["title"])],
        "artist": [analyse(n) for n in names if n],
        "arid": [analyse(str(c.get("artist", {}).get("id", ""))) for c in credits],
        "rid": [analyse(rec["id"])],
        "release": [analyse(str(r.get("title", ""))) for r in rec.get("releases", [])],
        "tag": [analyse(str(t.get("name", ""))) for t in rec.get("tags", [])],
    }


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
    queries: list[str] = field(default_factory=list)  # every query answered
    max_url: int = 4096  # longer request URLs get 414, as from the real front end
    _last: dict[str, float] = field(default_factory=dict)
    _docs: list[Doc] = field(default_factory=list)
    _index: dict[tuple[str, str], set[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Posting lists, so a search costs the same for 10 or 50,000 recordings.
        for i, rec in enumerate(self.recordings):
            doc = recording_doc(rec)
            self._docs.append(doc)
            for name, values in doc.items():
                for tokens in values:
                    for tok in tokens:
                        self._index.setdefault((name, tok), set()).add(i)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/ws/2/recording/", self.search)
        app.router.add_get("/ws/2/recording", self.search)
        return app

    def evaluate(self, query: str, limit: int = 25, offset: int = 0) -> dict[str, Any]:
        """The search answer for ``query`` (raises QuerySyntaxError as the real one 400s)."""
        tree = parse(query)
        terms = postings_terms(tree)
        if terms is None:
            ids: set[int] = set(range(len(self.recordings)))
        else:
            ids = set()
            for term in terms:
                ids |= self._index.get(term, set())
        hits = [(s, i) for i in sorted(ids) if (s := score(tree, self._docs[i])) is not None]
        hits.sort(key=lambda h: -h[0])  # stable: catalog order breaks ties, as traps need
        top = hits[0][0] if hits else 1.0
        limit = max(1, min(MAX_LIMIT, limit))
        out = [{**self.recordings[i], "score": round(100 * s / top)}
               for s, i in hits[offset:offset + limit]]
        return {"created": "2023-05-25T03:44:36.381Z", "count": len(hits), "offset": offset,
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
        if len(str(request.rel_url)) > self.max_url:
            return web.Response(status=414, text="<html><body>414 Request-URI Too Large"
                                                 "</body></html>", content_type="text/html")
        try:
            limit = int(request.query.get("limit", "25"))
            offset = int(request.query.get("offset", "0"))
            body = self.evaluate(request.query.get("query", ""), limit, max(0, offset))
            self.queries.append(request.query.get("query", ""))
        except (QuerySyntaxError, ValueError) as exc:
            return web.json_response({"error": f"Invalid query: {exc}"}, status=400)
        return web.Response(text=json.dumps(body), content_type="application/json")
