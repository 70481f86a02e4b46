"""Function words of many languages as orientation evidence (made-up names throughout),
and their builder (bench/build_function_words.py) on tiny made-up sources."""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import sys
import tarfile
from dataclasses import replace
from pathlib import Path

import pytest

from collector.models import Orientation
from collector.parsing import ArtistKnowledge, parse_title
from collector.parsing import function_words as fw
from collector.parsing.analysis import analyse
from collector.parsing.artist_knowledge import parse_lexicon
from collector.parsing.orientation import ORIENTATION_WEIGHTS, orient

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "build_function_words", ROOT / "bench" / "build_function_words.py")
assert _spec and _spec.loader
builder = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("build_function_words", builder)
_spec.loader.exec_module(builder)

K = ArtistKnowledge.bundled()
OFF = replace(ORIENTATION_WEIGHTS, function_words=0.0)
CUE = "function words of a song title"

# Song phrases of Tagalog, Indonesian, Spanish and French; performer names made up.
PAIRS = [
    ("Walang Hanggan Ang Gabi", "Zorvaly"),
    ("Mahal Pa Rin Kita", "Dalisay Ocampo"),
    ("Semua Tentang Kita", "Ardani Wirya"),
    ("Aku Masih Di Sini", "Kelvara"),
    ("Dime Cuando Volverás", "Tavira Solen"),
    ("Dernière danse", "Ilvane"),
]


@pytest.mark.parametrize(("song", "artist"), PAIRS)
def test_the_side_with_function_words_is_the_song_in_both_orders(song: str,
                                                                  artist: str) -> None:
    for title in (f"{song} - {artist} (Karaoke)", f"{artist} - {song} (Karaoke)"):
        r = parse_title(title, knowledge=K)
        assert (r.artist, r.song) == (artist, song), r
        assert CUE in r.reason
        # A guess: it tips the reading, but never makes it confident by itself.
        assert r.confidence <= 0.5


def test_without_the_weight_the_song_first_order_is_read_wrong() -> None:
    # A language without a convention of its own (Tagalog titles have one: the Filipino
    # convention and its phrase cue would read this order right without the weight).
    a = analyse("Dernière danse - Ilvane (Karaoke)")
    with_words = orient(a, None, K)
    without = orient(a, None, K, OFF)
    assert with_words[0] == Orientation.SONG_ARTIST and CUE in with_words[2]
    assert without[0] == Orientation.ARTIST_SONG and CUE not in without[2]
    # All of the cue's vote is counted as the guess (capped like the word model's).
    assert with_words[3] - without[3] == pytest.approx(-ORIENTATION_WEIGHTS.function_words_cap)


def test_a_known_artist_or_vietnamese_text_leaves_the_cue_out() -> None:
    # The artist lexicon already decides "Madonna"; Vietnamese has cues of its own.
    for title in ("Sana Ay Ikaw Na - Madonna (Karaoke)",
                  "Sana Ay Ikaw Na - Trần Minh Đức (Karaoke)"):
        assert CUE not in orient(analyse(title), None, K)[2], title
    assert CUE in orient(analyse("Sana Ay Ikaw Na - Zorvaly (Karaoke)"), None, K)[2]
    # No word model (no lexicon data): nothing says which words it already counts.
    bare = ArtistKnowledge({"zorvaly"})
    assert CUE not in orient(analyse("Sana Ay Ikaw Na - Kelvaro"), None, bare)[2]


def test_words_the_word_model_already_reads_as_title_words_count_once() -> None:
    assert fw.hits("Semua Tentang Kita") == ("semua", "tentang", "kita")
    model = {"semua": -2.5, "kita": 0.3}
    assert fw.title_words("Semua Tentang Kita", model) == 2  # "semua": the model's already
    assert fw.title_words("Semua Tentang Kita") == 3
    assert fw.title_words("Zorvaly Band", model) == 0


