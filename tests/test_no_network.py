"""A service that cannot be reached: declared down for the run, one plain line, exit 75.

No real network traffic: a closed port on 127.0.0.1 and a host under the reserved
``.invalid`` top-level domain (which never resolves).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from collector.cli import cli
from tests.conftest import closed_port, make_entries, write_jsonl


def _config(tmp_path: Path, mb_url: str) -> Path:
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"database:\n  path: {tmp_path / 'n.db'}\ndata_sources:\n  musicbrainz:\n"
                   f"    base_url: {mb_url}\n    requests_per_second: 20\n"
                   "    timeout_seconds: 5\n    max_retries: 3\n", encoding="utf-8")
    return cfg


def _run(runner, cfg: Path, *args: str):
    start = time.monotonic()
    res = runner.invoke(cli, ["--config", str(cfg), *args])
    return res, time.monotonic() - start


def _statuses(tmp_path: Path) -> dict[str, int]:
    conn = sqlite3.connect(tmp_path / "n.db")
    return dict(conn.execute("SELECT enrichment_status, COUNT(*) FROM videos GROUP BY 1"))


def test_refused_connections_declare_the_service_down(runner, tmp_path: Path) -> None:
    port = closed_port()
    cfg = _config(tmp_path, f"http://127.0.0.1:{port}")
    src = write_jsonl(tmp_path / "c.jsonl", make_entries(40))
    res, elapsed = _run(runner, cfg, "collect-channel", str(src), "--multi-pass")
    assert res.exit_code == 75, res.output
    down = [line for line in res.stderr.splitlines() if "cannot reach" in line]
    assert down == [f"Error: cannot reach 127.0.0.1: connection refused (nothing listens on "
                    f"port {port}); 40 videos left pending: run `karaoke-collector enrich` "
                    "when it can be reached"], res.stderr
    assert "retrying" not in res.stderr and "Traceback" not in res.stderr
    assert "listed 40, new 40" in res.stdout and "pending 40" in res.stdout
    assert elapsed < 10, f"{elapsed:.1f} s: each video still waited for its retries"
    assert _statuses(tmp_path) == {"pending": 40}
    conn = sqlite3.connect(tmp_path / "n.db")
    status, stats = conn.execute("SELECT status, stats FROM collection_runs").fetchone()
    assert status == "stopped" and "cannot reach 127.0.0.1" in stats
    # Attempts are not spent on a run that gave up: `enrich` later starts afresh.
    assert conn.execute("SELECT MAX(enrichment_attempts) FROM videos").fetchone()[0] <= 1

    res, elapsed = _run(runner, cfg, "enrich")
    assert res.exit_code == 75 and "cannot reach 127.0.0.1" in res.stderr
    assert "pending now 40" in res.stdout  # the database's count, however far the run got
    assert elapsed < 10


def test_unresolvable_host_says_dns_in_plain_words(runner, tmp_path: Path) -> None:
    cfg = _config(tmp_path, "http://musicbrainz.invalid")
    src = write_jsonl(tmp_path / "c.jsonl", make_entries(20))
    res, _ = _run(runner, cfg, "collect-channel", str(src), "--multi-pass")
    assert res.exit_code == 75, res.output
    lines = [line for line in res.stderr.splitlines() if "cannot reach" in line]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("Error: cannot reach musicbrainz.invalid: ")
    assert "(DNS lookup failed)" in lines[0]
    assert "Error" not in lines[0][len("Error"):] and "Client" not in lines[0]
    assert _statuses(tmp_path) == {"pending": 20}


def test_verbose_shows_each_failed_connection(runner, tmp_path: Path) -> None:
    port = closed_port()
    cfg = _config(tmp_path, f"http://127.0.0.1:{port}")
    src = write_jsonl(tmp_path / "c.jsonl", make_entries(5))
    res = runner.invoke(cli, ["-v", "--config", str(cfg), "collect-channel", str(src),
                              "--multi-pass"])
    assert res.exit_code == 75
    assert "MusicBrainz: cannot reach 127.0.0.1: connection refused" in res.stderr
    assert "retrying in" in res.stderr
