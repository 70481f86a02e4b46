"""Orientation from the words themselves, for names no list knows (the word model)."""

from __future__ import annotations

import pytest

from collector.models import Orientation
from collector.parsing import ArtistKnowledge, parse_title
from collector.parsing.word_model import WordModel, dump, load, train

# Made-up training names: artist names of proper names and band words, titles of
# everyday words.
ARTISTS = ["zorblax quint", "mira dovetail band", "kelso brothers", "vanta orchestra",
           "lil drom", "the kelso band", "quint brothers", "dovetail", "mira kelso"]
TITLES = ["tell me why", "why you left me", "love me now", "you and me tonight",
          "i need your love", "tonight we dance", "dont tell me", "love you like that",
          "me and you", "why"]


def test_training_learns_which_words_name_artists() -> None:
    m = train(ARTISTS, TITLES)
    assert m.words["band"] > 0 and m.words["brothers"] > 0
    assert m.words["me"] < 0 and m.words["love"] < 0
    assert m.evidence("Tell Me Why You Love Me")[0] < 0 < m.evidence("Kelso Band")[0]
    # A name of words never seen: the model cannot tell, and says so.
    assert m.evidence("Xyzzy Plugh") == (pytest.approx(m.evidence("Xyzzy Plugh")[0]), False)
    assert m.evidence("Xyzzy Band")[1]


def test_dump_and_load_round_trip() -> None:
    m = train(ARTISTS, TITLES)
    again = load(dump(m).splitlines())
    assert again == m
    assert dump(again) == dump(m)  # byte-stable
    assert load(["# a comment"]) == WordModel()


def test_the_bundled_model_is_loaded_with_the_lexicon() -> None:
    words = ArtistKnowledge.bundled().words
    assert words is not None and len(words.words) > 1000
    assert words.evidence("Somebody Tell Me Why You Love Me")[0] < 0
    assert words.evidence("Jimmy and the Brothers Band")[0] > 0


# Knowledge that knows none of the names below: only their words can tell.
WORDS_ONLY = ArtistKnowledge((), {"kelso brothers": 3.0}, {"tell me why": 3.0},
                             train(ARTISTS, TITLES))


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Why Did You Leave Me Tonight - Zorvanne Band (Karaoke)", "Zorvanne Band",
     "Why Did You Leave Me Tonight"),
    ("Zorvanne Band - Why Did You Leave Me Tonight (Karaoke)", "Zorvanne Band",
     "Why Did You Leave Me Tonight"),
])
def test_words_tip_the_orientation_but_leave_it_unsure(title: str, artist: str,
                                                       song: str) -> None:
    r = parse_title(title, knowledge=WORDS_ONLY)
    assert (r.artist, r.song) == (artist, song), r
    assert "artist-like words" in r.reason
    # Wrong is worse than unsure: words alone never make the reading confident.
    assert r.confidence == 0.5 and (r.alt_artist, r.alt_song) == (song, artist)


def test_without_the_word_model_the_default_stands() -> None:
    plain = ArtistKnowledge((), {"kelso brothers": 3.0}, {"tell me why": 3.0})
    r = parse_title("Why Did You Leave Me Tonight - Zorvanne Band (Karaoke)", knowledge=plain)
    assert "artist-like words" not in r.reason


def test_firm_evidence_outweighs_the_words() -> None:
    # A store-confirmed artist whose name is made of title words.
    k = ArtistKnowledge({"love me now"}, {}, {}, train(ARTISTS, TITLES))
    r = parse_title("Kelso Band - Love Me Now (Karaoke)", knowledge=k)
    assert (r.artist, r.orientation) == ("Love Me Now", Orientation.SONG_ARTIST), r
    assert r.confidence > 0.5


def test_without_forgets_names_as_artist_and_title() -> None:
    k = ArtistKnowledge((), {"kelso brothers": 3.0, "adele": 5.0},
                        {"tell me why": 3.0, "hello": 4.0}, train(ARTISTS, TITLES))
    less = k.without(["Adele", "Hello", "Kelso Brothers & Mira"])
    assert "Adele" in k and "Adele" not in less and "Kelso Brothers" not in less
    assert less.is_known_title("Tell Me Why") and not less.is_known_title("Hello")
    assert less.words is not None and less.words != k.words  # retrained without them
    assert ArtistKnowledge().without(["Adele"]).words is None
