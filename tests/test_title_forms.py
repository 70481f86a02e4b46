"""Title forms of issue 11 (made-up titles of the same shapes), artist knowledge, conventions."""

from __future__ import annotations

import pytest

from collector import vocabulary
from collector.matching import discogs_match, musicbrainz_match
from collector.models import Orientation
from collector.parsing import ArtistKnowledge, parse_title, parse_titles
from collector.parsing.conventions import CONVENTIONS, VIETNAMESE_RE, convention_votes
from collector.parsing.noise import is_noise, is_noise_group, strip_noise_edges
from collector.parsing.orientation import side_evidence
from collector.parsing.segments import is_brand_like

# Knowledge made up for the tests, so they do not depend on the bundled lexicon's contents.
ADELE = ArtistKnowledge((), artists={"adele": 6.0, "minh tuan": 3.0}, titles={"hello": 6.0})

# (title, artist, song): noise left in the song today.
NOISE = [
    ("Adele - Hello - Karaoke Version from Some Karaoke", "Adele", "Hello"),
    ("Adele - Hello | With Lyrics HD Brand-Name Karaoke 4K", "Adele", "Hello"),
    ("Adele - Hello - Best Version - Karaoke Instrumental Lyrics - Brand", "Adele", "Hello"),
    ("Hello - Adele (KARAOKE PIANO - ORIGINAL KEY)", "Adele", "Hello"),
    ("Hello (LOWER -3) - Adele - Piano Karaoke Instrumental", "Adele", "Hello"),
    ("Hello - Adele Karaoke 【With Guide Melody】 Instrumental", "Adele", "Hello"),
    ("(Adele - Hello) video version", "Adele", "Hello"),
    ("Hello - Adele (Karaoke Songs With Lyrics)", "Adele", "Hello"),
    ("Hello - Adele | Karaoke Version | ZKN Music", "Adele", "Hello"),
    ("Hello - Adele | Beat Chuẩn | Tone Nữ", "Adele", "Hello"),
]
# (title, artist, song): forms without an artist today.
FORMS = [
    ("Hello (Made Popular By Adele) [Karaoke Version]", "Adele", "Hello"),
    ('"Hello" performed by Adele', "Adele", "Hello"),
    ('"Hello" by Adele (Weird Al parody)', "Adele", "Hello"),
    ('Adele "Hello" Karaoke', "Adele", "Hello"),
    ('"Hello" Adele (Karaoke)', "Adele", "Hello"),
    ("[MAGICSING Karaoke] ADELE_HELLO karaoke | Tagalog", "ADELE", "HELLO"),
    ("KARAOKE - ADELE-HELLO-Brand", "ADELE", "HELLO"),
    ("[Karaoke Beat Chuẩn] Mưa Chiều - Minh Tuấn", "Minh Tuấn", "Mưa Chiều"),
    ("Mưa Chiều Karaoke (Tone Nữ) - Minh Tuấn", "Minh Tuấn", "Mưa Chiều"),
    ("Mưa Chiều-Minh Tuấn Karaoke", "Minh Tuấn", "Mưa Chiều"),
    ("Mưa Chiều karaoke Minh Tuấn", "Minh Tuấn", "Mưa Chiều"),
    ("[TJ노래방] 좋은날 - 아이유 / TJ Karaoke", "아이유", "좋은날"),
    ("Karaoke beat   Mưa Chiều   Minh Tuấn", "Minh Tuấn", "Mưa Chiều"),
    ("[Karaoke] Mưa Chiều - Lan, Huệ, Cúc (Beat Có Bè)", "Lan, Huệ, Cúc", "Mưa Chiều"),
    ("Cơn Mưa - Karaoke - Song Ca - Minh Tuấn ft Thu Hà", "Minh Tuấn ft Thu Hà", "Cơn Mưa"),
    ("Mưa Chiều Trần Minh Tuấn - Karaoke Beat Chuẩn", "Trần Minh Tuấn", "Mưa Chiều"),
    ("Karaoke Chạy - GDucky, Tez | Beat Chuẩn", "GDucky, Tez", "Chạy"),
    ("Now Playing: Adele - Hello (Karaoke)", "Adele", "Hello"),
    ("Hello | Adele [BEAT KARAOKE LYRICS] +1 Tone (có bè)", "Adele", "Hello"),
]
# (title, artist, song): uploader noise of other shapes (round two of issue 11).
UPLOADER_NOISE = [
    ("Adele - Hello.flv", "Adele", "Hello"),
    ("Hello - Adele (Karaoke Version).MP4", "Adele", "Hello"),
    ("[ Karaoke Net HD ] Adele - Hello", "Adele", "Hello"),
    ("Hello - Adele (Karaoke Fun Time HD)", "Adele", "Hello"),
    ("Adele [KARAOKE] Hello", "Adele", "Hello"),
    ("Hello 【カラオケ】 Adele", "Adele", "Hello"),
    ("Adele - Hello_Orange", "Adele", "Hello"),
    ("Hello - Adele Official (Karaoke)", "Adele", "Hello"),
    ("Mưa Chiều - Minh Tuấn OFFICIAL | Beat Chuẩn", "Minh Tuấn", "Mưa Chiều"),
    ("Hello - Adele [Karaoke - Beat] Full", "Adele", "Hello"),
    ("Hello - Adele | Rap Việt 2023 | Some Music", "Adele", "Hello"),
    ("Karaoke Hello - Adele - Rap Việt 2023 | Some Music", "Adele", "Hello"),
]


