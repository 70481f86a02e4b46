"""Per-title evidence in Vietnamese titles: which side reads as a singer's name (pure).

Vietnamese karaoke channels mostly title ``Bài hát - Ca sĩ`` (song - singer), but many
write ``Ca sĩ - Bài hát``; the convention is a prior, and these cues weigh each title's
own sides against it:

- a personal name: two to four capitalised syllables that start with a common family
  name ("Phùng Khánh Linh") or end with a common given name ("Mỹ Tâm", "Đông Nhi");
- a stage name in plain Latin letters ("RHYDER", "Erik", "Dangrangto") opposite a side
  written in Vietnamese;
- a song: a longer phrase (five syllables or more) or one with lowercase words
  ("Mình yêu nhau đi": names are always capitalised).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from collector.parsing.conventions import VIETNAMESE_RE, VIETNAMESE_SURNAMES


@dataclass(frozen=True, slots=True)
class VietnameseWeights:
    surname: float = 1.5  # "Phùng Khánh Linh"
    given_name: float = 1.0  # "Mỹ Tâm": a common given name ends a short capitalised side
    stage_name: float = 1.0  # "RHYDER" opposite a side written in Vietnamese
    name_list: float = 1.0  # "A và B", "A, B": every item a capitalised name
    phrase: float = 0.75  # five syllables or more: a song
    lowercase: float = 0.75  # a lowercase word: a song ("Lối đi riêng")


VIETNAMESE_WEIGHTS = VietnameseWeights()
_LIST_RE = re.compile(r"\s*(?:,|&|\s+x\s+|\s+và\s+|\s+-\s+)\s*")

# Common given names (the last syllable of a name). Pronouns and words that end many
# song titles ("Anh", "Em", "Mai", "Hoa") are left out.
GIVEN_NAMES = frozenset(
    """
    linh huy tâm nhi thy dương tường quỳnh hiếu tuấn bình phương chi ngọc trang thảo vy
    my nhung hương lan hằng ly hân khánh nam sơn tùng long minh hùng dũng quân khoa phúc
    trung việt bảo đạt duy hải kiên lâm lộc nhân phong quang thắng thành thịnh tiến toàn
    trí tú vinh yến giang thư tiên ngân trinh thùy diệu loan hạnh nga nguyên hòa hoà khang
    khôi lực luân mạnh nhật phát tài thái thanh thiện thông trâm uyên vân xuân hậu
    """.split()
)


def _capitalised(words: list[str]) -> bool:
    for w in words:  # noqa: SIM110 - a plain loop is cheaper than all() here (hot path)
        if not w[0].isupper():
            return False
    return True


@functools.lru_cache(maxsize=16384)
def name_evidence(side: str, w: VietnameseWeights = VIETNAMESE_WEIGHTS) -> float:
    """How much ``side`` of a Vietnamese title reads as a singer (negative: as a song)."""
    words = side.split()
    if not words:
        return 0.0
    score = 0.0
    n = len(words)
    if 2 <= n <= 4 and _capitalised(words):
        if words[0].lower() in VIETNAMESE_SURNAMES:
            score += w.surname
        elif n <= 3 and words[-1].lower() in GIVEN_NAMES:
            score += w.given_name
    if "," in side or "&" in side or " x " in side or " và " in side or " - " in side:
        # A list of credits ("Hà An Huy và Phương Linh", "NGẮN và Robber"; a pipe title's
        # "Lou Hoàng - Miu Lê"): names when
        # every item is one to four capitalised words; never a phrase.
        items = [i.split() for i in _LIST_RE.split(side)]
        if len(items) >= 2 and all(0 < len(i) <= 4 and _capitalised(i) for i in items):
            score += w.name_list
        return score
    if n >= 5:
        score -= w.phrase
    if not side.isupper() and not _capitalised(words):
        score -= w.lowercase
    return score


def _stage_name(side: str) -> bool:
    return side.isascii() and 0 < len(side.split()) <= 3 and any(c.isalpha() for c in side)


def _personal_name(side: str) -> bool:
    words = side.split()
    return (len(words) == 2 and _capitalised(words)) or name_evidence(side) > 0


def side_votes(left: str, right: str, english_title: bool = False) -> float:
    """Signed evidence that ``left`` is the singer (positive) or ``right`` is (negative).

    ``english_title``: the caller knows the plain-Latin side as a chart title ("Pháp Kiều
    - COLORS"), so it is no stage name when the Vietnamese side reads as a personal name
    (two capitalised words, or a name's shape): that side is the singer.
    """
    total = name_evidence(left) - name_evidence(right)
    sl, sr = _stage_name(left), _stage_name(right)
    if sl != sr and english_title and _personal_name(right if sl else left):
        return total + (-VIETNAMESE_WEIGHTS.stage_name if sl else VIETNAMESE_WEIGHTS.stage_name)
    if sl != sr:
        other = right if sl else left
        if VIETNAMESE_RE.search(other):
            total += VIETNAMESE_WEIGHTS.stage_name if sl else -VIETNAMESE_WEIGHTS.stage_name
    return total


# Vietnamese written without its marks ("Bay Giua Ngan Ha - Nam Cuong"): every word a
# plain syllable (onset + rhyme from the small table below) and at least two words with an
# onset or rhyme English words rarely have ("ng", "gi", "uo"). "Let It Go" is plain
# syllables too, so both sides count and one non-syllable word ("Idina") rules it out.
_UNMARKED_SYLLABLE_RE = re.compile(
    r"(?:ngh|ng|nh|ch|tr|th|kh|ph|gi|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")
_UNMARKED_SIGN_RE = re.compile(r"^(?:ng|nh|gi|kh|ph|qu|tr)|uo|ie|uy|oa|ua")
_UNMARKED_MIN_WORDS = 4


def _unmark(word: str) -> str:
    return unicodedata.normalize("NFKD", word.replace("đ", "d")).encode(
        "ascii", "ignore").decode()


_UNMARKED_SURNAMES = frozenset(_unmark(n) for n in VIETNAMESE_SURNAMES)
_UNMARKED_GIVEN = frozenset(_unmark(n) for n in GIVEN_NAMES) | {"cuong"}


def is_unmarked_vietnamese(left: str, right: str) -> bool:
    """Whether a plain-ASCII title split in ``left`` and ``right`` reads as Vietnamese
    written without diacritics."""
    words = left.split() + right.split()
    if len(words) < _UNMARKED_MIN_WORDS:
        return False
    signs = 0
    for w in words:
        if len(w) <= 4 and w.isupper() and w.isalpha():
            continue  # "Son Tung MTP": a stage-name acronym says nothing either way
        lw = w.lower()
        if _UNMARKED_SYLLABLE_RE.fullmatch(lw) is None:
            return False
        if _UNMARKED_SIGN_RE.search(lw):
            signs += 1
    return signs >= 2


def unmarked_side_votes(left: str, right: str) -> float:
    """Signed evidence that ``left`` is the singer of an unmarked Vietnamese title: a
    capitalised two-to-four-word side starting with a family name ("Tran Minh Duc") or
    ending with a common given name ("Khanh Phuong")."""
    return _unmarked_name(left) - _unmarked_name(right)


def _unmarked_name(side: str) -> float:
    words = side.split()
    if 2 <= len(words) <= 4 and _capitalised(words):
        if words[0].lower() in _UNMARKED_SURNAMES:
            return VIETNAMESE_WEIGHTS.surname
        if len(words) <= 3 and words[-1].lower() in _UNMARKED_GIVEN:
            return VIETNAMESE_WEIGHTS.given_name
    return -VIETNAMESE_WEIGHTS.phrase if len(words) >= 5 else 0.0
