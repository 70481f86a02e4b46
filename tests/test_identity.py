"""Confirmed identity in the store and the export; nothing stale, nothing lost (issue 12).

Pure merging and learning, the store's bookkeeping and the migrations, on real SQLite
files. The lookups over HTTP are in test_identity_e2e.py.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from collector.cli import cli
from collector.data_transformer import DataTransformer, SourceEvidence
from collector.db_optimized import EnrichmentOutcome, Store
from collector.identity import (
    ChannelLearner,
    apply_learned,
    confirmed_reading,
    separator_of,
    stored_parse,
)
from collector.matching.discogs_match import clean_artist_name, matched_track
from collector.matching.musicbrainz_match import (
    MatchThresholds,
    Recommendation,
    RecordingCandidate,
    choose,
)
from collector.migrations import build_legacy
from collector.models import EnrichmentStatus, Orientation, ParseResult, VideoEntry
from collector.parsing import ChannelProfile, parse_title
from collector.schema import SCHEMA_VERSION

SWAPPED = ParseResult("You Raise Me Up", "Westlife", confidence=0.5,
                      reason="dash split; no orientation evidence: Artist - Song",
                      orientation=Orientation.ARTIST_SONG, alt_artist="Westlife",
                      alt_song="You Raise Me Up", primary_artist="You Raise Me Up")


def mb(status: str = "match", confidence: float = 0.9, artist: str = "Westlife",
       title: str = "You Raise Me Up", year: int | None = 2003) -> SourceEvidence:
    return SourceEvidence("musicbrainz", status, confidence, artist, title, year, ("pop",))


# ------------------------------------------------------------------ merging


def test_a_match_confirms_the_identity_and_the_parse_is_kept() -> None:
    row = DataTransformer().merge_metadata_sources(SWAPPED, [mb()]).as_row()
    assert (row["artist"], row["song"]) == ("Westlife", "You Raise Me Up")
    assert (row["parsed_artist"], row["parsed_song"]) == ("You Raise Me Up", "Westlife")
    assert row["identity_source"] == "musicbrainz" and row["identity_confirmed"] == 1
    assert row["identity_confidence"] == 0.9
    assert row["fields"]["artist"]["source"] == "musicbrainz"


def test_a_weak_match_leaves_the_parse_unconfirmed() -> None:
    row = DataTransformer().merge_metadata_sources(SWAPPED, [mb("weak", 0.5)]).as_row()
    assert (row["artist"], row["song"]) == ("You Raise Me Up", "Westlife")
    assert row["identity_source"] == "title_parse" and row["identity_confirmed"] == 0
    assert row["year"] is None  # a weak match contributes nothing


def test_discogs_name_markers_and_matched_track() -> None:
    assert clean_artist_name("Nirvana (2)") == "Nirvana"
    assert clean_artist_name("Prince And The Revolution*") == "Prince And The Revolution"
    assert clean_artist_name("Simon & Garfunkel (3) & Friend*") == "Simon & Garfunkel & Friend"
    assert clean_artist_name("A*Teens") == "A*Teens"  # a star inside a name stays
    assert matched_track("rolling in the deep", ["Hello", "Rolling In The Deep"]) == (
        "Rolling In The Deep")
    assert matched_track("x", []) is None


# ------------------------------------------------------------------ MusicBrainz choose


def _cand(cid: str, score: int, date: str) -> RecordingCandidate:
    return RecordingCandidate(cid, "You Raise Me Up", "Westlife", ("a1",), score, date, None,
                              (), (), "", ())


def test_choose_takes_the_status_from_the_best_candidate() -> None:
    # The best scores 1.0; an earlier-dated recording of the same song scores 0.91: it is
    # chosen for its date, and must not turn the match into a weak one.
    t = MatchThresholds(match=0.95)
    m = choose("Westlife", "You Raise Me Up", [_cand("best", 100, "2005-01-01"),
                                               _cand("early", 40, "2003-01-01")], t=t)
    assert m.chosen is not None and m.chosen.candidate.id == "early" and m.year == 2003
    assert m.status is Recommendation.MATCH and m.confidence >= 0.95


# ------------------------------------------------------------------ learning (pure)


def test_stored_parse_round_trips_what_the_store_keeps(db_path: Path) -> None:
    p = parse_title("Queen feat. Someone - Bohemian Rhapsody (Karaoke Version)")
    with Store(db_path) as store:
        store.upsert_videos([(VideoEntry("v1", "t"), p, EnrichmentStatus.PENDING)],
                            parser_version=1)
        row = store.conn.execute("SELECT * FROM videos").fetchone()
    got = stored_parse(row)
    assert got.as_dict() == p.as_dict()
    assert got.primary_artist == p.primary_artist == "Queen"


def test_confirmed_reading_and_learning_turn_the_channel() -> None:
    merged = DataTransformer().merge_metadata_sources(SWAPPED, [mb()])
    assert separator_of(SWAPPED) == "dash"
    assert confirmed_reading(SWAPPED, merged) is Orientation.SONG_ARTIST
    agree = DataTransformer().merge_metadata_sources(SWAPPED, [mb(artist="You Raise Me Up",
                                                                  title="Westlife")])
    assert confirmed_reading(SWAPPED, agree) is Orientation.ARTIST_SONG
    learner = ChannelLearner()
    profile = ChannelProfile()
    turned = []
    for i in range(4):
        parse = ParseResult(f"Song {i}", f"Artist {i}", confidence=0.5, reason=SWAPPED.reason,
                            orientation=Orientation.ARTIST_SONG)
        m = DataTransformer().merge_metadata_sources(parse, [mb(artist=f"Artist {i}",
                                                               title=f"Song {i}")])
        learned = learner.observe("UC1", parse, m, profile)
        if learned is not None:
            turned.append(i)
            profile = learned.profile
            stored = learned.stored()
    assert turned == [2]  # the third distinct song decides, once
    assert profile.orientation == {"dash": "song_artist"}
    assert stored["learned"]["dash"] == {"orientation": "song_artist",
                                         "confirmed": {"artist_song": 0, "song_artist": 3}}
    # What was learned survives a fresh profile of the channel's titles.
    again = apply_learned(ChannelProfile(orientation={"dash": "artist_song"}), stored)
    assert again.orientation["dash"] == "song_artist"


def test_unconfirmed_or_contradicted_evidence_does_not_turn() -> None:
    learner = ChannelLearner()
    weak = DataTransformer().merge_metadata_sources(SWAPPED, [mb("weak", 0.5)])
    assert all(learner.observe("UC1", SWAPPED, weak, None) is None for _ in range(5))
    # 3 contradicting vs 2 agreeing songs: no 2:1 margin, no turn.
    for i in range(2):
        p = ParseResult(f"A{i}", f"S{i}", reason=SWAPPED.reason,
                        orientation=Orientation.ARTIST_SONG)
        m = DataTransformer().merge_metadata_sources(p, [mb(artist=f"A{i}", title=f"S{i}")])
        assert learner.observe("UC1", p, m, None) is None
    for i in range(3):
        p = ParseResult(f"Song {i}", f"Artist {i}", reason=SWAPPED.reason,
                        orientation=Orientation.ARTIST_SONG)
        m = DataTransformer().merge_metadata_sources(p, [mb(artist=f"Artist {i}",
                                                           title=f"Song {i}")])
        assert learner.observe("UC1", p, m, None) is None


# ------------------------------------------------------------------ store


def _outcome(vid: str, created: str = "2020-01-01T00:00:00+00:00") -> EnrichmentOutcome:
    merged = DataTransformer().merge_metadata_sources(SWAPPED, [mb()]).as_row()
    return EnrichmentOutcome(vid, EnrichmentStatus.COMPLETE, rows={
        "discogs_data": {"status": "match", "release_id": 11, "master_id": 22,
                         "artist": "Westlife", "title": "You Raise Me Up",
                         "release_title": "Coast to Coast", "year": 2000,
                         "created_at": created, "updated_at": created},
        "merged_metadata": {**merged, "updated_at": created},
    })


def test_a_retitled_video_drops_the_old_songs_lookups(db_path: Path) -> None:
    with Store(db_path) as store:
        store.upsert_videos([(VideoEntry("v1", "You Raise Me Up - Westlife"), SWAPPED,
                              EnrichmentStatus.PENDING)], parser_version=1)
        store.save_enrichment([_outcome("v1")])
        retitled = parse_title("Queen - Bohemian Rhapsody")
        store.upsert_videos([(VideoEntry("v1", "Queen - Bohemian Rhapsody"), retitled,
                              EnrichmentStatus.PENDING)], parser_version=1)
        c = store.conn
        assert c.execute("SELECT enrichment_status FROM videos").fetchone()[0] == "pending"
        for table in ("discogs_data", "merged_metadata", "musicbrainz_data"):
            assert c.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
        rec = next(iter(store.iter_export()))
        assert (rec["artist"], rec["discogs_release_id"], rec["year"]) == ("Queen", None, None)


def test_an_unchanged_rerun_keeps_the_lookups(db_path: Path) -> None:
    with Store(db_path) as store:
        store.upsert_videos([(VideoEntry("v1", "t"), SWAPPED, EnrichmentStatus.PENDING)],
                            parser_version=1)
        store.save_enrichment([_outcome("v1")])
        store.upsert_videos([(VideoEntry("v1", "t"), SWAPPED, EnrichmentStatus.PENDING)],
                            parser_version=1)
        assert store.conn.execute("SELECT COUNT(*) FROM discogs_data").fetchone()[0] == 1
        assert store.conn.execute("SELECT enrichment_status FROM videos").fetchone()[0] == (
            "complete")


def test_created_at_is_kept_on_a_rerun(db_path: Path) -> None:
    with Store(db_path) as store:
        store.upsert_videos([(VideoEntry("v1", "t"), SWAPPED, EnrichmentStatus.PENDING)],
                            parser_version=1)
        store.save_enrichment([_outcome("v1", "2020-01-01T00:00:00+00:00")])
        store.save_enrichment([_outcome("v1", "2024-06-01T00:00:00+00:00")])
        created, updated = store.conn.execute(
            "SELECT created_at, updated_at FROM discogs_data").fetchone()
    assert created == "2020-01-01T00:00:00+00:00"
    assert updated == "2024-06-01T00:00:00+00:00"


def test_confirmed_artists_become_the_stores_knowledge(db_path: Path) -> None:
    with Store(db_path) as store:
        store.upsert_videos([(VideoEntry("v1", "t"), SWAPPED, EnrichmentStatus.PENDING)],
                            parser_version=1)
        store.save_enrichment([_outcome("v1")])
        store.add_known_artists(["Adele", "Westlife"], "channel")
        rows = {r[0]: (r[1], r[2]) for r in store.conn.execute(
            "SELECT name, source, evidence FROM artist_knowledge")}
    assert rows == {"Westlife": ("lookup", 2), "Adele": ("channel", 1)}


def test_export_shows_confirmed_identity_and_parse(db_path: Path, runner) -> None:
    with Store(db_path) as store:
        store.upsert_videos([(VideoEntry("v1", "t", "UC1"), SWAPPED, EnrichmentStatus.PENDING),
                             (VideoEntry("v2", "Queen - Bohemian Rhapsody", "UC1"),
                              parse_title("Queen - Bohemian Rhapsody"),
                              EnrichmentStatus.PENDING)], parser_version=1)
        store.save_enrichment([_outcome("v1")])
    res = runner.invoke(cli, ["--db", str(db_path), "export", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    recs = {r["video_id"]: r for r in map(json.loads, res.stdout.splitlines())}
    v1, v2 = recs["v1"], recs["v2"]
    assert (v1["artist"], v1["song"]) == ("Westlife", "You Raise Me Up")
    assert (v1["parsed_artist"], v1["parsed_song"]) == ("You Raise Me Up", "Westlife")
    assert v1["identity_source"] == "musicbrainz" and v1["identity_confirmed"] is True
    assert (v2["artist"], v2["parsed_artist"]) == ("Queen", "Queen")
    assert v2["identity_source"] == "title_parse" and v2["identity_confirmed"] is False


# ------------------------------------------------------------------ migrations


def test_v2_lookups_become_merged_records(db_path: Path, runner) -> None:
    conn = sqlite3.connect(db_path)
    build_legacy(conn, 2)
    conn.execute("INSERT INTO channels VALUES ('UC1', 'Chan', NULL, NULL)")
    conn.executemany("INSERT INTO videos VALUES (?,?,?,?,?,?,?,?,?,?)", [
        ("v1", "UC1", "Westlife - You Raise Me Up", None, "Westlife", "You Raise Me Up", "",
         0.9, None, None),
        ("v2", "UC1", "Toto - Africa", None, "Toto", "Africa", "", 0.9, None, None),
        ("v3", "UC1", "Nobody - Nothing", None, "Nobody", "Nothing", "", 0.9, None, None),
    ])
    conn.execute("INSERT INTO musicbrainz_data VALUES ('v1', 'mbid-1', 'Westlife', "
                 "'You Raise Me Up', 2001, 'pop, ballad', 95, NULL)")
    conn.execute("INSERT INTO discogs_data VALUES ('v2', 11, 22, 'Toto - Toto IV', 1982, "
                 "'Rock', 'AOR', 'Columbia', NULL)")
    conn.commit()
    conn.close()
    res = runner.invoke(cli, ["--db", str(db_path), "export", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    recs = {r["video_id"]: r for r in map(json.loads, res.stdout.splitlines())}
    assert (recs["v1"]["year"], recs["v1"]["genres"]) == (2001, ["pop", "ballad"])
    assert recs["v1"]["identity_source"] == "musicbrainz"
    assert (recs["v2"]["year"], recs["v2"]["label"], recs["v2"]["styles"]) == (
        1982, "Columbia", ["AOR"])
    assert recs["v3"]["year"] is None and recs["v3"]["enrichment_status"] == "pending"
    stats = runner.invoke(cli, ["--db", str(db_path), "stats", "--json"])
    assert json.loads(stats.stdout)["totals"]["with_year"] == 2
    with Store(db_path) as store:
        # v3 kept the release title in discogs_data.title: it has its own column now.
        row = store.conn.execute("SELECT title, release_title FROM discogs_data").fetchone()
        assert tuple(row) == (None, "Toto - Toto IV")
        assert "Westlife" in store.known_artists()


def test_parse_with_db_uses_the_stores_artists(db_path: Path, runner, tmp_path) -> None:
    with Store(db_path) as store:
        store.add_known_artists(["Velvet Harbor"], "lookup")
    src = tmp_path / "titles.jsonl"
    src.write_text(json.dumps({"title": "Midnight Letters - Velvet Harbor (Karaoke)"}) + "\n")
    plain = runner.invoke(cli, ["parse", str(src)])
    known = runner.invoke(cli, ["parse", str(src), "--db", str(db_path)])
    assert plain.exit_code == 0 and known.exit_code == 0, plain.output + known.output
    assert json.loads(plain.stdout)["confidence"] <= 0.5  # no real evidence: a guess
    got = json.loads(known.stdout)
    assert (got["artist"], got["song"]) == ("Velvet Harbor", "Midnight Letters")
    assert got["confidence"] > 0.8
    missing = runner.invoke(cli, ["parse", str(src), "--db", str(tmp_path / "nope.db")])
    assert missing.exit_code != 0 and "Traceback" not in missing.output


def test_discogs_scoring_reads_the_artist_without_its_markers() -> None:
    from collector.matching.discogs_match import SearchResult, score_result

    r = SearchResult(1, "master", None, "The Beatles (2)", "Help!", 1965, (), (), (), (),
                     None, None, None, None)
    scored = score_result("The Beatles", "Help!", r, ["Help!", "Yesterday"])
    assert scored.artist_sim == 1.0 and scored.confidence >= 0.9


def _v3_database(path: Path) -> None:
    """A version-3 file: today's DDL without what version 4 added."""
    from collector.schema import V3_TABLES

    conn = sqlite3.connect(path)
    for name, ddl in V3_TABLES.items():
        if name == "artist_knowledge":
            continue
        lines = [x for x in ddl.splitlines() if not x.strip().startswith((
            "release_title", "parsed_", "identity_", "-- v4", "-- title)"))]
        ddl = "\n".join(lines)
        conn.execute(ddl.replace(",\n)", "\n)"))
    conn.execute("INSERT INTO channels (channel_id, first_seen_at, updated_at) "
                 "VALUES ('UC1', 'x', 'x')")
    for vid, artist, song in (("v1", "You Raise Me Up", "Westlife"), ("v2", "A", "S")):
        conn.execute("INSERT INTO videos (video_id, channel_id, title, artist, song, "
                     "enrichment_status, first_seen_at, updated_at) VALUES "
                     "(?, 'UC1', 't', ?, ?, 'complete', 'x', 'x')", (vid, artist, song))
    conn.execute("INSERT INTO discogs_data (video_id, title, created_at, updated_at) "
                 "VALUES ('v1', 'Coast to Coast', 'x', 'x')")
    fields = {"artist": {"value": "Westlife", "source": "musicbrainz", "confidence": 0.9},
              "song": {"value": "You Raise Me Up", "source": "musicbrainz", "confidence": 0.9}}
    conn.execute("INSERT INTO merged_metadata (video_id, artist, song, year, fields, "
                 "updated_at) VALUES ('v1', 'Westlife', 'You Raise Me Up', 2003, ?, 'x')",
                 (json.dumps(fields),))
    conn.execute("INSERT INTO merged_metadata (video_id, artist, song, fields, updated_at) "
                 "VALUES ('v2', 'A', 'S', ?, 'x')", (json.dumps(
                     {"artist": {"value": "A", "source": "title_parse", "confidence": 0.5}}),))
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()


