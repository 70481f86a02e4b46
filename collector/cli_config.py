"""``karaoke-collector config``: write or check a configuration file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from collector.cli_support import State, handle_errors
from collector.config import effective_values
from collector.errors import CollectorError


@click.group("config")
def config_group() -> None:
    """Write or check a configuration file."""


@config_group.command("init")
@click.argument("path", default="config.yaml", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@handle_errors
def config_init(path: str, force: bool) -> None:
    """Write a commented configuration file with every key."""
    target = Path(path)
    if target.exists() and not force:
        raise CollectorError(f"{path} exists; use --force to overwrite")
    text = resources.files("collector").joinpath("default_config.yaml").read_text("utf-8")
    target.write_text(text, encoding="utf-8")
    click.echo(f"wrote {path}")


@config_group.command("check")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.pass_obj
@handle_errors
def config_check(state: State, path: str | None) -> None:
    """Validate a config file and print the effective values (token masked)."""
    if path:
        state.config_path = path
    cfg = state.config
    click.echo(f"# {cfg.source_file or 'built-in defaults'}: valid")
    import yaml

    # No line wrapping: a long value (the User-Agent) must stay on its own line.
    click.echo(yaml.safe_dump(effective_values(cfg), sort_keys=False, allow_unicode=True,
                              width=2**31 - 1))
