"""What a new user reads: one-line errors in plain words, honest counts, no surprises.

Each test runs the CLI as a user does (CliRunner on real SQLite files).
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from collector.cli import cli
from collector.discogs_cli import discogs
from tests.conftest import EXAMPLES, one_error_line, write_jsonl

KARAFUN = EXAMPLES / "karafun_videos.json"


# ------------------------------------------------------------------ item 4: messages


def test_export_into_a_missing_directory_says_so(runner, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    runner.invoke(cli, ["--db", str(db), "collect-channel", str(KARAFUN), "--offline"])
    target = tmp_path / "no" / "such" / "dir" / "out.csv"
    res = runner.invoke(cli, ["--db", str(db), "export", "--output", str(target)])
    line = one_error_line(res)
    assert line == (f"Error: cannot write {target}: directory {target.parent} does not exist")
    assert not target.parent.exists()


def test_truncated_json_export_is_one_line(runner, tmp_path: Path) -> None:
    cut = tmp_path / "cut.json"
    cut.write_bytes(KARAFUN.read_bytes()[:3000])
    res = runner.invoke(cli, ["--db", str(tmp_path / "k.db"), "collect-channel", str(cut)])
    line = one_error_line(res)
    assert "malformed JSON export" in line and "cut off" in line


@pytest.mark.parametrize("body", ['{"foo": 1}\n', '{"foo": 1, "bar": [2]}'])
def test_json_that_is_not_a_ytdlp_export_is_refused(runner, tmp_path: Path, body) -> None:
    src = tmp_path / "other.json"
    src.write_text(body, encoding="utf-8")
    res = runner.invoke(cli, ["--db", str(tmp_path / "k.db"), "collect-channel", str(src)])
    line = one_error_line(res)
    assert "not a yt-dlp" in line


def test_unresolvable_listing_url_reads_as_no_network(runner, tmp_path: Path) -> None:
    url = "http://feeds.karaoke.invalid/videos.xml"  # .invalid never resolves: no traffic
    res = runner.invoke(cli, ["--db", str(tmp_path / "k.db"), "collect-channel", url])
    line = one_error_line(res)
    assert line == f"Error: cannot list {url}: no network or host not found (DNS lookup failed)"


# ------------------------------------------------------------------ item 5: mistyped --db


@pytest.mark.parametrize("args", [["stats"], ["stats", "--json"], ["export"], ["enrich"],
                                  ["export", "--format", "json", "-o", "x.json"],
                                  ["songbook"], ["cache", "prune"],
                                  ["discogs", "export-metrics"]])
def test_read_only_commands_do_not_create_a_database(runner, tmp_path: Path, args) -> None:
    """Every command that needs a catalog says the same line for a mistyped --db."""
    missing = tmp_path / "catalgo.db"  # a typo
    res = runner.invoke(cli, ["--db", str(missing), *args])
    line = one_error_line(res)
    assert f"database {missing} does not exist" in line
    assert line == one_error_line(runner.invoke(cli, ["--db", str(missing), "stats"]))
    assert not missing.exists() and not Path(str(missing) + "-wal").exists()


def test_discogs_status_on_a_missing_database(runner, tmp_path: Path) -> None:
    missing = tmp_path / "catalgo.db"
    for group, args in ((cli, ["--db", str(missing), "discogs", "status"]),
                        (discogs, ["--db", str(missing), "status"])):
        res = runner.invoke(group, args)
        assert f"database {missing} does not exist" in res.output, res.output
        assert not missing.exists()
    res = runner.invoke(cli, ["--db", str(missing), "discogs", "export-metrics"])
    assert one_error_line(res) == (f"Error: database {missing} does not exist (check --db or "
                                   "database.path; collect-channel creates it)")


def test_existing_database_still_reads(runner, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    runner.invoke(cli, ["--db", str(db), "collect-channel", str(KARAFUN), "--offline"])
    res = runner.invoke(cli, ["--db", str(db), "stats", "--json"])
    assert res.exit_code == 0 and json.loads(res.stdout)["totals"]["videos"] == 61
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM videos").fetchone()[0] == 61


# ------------------------------------------------------------------ item 6: flags and notices


def test_offline_and_multi_pass_is_a_usage_error(runner, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    res = runner.invoke(cli, ["--db", str(db), "collect-channel", str(KARAFUN), "--offline",
                              "--multi-pass"])
    assert res.exit_code == 2
    assert "--offline" in res.stderr and "--multi-pass" in res.stderr
    assert not db.exists()


def test_a_pass_the_config_disables_is_mentioned_only_at_verbose(runner, tmp_path) -> None:
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"database:\n  path: {tmp_path / 'k.db'}\n"
                   "data_sources:\n  musicbrainz:\n    enabled: false\n", encoding="utf-8")
    args = ["--config", str(cfg), "collect-channel", str(KARAFUN), "--multi-pass"]
    quiet = runner.invoke(cli, args)
    assert quiet.exit_code == 0, quiet.output
    assert "pass disabled" not in quiet.output
    loud = runner.invoke(cli, ["-v", *args])
    assert loud.output.count("discogs_search pass disabled") == 1
    assert loud.output.count("musicbrainz_search pass disabled") == 1


def test_discogs_enabled_without_a_token_is_still_a_warning(runner, tmp_path) -> None:
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"database:\n  path: {tmp_path / 'k.db'}\n"
                   "data_sources:\n  musicbrainz:\n    enabled: false\n"
                   "  discogs:\n    enabled: true\n", encoding="utf-8")
    res = runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(KARAFUN),
                              "--multi-pass"])
    assert res.exit_code == 0
    assert res.stderr.count("Discogs search needs a token") == 1


# ------------------------------------------------------------------ item 9: HTML entities


STINGRAY = EXAMPLES / "stingray_videos.jsonl"


def test_titles_are_stored_and_exported_as_real_text(runner, tmp_path: Path) -> None:
    raw = {}
    for line in STINGRAY.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        raw[obj["id"]] = obj["title"]
    escaped = {vid for vid, title in raw.items() if "&quot;" in title or "&amp;" in title}
    assert len(escaped) == 242  # the Data API's escaping, as the example export keeps it
    db = tmp_path / "k.db"
    runner.invoke(cli, ["--db", str(db), "collect-channel", str(STINGRAY), "--offline"])
    stored = dict(sqlite3.connect(db).execute("SELECT video_id, title FROM videos"))
    for vid in escaped:
        want = raw[vid].replace("&quot;", '"').replace("&#39;", "'").replace("&amp;", "&")
        assert stored[vid] == want
    assert not any(re.search(r"&(quot|amp|#39);", t) for t in stored.values())
    res = runner.invoke(cli, ["--db", str(db), "export", "--format", "jsonl"])
    exported = {r["video_id"]: r["title"] for r in map(json.loads, res.stdout.splitlines())}
    assert exported == stored
    sample = next(v for v in escaped if "&quot;" in raw[v])
    assert '"' in exported[sample] and "&quot;" not in exported[sample]


def test_text_that_only_looks_like_an_entity_is_kept(runner, tmp_path: Path) -> None:
    titles = ["AT&T - R&B Song (Karaoke)", "Tom &copy Jerry - Song", "Simon &amp; Garfunkel - "
              "The Boxer", "Fish &#38;amp; Chips - Song"]
    src = write_jsonl(tmp_path / "t.jsonl", [
        {"id": f"e{i:010d}", "title": t, "channel": "C", "channel_id": "UC" + "c" * 22}
        for i, t in enumerate(titles)])
    db = tmp_path / "k.db"
    assert runner.invoke(cli, ["--db", str(db), "collect-channel", str(src),
                               "--offline"]).exit_code == 0
    stored = [t for (t,) in sqlite3.connect(db).execute(
        "SELECT title FROM videos ORDER BY video_id")]
    assert stored == ["AT&T - R&B Song (Karaoke)", "Tom &copy Jerry - Song",
                      "Simon & Garfunkel - The Boxer", "Fish &amp; Chips - Song"]  # once


# ------------------------------------------------------------------ item 7: one source of counts


def _progress_lines(text: str) -> list[tuple[int, int, int]]:
    return [tuple(map(int, m)) for m in re.findall(
        r"Collecting: (\d+) listed, (\d+) stored, (\d+) enriched", text)]


def test_progress_counts_are_the_summary_counts(runner, tmp_path, monkeypatch) -> None:
    from tests.servers import e2e_catalog
    from tests.servers.faults import FaultPlan
    from tests.servers.musicbrainz import MusicBrainzServer
    from tests.servers.runner import serve

    monkeypatch.setattr("collector.progress.LOG_INTERVAL", 0.0)  # a line per step
    songs = e2e_catalog.channel(30)
    server = MusicBrainzServer(e2e_catalog.musicbrainz(songs), min_interval=0.0,
                               random_faults=FaultPlan({"5xx": 0.3}, seed=3))
    src = write_jsonl(tmp_path / "c.jsonl", [
        {"id": f"p{i:010d}", "title": t, "channel": "Stingray Karaoke",
         "channel_id": "UC" + "s" * 22} for i, (t, _, _) in enumerate(songs)])
    with serve(server.app()) as url:
        cfg = tmp_path / "config.yaml"
        cfg.write_text(f"database:\n  path: {tmp_path / 'k.db'}\ndata_sources:\n"
                       f"  musicbrainz:\n    base_url: {url}\n    requests_per_second: 0\n"
                       "    max_retries: 0\n", encoding="utf-8")
        res = runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(src),
                                  "--multi-pass"])
    assert res.exit_code == 0, res.output
    summary = {k: int(v) for k, v in re.findall(r"(\w+) (\d+)", res.stdout.splitlines()[0])}
    lines = _progress_lines(res.stderr)
    assert lines, res.stderr
    listed, stored, enriched = lines[-1]
    assert (listed, enriched) == (summary["listed"], summary["enriched"])
    assert 0 < summary["enriched"] < 30 and summary["pending"] > 0  # the faults left some
    conn = sqlite3.connect(tmp_path / "k.db")
    db = dict(conn.execute("SELECT enrichment_status, COUNT(*) FROM videos GROUP BY 1"))
    assert db.get("complete", 0) == summary["enriched"]
    assert db.get("pending", 0) == summary["pending"]
    assert all(e <= summary["enriched"] for _, _, e in lines)


# ------------------------------------------------------------------ item 8: Discogs probes


DNS_DOWN = "cannot reach api.discogs.invalid: no network or unknown host (DNS lookup failed)"


def test_discogs_test_connection_speaks_plainly(runner, tmp_path: Path) -> None:
    cfg = tmp_path / "config.yaml"
    cfg.write_text("data_sources:\n  discogs:\n    base_url: https://api.discogs.invalid\n",
                   encoding="utf-8")
    res = runner.invoke(cli, ["--config", str(cfg), "discogs", "test-connection"],
                        env={"DISCOGS_TOKEN": "tok-123456"})
    assert res.exit_code == 1
    assert res.stderr.strip() == f"Error: {DNS_DOWN}"
    assert "FAILED" not in res.output and "Client" not in res.output
    assert "tok-123456" not in res.output


def test_discogs_prototype_speaks_plainly(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCOGS")}
    env.update(DISCOGS_TOKEN="tok-123456", PYTHONPATH=str(ROOT))
    res = subprocess.run([sys.executable, str(ROOT / "discogs_prototype.py"), "--base-url",
                          "https://api.discogs.invalid"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert res.returncode == 2
    assert res.stderr.strip() == f"Error: {DNS_DOWN}"
    assert "FAILED" not in res.stdout + res.stderr and "Client" not in res.stdout + res.stderr


# ------------------------------------------------------------------ item 10: details


def test_config_check_keeps_each_value_on_one_line(runner, tmp_path: Path) -> None:
    ua = "KaraokeCollector/2.1 ( https://github.com/karaoke-collector/karaoke-collector )"
    res = runner.invoke(cli, ["config", "check"])
    assert res.exit_code == 0, res.output
    assert f"    user_agent: {ua}\n" in res.output
    import yaml

    body = yaml.safe_load(res.output.split("\n", 1)[1])
    assert body["data_sources"]["musicbrainz"]["user_agent"] == ua


def _db_with_runs(tmp_path: Path, statuses: list[str]) -> Path:
    db = tmp_path / "k.db"
    from click.testing import CliRunner

    CliRunner().invoke(cli, ["--db", str(db), "collect-channel", str(KARAFUN), "--offline"])
    conn = sqlite3.connect(db)
    for status in statuses:
        conn.execute("INSERT INTO collection_runs (command, status, started_at, finished_at)"
                     " VALUES ('enrich', ?, '2026-01-02T03:04:05', '2026-01-02T03:05:00')",
                     (status,))
    conn.commit()
    return db


def test_discogs_status_says_the_last_run_failed(runner, tmp_path: Path) -> None:
    db = _db_with_runs(tmp_path, ["failed"])
    res = runner.invoke(cli, ["--db", str(db), "discogs", "status"])
    assert res.exit_code == 0, res.output
    line = next(x for x in res.output.splitlines() if x.startswith("last run:"))
    assert line.split(":", 1)[1].split()[0] == "failed", line
    assert "enrich" in line and "2026-01-02T03:05:00" in line


def test_export_metrics_has_no_last_run_without_runs(runner, tmp_path: Path) -> None:
    db = _db_with_runs(tmp_path, ["completed"])  # runs, none of them asked Discogs
    res = runner.invoke(cli, ["--db", str(db), "discogs", "export-metrics"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    for part in ("last_run", "cumulative"):
        assert data[part]["runs"] == 0 and data[part]["last_run_at"] is None, data[part]


def test_export_metrics_last_run_is_the_last_discogs_run(runner, tmp_path: Path) -> None:
    db = _db_with_runs(tmp_path, [])
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO collection_runs (command, status, started_at, finished_at, stats)"
                 " VALUES ('enrich', 'completed', '2026-01-01', '2026-01-01T10:00:00', ?)",
                 (json.dumps({"discogs/request": 4, "discogs/response/200": 4}),))
    conn.execute("INSERT INTO collection_runs (command, status, started_at, finished_at)"
                 " VALUES ('collect-channel', 'completed', '2026-01-02', '2026-01-02T10:00:00')")
    conn.commit()
    data = json.loads(runner.invoke(cli, ["--db", str(db), "discogs", "export-metrics"]).stdout)
    assert data["cumulative"]["runs"] == 1
    assert data["cumulative"]["last_run_at"] == "2026-01-01T10:00:00"


def test_since_on_a_listing_without_dates_says_so(runner, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    res = runner.invoke(cli, ["--db", str(db), "collect-channel", str(KARAFUN), "--offline",
                              "--since", "2024-01-01"])
    assert res.exit_code == 0, res.output
    assert ("Warning: --since 2024-01-01: 61 videos have no upload date in this listing and "
            "were kept") in res.stderr
    dated = write_jsonl(tmp_path / "d.jsonl", [
        {"id": f"d{i:010d}", "title": f"A{i} - S{i}", "channel": "C",
         "channel_id": "UC" + "d" * 22, "upload_date": date}
        for i, date in enumerate(["20230101", "20250101"])])
    res = runner.invoke(cli, ["--db", str(db), "collect-channel", str(dated), "--offline",
                              "--since", "2024-01-01"])
    assert res.exit_code == 0 and "listed 1," in res.stdout and "--since" not in res.stderr


def test_readme_demo_output_is_what_make_demo_prints(runner, tmp_path: Path) -> None:
    import shlex

    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("directory):\n\n```\n", 1)[1].split("```", 1)[0]
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ndemo:", 1)[1]
    commands = [line.strip() for line in recipe.split("\n\n", 1)[0].splitlines()[1:]]
    assert len(commands) >= 3, commands
    db = tmp_path / "karaoke.db"
    printed = ""
    for command in commands:
        printed += command.replace("$(BIN)", ".venv/bin") + "\n"
        args = [str(db) if a == "karaoke.db" else str(ROOT / a) if a.startswith("examples/")
                else a for a in shlex.split(command)[1:]]
        res = runner.invoke(cli, args)
        assert res.exit_code == 0, res.output
        printed += res.output.replace(str(Path.cwd()), "…")  # the checkout's directory
    assert printed == block


def test_gitignore_covers_what_the_readme_writes() -> None:
    from fnmatch import fnmatch

    from tests.conftest import ROOT

    patterns = [p.strip() for p in (ROOT / ".gitignore").read_text().splitlines()
                if p.strip() and not p.startswith("#")]
    for name in ("karaoke.db", "karaoke.db-wal", "karaoke.db-shm", "songbook.csv",
                 "songbook.json", "songbook.csv.partial"):
        assert any(fnmatch(name, p) for p in patterns), name


def test_discogs_status_says_a_run_stopped_because_a_service_was_down(runner, tmp_path: Path
                                                                       ) -> None:
    """A run that stopped early (exit 75) is recorded `stopped` with its reason in its
    stats; the status line must say why."""
    db = _db_with_runs(tmp_path, [])
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO collection_runs (command, status, started_at, finished_at, stats)"
                 " VALUES ('enrich', 'stopped', '2026-01-02', '2026-01-02T10:00:00', ?)",
                 (json.dumps({"service_down": "cannot reach musicbrainz.org: no network"}),))
    conn.commit()
    res = runner.invoke(cli, ["--db", str(db), "discogs", "status"])
    assert res.exit_code == 0, res.output
    line = next(x for x in res.output.splitlines() if x.startswith("last run:"))
    assert "stopped (enrich" in line, line
    assert "stopped early" in line and "cannot reach musicbrainz.org" in line, line