@pytest.mark.parametrize(("title", "artist", "song"), NOISE + FORMS + UPLOADER_NOISE)
def test_issue_11_forms(title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=ADELE)
    assert (r.artist, r.song) == (artist, song), r


def test_uploader_noise_rules_keep_song_text() -> None:
    # A year ends many songs; "Official" alone, "_" inside a file-name title, a karaoke
    # group followed by song words, and "(Karaoke)" inside a dash title are not separators.
    assert parse_title("Adele - Summer of 1969 - Karaoke", knowledge=ADELE).song == (
        "Summer of 1969")
    assert parse_title("Adele - Official (Karaoke)", knowledge=ADELE).song == "Official"
    assert parse_title("ADELE_HELLO", knowledge=ADELE).song == "HELLO"
    r = parse_title("Adele - Hello (Karaoke) Remix Party", knowledge=ADELE)
    assert r.song == "Hello Remix Party"
    assert not is_noise_group("Karaoke Version by Adele and Friends")


def test_version_qualifiers_become_tags_not_song_text() -> None:
    r = parse_title("Hello 1969 live")
    assert r.song == "Hello" and "live" in r.version_tags
    r = parse_title("Adele - Hello (Piano Version)", knowledge=ADELE)
    assert r.song == "Hello" and "piano" in r.version_tags
    r = parse_title("Adele - Hello (Acoustic)", knowledge=ADELE)
    assert r.song == "Hello" and "acoustic" in r.version_tags


def test_song_words_that_look_like_noise_stay() -> None:
    # Weak markers need company: "Beat" alone, "The Beat", "Full Moon" are song text.
    assert parse_title("Michael Jackson - Beat It (Karaoke)").song == "Beat It"
    assert parse_title("Go-Go's - We Got The Beat | Karaoke").song == "We Got The Beat"
    assert strip_noise_edges("Full Moon Karaoke") == "Full Moon"
    assert not is_noise_group("Nam")
    assert not is_noise_group("With You")
    assert is_noise_group("Live") and is_noise_group("7 Inch Version")


def test_brand_like_segments() -> None:
    assert is_brand_like("ZKN Music") and is_brand_like("Minh Quân Official")
    assert is_brand_like("Tagalog")
    assert not is_brand_like("Adele") and not is_brand_like("Music")


# ------------------------------------------------------------------ artist knowledge


