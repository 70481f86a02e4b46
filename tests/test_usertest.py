"""Defects a new user hit on the merged product (the usertest round).

Each test runs the CLI as a user does (CliRunner on real SQLite files) and fails on the
defect it names.
"""

from __future__ import annotations

import json
from pathlib import Path

from collector.cli import cli
from tests.conftest import EXAMPLES, closed_port, one_error_line

KARAFUN = EXAMPLES / "karafun_videos.json"


def test_the_missing_token_warning_keeps_its_advice(runner, tmp_path: Path) -> None:
    # The redaction of credential-looking text ("token: <value>") masked the advice
    # itself: "needs a token: **** DISCOGS_TOKEN".
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"database:\n  path: {tmp_path / 'k.db'}\n"
                   "data_sources:\n  musicbrainz:\n    enabled: false\n"
                   "  discogs:\n    enabled: true\n", encoding="utf-8")
    res = runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(KARAFUN),
                              "--multi-pass"])
    assert res.exit_code == 0, res.output
    assert "set DISCOGS_TOKEN" in res.stderr
    assert "****" not in res.stderr


def test_a_device_as_source_is_not_called_a_directory(runner, tmp_path) -> None:
    line = one_error_line(runner.invoke(cli, ["--db", str(tmp_path / "k.db"), "collect-channel",
                                           "/dev/null", "--offline"]))
    assert "directory" not in line and "/dev/null" in line and "not a regular file" in line


def test_stats_after_an_enrich_that_found_musicbrainz_down(runner, tmp_path) -> None:
    # The run's stats hold "musicbrainz/request" but no batch counters: stats printed
    # "Error: unexpected KeyError: 'musicbrainz/batch/requests'".
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"database:\n  path: {tmp_path / 'k.db'}\ndata_sources:\n  musicbrainz:\n"
                   f"    base_url: http://127.0.0.1:{closed_port()}\n"
                   "    timeout_seconds: 2\n    max_retries: 2\n", encoding="utf-8")
    collect = runner.invoke(cli, ["--config", str(cfg), "collect-channel", str(KARAFUN),
                                  "--offline"])
    assert collect.exit_code == 0, collect.output
    enrich = runner.invoke(cli, ["--config", str(cfg), "enrich"])
    assert enrich.exit_code == 75, enrich.output
    text = runner.invoke(cli, ["--config", str(cfg), "stats"])
    assert text.exit_code == 0, text.output
    sent = int(text.stdout.split("last run: MusicBrainz: ")[1].split()[0])
    assert sent > 0
    as_json = runner.invoke(cli, ["--config", str(cfg), "stats", "--json"])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)["last_run_musicbrainz"] == {"requests": sent, "songs": 0}


def test_a_title_of_only_noise_is_not_called_empty(runner) -> None:
    lines = ['{"title": ""}', '{"title": "\\ud83d\\ude00 - \\ud83c\\udfa4 (Karaoke)"}']
    res = runner.invoke(cli, ["parse"], input="\n".join(lines) + "\n")
    assert res.exit_code == 0, res.output
    empty, noise = (json.loads(x) for x in res.stdout.splitlines())
    assert empty["reason"] == "empty title"
    assert noise["artist"] is None and noise["song"] is None
    assert noise["reason"] != "empty title" and "noise" in noise["reason"]
