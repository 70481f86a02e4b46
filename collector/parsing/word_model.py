"""Does a name read as an artist or as a song title, from its words alone (pure).

For names no list knows: a naive-Bayes log-odds model trained on the artist lexicon's
own names (charted artists against charted titles, ``bench/build_word_model.py``):

- per word (folded, lowercase): the smoothed log of its rate among artist-name words
  over its rate among title words ("love", "you", "me", "dont" are title words; "band",
  "lil", "brothers", "orchestra" artist words). A word the model has never seen counts as
  words seen once do (Good-Turing): rare words are mostly proper names, so an unknown
  word leans to the artist side;
- per name: the log-odds of its number of words (artist names are short).

:meth:`WordModel.evidence` sums them, capped; :mod:`collector.parsing.orientation`
weighs the difference of the two sides with a named weight, and only when the artist
knowledge gives little.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from collector.parsing.normalise import artist_key

UNKNOWN = "<unk>"  # a word seen at most once in training
NUMBER = "<num>"  # a word of digits only ("1999", "22")
LENGTH = "<len>"  # prefix of the word-count entries ("<len>3")
MAX_LENGTH = 8  # word counts above this share one entry
SMOOTHING = 0.5  # added to each word's count in each class
WORD_CAP = 2.5  # no single word says more than this
EVIDENCE_CAP = 4.0  # nor a whole name


def tokens(key: str) -> list[str]:
    """The model's words of an ``artist_key``-folded name."""
    return [NUMBER if w.isdigit() else w for w in key.split()]


@dataclass(frozen=True, slots=True)
class WordModel:
    """Log-odds (artist over title) per word and per word count; see the module doc."""

    words: dict[str, float] = field(default_factory=dict)
    unknown: float = 0.0
    lengths: dict[int, float] = field(default_factory=dict)

    def evidence(self, text: str) -> tuple[float, bool]:
        """(how much ``text`` reads as an artist name rather than a title, negative: a
        title; whether the model knows any of its words)."""
        words = tokens(artist_key(text))
        if not words:
            return 0.0, False
        get, unknown = self.words.get, self.unknown
        scores = [get(w, None) for w in words]
        known = [x for x in scores if x is not None]
        score = sum(known) + unknown * (len(words) - len(known))
        score += self.lengths.get(min(len(words), MAX_LENGTH), 0.0)
        return max(-EVIDENCE_CAP, min(EVIDENCE_CAP, score)), bool(known)


def train(artists: Iterable[str], titles: Iterable[str]) -> WordModel:
    """A model from folded artist names and titles (each name counts each word once)."""
    a_words: Counter[str] = Counter()
    t_words: Counter[str] = Counter()
    a_len: Counter[int] = Counter()
    t_len: Counter[int] = Counter()
    n_a = n_t = 0
    for names, words, lengths in ((artists, a_words, a_len), (titles, t_words, t_len)):
        for name in names:
            toks = tokens(artist_key(name))
            if not toks:
                continue
            words.update(set(toks))
            lengths[min(len(toks), MAX_LENGTH)] += 1
    n_a, n_t = sum(a_words.values()), sum(t_words.values())
    if not n_a or not n_t:
        return WordModel()
    # Good-Turing: the chance of a never-seen word is that of a word seen once.
    hapax = {w for w in a_words.keys() | t_words.keys() if a_words[w] + t_words[w] == 1}
    unknown = math.log((sum(a_words[w] for w in hapax) + 1) / n_a) - math.log(
        (sum(t_words[w] for w in hapax) + 1) / n_t)
    model: dict[str, float] = {}
    for w in a_words.keys() | t_words.keys():
        if w in hapax:
            continue
        x = math.log((a_words[w] + SMOOTHING) / n_a) - math.log((t_words[w] + SMOOTHING) / n_t)
        model[w] = round(max(-WORD_CAP, min(WORD_CAP, x)), 2)
    names_a, names_t = sum(a_len.values()), sum(t_len.values())
    lengths = {
        n: round(math.log((a_len[n] + 1) / names_a) - math.log((t_len[n] + 1) / names_t), 2)
        for n in range(1, MAX_LENGTH + 1)
    }
    return WordModel(model, round(unknown, 2), lengths)


def dump(model: WordModel) -> str:
    """The model as TSV lines (``word<TAB>log-odds``), sorted: byte-stable."""
    rows = [(UNKNOWN, model.unknown)]
    rows += [(f"{LENGTH}{n}", x) for n, x in sorted(model.lengths.items())]
    rows += sorted(model.words.items())
    return "".join(f"{w}\t{x:g}\n" for w, x in rows)


def load(lines: Iterable[str]) -> WordModel:
    """The model from :func:`dump`'s lines (``#`` lines are comments)."""
    words: dict[str, float] = {}
    lengths: dict[int, float] = {}
    unknown = 0.0
    for line in lines:
        if not line or line[0] == "#":
            continue
        w, _, x = line.rstrip("\n").partition("\t")
        if w == UNKNOWN:
            unknown = float(x)
        elif w.startswith(LENGTH):
            lengths[int(w[len(LENGTH):])] = float(x)
        else:
            words[w] = float(x)
    return WordModel(words, unknown, lengths)