def test_v3_to_v4_keeps_every_row_and_fills_the_identity(db_path: Path) -> None:
    from collector.schema import V3_TABLES

    _v3_database(db_path)
    with Store(db_path) as store:
        c = store.conn
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert c.execute("SELECT COUNT(*) FROM videos").fetchone()[0] == 2
        assert tuple(c.execute("SELECT title, release_title FROM discogs_data").fetchone()) == (
            None, "Coast to Coast")
        got = {r[0]: tuple(r)[1:] for r in c.execute(
            "SELECT video_id, parsed_artist, parsed_song, identity_source, identity_confirmed "
            "FROM merged_metadata")}
        assert got == {"v1": ("You Raise Me Up", "Westlife", "musicbrainz", 1),
                       "v2": ("A", "S", "title_parse", 0)}
        assert store.known_artists() == ["Westlife"]
    fresh = Store(db_path.with_name("fresh.db"))
    migrated = sqlite3.connect(db_path)
    for table in V3_TABLES:
        def cols(conn: sqlite3.Connection, t: str = table) -> list[tuple]:
            return [tuple(r)[1:] for r in conn.execute(f"PRAGMA table_info({t})")]
        assert cols(migrated) == cols(fresh.conn), table
    fresh.close()


def test_the_same_names_read_the_other_way_keep_their_lookups(db_path: Path) -> None:
    with Store(db_path) as store:
        store.upsert_videos([(VideoEntry("v1", "t"), SWAPPED, EnrichmentStatus.PENDING)],
                            parser_version=1)
        store.save_enrichment([_outcome("v1")])
        right = ParseResult("Westlife", "You Raise Me Up", confidence=0.9,
                            orientation=Orientation.SONG_ARTIST)
        store.upsert_videos([(VideoEntry("v1", "t"), right, EnrichmentStatus.PENDING)],
                            parser_version=1)
        # Looked up again (from the cache), but the year is not lost meanwhile.
        assert store.conn.execute("SELECT enrichment_status FROM videos").fetchone()[0] == (
            "pending")
        assert next(iter(store.iter_export()))["discogs_release_id"] == 11
