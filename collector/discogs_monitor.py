"""Discogs integration metrics and health, read from the database (no network).

Per run, the pipeline stores its counters in ``collection_runs.stats`` (keys such as
``discogs/request``, ``discogs/response/429``, ``discogs/latency_ms/p95``). This module
adds them up (per run and cumulative), measures data quality from the catalog (share of
videos with a year, genre and label; what Discogs added over MusicBrainz alone) and
evaluates health against the thresholds in ``monitoring``:

* ``idle``: no Discogs traffic in the recent runs (not a failure);
* ``unhealthy``: usable answers below ``min_success_rate``, or the token was rejected;
* ``degraded``: answers below ``degraded_success_rate``, 429s caused by us above
  ``max_rate_limited``, or Discogs' own latency per video above ``max_added_latency_ms``;
* ``healthy`` otherwise. Every state comes with its reasons.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from collector.config import MonitoringConfig

FAILURE_KINDS = ("429", "5xx", "timeout", "network", "malformed", "auth")


@dataclass(slots=True)
class DiscogsMetrics:
    runs: int = 0
    requests: int = 0
    successes: int = 0
    failures: dict[str, int] = field(default_factory=dict)
    retries: int = 0
    cache_hits: int = 0
    cache_misses: int = 0
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None
    throttle_wait_s: float = 0.0
    videos_looked_up: int = 0  # videos the Discogs pass ran for
    last_run_at: str | None = None

    @property
    def success_rate(self) -> float | None:
        return self.successes / self.requests if self.requests else None

    @property
    def added_latency_ms(self) -> float | None:
        """Discogs' own answer time per looked-up video (p50 x requests per video)."""
        if not self.videos_looked_up or self.latency_p50_ms is None:
            return None
        return self.latency_p50_ms * self.requests / self.videos_looked_up

    def as_dict(self) -> dict[str, Any]:
        return {
            "runs": self.runs, "requests": self.requests, "successes": self.successes,
            "success_rate": None if self.success_rate is None else round(self.success_rate, 4),
            "failures": dict(self.failures), "retries": self.retries,
            "cache_hits": self.cache_hits, "cache_misses": self.cache_misses,
            "latency_p50_ms": self.latency_p50_ms, "latency_p95_ms": self.latency_p95_ms,
            "throttle_wait_s": round(self.throttle_wait_s, 2),
            "videos_looked_up": self.videos_looked_up,
            "added_latency_ms_per_video": None if self.added_latency_ms is None
            else round(self.added_latency_ms, 1),
            "last_run_at": self.last_run_at,
        }


@dataclass(slots=True)
class DataQuality:
    videos: int = 0
    with_year: int = 0
    with_genre: int = 0
    with_label: int = 0
    year_from_discogs: int = 0
    genres_from_discogs: int = 0

    def as_dict(self) -> dict[str, Any]:
        share = (lambda n: round(n / self.videos, 4) if self.videos else None)  # noqa: E731
        return {
            "videos": self.videos, "with_year": self.with_year, "with_genre": self.with_genre,
            "with_label": self.with_label, "year_share": share(self.with_year),
            "genre_share": share(self.with_genre), "label_share": share(self.with_label),
            "discogs_added_years": self.year_from_discogs,
            "discogs_added_genres": self.genres_from_discogs,
        }


@dataclass(slots=True)
class Health:
    state: str  # healthy | degraded | unhealthy | idle
    reasons: list[str]

    @property
    def exit_code(self) -> int:
        return {"healthy": 0, "idle": 0, "degraded": 1}.get(self.state, 2)


def _failure_kind(key: str) -> str | None:
    status = key.rsplit("/", 1)[-1]
    if key.startswith("discogs/response/"):
        if status == "429":
            return "429"
        if status.isdigit() and int(status) >= 500:
            return "5xx"
        if status in ("401", "403"):
            return "auth"
        return None
    if key.startswith("discogs/error/") and status in ("timeout", "network", "malformed"):
        return status
    return None


