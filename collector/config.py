"""Configuration: dataclasses loaded from YAML, then environment overrides, then CLI flags.

Every key is validated against the dataclasses below: an unknown key, a wrong type or an
out-of-range value raises :class:`ConfigError` naming the key and the file.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import os
import stat
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from collector.errors import ConfigError
from collector.secret import Secret

DEFAULT_CONFIG_NAME = "config.yaml"
PASS_NAMES = ("title_parse", "musicbrainz_search", "discogs_search")


def _range(lo: float | None = None, hi: float | None = None, doc: str = "") -> dict[str, Any]:
    return {"min": lo, "max": hi, "doc": doc}


@dataclass
class DatabaseConfig:
    path: str = field(default="karaoke.db", metadata=_range(doc="SQLite file"))
    batch_size: int = field(default=500, metadata=_range(1, 100_000, "rows per write transaction"))


@dataclass
class MusicBrainzConfig:
    enabled: bool = True
    base_url: str = "https://musicbrainz.org"
    user_agent: str = (
        "KaraokeCollector/2.1 ( https://github.com/karaoke-collector/karaoke-collector )"
    )
    requests_per_second: float = field(default=1.0, metadata=_range(0, 50, "0 = unpaced mirror"))
    timeout_seconds: float = field(default=15.0, metadata=_range(0.1, 300))
    max_retries: int = field(default=3, metadata=_range(0, 10))
    cache_ttl_days: float = field(default=90.0, metadata=_range(0, 3650))
    miss_cache_ttl_days: float = field(default=7.0, metadata=_range(0, 3650))
    batch_size: int = field(default=25, metadata=_range(1, 50, "songs per search request"))


@dataclass
class DiscogsConfig:
    enabled: bool = False
    base_url: str = "https://api.discogs.com"
    token: Secret = field(default_factory=Secret)
    user_agent: str = "KaraokeCollector/2.1"
    requests_per_minute: int = field(default=60, metadata=_range(1, 240))
    burst: int = field(default=5, metadata=_range(1, 60))
    use_as_fallback: bool = True
    min_musicbrainz_confidence: float = field(default=0.6, metadata=_range(0, 1))
    max_results_per_search: int = field(default=10, metadata=_range(1, 100))
    timeout_seconds: float = field(default=15.0, metadata=_range(0.1, 300))
    max_retries: int = field(default=3, metadata=_range(0, 10))
    cache_ttl_days: float = field(default=90.0, metadata=_range(0, 3650))
    miss_cache_ttl_days: float = field(default=7.0, metadata=_range(0, 3650))
    rate_window_seconds: float = field(default=60.0, metadata=_range(0.1, 3600))


@dataclass
class DataSourceConfig:
    musicbrainz: MusicBrainzConfig = field(default_factory=MusicBrainzConfig)
    discogs: DiscogsConfig = field(default_factory=DiscogsConfig)


@dataclass
class PassConfig:
    name: str = "title_parse"
    enabled: bool = True
    min_confidence: float = field(default=0.5, metadata=_range(0, 1))


def _default_passes() -> list[PassConfig]:
    return [
        PassConfig("title_parse", True, 0.3),
        PassConfig("musicbrainz_search", True, 0.6),
        PassConfig("discogs_search", True, 0.6),
    ]


@dataclass
class MultiPassConfig:
    concurrency: int = field(default=8, metadata=_range(1, 256))
    max_attempts: int = field(default=5, metadata=_range(1, 100))
    passes: list[PassConfig] = field(default_factory=_default_passes)

    def get(self, name: str) -> PassConfig | None:
        return next((p for p in self.passes if p.name == name), None)


@dataclass
class MonitoringConfig:
    """Health thresholds for the Discogs integration (the seed's success metrics)."""

    min_success_rate: float = field(default=0.8, metadata=_range(0, 1))  # below: unhealthy
    degraded_success_rate: float = field(default=0.95, metadata=_range(0, 1))  # below: degraded
    max_added_latency_ms: float = field(default=500.0, metadata=_range(1, 600_000))
    max_rate_limited: int = field(default=0, metadata=_range(0, 1_000_000))  # 429s we caused
    recent_runs: int = field(default=10, metadata=_range(1, 10_000))


@dataclass
class CollectionConfig:
    orientation_sample: int = field(default=400, metadata=_range(10, 100_000))


@dataclass
class Config:
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    data_sources: DataSourceConfig = field(default_factory=DataSourceConfig)
    multi_pass: MultiPassConfig = field(default_factory=MultiPassConfig)
    collection: CollectionConfig = field(default_factory=CollectionConfig)
    monitoring: MonitoringConfig = field(default_factory=MonitoringConfig)
    source_file: str | None = None  # where it was loaded from; not a YAML key

    @property
    def discogs(self) -> DiscogsConfig:
        return self.data_sources.discogs

    @property
    def musicbrainz(self) -> MusicBrainzConfig:
        return self.data_sources.musicbrainz


# ---------------------------------------------------------------- loading & validation


def _coerce(value: Any, tp: Any, key: str, where: str, meta: dict[str, Any]) -> Any:
    if dataclasses.is_dataclass(tp):
        return _build(tp, value, key, where)
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _coerce(value, args[0], key, where, meta)
    if origin is list:
        (item_tp,) = typing.get_args(tp)
        if not isinstance(value, list):
            raise ConfigError(f"{where}: '{key}' must be a list, got {type(value).__name__}")
        return [_coerce(v, item_tp, f"{key}[{i}]", where, meta) for i, v in enumerate(value)]
    if tp is Secret:
        if value is None:
            return Secret()
        if not isinstance(value, str):
            raise ConfigError(f"{where}: '{key}' must be a string")
        return Secret(value)
    if tp is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: '{key}' must be true or false, got {value!r}")
        return value
    if tp in (int, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: '{key}' must be a number, got {value!r}")
        if tp is int and not float(value).is_integer():
            raise ConfigError(f"{where}: '{key}' must be a whole number, got {value!r}")
        value = tp(value)
        lo, hi = meta.get("min"), meta.get("max")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise ConfigError(f"{where}: '{key}' = {value} is out of range [{lo}, {hi}]")
        return value
    if tp is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: '{key}' must be a string, got {value!r}")
        return value
    raise ConfigError(f"{where}: '{key}' has an unsupported type")  # pragma: no cover


def _build(cls: type, data: Any, prefix: str, where: str) -> Any:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: '{prefix or 'top level'}' must be a mapping")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "source_file"}
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        full = f"{prefix}.{key}" if prefix else str(key)
        if key not in fields:
            raise ConfigError(f"{where}: unknown key '{full}'")
        kwargs[key] = _coerce(value, hints[key], full, where, dict(fields[key].metadata))
    obj = cls(**kwargs)
    if cls is PassConfig and obj.name not in PASS_NAMES:
        raise ConfigError(
            f"{where}: '{prefix}.name' = {obj.name!r} is not one of {', '.join(PASS_NAMES)}"
        )
    return obj


def clear_text_to_remote(url: str) -> bool:
    """True for a plain ``http://`` URL whose host is not this machine (loopback)."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "http":
        return False
    host = (parts.hostname or "").lower()
    if host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


def check_discogs_url(url: str, where: str) -> None:
    """Refuse a URL that would send the Discogs token in clear text over the network."""
    if clear_text_to_remote(url):
        raise ConfigError(
            f"{where}: 'data_sources.discogs.base_url' {url!r} would send the token in clear "
            f"text: use https (plain http only to localhost/127.0.0.1)")


def _validate_urls(cfg: Config, where: str) -> None:
    for key, url in (
        ("data_sources.musicbrainz.base_url", cfg.musicbrainz.base_url),
        ("data_sources.discogs.base_url", cfg.discogs.base_url),
    ):
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"{where}: '{key}' must be an http(s) URL, got {url!r}")
    check_discogs_url(cfg.discogs.base_url, where)
    names = [p.name for p in cfg.multi_pass.passes]
    if len(set(names)) != len(names):
        raise ConfigError(f"{where}: 'multi_pass.passes' lists a pass twice")
    if names and names[0] != "title_parse":
        raise ConfigError(f"{where}: 'multi_pass.passes' must start with title_parse")


def _env_overrides(cfg: Config, env: typing.Mapping[str, str]) -> None:
    where = "environment"
    token = env.get("DISCOGS_TOKEN") or env.get("DISCOGS-TOKEN")
    if token:
        cfg.discogs.token = Secret(token)
    meta = {f.name: dict(f.metadata) for f in dataclasses.fields(DiscogsConfig)}
    for var, attr, tp in (
        ("DISCOGS_REQUESTS_PER_MINUTE", "requests_per_minute", int),
        ("DISCOGS_MAX_RESULTS", "max_results_per_search", int),
    ):
        if env.get(var):
            try:
                raw: Any = int(env[var])
            except ValueError:
                raise ConfigError(
                    f"{where}: {var} must be a whole number, got {env[var]!r}"
                ) from None
            setattr(cfg.discogs, attr, _coerce(raw, tp, var, where, meta[attr]))
    if env.get("DISCOGS_ENABLED"):
        raw_bool = env["DISCOGS_ENABLED"].strip().lower()
        if raw_bool not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
            raise ConfigError(f"{where}: DISCOGS_ENABLED must be true or false, got {raw_bool!r}")
        cfg.discogs.enabled = raw_bool in ("1", "true", "yes", "on")
    if env.get("KARAOKE_COLLECTOR_DB"):
        cfg.database.path = env["KARAOKE_COLLECTOR_DB"]


def find_config_path(explicit: str | None, env: typing.Mapping[str, str]) -> Path | None:
    if explicit:
        return Path(explicit)
    if env.get("KARAOKE_COLLECTOR_CONFIG"):
        return Path(env["KARAOKE_COLLECTOR_CONFIG"])
    default = Path(DEFAULT_CONFIG_NAME)
    return default if default.is_file() else None


def load_config(
    path: str | Path | None = None,
    env: typing.Mapping[str, str] | None = None,
    *,
    explicit: bool = True,
) -> Config:
    """Load defaults, then the YAML file (if any), then environment overrides.

    :param path: YAML file; ``None`` means built-in defaults only.
    :param env: environment mapping (defaults to ``os.environ``).
    """
    env = os.environ if env is None else env
    data: Any = {}
    where = "defaults"
    if path is not None:
        p = Path(path)
        where = str(p)
        try:
            text = p.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(f"{where}: config file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{where}: cannot read config file ({exc})") from None
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            at = f" at line {mark.line + 1}" if mark else ""
            raise ConfigError(f"{where}: not valid YAML{at}") from None
    cfg: Config = _build(Config, data, "", where)
    cfg.source_file = str(path) if path is not None else None
    _validate_urls(cfg, where)
    _env_overrides(cfg, env)
    return cfg


def insecure_permissions_warning(cfg: Config) -> str | None:
    """A warning when the config file holds a token and others may read it."""
    if not cfg.source_file or not cfg.discogs.token:
        return None
    try:
        text = Path(cfg.source_file).read_text(encoding="utf-8")
        mode = os.stat(cfg.source_file).st_mode
    except OSError:
        return None
    if cfg.discogs.token.reveal() in text and mode & (stat.S_IRGRP | stat.S_IROTH):
        return (
            f"{cfg.source_file} holds a Discogs token and is readable by other users; "
            f"run: chmod 600 {cfg.source_file} (or use the DISCOGS_TOKEN environment variable)"
        )
    return None


def effective_values(cfg: Config) -> dict[str, Any]:
    """The configuration as plain data, with the token masked (for ``config check``)."""

    def plain(obj: Any) -> Any:
        if dataclasses.is_dataclass(obj):
            return {
                f.name: plain(getattr(obj, f.name))
                for f in dataclasses.fields(obj)
                if f.name != "source_file"
            }
        if isinstance(obj, list):
            return [plain(v) for v in obj]
        if isinstance(obj, Secret):
            return obj.masked()
        return obj

    return plain(cfg)
