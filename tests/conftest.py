"""Shared fixtures: real SQLite files in tmp_path, the bundled example exports, CliRunner."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's config, token or database."""
    for var in ("DISCOGS_TOKEN", "DISCOGS-TOKEN", "DISCOGS_REQUESTS_PER_MINUTE",
                "DISCOGS_MAX_RESULTS", "DISCOGS_ENABLED", "KARAOKE_COLLECTOR_CONFIG",
                "KARAOKE_COLLECTOR_DB"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def make_entries(n: int, channel: str = "Test Karaoke",
                 channel_id: str = "UCtesttesttesttesttest12", start: int = 0) -> list[dict]:
    """A -j style listing of n videos with distinct ids and titles."""
    return [
        {
            "_type": "url", "ie_key": "Youtube", "id": f"v{i:010d}",
            "url": f"https://www.youtube.com/watch?v=v{i:010d}",
            "title": f"Artist {i % 97} - Song Number {i} (Karaoke Version)",
            "channel": channel, "channel_id": channel_id,
        }
        for i in range(start, start + n)
    ]


def write_config(path: Path, *, mb_url: str | None = None, mb_rps: float = 1.0,
                 db: str = "catalog.db", discogs_url: str | None = None,
                 discogs_rpm: int = 60, discogs_window: float = 60.0, discogs_burst: int = 5,
                 mb_enabled: bool = True, mb_batch: int | None = None,
                 extra: str = "") -> Path:
    """A config file pointing the services at local test servers."""
    text = f"database:\n  path: {db}\n"
    text += "data_sources:\n  musicbrainz:\n"
    text += f"    enabled: {'true' if mb_enabled else 'false'}\n"
    if mb_url:
        text += f"    base_url: {mb_url}\n"
    text += f"    requests_per_second: {mb_rps}\n    timeout_seconds: 3\n    max_retries: 2\n"
    if mb_batch is not None:
        text += f"    batch_size: {mb_batch}\n"
    if discogs_url:
        text += (f"  discogs:\n    enabled: true\n    base_url: {discogs_url}\n"
                 f"    requests_per_minute: {discogs_rpm}\n    burst: {discogs_burst}\n"
                 f"    rate_window_seconds: {discogs_window}\n    timeout_seconds: 2\n"
                 f"    max_retries: 3\n")
    path.write_text(text + extra, encoding="utf-8")
    return path


def titles_export(path: Path, titles: list[str], channel: str = "Test Karaoke",
                  channel_id: str = "UCtesttesttesttesttest12") -> Path:
    rows = [{"_type": "url", "ie_key": "Youtube", "id": f"t{i:010d}",
             "url": f"https://www.youtube.com/watch?v=t{i:010d}", "title": t,
             "channel": channel, "channel_id": channel_id} for i, t in enumerate(titles)]
    return write_jsonl(path, rows)


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then closed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_error_line(res) -> str:
    """The run failed with exactly one line on stderr, an ``Error: ...`` line."""
    assert res.exit_code == 1, res.output
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("Error: ") and "Traceback" not in res.output
    return lines[0]
