"""Brand and language conventions as data: a title signature -> which side is the artist.

Each entry matches the title text (never the channel name: channels get renamed) or the
separator the title split on, and votes for an orientation with a weight. Weights add to
the per-title evidence in :mod:`collector.parsing.orientation`; none decides alone against
stronger evidence (a known artist, a "feat." credit, quotes).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from collector.models import Orientation

AS = Orientation.ARTIST_SONG
SA = Orientation.SONG_ARTIST


def _vietnamese_letters() -> str:
    """Letters only Vietnamese uses among Latin scripts, from Unicode decompositions.

    A vowel with a horn (ơ ư), a dot below, a hook above, a circumflex with a tone mark,
    a breve on a (ă), a tilde on e/i/u/y (ẽ ĩ ũ ỹ), a grave on y (ỳ), and đ; plus â ê ô,
    rare enough elsewhere among karaoke titles. Letters Vietnamese shares with French,
    Spanish or Italian (à é ì ò ...) are left to the syllable patterns below.
    """
    letters = {"đ", "Đ", "â", "Â", "ê", "Ê", "ô", "Ô"}
    for cp in range(0x00C0, 0x1EFF + 1):
        ch = chr(cp)
        parts = unicodedata.normalize("NFD", ch)
        if len(parts) < 2 or parts[0].lower() not in "aeiouy":
            continue
        base, marks = parts[0].lower(), set(parts[1:])
        if (marks & {"\u031b", "\u0309", "\u0323"}  # horn, hook above, dot below
                or ("\u0302" in marks and len(marks) > 1)  # circumflex with a tone
                or (base == "a" and "\u0306" in marks)  # breve: ă
                or (base in "eiuy" and "\u0303" in marks)  # tilde: ẽ ĩ ũ ỹ
                or (base == "y" and "\u0300" in marks)):  # ỳ
            letters.add(ch)
    return "".join(sorted(letters))


_VIETNAMESE = _vietnamese_letters()
# Letters Vietnamese shares with other languages mark it only in a Vietnamese syllable:
# "Tình", "Thành", "Cùng" (a marked vowel before a final -nh/-ng/-ch: not Portuguese
# "Língua"), "Ngày", "Hòa", "Vì".
_SHARED = "àáèéìíòóùúý"
VIETNAMESE_RE = re.compile(
    f"[{_VIETNAMESE}]|[{_SHARED}](?:nh|ng|ch)\\b|[àá]y|[òó]a|\\b(?:v|th|g)ì\\b",
    re.IGNORECASE)
# The most common Vietnamese family names: a name that starts with one is a person's.
VIETNAMESE_SURNAMES = frozenset(
    """
    nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý phùng trương
    đinh lâm tô châu quách lương đàm tạ triệu đoàn lưu trịnh khổng mạc
    """.split()
)

# The most common Chinese family names (simplified and traditional forms; the top of the
# mainland and Taiwan household registers): a two- or three-character Han name starting
# with one is a person's ("姚慧汶", "周杰倫").
CHINESE_SURNAMES = frozenset(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧"
    "曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖"
    "贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴"
    "覃武戴莫孔向汤湯蔺藺庾伍容欧歐阮温溫柯凌孫游卓"
)

# Tagalog words that mark a Filipino title (pronouns, particles, "mahal", "pag-ibig"),
# chosen to be rare as words of English, Spanish or Vietnamese titles; and the tags
# Filipino uploads add ("OPM", "tagalog", "pinoy").
TAGALOG_WORDS = frozenset("""
    ang mga kita ikaw ako siya tayo tayong kami kayo sila rin lamang hindi huwag naman
    lahat walang wala mahal pag-ibig puso sana akin natin iyong
    """.split())
TAGALOG_RE = re.compile(
    r"(?i)(?<![^\W_])(?:" + "|".join(sorted(TAGALOG_WORDS)) + r")(?![^\W_])")
_TAGALOG_TAGS = frozenset({"opm", "tagalog", "pinoy"})


@dataclass(frozen=True, slots=True)
class Convention:
    name: str
    orientation: Orientation
    weight: float
    provenance: str
    pattern: re.Pattern[str] | None = None  # searched in the normalised title
    sep: str | None = None  # or: the separator the title split on
    hint: tuple[str, ...] = ()  # literals, one of which must be in the lowercased title
    non_ascii: bool = False  # the signature needs a non-ASCII letter (cheap gate)
    words: frozenset[str] = frozenset()  # or: one of these must be a word of the title


CONVENTIONS: tuple[Convention, ...] = (
    Convention(
        "vietnamese", SA, 0.75,
        "Vietnamese karaoke channels title 'Bài hát - Ca sĩ' (song - singer): most "
        "Vietnamese titles in the tuned part of dev2_labeled read that way",
        pattern=VIETNAMESE_RE, non_ascii=True,
    ),
    Convention(
        "tagalog", SA, 0.75,
        "Filipino (OPM) karaoke uploads title 'Kanta - Mang-aawit (KARAOKE VERSION)' (song "
        "- singer): every Filipino title of dev5's tuned part reads that way",
        words=TAGALOG_WORDS | _TAGALOG_TAGS,
    ),
    Convention(
        "korean_noraebang", SA, 1.5,
        "TJ Media and KY (Kumyoung) noraebang uploads title '[TJ노래방] 곡 - 가수' (song - "
        "singer); issue 11",
        pattern=re.compile(r"\bTJ\s*(?:노래방|karaoke|media)|\bKY\s*(?:노래방|karaoke)|금영", re.I),
        hint=("tj", "ky", "금영"),
    ),
    Convention(
        "karaoke_prefix", SA, 1.0,
        "'Karaoke Song - Artist' and 'Karaoke - Song - Artist' (shared/README.md; issue 11)",
        pattern=re.compile(r"^karaok[eé]\b(?!\s*(?:version|video)?\s*:)", re.I),
        hint=("karaok",),
    ),
    Convention(
        "karafun", SA, 1.5,
        "KaraFun titles 'Song - Artist | Karaoke Version | KaraFun' (dev_labeled)",
        pattern=re.compile(r"\|\s*karaoke version\s*\|\s*karafun", re.I),
        hint=("karafun",),
    ),
    Convention(
        "zoom_from", AS, 1.0,
        "'Artist - Song - Karaoke Version from Zoom Karaoke' (issue 11 example shape)",
        pattern=re.compile(r"karaoke version from\b", re.I), hint=("from",),
    ),
    Convention(
        "slash", SA, 0.75,
        "Japanese and filename titles '曲名 / 歌手' (song / singer); the parser's earlier rule. "
        "Not ' _ ': Korean music-video titles write '[MV] Artist _ Song' (dev3 tuned part)",
        sep="slash", pattern=re.compile("/"), hint=("/",),
    ),
    Convention(
        "marker_inside", SA, 1.0,
        "'Song karaoke Artist' with the marker between the two (Vietnamese uploads, "
        "dev2_labeled tuned part)",
        sep="marker",
    ),
    Convention(
        # 1.75: these titles also match karaoke_prefix (Song - Artist, 1.0); the whole
        # form outweighs its prefix. The brand after the last hyphen may be mixed case.
        "tight_filename", AS, 1.75,
        "All-caps file-name uploads 'KARAOKE - ARTIST-SONG-Brand' (issue 11 example shape)",
        sep="tight", pattern=re.compile(r"^[^a-z]*(?:-[^-]*)?$"),
    ),
    Convention(
        "vietnamese_name_last", SA, 2.0,
        "Vietnamese titles without a separator, 'Bài Hát Họ Tên' (song, then the singer's "
        "full name; dev2_labeled tuned part)",
        sep="name",
    ),
    Convention(
        "music_video", AS, 1.0,
        "Artists' and labels' channels title music videos 'Artist - Song (Official Video)' "
        "(YouTube practice; the music videos of dev3's tuned part): a title naming the "
        "video and no karaoke track. Not Vietnamese ones: they keep the song first "
        "('Bài Hát | OFFICIAL MUSIC VIDEO | Ca Sĩ', dev3 tuned part)",
        pattern=re.compile(
            r"(?i)^(?!.*(?:karaok|videok|カラオケ|노래방|伴奏|instrumental|\bbeat\b|minus|pista|"
            r"playback|\bmr\b|\binst\b))(?!.*(?:" + VIETNAMESE_RE.pattern + r"))"
            r".*(?:official\s+(?:music\s+)?video|official\s+audio|"
            r"official\s+m/?v|lyrics?\s+video|visuali[sz]er|\bm/v\b|[\[(]mv[\])]|music\s+video)"),
        hint=("official", "lyric video", "lyrics video", "music video", "mv", "m/v", "visuali"),
    ),
    Convention(
        "underscore_filename", AS, 0.75,
        "MagicSing and file-name uploads 'ARTIST_SONG' (issue 11 example shape)",
        sep="underscore",
    ),
)


def convention_votes(text: str, sep: str | None, word_signatures: bool = False
                     ) -> list[tuple[Convention, float]]:
    """The conventions that match ``text`` (or its separator), each with its signed vote.

    A positive vote means Artist - Song, a negative one Song - Artist. ``word_signatures``:
    only the conventions matched by a word of the title (costlier: the caller asks them
    when their vote can still matter), else only the others.
    """
    lower: str | None = None
    words: list[str] | None = None
    ascii_only = text.isascii()
    votes = []
    for c in _for_sep(sep, word_signatures):
        if c.non_ascii and ascii_only:
            continue
        if c.words:
            if words is None:  # one split, then C-level set tests
                if lower is None:
                    lower = text.lower()
                words = _title_words(lower)
            if c.words.isdisjoint(words):
                continue
        if c.hint:
            if lower is None:
                lower = text.lower()
            for h in c.hint:  # literal tests: cheaper than a pattern in Python's engine
                if h in lower:
                    break
            else:
                continue
        if c.pattern is not None and c.pattern.search(text) is None:
            continue
        votes.append((c, c.weight if c.orientation is AS else -c.weight))
    return votes


def _title_words(lower: str) -> list[str]:
    """The words of a lowercased title, brackets and hashtag signs taken off."""
    if "(" in lower or ")" in lower or "#" in lower or "[" in lower or "]" in lower:
        for ch in "()#[]":
            lower = lower.replace(ch, " ")
    return lower.split()


@functools.lru_cache(maxsize=64)
def _for_sep(sep: str | None, word_signatures: bool = False) -> tuple[Convention, ...]:
    """The conventions that can apply to titles split on ``sep`` (those matched by a
    title's words, or the others)."""
    return tuple(c for c in CONVENTIONS if (c.sep is None or c.sep == sep)
                 and bool(c.words) == word_signatures)
