"""A local server that speaks MusicBrainz ws/2 recording, artist and release-group search
(JSON) like the real one (queries are evaluated by tests/servers/lucene_query.py).

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


def artist_doc(artist: dict[str, Any]) -> Doc:
    return {
        "arid": [analyse(str(artist.get("id", "")))],
        "artist": [analyse(str(artist.get(k, ""))) for k in ("name", "sort-name")],
        "tag": [analyse(str(t.get("name", ""))) for t in artist.get("tags", [])],
    }


def group_doc(group: dict[str, Any]) -> Doc:
    return {
        "rgid": [analyse(str(group.get("id", "")))],
        "releasegroup": [analyse(str(group.get("title", "")))],
        "tag": [analyse(str(t.get("name", ""))) for t in group.get("tags", [])],
    }


class SearchIndex:
    """Entities with their analysed fields and posting lists, so a search costs the same
    for 10 or 50,000 of them."""

    def __init__(self, entities: list[dict[str, Any]], to_doc: Any, default_field: str) -> None:
        self.entities = entities
        self.default_field = default_field
        self.docs: list[Doc] = []
        self.postings: dict[tuple[str, str], set[int]] = {}
        for i, entity in enumerate(entities):
            doc = to_doc(entity)
            self.docs.append(doc)
            for name, values in doc.items():
                for tokens in values:
                    for tok in tokens:
                        self.postings.setdefault((name, tok), set()).add(i)

    def answer(self, key: str, query: str, limit: int, offset: int) -> dict[str, Any]:
        tree = parse(query, self.default_field)
        terms = postings_terms(tree)
        if terms is None:
            ids: set[int] = set(range(len(self.entities)))
        else:
            ids = set()
            for term in terms:
                ids |= self.postings.get(term, set())
        hits = [(s, i) for i in sorted(ids) if (s := score(tree, self.docs[i])) is not None]
        hits.sort(key=lambda h: -h[0])  # stable: catalog order breaks ties, as traps need
        top = hits[0][0] if hits else 1.0
        limit = max(1, min(MAX_LIMIT, limit))
        out = [{**self.entities[i], "score": round(100 * s / top)}
               for s, i in hits[offset:offset + limit]]
        return {"created": "2023-05-25T03:44:36.381Z", "count": len(hits), "offset": offset,
                key: out}


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
    answered: Counter[str] = field(default_factory=Counter)  # searches by entity
    max_url: int = 4096  # longer request URLs get 414, as from the real front end
    artists: list[dict[str, Any]] = field(default_factory=list)  # for /ws/2/artist
    _last: dict[str, float] = field(default_factory=dict)
    _recording_index: SearchIndex = field(init=False)
    _artist_index: SearchIndex = field(init=False)
    _group_index: SearchIndex = field(init=False)
    release_groups: list[dict[str, Any]] = field(init=False)

    def __post_init__(self) -> None:
        # A catalog may give an artist's (a release group's) tags in the recordings' credits
        # (releases): those are searchable by artist (release-group) search, and the
        # recordings are served without them, as the real search does.
        known = {a.get("id") for a in self.artists}
        artists: dict[str, dict[str, Any]] = {}
        groups: dict[str, dict[str, Any]] = {}
        served = []
        for rec in self.recordings:
            credits = [self._entity(c, "artist", artists, known, {"type": "Group"})
                       for c in rec.get("artist-credit", [])]
            releases = [self._entity(r, "release-group", groups, set(), {"title": r.get(
                "title")}) for r in rec.get("releases", [])]
            served.append({**rec, "artist-credit": credits, "releases": releases})
        self.recordings = served
        self.artists = [*self.artists, *artists.values()]
        self.release_groups = list(groups.values())
        self._group_index = SearchIndex(self.release_groups, group_doc, "releasegroup")
        self._recording_index = SearchIndex(self.recordings, recording_doc, "recording")
        self._artist_index = SearchIndex(self.artists, artist_doc, "artist")

    @staticmethod
    def _entity(part: Any, key: str, seen: dict[str, dict[str, Any]], known: set[Any],
                extra: dict[str, Any]) -> Any:
        """``part`` without its ``key`` entity's tags; the entity (with them) into seen."""
        if not isinstance(part, dict) or not isinstance(part.get(key), dict):
            return part
        entity = dict(part[key])
        tags = entity.pop("tags", None)
        if tags is not None and entity.get("id") not in known and entity.get("id") not in seen:
            seen[entity["id"]] = {**extra, **entity, **({"tags": tags} if tags else {})}
        return {**part, key: entity}

    def app(self) -> web.Application:
        app = web.Application()
        for path in ("/ws/2/recording/", "/ws/2/recording"):
            app.router.add_get(path, self.search)
        for path in ("/ws/2/artist/", "/ws/2/artist"):
            app.router.add_get(path, self.search_artists)
        for path in ("/ws/2/release-group/", "/ws/2/release-group"):
            app.router.add_get(path, self.search_groups)
        return app

    def evaluate(self, query: str, limit: int = 25, offset: int = 0) -> dict[str, Any]:
        """The recording search answer (raises QuerySyntaxError as the real one 400s)."""
        return self._recording_index.answer("recordings", query, limit, offset)

    def evaluate_artists(self, query: str, limit: int = 25, offset: int = 0) -> dict[str, Any]:
        return self._artist_index.answer("artists", query, limit, offset)

    def evaluate_groups(self, query: str, limit: int = 25, offset: int = 0) -> dict[str, Any]:
        return self._group_index.answer("release-groups", query, limit, offset)

    async def search_artists(self, request: web.Request) -> web.Response:
        return await self.search(request, "artist")

    async def search_groups(self, request: web.Request) -> web.Response:
        return await self.search(request, "release-group")

    async def search(self, request: web.Request, entity: str = "recording") -> web.Response:
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
            answer = {"artist": self.evaluate_artists,
                      "release-group": self.evaluate_groups}.get(entity, self.evaluate)
            body = answer(request.query.get("query", ""), limit, max(0, offset))
            self.queries.append(request.query.get("query", ""))
            self.answered[entity] += 1
        except (QuerySyntaxError, ValueError) as exc:
            return web.json_response({"error": f"Invalid query: {exc}"}, status=400)
        return web.Response(text=json.dumps(body), content_type="application/json")
