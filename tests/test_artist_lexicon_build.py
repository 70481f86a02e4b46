"""The artist-lexicon builder (bench/build_artist_lexicon.py) on tiny made-up sources,
each a real git repository as the builder reads them, and the parse it enables."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from collector.models import Orientation
from collector.parsing import ArtistKnowledge, parse_title
from collector.parsing.artist_knowledge import parse_lexicon
from collector.parsing.normalise import artist_key

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "build_artist_lexicon", ROOT / "bench" / "build_artist_lexicon.py")
assert _spec and _spec.loader
builder = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("build_artist_lexicon", builder)  # dataclasses look it up
_spec.loader.exec_module(builder)

# Made-up names throughout: no real chart or contest is asserted on here.
BILLBOARD_HOT100 = (
    "title,performer\n"
    "Glimmer Road,Zorblax Quint\nGlimmer Road,Zorblax Quint\nGlimmer Road,Zorblax Quint\n"
    "Velvet Harbour,Nyla Stroud\nVelvet Harbour,Nyla Stroud\nSilver Road,Nyla Stroud\n"
)
BILLBOARD_200 = "title,artist\nZorblax Quint,Zorblax Quint\nMoonwake,Zorblax Quint\n"
EUROVISION_OLD = ",Year,R/O,Country,Artist,Song\n0,2021,1,Nowhere,Old Only Act,Old Song\n"
EUROVISION_NEW = (
    ",Year,R/O,Country,Artist,Song\n"
    "0,2021,1,Nowhere,Kaleva Drift,Tähtien Yö\n"
    "1,2022,2,Elsewhere,Kaleva Drift,Aurinko Laulaa\n"
    "2,2022,3,Elsewhere,Velvet Harbour,Sea Of Glass\n"  # a Billboard title as an artist
    "3,2022,4,Elsewhere,Mira & Tolan,Nyla Stroud\n"  # a Billboard artist as a song
    "4,2022,5,Elsewhere,Road,Lumo Valo\n"  # a word Billboard's titles use, as an artist
)
CLASSIC_ROCK = (
    "Song Clean,ARTIST CLEAN,Release Year,COMBINED,First?,Year?,PlayCount,F*G\n"
    "Harbour Lights Fade,Copperline,1979,Harbour Lights Fade by Copperline,1,1,80,80\n"
    "Dust Road Home,Copperline,1981,Dust Road Home by Copperline,1,1,30,30\n"
    "Barely Played,Copperline,,Barely Played by Copperline,1,0,4,0\n"
)
KPOPNET = {
    "groups": [{"id": "g1", "name": "Starbloom", "name_original": "스타블룸",
                "name_alias": None, "members": [{"idol_id": "i1"}]}],
    "idols": [{"id": "i1", "name": "Haneulie", "name_original": "하늘이", "groups": ["g1"]},
              {"id": "i2", "name": "Solvay Kim", "name_original": "솔베이", "groups": []}],
}


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c",
                           "user.email=t@example.invalid", *args],
                          check=True, capture_output=True, text=True).stdout.strip()


def _repo(path: Path, files: dict[str, str]) -> str:
    """A git repository at ``path`` with ``files`` committed; returns the commit."""
    path.mkdir(parents=True, exist_ok=True)
    _git(path, "init", "-q")
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    _git(path, "add", "-A")
    _git(path, "commit", "-q", "-m", "data")
    return _git(path, "rev-parse", "HEAD")


@pytest.fixture
def sources(tmp_path: Path) -> dict[str, Path]:
    billboard = tmp_path / "billboard"
    _repo(billboard, {"data-download/py-hot100/hot100.csv": BILLBOARD_HOT100,
                      "data-process/billboard200/b200.csv": BILLBOARD_200})
    eurovision = tmp_path / "eurovision"
    _repo(eurovision, {"data/totaldata_1956-2021.csv": EUROVISION_OLD})
    # The newest file holds every year: an older one beside it must not count twice.
    _repo(eurovision, {"data/totaldata_1956-2022.csv": EUROVISION_NEW})
    classic_rock = tmp_path / "classic-rock"
    _repo(classic_rock, {"classic-rock/classic-rock-song-list.csv": CLASSIC_ROCK})
    kpopnet = tmp_path / "kpopnet"
    _repo(kpopnet, {"kpopnet.json": json.dumps(KPOPNET)})
    return {"billboard": billboard, "eurovision": eurovision, "kpopnet": kpopnet,
            "classic_rock": classic_rock}


def _build(out: Path, sources: dict[str, Path], *extra: str) -> dict[tuple[str, str], int]:
    code = builder.main([str(sources["billboard"]), "--output", str(out), *extra])
    assert code == 0
    rows = gzip.decompress(out.read_bytes()).decode("utf-8").splitlines()
    assert rows[0].startswith("#")
    return {(kind, key): int(w) for kind, key, w in (r.split("\t") for r in rows[1:])}


def test_billboard_alone_counts_chart_weeks(tmp_path: Path, sources) -> None:
    lex = _build(tmp_path / "lex.gz", sources)
    assert lex[("a", "zorblax quint")] == 5  # three Hot 100 weeks and two album weeks
    assert lex[("t", "glimmer road")] == 3
    assert ("t", "zorblax quint") not in lex  # a self-titled album is no title
    assert ("t", "moonwake") not in lex  # one album week counts half: under --min-weeks 1
    assert not any(key[1] == "kaleva drift" for key in lex)


def test_eurovision_entries_count_in_chart_weeks_and_never_contradict(
        tmp_path: Path, sources) -> None:
    lex = _build(tmp_path / "lex.gz", sources, "--eurovision", str(sources["eurovision"]))
    unit = builder.EUROVISION.weeks_per_unit
    assert lex[("a", "kaleva drift")] == round(2 * unit)  # two contest entries
    assert lex[("t", "aurinko laulaa")] == round(unit)
    assert lex[("t", "tahtien yo")] == round(unit)  # folded like the parser folds
    # Billboard knows "Velvet Harbour" as a title: the contest gives it no artist weight,
    # and knows "Nyla Stroud" as an artist: the contest gives it no title weight.
    assert ("a", "velvet harbour") not in lex
    assert lex[("t", "velvet harbour")] == 2
    assert ("t", "nyla stroud") not in lex
    # "Road" ends two Billboard titles and no artist name: a title word, not an artist.
    assert ("a", "road") not in lex and lex[("t", "lumo valo")] == round(unit)
    # The joined credit and its names; only the newest file is read.
    assert ("a", "mira and tolan") in lex and ("a", "tolan") in lex
    assert not any(key[1] == "old only act" for key in lex)


def test_classic_rock_plays_count_in_chart_weeks(tmp_path: Path, sources) -> None:
    lex = _build(tmp_path / "lex.gz", sources, "--classic-rock", str(sources["classic_rock"]))
    unit = builder.CLASSIC_ROCK.weeks_per_unit
    assert lex[("t", "harbour lights fade")] == round(80 * unit)
    assert lex[("t", "dust road home")] == round(30 * unit)
    assert lex[("a", "copperline")] == round(114 * unit)  # the artist's plays, all songs
    assert ("t", "barely played") not in lex  # 4 plays: under one chart week


def test_kpopnet_lists_groups_and_solo_idols_not_group_members(
        tmp_path: Path, sources) -> None:
    lex = _build(tmp_path / "lex.gz", sources, "--kpopnet", str(sources["kpopnet"]))
    unit = round(builder.KPOPNET.weeks_per_unit)
    assert lex[("a", "starbloom")] == lex[("a", artist_key("스타블룸"))] == unit
    assert lex[("a", "solvay kim")] == lex[("a", artist_key("솔베이"))] == unit
    assert ("a", "haneulie") not in lex and ("a", artist_key("하늘이")) not in lex


def test_output_is_byte_stable_and_each_source_has_its_commit(
        tmp_path: Path, sources) -> None:
    ev = sources["eurovision"]
    args = ("--eurovision", str(ev))
    _build(tmp_path / "a.gz", sources, *args)
    _build(tmp_path / "b.gz", sources, *args)
    assert (tmp_path / "a.gz").read_bytes() == (tmp_path / "b.gz").read_bytes()
    # The eurovision source at its first commit: only the older file existed then.
    first = _git(ev, "rev-list", "--max-parents=0", "HEAD")
    old = _build(tmp_path / "old.gz", sources, *args, "--eurovision-commit", first)
    assert ("a", "old only act") in old and ("a", "kaleva drift") not in old


def test_a_source_that_is_not_a_clone_is_a_one_line_error(tmp_path: Path, sources) -> None:
    with pytest.raises(SystemExit) as err:
        builder.main([str(sources["billboard"]), "--output", str(tmp_path / "x.gz"),
                      "--eurovision", str(tmp_path / "missing")])
    assert "missing" in str(err.value) and "\n" not in str(err.value)
    # A clone without the source's file: one line too, naming the file.
    with pytest.raises(SystemExit) as err:
        builder.main([str(sources["billboard"]), "--output", str(tmp_path / "x.gz"),
                      "--classic-rock", str(sources["eurovision"])])
    assert "classic-rock-song-list.csv" in str(err.value) and "\n" not in str(err.value)
    assert not (tmp_path / "x.gz").exists()


def test_a_contest_artist_orients_a_single_title(tmp_path: Path, sources) -> None:
    """Names only the new source knows decide "Song - Artist" in a title parsed alone."""
    out = tmp_path / "lex.gz"
    _build(out, sources, "--eurovision", str(sources["eurovision"]))
    artists, titles = parse_lexicon(gzip.decompress(out.read_bytes()).decode().splitlines())
    knowledge = ArtistKnowledge((), artists, titles)
    for title in ("Aurinko Laulaa - Kaleva Drift (Karaoke)",
                  "Kaleva Drift - Aurinko Laulaa (Karaoke)"):
        r = parse_title(title, knowledge=knowledge)
        assert (r.artist, r.song) == ("Kaleva Drift", "Aurinko Laulaa"), r
    # Without the contest source the same title is a coin toss, not this reading.
    _build(out, sources)
    artists, titles = parse_lexicon(gzip.decompress(out.read_bytes()).decode().splitlines())
    r = parse_title("Aurinko Laulaa - Kaleva Drift (Karaoke)",
                    knowledge=ArtistKnowledge((), artists, titles))
    assert r.confidence <= 0.5 or r.artist != "Kaleva Drift"


def test_the_bundled_lexicon_knows_a_eurovision_act() -> None:
    """The bundled lexicon's Eurovision names: "Joker Out" (Slovenia 2023) never charted
    in the US, yet a lone title naming it is read as song - artist, with confidence."""
    bundled = ArtistKnowledge.bundled()
    r = parse_title("Carpe Diem - Joker Out (Karaoke)", knowledge=bundled)
    assert (r.artist, r.song, r.orientation) == ("Joker Out", "Carpe Diem",
                                                 Orientation.SONG_ARTIST), r
    assert r.confidence > 0.5
    unknown = parse_title("Carpe Diem - Joker Out (Karaoke)",
                          knowledge=bundled.without(["Joker Out"]))
    assert unknown.confidence <= 0.5 or unknown.artist != "Joker Out"


def test_the_bundled_word_model_is_the_bundled_lexicons() -> None:
    """A lexicon rebuilt without `bench/build_word_model.py` after it fails here."""
    spec = importlib.util.spec_from_file_location(
        "build_word_model", ROOT / "bench" / "build_word_model.py")
    assert spec and spec.loader
    word_builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(word_builder)
    assert word_builder.build() == word_builder.OUT.read_bytes()