def test_lexicon_decides_orientation_both_ways() -> None:
    a = parse_title("Hello - Adele (Karaoke)", knowledge=ADELE)
    b = parse_title("Adele - Hello (Karaoke)", knowledge=ADELE)
    assert (a.artist, a.song) == (b.artist, b.song) == ("Adele", "Hello")
    assert a.orientation is Orientation.SONG_ARTIST and a.confidence > 0.6


def test_a_name_known_as_artist_and_as_title_decides_nothing() -> None:
    both = ArtistKnowledge((), artists={"heart": 5.0, "alone": 5.0},
                           titles={"heart": 5.0, "alone": 5.0})
    r = parse_title("Alone - Heart", knowledge=both)
    assert r.confidence <= 0.55 and r.alt_artist is not None


def test_store_artists_extend_the_lexicon() -> None:
    empty = ArtistKnowledge()
    assert parse_title("Beer - Itchyworms (KARAOKE)", knowledge=empty).artist == "Beer"
    known = empty.with_artists(["Itchyworms"])
    assert "itchyworms" in known and "Itchyworms" in known and len(known) == 1
    r = parse_title("Beer - Itchyworms (KARAOKE)", knowledge=known)
    assert (r.artist, r.song) == ("Itchyworms", "Beer")


def test_bundled_lexicon_is_loaded_once_and_knows_chart_artists() -> None:
    k = ArtistKnowledge.bundled()
    assert k is ArtistKnowledge.bundled()
    assert len(k) > 10_000
    assert "Fleetwood Mac" in k and "The Beatles" in k
    assert k.artist_evidence("Fleetwood Mac") > 0 > k.artist_evidence("Somebody To Love")
    r = parse_title("Somebody To Love - Queen (Lyrics Karaoke)")
    assert (r.artist, r.song) == ("Queen", "Somebody To Love")


def test_per_title_credit_cues() -> None:
    empty = ArtistKnowledge()
    for title in ("Hello - Adele ft. Someone", "Hello - Adele x Someone",
                  "Hello - Ann, Bea, Cleo"):
        assert parse_title(title, knowledge=empty).song == "Hello", title
    # A short name before "feat." is a credit; a long song title with its guest is not.
    assert side_evidence("Andiez ft. AMEE") > 0
    assert side_evidence("a very long song title of mine feat. Lan") == 0


def test_evidence_is_pooled_across_a_channels_titles() -> None:
    titles = ["Mưa - Ann", "Gió - Ann", "Nắng - Ann", "Ann - Sương"]
    results = parse_titles(titles, channel="X", knowledge=ArtistKnowledge())
    assert all(r.artist == "Ann" for r in results)


# ------------------------------------------------------------------ conventions, vocabulary


def test_every_convention_has_provenance_and_a_signature() -> None:
    assert CONVENTIONS
    for c in CONVENTIONS:
        assert c.provenance and (c.pattern is not None or c.sep is not None or c.words), c.name


def test_conventions_match_the_title_not_the_channel() -> None:
    names = {c.name for c, _ in convention_votes("Mưa Chiều - Minh Tuấn", "dash")}
    assert names == {"vietnamese"}
    assert convention_votes("Hello - Adele", "dash") == []


def test_one_karaoke_vocabulary_for_parser_and_matchers() -> None:
    assert musicbrainz_match.KARAOKE_CREDITS is vocabulary.KARAOKE_CREDITS
    assert discogs_match.KARAOKE_LABELS is vocabulary.KARAOKE_LABELS
    for brand in vocabulary.KARAOKE_BRANDS:
        assert is_noise(brand.title()), brand


def test_joined_credit_counts_its_best_known_name() -> None:
    k = ArtistKnowledge((), artists={"justin bieber": 6.0}, titles={})
    r = parse_title("Holiday Song - Justin Bieber & Someone New", knowledge=k)
    assert r.artist == "Justin Bieber & Someone New" and r.song == "Holiday Song"


