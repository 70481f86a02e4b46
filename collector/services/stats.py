"""One stats object for every layer, with plain slash-separated keys.

Keys look like ``musicbrainz/request``, ``musicbrainz/cache/hit``,
``discogs/retry/429``, ``discogs/response/200``. Latencies are kept per service for
percentiles. The object never sees request URLs or headers, so it cannot leak a token.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any


class Stats:
    def __init__(self) -> None:
        self.counters: Counter[str] = Counter()
        self._latency: dict[str, list[float]] = defaultdict(list)
        self.wait_seconds: Counter[str] = Counter()

    def inc(self, key: str, n: int = 1) -> None:
        self.counters[key] += n

    def get(self, key: str) -> int:
        return self.counters[key]

    def latency(self, service: str, seconds: float) -> None:
        samples = self._latency[service]
        # Bounded memory on long runs: keep a uniform thinning of the history.
        if len(samples) >= 20_000:
            del samples[::2]
        samples.append(seconds)

    def waited(self, service: str, seconds: float) -> None:
        self.wait_seconds[service] += seconds

    def percentile(self, service: str, q: float) -> float | None:
        samples = sorted(self._latency.get(service, []))
        if not samples:
            return None
        idx = min(len(samples) - 1, max(0, round(q * (len(samples) - 1))))
        return samples[idx]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(sorted(self.counters.items()))
        for service in sorted(self._latency):
            for name, q in (("p50", 0.5), ("p95", 0.95)):
                value = self.percentile(service, q)
                if value is not None:
                    out[f"{service}/latency_ms/{name}"] = round(value * 1000, 1)
        for service, seconds in sorted(self.wait_seconds.items()):
            out[f"{service}/throttle/wait_s"] = round(seconds, 2)
        return out
