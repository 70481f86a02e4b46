"""The songbook command on real SQLite files: the example channels, confirmed matches."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from collector.cli import cli
from tests.conftest import EXAMPLES, titles_export


def collect(runner: CliRunner, db: Path, *sources: Path) -> None:
    for src in sources:
        res = runner.invoke(cli, ["--db", str(db), "collect-channel", str(src), "--offline"])
        assert res.exit_code == 0, res.output


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="songbook-data">(.*?)</script>', html,
                  re.S)
    assert m
    return json.loads(m.group(1))


def confirm(db: Path, video_id: str, mbid: str, *, artist: str, song: str, year: int,
            genres: list[str], status: str = "match") -> None:
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO musicbrainz_data (video_id, status, recording_mbid, artist, title,"
                 " year, confidence, fetched_at) VALUES (?,?,?,?,?,?,?,?)",
                 (video_id, status, mbid, artist, song, year, 0.95, "2026-01-01"))
    conn.execute("INSERT INTO merged_metadata (video_id, artist, song, year, year_source, "
                 "year_confidence, genres, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                 (video_id, artist, song, year, "musicbrainz", 0.95, json.dumps(genres),
                  "2026-01-01"))
    conn.commit()
    conn.close()


def test_songbook_of_the_example_channels(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    collect(runner, db, EXAMPLES / "karafun_videos.json", EXAMPLES / "stingray_videos.jsonl")
    out = tmp_path / "book.html"
    res = runner.invoke(cli, ["--db", str(db), "songbook", "-o", str(out), "--title", "Bar"])
    assert res.exit_code == 0, res.output
    assert f"wrote {out.resolve()}" in res.output
    assert re.search(r"songs (\d+), versions 461, ", res.output)
    html = out.read_text(encoding="utf-8")
    data = page_data(html)
    assert data["title"] == "Bar" and "<title>Bar</title>" in html
    songs = int(re.search(r"songs (\d+)", res.output).group(1))
    assert len(data["songs"]) == songs and 400 < songs < 461   # some songs on both channels
    assert sum(len(s[9]) for s in data["songs"]) == 461
    assert sorted(data["channels"]) == ["KaraFun Karaoke", "Stingray Karaoke"]
    # Self-contained: nothing loads from elsewhere, and the policy says so.
    assert 'http-equiv="Content-Security-Policy"' in html and "default-src &#x27;none&#x27;" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html


def test_channel_filter_and_confirmed_entries(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    titles_export(tmp_path / "a.jsonl", ["Queen - Bohemian Rhapsody (Karaoke Version)",
                                         "Adele - Hello (Karaoke Version)"],
                  channel="Alpha Karaoke", channel_id="UCalphaalphaalphaalpha1")
    titles_export(tmp_path / "b.jsonl", ["QUEEN - Bohemian Rhapsody [Piano Karaoke]"],
                  channel="Beta Karaoke", channel_id="UCbetabetabetabetabeta1")
    collect(runner, db, tmp_path / "a.jsonl")
    conn = sqlite3.connect(db)
    conn.execute("UPDATE videos SET video_id = 'b' || video_id")  # distinct ids per channel
    conn.commit()
    conn.close()
    collect(runner, db, tmp_path / "b.jsonl")
    conn = sqlite3.connect(db)
    ids = dict(conn.execute("SELECT title, video_id FROM videos").fetchall())
    conn.close()
    for title, vid in ids.items():
        if "Bohemian" in title:
            confirm(db, vid, "mb-bo", artist="Queen", song="Bohemian Rhapsody", year=1975,
                    genres=["rock"])
    out = tmp_path / "s.html"
    res = runner.invoke(cli, ["--db", str(db), "songbook", "-o", str(out)])
    assert res.exit_code == 0, res.output
    data = page_data(out.read_text(encoding="utf-8"))
    by_song = {s[1]: s for s in data["songs"]}
    assert set(by_song) == {"Bohemian Rhapsody", "Hello"}
    bo = by_song["Bohemian Rhapsody"]
    assert bo[0] == "Queen" and bo[2] == 1975 and bo[7] == 1 and len(bo[9]) == 2
    assert [data["genres"][g] for g in bo[3]] == ["rock"]
    assert by_song["Hello"][7] == 0
    res = runner.invoke(cli, ["--db", str(db), "songbook", "-o", str(out),
                              "--channel", "Beta Karaoke"])
    assert res.exit_code == 0, res.output
    assert [s[1] for s in page_data(out.read_text(encoding="utf-8"))["songs"]] == [
        "Bohemian Rhapsody"]


def test_hostile_titles_cannot_break_out_of_the_page(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    titles_export(tmp_path / "a.jsonl", [
        "Evil</script><script>alert(1)</script> - {{JS}} <img src=x onerror=alert(2)>"])
    collect(runner, db, tmp_path / "a.jsonl")
    out = tmp_path / "s.html"
    res = runner.invoke(cli, ["--db", str(db), "songbook", "-o", str(out),
                              "--title", "<b>Mine</b>"])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert html.count("<script") == 2 and "<b>Mine</b>" not in html
    data = page_data(html)
    assert any("</script>" in s[0] + s[1] for s in data["songs"])


def test_bad_input_is_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    res = runner.invoke(cli, ["--db", str(tmp_path / "none.db"), "songbook"])
    assert res.exit_code == 1 and res.output.startswith("Error: ")
    assert "does not exist (check --db or database.path" in res.output
    assert "Traceback" not in res.output
    junk = tmp_path / "junk.db"
    junk.write_text("not sqlite")
    res = runner.invoke(cli, ["--db", str(junk), "songbook"])
    assert res.exit_code == 1 and res.output.startswith("Error: ")
    db = tmp_path / "k.db"
    collect(runner, db, EXAMPLES / "karafun_videos.json")
    res = runner.invoke(cli, ["--db", str(db), "songbook", "--channel", "Nope"])
    assert res.exit_code == 1 and "no songs from channel(s) Nope" in res.output
    res = runner.invoke(cli, ["--db", str(db), "songbook", "--min-confidence", "2"])
    assert res.exit_code == 2