def test_first_word_cue_for_names_the_lexicon_lacks() -> None:
    k = ArtistKnowledge((), artists={"gary allan": 3.0, "gary lewis": 3.0, "gary moore": 3.0},
                        titles={"love me": 3.0, "love you": 3.0, "love song": 3.0})
    r = parse_title("Love Story - Gary Numan", knowledge=k)
    assert (r.artist, r.song) == ("Gary Numan", "Love Story")
    assert r.confidence <= 0.55  # weak evidence: the alternative is kept
    assert r.alt_artist == "Love Story"


def test_traditional_stands_as_the_artist() -> None:
    r = parse_title("Yankee Doodle - Traditional (Karaoke)")
    assert (r.artist, r.song) == ("Traditional", "Yankee Doodle")


def test_parse_result_names_its_separator_and_identity_reads_it() -> None:
    from collector.identity import separator_of
    from collector.models import ParseResult

    assert parse_title("Adele - Hello (Karaoke)", knowledge=ADELE).separator == "dash"
    assert parse_title("Adele | Hello", knowledge=ADELE).separator == "pipe"
    assert parse_title("Hello (in the style of Adele)").separator is None
    assert separator_of(parse_title("Hello • Adele", knowledge=ADELE)) == "bullet"
    # Rows parsed before the field existed keep the separator only in the reason text.
    old = ParseResult("Adele", "Hello", reason="slash split; no orientation evidence")
    assert separator_of(old) == "slash"
    assert separator_of(ParseResult("Adele", "Hello", reason="'by' credit")) is None


# Knowledge for titles without a separator (made up, like ADELE).
CHART = ArtistKnowledge((), artists={"adele": 6.0, "pitbull": 5.0, "ke ha": 5.0,
                                     "bruno mars": 6.0, "queen": 6.0},
                        titles={"hello": 6.0, "timber": 5.0, "queen of hearts": 4.0,
                                "dancing queen": 5.0})


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Adele Hello Karaoke lyrics", "Adele", "Hello"),
    ("Pitbull and Ke$ha Timber Karaoke lyrics", "Pitbull and Ke$ha", "Timber"),
    ("Bruno Mars Grenade (Karaoke Version)", "Bruno Mars", "Grenade"),
    ("Grenade Bruno Mars karaoke", "Bruno Mars", "Grenade"),
    ("Someone Like You Adele [Karaoke]", "Adele", "Someone Like You"),
    ("Bruno Mars A Thousand Years karaoke", "Bruno Mars", "A Thousand Years"),
    ("Bruno Mars feat. Adele Hello Again karaoke", "Bruno Mars feat. Adele", "Hello Again"),
])
def test_no_separator_a_known_artist_starts_or_ends_the_title(
        title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=CHART)
    assert (r.artist, r.song) == (artist, song), r
    assert r.confidence < 0.8 and r.alt_song is not None and r.separator is None


@pytest.mark.parametrize("title", [
    "Queen of Hearts (Karaoke)",  # a known title, and "of" binds the name into it
    "Dancing Queen karaoke",  # a known title that ends with an artist's name
    "Queen and (Karaoke)",  # a name cut at a joiner
    "Grenade karaoke",  # one word
    "Hello Goodbye Karaoke",  # no known artist
    "Hello feat. Adele karaoke",  # a featured guest is not the artist
])
def test_no_separator_song_words_are_not_read_as_an_artist(title: str) -> None:
    r = parse_title(title, knowledge=CHART)
    assert r.artist is None and r.song, r


# ------------------------------------------------------------------ channel boilerplate

HAMY = [
    "Hello - Adele Beat Chuẩn HAMY",
    "Mưa Chiều - Minh Tuấn Beat Chuẩn HAMY",
    "Sầu Tím - Lan Anh Beat Chuẩn HAMY",
    "Cơn Mưa - Thu Hà Beat Chuẩn HAMY",
    "Đêm Buồn - Quang Lê HAMY",
]


