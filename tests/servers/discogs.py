"""A local server that speaks the Discogs API like the real one.

/database/search needs a token (401 otherwise, with Discogs' own message); every answer
carries X-Discogs-Ratelimit, -Used and -Remaining for a moving window; past the limit it
answers 429 (optionally with Retry-After). Faults can be queued: a status code, "html",
"truncated", "timeout" (answers after ``slow`` seconds), "reset" (drops the connection),
"echo" (a 200 HTML page that starts with the request's Authorization header).
"""

from __future__ import annotations

import asyncio
import json
import time
import unicodedata
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.servers.faults import FaultPlan, queued_fault

AUTH_MESSAGE = {"message": "You must authenticate to access this resource."}


def fold(text: str) -> str:
    """How this server compares text, as Discogs' search does: case and accents ignored,
    "&" as "and", apostrophes dropped, other punctuation as spaces. Written apart from
    the collector's own normalisation, so a bug there shows up as a failed lookup here
    instead of being mirrored."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "")
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def _has_words(hay: str, needle: str) -> bool:
    """Every word of ``needle`` is a word of ``hay`` (both folded), as Discogs' full-text
    search matches tokens: "song number 1" is not in "song number 15" (a substring
    test found it there and returned a master the real search does not)."""
    words = set(hay.split())
    return all(w in words for w in needle.split())


def _artist_key(name: str) -> str:
    key = fold(name.replace("*", ""))
    key = key[:-4] if key.endswith(" the") else key
    return key[4:] if key.startswith("the ") else key


@dataclass
class DiscogsServer:
    catalog: list[dict[str, Any]]
    token: str = "test-token-123"
    limit: int = 60  # requests per window with a token (25 without)
    window: float = 60.0
    retry_after: str | None = None  # header sent with 429s
    advertised_limit: int | None = None  # headers claim this (another client shares the budget)
    latency: float = 0.0
    slow: float = 5.0
    faults: list[str] = field(default_factory=list)
    random_faults: FaultPlan | None = None
    requests: int = 0
    rejected_429: int = 0
    unauthorized: int = 0
    request_times: list[float] = field(default_factory=list)
    user_agents: set[str] = field(default_factory=set)
    auth_headers: set[str] = field(default_factory=set)
    _log: dict[str, deque[float]] = field(default_factory=dict)
    _by_artist: dict[str, list[int]] = field(default_factory=dict)
    # Per item (by position): folded artist, folded track titles, release title.
    _keys: list[tuple[str, list[str], str]] = field(default_factory=list)
    _by_id: dict[tuple[str, int], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for i, item in enumerate(self.catalog):
            body = item["body"]
            key = _artist_key(body["artists"][0]["name"])
            self._by_artist.setdefault(key, []).append(i)
            tracks = [fold(t.get("title", "")) for t in body.get("tracklist", [])]
            self._keys.append((key, tracks, fold(body["title"])))
            self._by_id.setdefault((item["kind"], body["id"]), i)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/database/search", self.search)
        app.router.add_get("/masters/{id}", self.master)
        app.router.add_get("/releases/{id}", self.release)
        app.router.add_get("/oauth/identity", self.identity)
        return app

    # ------------------------------------------------------------------ plumbing

    def _authed(self, request: web.Request) -> bool:
        header = request.headers.get("Authorization", "")
        self.auth_headers.add(header)
        return header == f"Discogs token={self.token}"

    def _budget(self, request: web.Request) -> tuple[bool, dict[str, str]]:
        authed = self._authed(request)
        limit = self.limit if authed else min(25, self.limit)
        who = request.headers.get("Authorization") or request.remote or "?"
        now = time.monotonic()
        log = self._log.setdefault(who, deque())
        while log and log[0] <= now - self.window:
            log.popleft()
        allowed = len(log) < limit
        if allowed:
            log.append(now)
        used = len(log)
        shown = self.advertised_limit or limit
        headers = {"X-Discogs-Ratelimit": str(shown), "X-Discogs-Ratelimit-Used": str(used),
                   "X-Discogs-Ratelimit-Remaining": str(max(0, shown - used))}
        return allowed, headers

    async def _answer(self, request: web.Request, body: Any, *, needs_token: bool = False
                      ) -> web.StreamResponse:
        self.requests += 1
        self.request_times.append(time.monotonic())
        self.user_agents.add(request.headers.get("User-Agent", ""))
        allowed, headers = self._budget(request)
        if not allowed:
            self.rejected_429 += 1
            if self.retry_after is not None:
                headers["Retry-After"] = self.retry_after
            return web.json_response({"message": "You are making requests too quickly."},
                                     status=429, headers=headers)
        if needs_token and not self._authed(request):
            self.unauthorized += 1
            return web.json_response(AUTH_MESSAGE, status=401, headers=headers)
        if self.latency:
            await asyncio.sleep(self.latency)
        if self.random_faults is not None:
            failed = await self.random_faults.maybe_fail(request, headers)
            if failed is not None:
                return failed
        if self.faults:
            fault = self.faults.pop(0)
            if fault == "echo":  # a proxy's debug page that echoes the request's credentials
                return web.Response(status=200, content_type="text/html", headers=headers,
                                    text=f"{request.headers.get('Authorization', '')} "
                                         "<html>debug</html>")
            failed = await queued_fault(request, fault, slow=self.slow,
                                        truncated='{"results": [{"id": 1, "ti', headers=headers)
            if failed is not None:
                return failed
        if body is None:
            return web.json_response({"message": "Release not found."}, status=404,
                                     headers=headers)
        return web.json_response(body, headers=headers)

    # ------------------------------------------------------------------ endpoints

    async def identity(self, request: web.Request) -> web.StreamResponse:
        return await self._answer(request, {"id": 1, "username": "tester",
                                            "resource_url": "", "consumer_name": "test"},
                                  needs_token=True)

    def _find(self, kind: str, ident: int) -> dict[str, Any] | None:
        i = self._by_id.get((kind, ident))
        return None if i is None else self.catalog[i]["body"]

    async def master(self, request: web.Request) -> web.StreamResponse:
        return await self._answer(request, self._find("master", int(request.match_info["id"])))

    async def release(self, request: web.Request) -> web.StreamResponse:
        return await self._answer(request, self._find("release", int(request.match_info["id"])))

    def _result(self, item: dict[str, Any]) -> dict[str, Any]:
        body = item["body"]
        artist = body["artists"][0]["name"]
        kind = item["kind"]
        master_id = body["id"] if kind == "master" else body.get("master_id") or 0
        return {
            "country": body.get("country", "US"), "year": str(body.get("year", "")),
            "format": item["formats"], "label": [item["label"]], "type": kind,
            "genre": body.get("genres", []), "style": body.get("styles", []),
            "id": body["id"], "barcode": [],
            "user_data": {"in_wantlist": False, "in_collection": False},
            "master_id": master_id,
            "master_url": f"https://api.discogs.com/masters/{master_id}" if master_id else None,
            "uri": f"/{artist.replace(' ', '-')}/{kind}/{body['id']}", "catno": "CAT 1",
            "title": f"{artist} - {body['title']}", "thumb": "", "cover_image": "",
            "resource_url": body.get("resource_url", ""),
            "community": {"want": 10, "have": 100},
        }

    def _matches(self, i: int, q: dict[str, str]) -> bool:
        item = self.catalog[i]
        artist, tracks, title = self._keys[i]
        if q.get("type") and q["type"] != item["kind"]:
            return False
        if item["kind"] == "master" and not item["searchable"]:
            return False
        if q.get("artist"):
            wanted = _artist_key(q["artist"])
            if not _has_words(artist, wanted) and not _has_words(wanted, artist):
                return False
        if q.get("track") and not any(_has_words(t, fold(q["track"])) for t in tracks):
            return False
        return not q.get("q") or _has_words(" ".join([artist, title, *tracks]), fold(q["q"]))

    async def search(self, request: web.Request) -> web.StreamResponse:
        q = dict(request.query)
        per_page = int(q.get("per_page", "50"))
        positions: list[int] | range = range(len(self.catalog))
        if q.get("artist") and _artist_key(q["artist"]) in self._by_artist:
            positions = self._by_artist[_artist_key(q["artist"])]
        hits = [self._result(self.catalog[i]) for i in positions if self._matches(i, q)]
        body = {"pagination": {"page": 1, "pages": 1, "per_page": per_page,
                               "items": len(hits), "urls": {}},
                "results": hits[:per_page]}
        return await self._answer(request, json.loads(json.dumps(body)), needs_token=True)
