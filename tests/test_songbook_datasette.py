"""datasette.yaml: every facet names a real column, every canned query runs and is right."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from collector.cli import cli
from tests.conftest import EXAMPLES, ROOT
from tests.test_songbook_cli import collect, confirm

CONFIG = yaml.safe_load((ROOT / "datasette.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def dbs(runner: CliRunner, tmp_path: Path) -> dict[str, Path]:
    karaoke = tmp_path / "karaoke.db"
    collect(runner, karaoke, EXAMPLES / "karafun_videos.json")
    conn = sqlite3.connect(karaoke)
    (vid,) = conn.execute("SELECT video_id FROM videos WHERE song = 'A Thousand Years'"
                          ).fetchone()
    conn.close()
    confirm(karaoke, vid, "mb-1000", artist="Christina Perri", song="A Thousand Years",
            year=2011, genres=["pop"])
    songbook = tmp_path / "songbook.db"
    res = runner.invoke(cli, ["--db", str(karaoke), "songbook", "--format", "sqlite",
                              "-o", str(songbook)])
    assert res.exit_code == 0, res.output
    return {"karaoke": karaoke, "songbook": songbook}


def test_facets_name_real_columns(dbs: dict[str, Path]) -> None:
    assert set(CONFIG["databases"]) == set(dbs)
    for name, db in CONFIG["databases"].items():
        conn = sqlite3.connect(dbs[name])
        for table, spec in db["tables"].items():
            cols = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            assert cols, f"{name}.{table} does not exist"
            for facet in spec.get("facets", []):
                col = facet["array"] if isinstance(facet, dict) else facet
                assert col in cols, f"{name}.{table} has no column {col}"
        conn.close()
    facets = CONFIG["databases"]["songbook"]["tables"]["songs"]["facets"]
    assert {"decade", "language_name"} <= set(f for f in facets if isinstance(f, str))
    assert {"genres", "channels"} <= {f["array"] for f in facets if isinstance(f, dict)}


def test_canned_queries_run_and_answer(dbs: dict[str, Path]) -> None:
    results = {}
    for name, db in CONFIG["databases"].items():
        conn = sqlite3.connect(dbs[name])
        conn.row_factory = sqlite3.Row
        for qname, q in db["queries"].items():
            results[name, qname] = [dict(r) for r in conn.execute(q["sql"])]
        conn.close()
    no_year = results["songbook", "songs_without_a_year"]
    assert len(no_year) == 60 and all(r["song"] != "A Thousand Years" for r in no_year)
    assert len(results["karaoke", "songs_without_a_year"]) == 60
    (chan,) = results["songbook", "channels_by_coverage"]
    assert chan["channel"] == "KaraFun Karaoke" and chan["songs"] == 61
    assert chan["with_year"] == 1 and chan["confirmed"] == 1
    (kchan,) = results["karaoke", "channels_by_coverage"]
    assert kchan["videos"] == 61 and kchan["with_year"] == 1 and kchan["pct_year"] == 1.6
    assert results["songbook", "songs_per_decade"] == [{"decade": 2010, "songs": 1}]
    assert results["karaoke", "videos_per_decade"] == [{"decade": 2010, "videos": 1}]
    assert all(r["song"] for r in results["songbook", "duets"])


async def test_datasette_serves_the_facets(dbs: dict[str, Path]) -> None:
    """In-process Datasette (installed with the [test] extra), no network."""
    from datasette.app import Datasette

    ds = Datasette([str(dbs["karaoke"]), str(dbs["songbook"])],
                                 metadata=CONFIG)
    res = await ds.client.get("/songbook/songs.json?_shape=objects")
    assert res.status_code == 200
    data = res.json()
    assert set(data["facet_results"]) >= {"decade", "genres", "channels", "language_name"}
    res = await ds.client.get("/karaoke/channels_by_coverage.json?_shape=objects")
    assert res.status_code == 200
    assert json.loads(res.text)["rows"][0]["channel"] == "KaraFun Karaoke"
