"""Hostile titles are stored as given and exported safely; fuzzed API answers never crash."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from collector.cli import cli
from collector.matching.discogs_match import results_from_search, tracklist_titles
from collector.matching.musicbrainz_match import candidates_from_search, choose
from collector.passes.musicbrainz_search_pass import slim_search

HOSTILE = [
    "Robert'); DROP TABLE videos;-- - Song",
    "<script>alert(1)</script> - <b>Song</b> &amp; more",
    "Ctrl\x00\x07\x1b[31m - Song\r\n",
    "Big - " + "x" * 100_000,
    "=cmd|' /C calc'!A0 - Song",  # a CSV formula
    "مرحبا - عمرو دياب \u202e",
]


def test_hostile_titles_stored_and_exported_verbatim(runner, tmp_path: Path) -> None:
    src = tmp_path / "h.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i, title in enumerate(HOSTILE):
            fh.write(json.dumps({"id": f"h{i:010d}", "title": title, "channel": "H",
                                 "channel_id": "UChhhhhhhhhhhhhhhhhhhhhh"}) + "\n")
        fh.write('{"id": "h0000000097", "title": "Lone \\ud800 - Song", "channel": "H"}\n')
    with open(src, "ab") as fh:
        fh.write(b'{"id": "h0000000098", "title": "Bad \xff\xfe - Song", "channel": "H"}\n')
    db = tmp_path / "h.db"
    res = runner.invoke(cli, ["--db", str(db), "collect-channel", str(src), "--offline"])
    assert res.exit_code == 0, res.output
    stored = dict(sqlite3.connect(db).execute("SELECT video_id, title FROM videos"))
    for i, title in enumerate(HOSTILE):
        assert stored[f"h{i:010d}"] == title.replace("&amp;", "&")  # HTML entities decoded
    assert stored["h0000000097"] == "Lone \ufffd - Song"  # not UTF-8: replaced, not dropped
    assert stored["h0000000098"] == "Bad \ufffd\ufffd - Song"
    res = runner.invoke(cli, ["--db", str(db), "export", "--format", "jsonl"])
    exported = {r["video_id"]: r["title"] for r in map(json.loads, res.stdout.splitlines())}
    assert all(exported[k] == v for k, v in stored.items())
    out = tmp_path / "h.csv"
    runner.invoke(cli, ["--db", str(db), "export", "--format", "csv", "-o", str(out)])
    rows = {r["video_id"]: r["title"] for r in csv.DictReader(
        io.StringIO(out.read_text(encoding="utf-8"), newline=""))}
    assert rows["h0000000000"] == HOSTILE[0] and rows["h0000000003"] == HOSTILE[3]
    # The CSV formula is neutralised with a leading apostrophe (JSON above keeps it).
    assert rows["h0000000004"] == "'" + HOSTILE[4]
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM videos").fetchone()[0] == 8


FORMULAS = ["=1+1 - Song", "+SUM(A1) - Song", "-2+3 - Song", "@SUM(A1) - Song",
            "\t=1+1 - Song", "\r=1+1 - Song"]


def test_csv_export_neutralises_formula_cells(runner, tmp_path: Path) -> None:
    """Cells a spreadsheet would run as a formula get a leading ' in CSV, not in JSON."""
    src = tmp_path / "f.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i, title in enumerate([*FORMULAS, "Queen - Bohemian Rhapsody"]):
            fh.write(json.dumps({"id": f"f{i:010d}", "title": title, "channel": "=Chan",
                                 "channel_id": "UCffffffffffffffffffffff"}) + "\n")
    db = tmp_path / "f.db"
    assert runner.invoke(cli, ["--db", str(db), "collect-channel", str(src),
                               "--offline"]).exit_code == 0
    out = tmp_path / "f.csv"
    res = runner.invoke(cli, ["--db", str(db), "export", "--format", "csv", "-o", str(out)])
    assert res.exit_code == 0, res.output
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_id = {r["video_id"]: r for r in rows}
    for i, title in enumerate(FORMULAS):
        row = by_id[f"f{i:010d}"]
        assert row["title"] == "'" + title
        assert row["channel"] == "'=Chan"
        for value in row.values():  # no cell of any column starts a formula
            assert not value or value[0] not in "=+-@\t\r", (i, value)
    plain = by_id[f"f{len(FORMULAS):010d}"]
    assert plain["title"] == "Queen - Bohemian Rhapsody" and plain["artist"] == "Queen"
    res = runner.invoke(cli, ["--db", str(db), "export", "--format", "jsonl"])
    exported = {r["video_id"]: r for r in map(json.loads, res.stdout.splitlines())}
    assert [exported[f"f{i:010d}"]["title"] for i in range(len(FORMULAS))] == FORMULAS
    assert exported["f0000000000"]["channel"] == "=Chan"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.sampled_from(
        ["id", "title", "score", "recordings", "releases", "artist-credit", "results",
         "type", "year", "tracklist", "master_id", "community", "first-release-date",
         "release-group", "secondary-types", "tags", "name", "artist", "label", "genre"]
        ) | st.text(max_size=5), children, max_size=6),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(json_values)
def test_fuzzed_answers_never_crash_the_parsers(data) -> None:
    cands = candidates_from_search(data)
    choose("Queen", "Bohemian Rhapsody", cands)
    if isinstance(data, dict):
        slim_search(data)
    results_from_search(data)
    tracklist_titles(data)


def test_huge_answer_is_handled() -> None:
    big = {"recordings": [{"id": f"r{i}", "title": "Song " * 50, "score": 100,
                           "artist-credit": [{"name": "A" * 1000}],
                           "releases": [{"title": "x" * 5000}] * 20} for i in range(2000)]}
    m = choose("Queen", "Bohemian Rhapsody", candidates_from_search(big))
    assert m.chosen is None or m.status.value != "match"
