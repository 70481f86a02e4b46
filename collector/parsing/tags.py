"""Version tags: what a title says about the recording ("karaoke", "live", "piano",
"no_lead_vocal", "key_change", ...), found anywhere in the title (pure).

Each tag has a pattern that only runs when one of its literal trigger words is in the
lowercased title: substring tests are cheaper than the patterns in Python's regex engine.
"""

from __future__ import annotations

import re

# tag -> pattern; a pattern only runs when one of its trigger words is in the title.
_TAG_RX: dict[str, str] = {
    "karaoke": r"karaok|karafun|караоке|카라오케|노래방|卡拉|カラオケ|伴奏|伴唱|videok|반주|"
    r"\bktv\b",
    "instrumental": r"\binstrumental|\binst\b|オフボーカル|消音|минус|\bminus\s?one\b|"
    r"\boff[\s-]vocal\b|\btanpa\s+vokal\b",
    "no_lead_vocal": r"\b(?:no|without|w/o|sin)\s+(?:lead\s+)?vocals?\b|\bno\s+lead\b",
    "with_lead_vocal": r"\bwith\s+lead\s+vocals?\b|\bguide\s+(?:vocal|melody)\b",
    "backing_vocals": r"\bwith\s+backing\s+vocals?\b|\bbacking\s+vocals?\b",
    "no_backing_vocals": r"\b(?:no|without)\s+backing\s+vocals?\b",
    "lyrics": r"\blyrics?\b|\bletras?\b|\bparoles\b|歌詞|字幕",
    "piano": r"\bpiano\b",
    "acoustic": r"\bacoustic\b|\bunplugged\b",
    "duet": r"\bduet\b|\bduo\b|\bdueto\b",
    "key_change": r"\b(?:lower|higher|low|high)\s+key\b|\bkey\s+(?:of\s+)?[a-g][#b]?m?\b|"
    r"[+-]\d+\s*(?:key|semitones?)\b|\bkey\s*[+-]\d+",
    "live": r"\blive\b",
    "radio_edit": r"\bradio\s+(?:edit|version|mix)\b",
    "remix": r"\bremix\b",
    "remastered": r"\bremaster(?:ed)?\b",
    "male_key": r"\bmale\s+(?:key|version)\b",
    "female_key": r"\bfemale\s+(?:key|version)\b",
    "hd": r"\b(?:hd|hq|4k|uhd|1080p|720p)\b",
}
_TAG_TRIGGERS: dict[str, tuple[str, ...]] = {
    "karaoke": ("karaok", "karafun", "караоке", "카라오케", "노래방", "卡拉", "カラオケ", "伴奏",
                "伴唱", "كاريوكي", "کارائوکه", "קריוקי", "คาราโอเกะ", "καραόκε", "videok", "반주",
                "ktv"),
    "instrumental": ("instrumental", "inst", "オフボーカル", "消音", "минус", "minus", "off v",
                     "off-v", "tanpa"),
    # Titles are normalised to single spaces, so each way the pattern can match has a
    # literal here: the pattern only runs to check word boundaries.
    "no_lead_vocal": ("no lead", "no lead vocal", "no vocal", "without vocal",
                      "without lead vocal", "w/o", "sin vocal", "sin lead"),
    "with_lead_vocal": ("guide", "with lead vocal"),
    "backing_vocals": ("backing",),
    "no_backing_vocals": ("backing",),
    "lyrics": ("lyric", "letra", "paroles", "歌詞", "字幕"),
    "piano": ("piano",),
    "acoustic": ("acoustic", "unplugged"),
    "duet": ("duet", "duo"),
    "key_change": ("key", "semitone"),
    "live": ("live",),
    "radio_edit": ("radio",),
    "remix": ("remix",),
    "remastered": ("remaster",),
    "male_key": ("male",),
    "female_key": ("female",),
    "hd": ("hd", "hq", "4k", "1080p", "720p"),
}
# Matched against the lowercased title (IGNORECASE makes every pattern slower).
_TAG_PATTERNS = {tag: re.compile(rx) for tag, rx in _TAG_RX.items()}
# Triggers that alone prove their tag (the pattern would match wherever they occur).
_CERTAIN_TRIGGERS = frozenset(
    "karaok karafun караоке 카라오케 노래방 卡拉 カラオケ 伴奏 伴唱 instrumental オフボーカル 消音 "
    "كاريوكي کارائوکه קריוקי คาราโอเกะ καραόκε videok 반주 "
    "unplugged 歌詞 字幕 lyric".split()
) | {"no lead vocal", "without lead vocal", "with lead vocal"}
_TRIGGERS: tuple[tuple[str, str], ...] = tuple(
    (t, tag) for tag, triggers in _TAG_TRIGGERS.items() for t in triggers
)
_TAGS_OF_TRIGGER: dict[str, list[str]] = {}
for _t, _tag in _TRIGGERS:
    _TAGS_OF_TRIGGER.setdefault(_t, []).append(_tag)