def test_the_bundled_words_are_loaded_once_and_leave_english_out() -> None:
    words = fw.bundled()
    assert fw.bundled() is words
    assert {"walang", "kita", "aku", "cuando", "derniere"} <= words
    # English (the word model's), one-letter words, words of artist names and syllables
    # of Vietnamese written without marks ("nam" of the Czech list) are out.
    assert not {"the", "and", "you", "a", "y", "los", "van", "yang", "nam"} & words
    assert fw.load(["# comment", "ang\ttl", "", "sa\tca,tl"]) == {"ang", "sa"}


def test_the_bundled_words_pass_the_builders_filter_on_the_bundled_lexicon() -> None:
    """A lexicon rebuilt so that a bundled word becomes common in artist names fails here
    (then rebuild: bench/build_function_words.py)."""
    lines = gzip.decompress((ROOT / "collector" / "data" / "artist_lexicon.tsv.gz")
                            .read_bytes()).decode("utf-8").splitlines()
    artists, titles = parse_lexicon(lines)
    words = sorted(fw.bundled())
    assert set(builder.select({"xx": words}, artists, titles, excluded=())) == set(words)
    head = gzip.decompress(builder.OUT.read_bytes()).decode("utf-8").splitlines()[0]
    assert "stopwords-iso 1.1.0" in head


LISTS = {
    "tl": ["ang", "sa", "walang", "a", "ng mga", "the"],
    "es": ["que", "los", "sa", "12"],
    "en": ["the", "and", "maar"],
    "nl": ["maar"],
    "vi": ["anh"],
    "ca": ["anh", "the", "perque"],
}
ARTISTS = {"los lobos": 1.0, "los del rio": 1.0, "los bravos": 1.0, "walang band": 1.0}
TITLES = {"que sera": 1.0, "los angeles": 1.0, "sa gabi": 1.0, "over the moon": 1.0,
          "in the rain": 1.0, "under the sun": 1.0}


def test_select_keeps_function_words_and_drops_what_misleads() -> None:
    got = builder.select(LISTS, ARTISTS, TITLES)
    assert got == {"ang": ["tl"], "sa": ["es", "tl"], "walang": ["tl"], "que": ["es"],
                   "perque": ["ca"], "maar": ["nl"]}
    # "los": in three artist names against one title; "walang": in one artist name only.
    # "the": an English word the lexicon's names use (three times), so left out of the
    # Catalan and Tagalog lists too; "maar", in the English list but in no name, stays.
    # "anh" of the Vietnamese list goes from the Catalan one all the same.
    # Without the exclusions their words stay.
    assert {"the", "and", "anh"} <= set(builder.select(LISTS, ARTISTS, TITLES, excluded=()))


def _tarball(path: Path, name: str = "stopwords-iso", lists: dict | None = None) -> Path:
    files = {"package/package.json": json.dumps({"name": name, "version": "9.9.9"}),
             "package/stopwords-iso.json": json.dumps(lists or LISTS)}
    with tarfile.open(path, "w:gz") as tar:
        for member, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(member)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_builder_reads_the_tarball_or_the_json_alike_and_is_byte_stable(
        tmp_path: Path) -> None:
    tgz = _tarball(tmp_path / "sw.tgz")
    assert builder.read_source(tgz) == ("9.9.9", LISTS)
    unpacked = tmp_path / "package"
    unpacked.mkdir()
    (unpacked / "stopwords-iso.json").write_text(json.dumps(LISTS))
    (unpacked / "package.json").write_text(json.dumps({"version": "9.9.9"}))
    first = builder.build(tgz)
    assert builder.build(tgz) == first == builder.build(unpacked / "stopwords-iso.json")
    text = gzip.decompress(first).decode("utf-8")
    assert "stopwords-iso 9.9.9" in text.splitlines()[0]
    assert fw.load(text.splitlines()) >= {"ang", "que"}


def test_builder_bad_input_is_a_one_line_error(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "nothing.tgz"
    bad.write_bytes(b"not a tarball")
    other = _tarball(tmp_path / "other.tgz", name="left-pad")
    odd = tmp_path / "odd.json"
    odd.write_text("[1, 2]")
    for source in (bad, other, odd, tmp_path / "missing.tgz"):
        assert builder.main([str(source), "--check"]) == 1
        err = capsys.readouterr().err
        assert err.startswith("Error: ") and err.count("\n") == 1, err
