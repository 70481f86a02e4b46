"""The Discogs fallback over real HTTP against the local Discogs server."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from collector.cli import cli
from tests.conftest import titles_export, write_config
from tests.servers.discogs import DiscogsServer
from tests.servers.discogs_catalog import bulk_catalog, trap_catalog
from tests.servers.musicbrainz import MusicBrainzServer
from tests.servers.musicbrainz_catalog import trap_catalog as mb_traps
from tests.servers.runner import serve

TOKEN = "test-token-123"
TRAPS = {
    "Toto - Africa (Karaoke Version)": ("Toto IV", 1982),
    "Marvin Gaye - What's Going On (Karaoke Version)": ("What's Going On (40th Anniversary)",
                                                        1971),
    "Gotye - Somebody That I Used To Know (Karaoke Version)": ("Making Mirrors", 2011),
    "Metallica - The Unforgiven (Karaoke Version)": ("Metallica", 1991),
    "Adele - Hello (Karaoke Version)": ("25", 2015),
    "The Persuader - Kungsbron (Karaoke Version)": ("City Of Islands", 1998),
}


def run(runner, tmp_path: Path, titles: list[str], server: DiscogsServer, *args: str,
        token: str | None = TOKEN, mb: MusicBrainzServer | None = None, **cfg):
    # The server's rules on a 3 s clock keep these tests quick; the pacing tests below
    # check the real proportions.
    cfg.setdefault("discogs_window", 3.0)
    server.window = cfg["discogs_window"] if server.window == 60.0 else server.window
    env = {"DISCOGS_TOKEN": token} if token else {}
    with serve(server.app()) as base:
        if mb is not None:
            with serve(mb.app()) as mb_base:
                cfg_path = write_config(tmp_path / "config.yaml", discogs_url=base,
                                        mb_url=mb_base, mb_rps=0, **cfg)
                return _invoke(runner, tmp_path, cfg_path, titles, env, args)
        cfg_path = write_config(tmp_path / "config.yaml", discogs_url=base, mb_enabled=False,
                                **cfg)
        return _invoke(runner, tmp_path, cfg_path, titles, env, args)


def _invoke(runner, tmp_path, cfg_path, titles, env, args):
    src = titles_export(tmp_path / "channel.jsonl", titles)
    command = list(args) or ["collect-channel", str(src), "--multi-pass"]
    return runner.invoke(cli, ["--config", str(cfg_path), *command], env=env)


def q(tmp_path: Path, sql: str) -> list[tuple]:
    return sqlite3.connect(tmp_path / "catalog.db").execute(sql).fetchall()


def test_traps_give_the_right_master_and_original_year(runner, tmp_path) -> None:
    server = DiscogsServer(trap_catalog())
    res = run(runner, tmp_path, list(TRAPS), server)
    assert res.exit_code == 0, res.output
    got = {t: (title, year, status) for t, title, year, status in q(tmp_path, """
        SELECT v.title, d.release_title, d.year, d.status FROM videos v JOIN discogs_data d
        USING (video_id)""")}
    for title, (release_title, year) in TRAPS.items():
        assert got[title] == (release_title, year, "match"), (title, got[title])
    # discogs_data.title is the matched track, as musicbrainz_data.title is the recording.
    tracks = dict(q(tmp_path, "SELECT v.title, d.title FROM videos v JOIN discogs_data d "
                              "USING (video_id)"))
    assert tracks["Toto - Africa (Karaoke Version)"] == "Africa"
    assert tracks["Gotye - Somebody That I Used To Know (Karaoke Version)"] == (
        "Somebody That I Used To Know")
    assert server.rejected_429 == 0 and server.unauthorized == 0
    assert server.auth_headers == {f"Discogs token={TOKEN}"}
    assert server.user_agents == {"KaraokeCollector/2.1"}
    merged = {t: json.loads(f) for t, f in q(tmp_path, "SELECT v.title, m.fields FROM videos v "
                                                       "JOIN merged_metadata m USING (video_id)")}
    africa = merged["Toto - Africa (Karaoke Version)"]
    assert africa["year"]["value"] == 1982 and africa["year"]["source"] == "discogs"
    assert africa["label"] == {"value": "Columbia", "source": "discogs",
                               "confidence": africa["label"]["confidence"]}
    assert africa["styles"]["value"] == ["Pop Rock", "AOR"]
    row = q(tmp_path, "SELECT d.master_id, d.genres, d.styles, d.labels, d.url FROM discogs_data d "
                      "JOIN videos v USING (video_id) WHERE v.title LIKE 'Toto%'")[0]
    assert row[0] and json.loads(row[1]) == ["Rock"] and json.loads(row[3]) == ["Columbia"]
    assert row[4].startswith("https://www.discogs.com/")


def test_fallback_only_when_musicbrainz_is_unsure(runner, tmp_path) -> None:
    """Queen is a confident MusicBrainz match with genres: Discogs is not asked for it."""
    server = DiscogsServer(trap_catalog())
    mb = MusicBrainzServer(mb_traps(), min_interval=0.0)
    res = run(runner, tmp_path, ["Queen - Bohemian Rhapsody (Karaoke Version)",
                                 "Toto - Africa (Karaoke Version)"], server, mb=mb)
    assert res.exit_code == 0, res.output
    assert q(tmp_path, "SELECT v.title FROM discogs_data JOIN videos v USING (video_id)") == [
        ("Toto - Africa (Karaoke Version)",)]
    years = dict(q(tmp_path, "SELECT v.title, m.year || ':' || m.year_source FROM videos v "
                             "JOIN merged_metadata m USING (video_id)"))
    assert years == {"Queen - Bohemian Rhapsody (Karaoke Version)": "1975:musicbrainz",
                     "Toto - Africa (Karaoke Version)": "1982:discogs"}


def test_without_token_the_pass_is_disabled_with_one_notice(runner, tmp_path) -> None:
    server = DiscogsServer(trap_catalog())
    res = run(runner, tmp_path, list(TRAPS)[:3], server, token=None)
    assert res.exit_code == 0, res.output
    assert res.output.count("Discogs search needs a token") == 1
    assert server.requests == 0


def test_rejected_token_keeps_videos_pending(runner, tmp_path) -> None:
    server = DiscogsServer(trap_catalog())
    res = run(runner, tmp_path, list(TRAPS)[:2], server, token="wrong-token")
    assert res.exit_code == 0, res.output
    assert "2 videos pending" in res.output
    assert q(tmp_path, "SELECT DISTINCT enrichment_status FROM videos") == [("pending",)]
    errors = q(tmp_path, "SELECT DISTINCT enrichment_error FROM videos")
    assert "rejected the token" in errors[0][0] and "wrong-token" not in errors[0][0]


@pytest.mark.parametrize("fault", ["html", "truncated", "500", "timeout", "reset"])
def test_faults_end_pending_or_retried_then_enrich_completes(runner, tmp_path, fault) -> None:
    # Four faults in a row beat the 3 retries (malformed bodies are retried like 5xx).
    count = 4
    server = DiscogsServer(trap_catalog(), faults=[fault] * count, slow=3.0)
    title = "Toto - Africa (Karaoke Version)"
    res = run(runner, tmp_path, [title], server)
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    status = q(tmp_path, "SELECT enrichment_status FROM videos")[0][0]
    if status == "pending":
        res = run(runner, tmp_path, [title], server, "enrich")
        assert res.exit_code == 0, res.output
    assert q(tmp_path, "SELECT enrichment_status FROM videos") == [("complete",)]
    assert q(tmp_path, "SELECT year FROM discogs_data") == [(1982,)]


@pytest.mark.parametrize("fault", ["html", "truncated", "echo"])
def test_a_malformed_answer_is_retried_within_the_run(runner, tmp_path, fault) -> None:
    """One malformed answer among good ones costs a paced retry, not a pending video."""
    server = DiscogsServer(trap_catalog(), faults=[fault])
    title = "Toto - Africa (Karaoke Version)"
    res = run(runner, tmp_path, [title], server)
    assert res.exit_code == 0, res.output
    assert server.faults == []
    assert q(tmp_path, "SELECT enrichment_status, enrichment_error FROM videos") == [
        ("complete", None)]
    assert q(tmp_path, "SELECT year FROM discogs_data") == [(1982,)]
    stats = json.loads(q(tmp_path, "SELECT stats FROM collection_runs")[0][0])
    assert stats["discogs/retry/malformed"] == 1 and stats["discogs/error/malformed"] == 1


async def test_malformed_answers_are_retried_a_bounded_number_of_times() -> None:
    from collector.config import DiscogsConfig
    from collector.errors import MalformedResponse
    from collector.secret import Secret
    from collector.services.discogs_client import DiscogsClient
    from collector.services.retry import RetryPolicy
    from collector.services.stats import Stats
    from collector.utils import DiscogsRateLimiter

    server = DiscogsServer(trap_catalog(), faults=["html"] * 10)
    with serve(server.app()) as base:
        cfg = DiscogsConfig(base_url=base, token=Secret(TOKEN))
        stats = Stats()
        async with DiscogsClient(cfg, stats, DiscogsRateLimiter(600, 10)) as client:
            client.policy = RetryPolicy(max_retries=2, base_delay=0.01)
            with pytest.raises(MalformedResponse, match="non-JSON"):
                await client.search(q="Toto Africa")
            # An answer of the wrong shape (valid JSON, no results list) counts the same.
            server.faults[:] = []
            calls = server.requests
            answers = iter([{"message": "odd"}, {"message": "odd"}])

            async def odd(path, params):
                real = await DiscogsClient._attempt(client, path, params)
                return next(answers, real)

            client._attempt = odd
            data = await client.search(q="Toto Africa")
    assert server.requests - calls == 3 and isinstance(data["results"], list)
    assert stats.get("discogs/retry/malformed") == 4  # 2 + 2, each paced by the limiter
    assert len(server.request_times) == server.requests


def test_429_with_retry_after_waits_and_loses_nothing(runner, tmp_path) -> None:
    # The server allows fewer requests than it advertises (another client shares the
    # budget), so the client's own pacing cannot avoid every 429.
    server = DiscogsServer(bulk_catalog(40), limit=10, window=2.0, retry_after="1",
                           advertised_limit=60)
    titles = [f"Bulk Artist {i % 7} - Song Number {i} (Karaoke)" for i in range(40)]
    res = run(runner, tmp_path, titles, server, discogs_rpm=60, discogs_window=2.0,
              discogs_burst=5)
    assert res.exit_code == 0, res.output
    assert server.rejected_429 > 0
    assert q(tmp_path, "SELECT COUNT(*) FROM videos WHERE enrichment_status = 'complete'") \
        == [(40,)]
    assert q(tmp_path, "SELECT COUNT(*) FROM discogs_data WHERE status = 'match'") == [(40,)]
    stats = json.loads(q(tmp_path, "SELECT stats FROM collection_runs")[0][0])
    assert stats["discogs/retry/429"] == server.rejected_429


def test_300_fallbacks_use_the_budget_without_429(runner, tmp_path) -> None:
    """The moving-window limit on a 2 s clock (60 per window): zero 429s, >= 90% used."""
    n = 300
    server = DiscogsServer(bulk_catalog(n), limit=60, window=2.0)
    titles = [f"Bulk Artist {i % 7} - Song Number {i} (Karaoke)" for i in range(n)]
    res = run(runner, tmp_path, titles, server, discogs_rpm=60, discogs_window=2.0,
              extra="multi_pass:\n  concurrency: 16\n")
    assert res.exit_code == 0, res.output
    assert server.rejected_429 == 0
    assert q(tmp_path, "SELECT COUNT(*) FROM discogs_data WHERE status = 'match'") == [(n,)]
    times = server.request_times
    allowed_rate = 60 / 2.0
    used = (len(times) - 5) / (times[-1] - times[0])  # the first 5 are the burst
    assert used >= 0.9 * allowed_rate, used


def test_canary_token_never_leaks(runner, tmp_path) -> None:
    """A canary token goes through a verbose run whose answers echo it back (a malformed
    page), a rejected-token run and every read command: it is in none of their outputs,
    logs, stored errors or files."""
    from collector.discogs_cli import discogs

    canary = "CANARY-4d1b9c0e7f-token"
    cfg = str(tmp_path / "config.yaml")
    outputs = []
    # 1. -v run: the first answers are an HTML page starting "Discogs token=<canary>".
    server = DiscogsServer(trap_catalog(), token=canary, faults=["echo"] * 100)
    res = run(runner, tmp_path, list(TRAPS), server, "-v", "collect-channel",
              str(tmp_path / "channel.jsonl"), "--multi-pass", token=canary)
    assert res.exit_code == 0, res.output
    outputs.append(res.output)
    assert f"Discogs token={canary}" in server.auth_headers  # the canary was really sent
    assert len(server.faults) < 100  # echo pages were served
    errors = [e for (e,) in q(tmp_path, "SELECT enrichment_error FROM videos") if e]
    assert any("non-JSON" in e for e in errors), errors  # the echo page reached the store
    assert "non-JSON" in res.output  # and the log
    # 2. The token rejected (401) on a verbose enrich.
    wrong = DiscogsServer(trap_catalog(), token="another-token")
    res = run(runner, tmp_path, list(TRAPS), wrong, "-v", "enrich", "--retry-failed",
              token=canary)
    outputs.append(res.output)
    assert wrong.unauthorized > 0
    # 3. Every read command and the operator commands, the failed connection test included.
    with serve(wrong.app()) as base:
        write_config(tmp_path / "config.yaml", discogs_url=base, mb_enabled=False)
        for args in (["export", "--format", "jsonl"], ["stats", "--json"],
                     ["config", "check"], ["--help"], ["-v", "enrich"]):
            r = runner.invoke(cli, ["--config", cfg, *args], env={"DISCOGS_TOKEN": canary})
            outputs.append(r.output)
        for args in (["status"], ["health-check"], ["test-connection"],
                     ["export-metrics", "--format", "json"],
                     ["export-metrics", "--format", "prometheus", "-o", "metrics.prom"]):
            r = runner.invoke(discogs, ["--config", cfg, *args], env={"DISCOGS_TOKEN": canary})
            outputs.append(r.output)
    assert "Error: " in outputs[-3] and "rejected" in outputs[-3]  # test-connection said why
    assert "karaoke_discogs_requests_total" in (tmp_path / "metrics.prom").read_text()
    for i, output in enumerate(outputs):
        assert canary not in output, (i, output)
    for f in tmp_path.iterdir():
        if f.is_file():
            assert canary.encode() not in f.read_bytes(), f.name


async def test_a_transport_resend_is_counted_by_the_limiter() -> None:
    """aiohttp resends a GET once when a kept-alive connection drops: the server counts
    both requests, so our budget must too."""
    from collector.config import DiscogsConfig
    from collector.secret import Secret
    from collector.services.discogs_client import DiscogsClient
    from collector.services.stats import Stats
    from collector.utils import DiscogsRateLimiter

    server = DiscogsServer(trap_catalog())
    with serve(server.app()) as base:
        cfg = DiscogsConfig(base_url=base, token=Secret(TOKEN), max_retries=0)
        limiter = DiscogsRateLimiter(60, 5)
        stats = Stats()
        async with DiscogsClient(cfg, stats, limiter) as client:
            master_id = next(i["body"]["id"] for i in server.catalog if i["kind"] == "master")
            assert await client.master(master_id) is not None
            server.faults.append("reset")  # the next request on that connection drops
            assert await client.master(master_id) is not None
    assert server.requests == 3
    assert stats.get("discogs/resend") == 1
    assert len(limiter._sent) == 3


def test_cached_answers_keep_what_matching_reads_and_drop_the_rest() -> None:
    """Real recorded bodies: slimmed, they match and store exactly as before, smaller."""
    from collector.matching.discogs_match import (
        results_from_search,
        slim_entity,
        slim_search,
        tracklist_titles,
    )

    data = Path(__file__).parent / "data" / "discogs"
    for name in ("damidhagor_DiscogsApiClient__database_search_q_hammerfall_type_master.json",
                 "damidhagor_DiscogsApiClient__database_search_q_hammerfall_type_release.json"):
        full = json.loads((data / name).read_text())
        slim = slim_search(full)
        assert results_from_search(slim) == results_from_search(full)
        assert results_from_search(full)
        assert len(json.dumps(slim)) < len(json.dumps(full)) * 0.6
    for name in ("joalla_discogs_client__masters_4242.json",
                 "joalla_discogs_client__releases_1.json"):
        full = json.loads((data / name).read_text())
        slim = slim_entity(full)
        assert tracklist_titles(slim) == tracklist_titles(full) and tracklist_titles(full)
        for key in ("year", "genres", "styles", "main_release"):
            assert slim.get(key) == full.get(key)
        assert len(json.dumps(slim)) < len(json.dumps(full)) * 0.6
    assert slim_entity(None) is None


def test_the_fake_discogs_server_matches_with_its_own_normalisation() -> None:
    """If the server folded text with the collector's own function, a normalisation bug
    would be mirrored on both sides and never show."""
    import subprocess
    import sys

    from tests.conftest import ROOT
    from tests.servers.discogs import fold as server_fold

    code = ("import sys, tests.servers.discogs; "
            "print(sorted(m for m in sys.modules if m.startswith('collector.parsing')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "[]"
    assert server_fold("Beyoncé & JAY-Z’s “Drunk In Love”") == "beyonce and jay zs drunk in love"