def aggregate(stats_rows: list[dict[str, Any]], finished: list[str | None]) -> DiscogsMetrics:
    """Add up the Discogs counters of several runs."""
    m = DiscogsMetrics()
    failures: Counter[str] = Counter()
    p50s, p95s = [], []
    for stats, finished_at in zip(stats_rows, finished, strict=False):
        requests = int(stats.get("discogs/request", 0))
        if not requests and not stats.get("discogs/cache/hit"):
            continue  # a run without Discogs traffic is not one of these runs
        if m.runs == 0:
            m.last_run_at = finished_at  # rows come newest first
        m.runs += 1
        m.requests += requests
        m.successes += int(stats.get("discogs/response/200", 0)) + int(
            stats.get("discogs/response/404", 0))
        for key, value in stats.items():
            kind = _failure_kind(key)
            if kind:
                failures[kind] += int(value)
            if key.startswith("discogs/retry/"):
                m.retries += int(value)
        m.cache_hits += int(stats.get("discogs/cache/hit", 0))
        m.cache_misses += int(stats.get("discogs/cache/miss", 0))
        m.throttle_wait_s += float(stats.get("discogs/throttle/wait_s", 0.0))
        m.videos_looked_up += int(stats.get("discogs/run/fallback", 0)) + int(
            stats.get("discogs/run/fill", 0)) + int(stats.get("discogs/run/always", 0))
        if stats.get("discogs/latency_ms/p50") is not None:
            p50s.append(float(stats["discogs/latency_ms/p50"]))
        if stats.get("discogs/latency_ms/p95") is not None:
            p95s.append(float(stats["discogs/latency_ms/p95"]))
    m.failures = {k: failures[k] for k in FAILURE_KINDS if failures[k]}
    if p50s:
        m.latency_p50_ms = sorted(p50s)[len(p50s) // 2]
    if p95s:
        m.latency_p95_ms = max(p95s)
    return m


class DiscogsMonitor:
    """Reads metrics from a catalog database.

    :param conn: an open connection to the catalog (read only is enough).
    """

    def __init__(self, conn: sqlite3.Connection, thresholds: MonitoringConfig) -> None:
        self.conn = conn
        self.thresholds = thresholds

    def _runs(self, limit: int | None) -> tuple[list[dict[str, Any]], list[str | None]]:
        sql = "SELECT stats, finished_at FROM collection_runs ORDER BY run_id DESC"
        rows = self.conn.execute(sql + (f" LIMIT {int(limit)}" if limit else "")).fetchall()
        stats = []
        for raw, _ in rows:
            try:
                value = json.loads(raw or "{}")
            except ValueError:
                value = {}
            stats.append(value if isinstance(value, dict) else {})
        return stats, [r[1] for r in rows]

    def metrics(self, *, recent: bool = False) -> DiscogsMetrics:
        stats, finished = self._runs(self.thresholds.recent_runs if recent else None)
        return aggregate(stats, finished)

    def last_run(self) -> DiscogsMetrics:
        stats, finished = self._runs(1)
        return aggregate(stats, finished)

    def data_quality(self) -> DataQuality:
        row = self.conn.execute(
            """SELECT COUNT(v.video_id), SUM(m.year IS NOT NULL), SUM(m.genres != '[]'),
                      SUM(m.label IS NOT NULL), SUM(m.year_source = 'discogs'),
                      SUM(m.genres != '[]' AND (mb.genres IS NULL OR mb.genres = '[]'
                          OR mb.status != 'match'))
               FROM videos v LEFT JOIN merged_metadata m USING (video_id)
               LEFT JOIN musicbrainz_data mb USING (video_id)"""
        ).fetchone()
        return DataQuality(*(int(x or 0) for x in row))

    def health(self) -> Health:
        t = self.thresholds
        m = self.metrics(recent=True)
        if m.requests == 0:
            return Health("idle", ["no Discogs requests in the recent runs"])
        reasons: list[str] = []
        state = "healthy"
        rate = m.success_rate or 0.0
        if m.failures.get("auth"):
            state = "unhealthy"
            reasons.append(f"Discogs rejected the token {m.failures['auth']} times")
        if rate < t.min_success_rate:
            state = "unhealthy"
            reasons.append(f"API success rate {rate:.0%} is below {t.min_success_rate:.0%}")
        elif rate < t.degraded_success_rate and state == "healthy":
            state = "degraded"
            reasons.append(f"API success rate {rate:.0%} is below "
                           f"{t.degraded_success_rate:.0%}")
        limited = m.failures.get("429", 0)
        if limited > t.max_rate_limited:
            state = "degraded" if state == "healthy" else state
            reasons.append(f"{limited} requests were rate limited (429)")
        added = m.added_latency_ms
        if added is not None and added > t.max_added_latency_ms:
            state = "degraded" if state == "healthy" else state
            reasons.append(f"Discogs adds {added:.0f} ms per video "
                           f"(limit {t.max_added_latency_ms:.0f} ms)")
        if state == "healthy":
            reasons.append(f"API success rate {rate:.0%} over {m.requests} requests in "
                           f"{m.runs} runs; no 429s caused by us")
        return Health(state, reasons)

    def export(self) -> dict[str, Any]:
        return {
            "last_run": self.last_run().as_dict(),
            "cumulative": self.metrics().as_dict(),
            "data_quality": self.data_quality().as_dict(),
            "health": {"state": (h := self.health()).state, "reasons": h.reasons},
        }


def to_prometheus(data: dict[str, Any]) -> str:
    """The export in Prometheus' text exposition format."""
    lines: list[str] = []

    def gauge(name: str, value: Any, labels: str = "", help_text: str = "") -> None:
        if value is None:
            return
        if help_text:
            lines.append(f"# HELP karaoke_discogs_{name} {help_text}")
            lines.append(f"# TYPE karaoke_discogs_{name} gauge")
        lines.append(f"karaoke_discogs_{name}{labels} {float(value):g}")

    c = data["cumulative"]
    gauge("requests_total", c["requests"], help_text="Discogs requests, all runs")
    gauge("successes_total", c["successes"], help_text="Usable Discogs answers, all runs")
    lines.append("# HELP karaoke_discogs_failures_total Failed requests by kind")
    lines.append("# TYPE karaoke_discogs_failures_total gauge")
    for kind in FAILURE_KINDS:
        gauge("failures_total", c["failures"].get(kind, 0), f'{{kind="{kind}"}}')
    gauge("success_rate", c["success_rate"], help_text="Usable answers per request")
    gauge("cache_hits_total", c["cache_hits"], help_text="Answers served from the cache")
    gauge("latency_p50_ms", c["latency_p50_ms"], help_text="Median Discogs answer time")
    gauge("latency_p95_ms", c["latency_p95_ms"], help_text="95th percentile answer time")
    gauge("throttle_wait_seconds_total", c["throttle_wait_s"],
          help_text="Time spent waiting on the rate limiter")
    q = data["data_quality"]
    for key in ("year_share", "genre_share", "label_share"):
        gauge(key, q[key], help_text=f"Share of videos with a {key.split('_')[0]}")
    gauge("added_years_total", q["discogs_added_years"], help_text="Years Discogs added")
    gauge("added_genres_total", q["discogs_added_genres"], help_text="Genres Discogs added")
    state = data["health"]["state"]
    lines.append("# HELP karaoke_discogs_health Health state (1 for the current state)")
    lines.append("# TYPE karaoke_discogs_health gauge")
    for s in ("healthy", "degraded", "unhealthy", "idle"):
        lines.append(f'karaoke_discogs_health{{state="{s}"}} {1 if s == state else 0}')
    return "\n".join(lines) + "\n"
