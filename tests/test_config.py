from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from collector.cli import cli
from collector.config import effective_values, insecure_permissions_warning, load_config
from collector.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "cfg.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_defaults_match_documented_values() -> None:
    cfg = load_config(None, {})
    d = cfg.discogs
    assert (d.enabled, d.user_agent, d.requests_per_minute, d.burst) == (
        False, "KaraokeCollector/2.1", 60, 5)
    assert (d.use_as_fallback, d.min_musicbrainz_confidence, d.max_results_per_search) == (
        True, 0.6, 10)
    assert cfg.musicbrainz.requests_per_second == 1.0
    assert [p.name for p in cfg.multi_pass.passes] == [
        "title_parse", "musicbrainz_search", "discogs_search"]


def test_shipped_config_yaml_is_valid_and_equals_template() -> None:
    shipped = (ROOT / "config.yaml").read_text(encoding="utf-8")
    template = (ROOT / "collector" / "default_config.yaml").read_text(encoding="utf-8")
    assert shipped == template
    data = yaml.safe_load(shipped)
    # Keys outside tools set must exist with these names.
    for key in ("enabled", "base_url", "user_agent", "requests_per_second"):
        assert key in data["data_sources"]["musicbrainz"]
    for key in ("enabled", "base_url", "token", "user_agent", "requests_per_minute", "burst",
                "use_as_fallback", "min_musicbrainz_confidence", "max_results_per_search"):
        assert key in data["data_sources"]["discogs"]
    assert data["database"]["path"]
    load_config(ROOT / "config.yaml", {})


def test_yaml_values_are_applied(tmp_path: Path) -> None:
    p = write(tmp_path, "data_sources:\n  discogs:\n    requests_per_minute: 25\n"
                        "database:\n  path: x.db\n")
    cfg = load_config(p, {})
    assert cfg.discogs.requests_per_minute == 25
    assert cfg.database.path == "x.db"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("data_sources:\n  discogs:\n    rate: 3\n", "unknown key 'data_sources.discogs.rate'"),
        ("data_sources:\n  discogs:\n    requests_per_minute: fast\n",
         "'data_sources.discogs.requests_per_minute' must be a number"),
        ("data_sources:\n  discogs:\n    requests_per_minute: 1000\n", "out of range"),
        ("data_sources:\n  discogs:\n    min_musicbrainz_confidence: 1.5\n", "out of range"),
        ("data_sources:\n  discogs:\n    enabled: 'yes'\n", "must be true or false"),
        ("data_sources:\n  musicbrainz:\n    base_url: ftp://x\n", "http(s) URL"),
        ("multi_pass:\n  passes:\n    - name: spotify\n", "not one of"),
        ("database: [1, 2]\n", "'database' must be a mapping"),
        ("data_sources: {discogs: {token: 5}}\n", "must be a string"),
        ("a: [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_values_name_key_and_file(tmp_path: Path, text: str, needle: str) -> None:
    p = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_config(p, {})
    assert needle in str(err.value)
    assert str(p) in str(err.value)


def test_environment_overrides(tmp_path: Path) -> None:
    env = {"DISCOGS-TOKEN": "abc123secret", "DISCOGS_REQUESTS_PER_MINUTE": "30",
           "DISCOGS_MAX_RESULTS": "5", "DISCOGS_ENABLED": "true"}
    cfg = load_config(None, env)
    assert cfg.discogs.token.reveal() == "abc123secret"
    assert (cfg.discogs.requests_per_minute, cfg.discogs.max_results_per_search) == (30, 5)
    assert cfg.discogs.enabled is True
    # DISCOGS_TOKEN wins over the dashed spelling.
    cfg = load_config(None, {"DISCOGS_TOKEN": "one", "DISCOGS-TOKEN": "two"})
    assert cfg.discogs.token.reveal() == "one"


@pytest.mark.parametrize("env", [{"DISCOGS_REQUESTS_PER_MINUTE": "lots"},
                                 {"DISCOGS_REQUESTS_PER_MINUTE": "100000"},
                                 {"DISCOGS_ENABLED": "maybe"}])
def test_bad_environment_values(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match="environment"):
        load_config(None, env)


def test_token_is_masked_everywhere() -> None:
    cfg = load_config(None, {"DISCOGS_TOKEN": "canary-token-XYZ"})
    assert "canary-token-XYZ" not in repr(cfg)
    assert "canary-token-XYZ" not in str(effective_values(cfg))


def test_world_readable_config_with_token_warns(tmp_path: Path) -> None:
    p = write(tmp_path, "data_sources:\n  discogs:\n    token: canary-token-XYZ\n")
    os.chmod(p, 0o644)
    cfg = load_config(p, {})
    warning = insecure_permissions_warning(cfg)
    assert warning and "chmod 600" in warning and "canary-token-XYZ" not in warning
    os.chmod(p, 0o600)
    assert insecure_permissions_warning(load_config(p, {})) is None


def test_config_init_and_check_cli(runner, tmp_path: Path) -> None:
    res = runner.invoke(cli, ["config", "init", "new.yaml"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "new.yaml").read_text() == (ROOT / "config.yaml").read_text()
    res = runner.invoke(cli, ["config", "init", "new.yaml"])
    assert res.exit_code == 1 and "exists" in res.output
    res = runner.invoke(cli, ["config", "check", "new.yaml"], env={"DISCOGS_TOKEN": "canary-tok"})
    assert res.exit_code == 0, res.output
    assert "requests_per_minute: 60" in res.output
    assert "canary-tok" not in res.output and "****" in res.output


def test_config_check_reports_bad_file(runner, tmp_path: Path) -> None:
    write(tmp_path, "database:\n  batch_size: 0\n")
    res = runner.invoke(cli, ["config", "check", "cfg.yaml"])
    assert res.exit_code == 1
    assert res.output.startswith("Error: cfg.yaml: 'database.batch_size' = 0 is out of range")
    assert "Traceback" not in res.output


@pytest.mark.parametrize("url", ["http://api.discogs.com", "http://10.0.0.5:8080",
                                 "http://localhost.example.com", "http://127.0.0.1.nip.io"])
def test_plain_http_discogs_url_to_another_host_is_refused(tmp_path: Path, url: str) -> None:
    """The token travels in a header: over plain HTTP only to this machine."""
    p = write(tmp_path, f"data_sources:\n  discogs:\n    base_url: {url}\n")
    with pytest.raises(ConfigError, match="data_sources.discogs.base_url.*https"):
        load_config(p, {})


@pytest.mark.parametrize("url", ["https://api.discogs.com", "http://127.0.0.1:8080",
                                 "http://127.8.0.1", "http://localhost:9000/x",
                                 "http://[::1]:8080"])
def test_https_or_loopback_discogs_url_is_accepted(tmp_path: Path, url: str) -> None:
    p = write(tmp_path, f"data_sources:\n  discogs:\n    base_url: {url}\n")
    assert load_config(p, {}).discogs.base_url == url


async def test_discogs_client_refuses_a_clear_text_url_with_a_token() -> None:
    """A config built in code (not loaded from YAML) is checked by the client too."""
    from collector.config import DiscogsConfig
    from collector.secret import Secret
    from collector.services.discogs_client import DiscogsClient
    from collector.services.stats import Stats

    cfg = DiscogsConfig(base_url="http://api.discogs.com", token=Secret("tok" * 10))
    with pytest.raises(ConfigError, match="https"):
        DiscogsClient(cfg, Stats())
    local = DiscogsConfig(base_url="http://127.0.0.1:1", token=Secret("loopback-tok"))
    assert DiscogsClient(local, Stats()).cfg is local