def test_channel_boilerplate_is_found_and_removed() -> None:
    from collector.parsing.analysis import analyse
    from collector.parsing.boilerplate import find_boilerplate

    assert "hamy" in find_boilerplate([analyse(t) for t in HAMY])
    got = [(r.artist, r.song) for r in parse_titles(HAMY, knowledge=ADELE)]
    assert got == [("Adele", "Hello"), ("Minh Tuấn", "Mưa Chiều"), ("Lan Anh", "Sầu Tím"),
                   ("Thu Hà", "Cơn Mưa"), ("Quang Lê", "Đêm Buồn")]
    # One title alone has nothing to count: the credit stays.
    assert parse_titles(HAMY[-1:], knowledge=ADELE)[0].artist == "Quang Lê HAMY"


def test_show_segment_recurring_across_a_channel_is_boilerplate() -> None:
    pairs = [("Anh Tú", "Mưa Rơi"), ("Bảo Anh", "Nắng Hạ"), ("Lê Hiếu", "Gió Mùa"),
             ("Anh Duy", "Mây Trôi")]
    titles = [f"[KARAOKE] {s} - {a} - Big Show Season Two" for a, s in pairs]
    assert [(r.artist, r.song) for r in parse_titles(titles, knowledge=ADELE)] == pairs
    # One title alone: the show stays a third part.
    assert parse_title(titles[0], knowledge=ADELE).song != "Mưa Rơi"


@pytest.mark.parametrize("titles", [
    # The artist of an artist's channel recurs as a whole side.
    ["Adele - Hello (Karaoke)", "Adele - Skyfall (Karaoke)", "Adele - Set Fire (Karaoke)",
     "Adele - Easy On Me (Karaoke)"],
    # ... or as one name of a list.
    ["Hello - AMEE x B Ray", "Skyfall - AMEE x Erik", "Set Fire - AMEE ft. Min",
     "Easy On Me - AMEE x Den"],
    # Names recur inside other names ("Anh" of "Anh Tú", "Bảo Anh"): not at the edges.
    ["Mưa - Anh Tú (Karaoke)", "Nắng - Bảo Anh (Karaoke)", "Gió - Anh Duy (Karaoke)",
     "Anh Ơi - Erik (Karaoke)"],
    # Grammar recurs: "in the style of" is not a credit.
    ["Hello in the Style of Adele karaoke", "Skyfall in the Style of Adele karaoke",
     "Yesterday in the Style of The Beatles karaoke", "Help in the Style of Queen karaoke"],
])
def test_recurring_names_and_grammar_are_not_boilerplate(titles: list[str]) -> None:
    from collector.parsing.analysis import analyse
    from collector.parsing.boilerplate import find_boilerplate

    grams = find_boilerplate([analyse(t) for t in titles])
    assert not grams, grams
    together = parse_titles(titles, knowledge=ADELE)
    alone = [parse_title(t, knowledge=ADELE) for t in titles]
    assert [r.song for r in together] == [r.song for r in alone]


def test_a_bare_number_before_a_marker_is_song_text_not_a_key_shift() -> None:
    assert strip_noise_edges("Shinedown • 45 • Karaoke") == "Shinedown • 45"
    assert strip_noise_edges("Hello 1999 Karaoke") == "Hello 1999"
    assert strip_noise_edges("Hello +1 Tone Karaoke") == "Hello"
    assert strip_noise_edges("Hello 2 Tone Karaoke") == "Hello"
    r = parse_title("Shinedown • 45 • Karaoke", knowledge=ArtistKnowledge())
    assert (r.artist, r.song) == ("Shinedown", "45")