_TAG_ORDER = {tag: i for i, tag in enumerate(_TAG_RX)}
# Triggers without a space lie inside one word of the title: each word's triggers are
# looked up once per word (words recur from title to title) instead of testing every
# trigger against every title. Triggers with a space ("no lead", "off v") are tested on
# the whole title, and only when one of the gates they all hold is there.
_SOLID = tuple(t for t in _TAGS_OF_TRIGGER if " " not in t)
_SPACED = tuple(t for t in _TAGS_OF_TRIGGER if " " in t)
_SPACED_GATES = (" lead", " vocal", "off v")
assert all(any(g in t for g in _SPACED_GATES) for t in _SPACED)
_WORD_TRIGGERS: dict[str, tuple[str, ...]] = {}
# Words seen to hold no trigger (most words): one set test skips each (cheaper than
# building a set of the title's words and taking the difference).
_PLAIN_WORDS: set[str] = set()


def _triggers_in(lower: str) -> set[str]:
    """Every trigger that occurs in ``lower`` (as a substring)."""
    hits: set[str] = set()
    known = _WORD_TRIGGERS
    plain = _PLAIN_WORDS
    for word in lower.split():  # a repeated word adds its triggers again: a set holds them
        if word in plain:
            continue
        found = known.get(word)
        if found is None:
            if len(known) >= 65536:
                known.clear()
            if len(_PLAIN_WORDS) >= 65536:
                _PLAIN_WORDS.clear()
            found = tuple(t for t in _SOLID if t in word)
            if not found:
                _PLAIN_WORDS.add(word)
                continue
            known[word] = found
        hits.update(found)
    for gate in _SPACED_GATES:
        if gate in lower:
            hits.update(filter(lower.__contains__, _SPACED))
            break
    return hits


def version_tags(text: str, lower: str | None = None) -> list[str]:
    """Version tags named anywhere in ``text`` (in the order of :data:`_TAG_RX`;
    ``lower``: the caller's ``text.lower()``, when it has one)."""
    if lower is None:
        lower = text.lower()
    # Literal triggers gate the costlier patterns (cheaper than one alternation pattern
    # in Python's regex engine).
    hits = _triggers_in(lower)
    if not hits:
        return []
    key = frozenset(hits)
    plan = _PLANS.get(key)
    if plan is None:
        if len(_PLANS) >= 4096:
            _PLANS.clear()
        plan = _PLANS[key] = _plan(hits)
    certain, candidates = plan
    if not candidates:
        return list(certain)
    return _ordered({*certain, *(tag for tag in candidates
                                 if _TAG_PATTERNS[tag].search(lower))})


# Hit triggers -> (tags they prove, in order; tags whose pattern must check): the same
# few combinations recur in title after title.
_PLANS: dict[frozenset[str], tuple[list[str], tuple[str, ...]]] = {}


def _plan(hits: set[str]) -> tuple[list[str], tuple[str, ...]]:
    certain: set[str] = set()
    candidates: set[str] = set()
    for trigger in hits:
        (certain if trigger in _CERTAIN_TRIGGERS else candidates).update(
            _TAGS_OF_TRIGGER[trigger])
    return _ordered(certain), tuple(sorted(candidates - certain, key=_TAG_ORDER.__getitem__))


def _ordered(found: set[str]) -> list[str]:
    if "no_lead_vocal" in found:
        found.discard("with_lead_vocal")
    if "no_backing_vocals" in found:
        found.discard("backing_vocals")
    return sorted(found, key=_TAG_ORDER.__getitem__)