def test_a_bare_number_side_is_the_song() -> None:
    empty = ArtistKnowledge()
    for title in ("214 - Rivermaya (Karaoke Version)", "Rivermaya - 214 (Karaoke)"):
        r = parse_title(title, knowledge=empty)
        assert (r.artist, r.song) == ("Rivermaya", "214"), r
    # A charted number-named band outweighs the cue.
    band = ArtistKnowledge((), artists={"311": 6.0}, titles={})
    assert parse_title("311 - Down (Karaoke)", knowledge=band).artist == "311"


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Hello, Goodbye - Ann Lee, Bea Ray, Cleo Moon & Dee Fox (Karaoke)",
     "Ann Lee, Bea Ray, Cleo Moon & Dee Fox", "Hello, Goodbye"),
    ("Ann Lee, Bea Ray, Cleo Moon & Dee Fox - Hello, Goodbye (Karaoke)",
     "Ann Lee, Bea Ray, Cleo Moon & Dee Fox", "Hello, Goodbye"),
    ("Hello (Karaoke) Ann Lee, Bea Ray, Cleo Moon, Dee Fox",
     "Ann Lee, Bea Ray, Cleo Moon, Dee Fox", "Hello"),
    ('"Hello" by Ann Lee, Bea Ray, 52Hz, Dee Fox (Karaoke)',
     "Ann Lee, Bea Ray, 52Hz, Dee Fox", "Hello"),
])
def test_an_artist_list_with_a_song_is_not_a_compilation(
        title: str, artist: str, song: str) -> None:
    r = parse_title(title, knowledge=ArtistKnowledge())
    assert (r.artist, r.song) == (artist, song), r


@pytest.mark.parametrize("title", [
    "Karaoke: Hello, Skyfall, Rolling, Set Fire",
    "Hello, Skyfall, Rolling - Ann, Bea, Cleo (Karaoke Medley)",
])
def test_lists_of_songs_stay_compilations(title: str) -> None:
    r = parse_title(title, knowledge=ArtistKnowledge())
    assert r.artist is None and r.song is None, r


# --- round three: generality -------------------------------------------------------------


@pytest.mark.parametrize("text", ["Vì Em", "TÌNH XA", "Mình Anh", "Ngày Mai",
                                  "Hòa Tan", "Thành Phố", "Gì Em"])
def test_vietnamese_detected_from_its_syllables(text: str) -> None:
    assert VIETNAMESE_RE.search(text)


@pytest.mark.parametrize("text", ["Così Celeste", "Canción de Amor", "Café au lait",
                                  "Lunedì Cinema", "Qué será será", "Señorita"])
def test_french_spanish_italian_accents_are_not_vietnamese(text: str) -> None:
    assert VIETNAMESE_RE.search(text) is None


@pytest.mark.parametrize(("title", "artist", "song"), [
    # Both orders of made-up Vietnamese pairs, one title at a time: each title's own sides
    # (a personal name, a plain-Latin stage name, a long or lowercase phrase) decide.
    ("Trần Minh Khoa - Chiều Mưa Bên Sông (Karaoke)", "Trần Minh Khoa", "Chiều Mưa Bên Sông"),
    ("Chiều Mưa Bên Sông - Trần Minh Khoa (Karaoke)", "Trần Minh Khoa", "Chiều Mưa Bên Sông"),
    ("Bảo Thy - Giọt Nắng Xa Xăm Cuối Trời | Karaoke", "Bảo Thy", "Giọt Nắng Xa Xăm Cuối Trời"),
    ("Giọt Nắng Xa Xăm Cuối Trời - Bảo Thy | Karaoke", "Bảo Thy", "Giọt Nắng Xa Xăm Cuối Trời"),
    ("ZYNEX - Cơn Mưa Ngang Qua Phố [Karaoke]", "ZYNEX", "Cơn Mưa Ngang Qua Phố"),
    ("Cơn Mưa Ngang Qua Phố - ZYNEX [Karaoke]", "ZYNEX", "Cơn Mưa Ngang Qua Phố"),
    ("Thu Hà - đường về nhà xa lắm (Karaoke)", "Thu Hà", "đường về nhà xa lắm"),
])
def test_vietnamese_title_sides_outweigh_the_convention(title: str, artist: str,
                                                        song: str) -> None:
    r = parse_title(title)
    assert (r.artist, r.song) == (artist, song)


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Karaoke Mây Trắng - Bin Lee - Team Rocky | Giọng Hát Việt 2024", "Bin Lee", "Mây Trắng"),
    ("Hoa Nở Muộn - Kenny - Prod. Zedd Vu - (Beat Chuẩn)", "Kenny", "Hoa Nở Muộn"),
    ("Hoa Nở Muộn - Kenny - prod by Zedd Vu - Karaoke", "Kenny", "Hoa Nở Muộn"),
    ("[Karaoke] Phố Cũ Ngày Xưa - Kenny ST.204 (Full Beat)", "Kenny", "Phố Cũ Ngày Xưa"),
])
def test_producer_team_and_label_credits_are_not_the_artist(title: str, artist: str,
                                                            song: str) -> None:
    r = parse_title(title)
    assert (r.artist, r.song) == (artist, song)


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("[Karaoke] Chiều Thu Họa Bóng Nàng beat Lâm Tuấn Kiệt", "Lâm Tuấn Kiệt",
     "Chiều Thu Họa Bóng Nàng"),
    ("Karaoke Mưa Tháng Sáu beat Bin và Kenny", "Bin và Kenny", "Mưa Tháng Sáu"),
    ("Chuyến Tàu Cuối Ngày Zentrix karaoke", "Zentrix", "Chuyến Tàu Cuối Ngày"),
    ("Dòng Sông Lơ Đãng GRAVYN", "GRAVYN", "Dòng Sông Lơ Đãng"),
])
def test_vietnamese_singer_after_beat_or_ending_the_title(title: str, artist: str,
                                                         song: str) -> None:
    r = parse_title(title)
    assert (r.artist, r.song) == (artist, song)


@pytest.mark.parametrize("title", [
    "Chàng Trai Thủy Cung Negav karaoke",  # "Cung" may be a syllable of the song
    "Bông Hoa Đẹp Nhất Quân A.P karaoke",  # "A.P": initials, the name starts earlier
    # (in capitals, "... QUÂN A.P", the case change marks where: test_title_case_split)
    "Ngày Em Đến Obito feat. Lăng Nhật karaoke",  # a name inside a credit list
])
def test_unsure_vietnamese_name_ends_leave_the_title_whole(title: str) -> None:
    r = parse_title(title)
    assert r.artist is None and r.song


def test_trailing_beat_after_a_vietnamese_singer_is_noise() -> None:
    r = parse_title("Mưa Tháng Sáu - Bin Lee beat")
    assert (r.artist, r.song) == ("Bin Lee", "Mưa Tháng Sáu")
    r = parse_title("Beat It - Michael Jackson (Karaoke)")
    assert (r.artist, r.song) == ("Michael Jackson", "Beat It")


@pytest.mark.parametrize("marker", ["(Karaoke Version)", "[Karaoke Instrumental]",
                                    "(Karaoke Beat)"])
def test_a_karaoke_version_tag_after_the_first_part_marks_the_song(marker: str) -> None:
    # Made-up names the lexicon cannot know: the tag's place alone decides.
    r = parse_title(f"Velvet Lanterns {marker} - Quorin Dask")
    assert (r.artist, r.song) == ("Quorin Dask", "Velvet Lanterns")


@pytest.mark.parametrize(("title", "artist", "song"), [
    ("Lan Chi và Minh Quý - Chuyện Tình Mùa Thu | Karaoke", "Lan Chi và Minh Quý",
     "Chuyện Tình Mùa Thu"),
    ("Chuyện Tình Mùa Thu - Lan Chi và Minh Quý | Karaoke", "Lan Chi và Minh Quý",
     "Chuyện Tình Mùa Thu"),
])
def test_a_list_of_capitalised_vietnamese_names_is_the_artist(title: str, artist: str,
                                                              song: str) -> None:
    r = parse_title(title)
    assert (r.artist, r.song) == (artist, song)
