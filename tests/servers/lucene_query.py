"""Lucene query syntax as the MusicBrainz search server reads it, for the local ws/2 server.

Parses what the real search accepts in its ``query`` parameter: fielded terms and
phrases (``recording:"Africa"``, ``arid:abc``), field groups (``arid:(a OR b)``),
``AND``/``OR``/``NOT`` (and ``&&``, ``||``, ``!``, the ``-`` prefix; ``+`` is read as no
prefix), parentheses,
juxtaposition (the default operator is OR) and backslash escapes of the special
characters ``+ - && || ! ( ) { } [ ] ^ " ~ * ? : \\ /``. A query that does not parse is a
:class:`QuerySyntaxError` (the real service answers 400).

The server's own analyzer (deliberately not the collector's normalisation: a bug there
must not hide itself): NFKD, combining marks dropped, lower case, ``&`` read as "and",
tokens are runs of letters and digits. A phrase matches a field when its tokens occur
consecutively in the field's tokens; a term matches when its tokens do (a term that
analyses to several tokens is read as a phrase, as the query parser does).

Scoring follows Lucene's shape: a matching leaf scores by how much of the field it
covers (an exact title scores 1.0, the phrase inside a longer title less), ``AND`` and
``OR`` add the scores of their matching parts, and the server normalises the best hit
of the whole query to 100.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from math import sqrt

SPECIAL = set('+-&|!(){}[]^"~*?:\\/')
_TOKEN = re.compile(r"[^\W_]+")
FIELD_WEIGHT = {"recording": 1.0, "artist": 0.6, "arid": 0.6, "rid": 1.0, "release": 0.3,
                "tag": 0.3, "artistname": 0.6, "alias": 0.5}


class QuerySyntaxError(ValueError):
    pass


def analyse(text: str) -> list[str]:
    """The server's tokens of ``text`` (see the module docstring)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("&", " and "))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _TOKEN.findall(plain.casefold())


# ------------------------------------------------------------------ the tree


@dataclass(frozen=True, slots=True)
class Leaf:
    field: str
    tokens: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


Node = Leaf | Not | And | Or


# ------------------------------------------------------------------ lexing


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "term", "phrase", "field", "(", ")", "and", "or", "not"
    text: str = ""


def _lex(query: str) -> list[_Tok]:
    out: list[_Tok] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
            continue
        if c in "()":
            out.append(_Tok(c))
            i += 1
            continue
        if query.startswith("&&", i):
            out.append(_Tok("and"))
            i += 2
            continue
        if query.startswith("||", i):
            out.append(_Tok("or"))
            i += 2
            continue
        if c == "+":  # "required": the clause must match anyway in what we evaluate
            i += 1
            continue
        if c in "!-":
            out.append(_Tok("not"))
            i += 1
            continue
        if c == '"':
            i += 1
            text = []
            while i < n and query[i] != '"':
                if query[i] == "\\" and i + 1 < n:
                    i += 1
                text.append(query[i])
                i += 1
            if i >= n:
                raise QuerySyntaxError("unterminated phrase")
            i += 1
            out.append(_Tok("phrase", "".join(text)))
            continue
        text = []
        while i < n and not query[i].isspace():
            ch = query[i]
            if ch == "\\":
                if i + 1 >= n:
                    raise QuerySyntaxError("a backslash ends the query")
                text.append(query[i + 1])
                i += 2
                continue
            if ch == ":" or (ch in SPECIAL and ch not in "-+*?"):
                break  # Lucene's term characters: "-", "+" (and wildcards) inside a term
            text.append(ch)
            i += 1
        word = "".join(text)
        if i < n and query[i] == ":":
            if not word:
                raise QuerySyntaxError("':' without a field name")
            out.append(_Tok("field", word.lower()))
            i += 1
        elif word in ("AND", "OR", "NOT"):
            out.append(_Tok(word.lower()))
        elif word:
            out.append(_Tok("term", word))
        else:
            raise QuerySyntaxError(f"unescaped {query[i]!r}")
    return out


# ------------------------------------------------------------------ parsing


class _Parser:
    def __init__(self, toks: list[_Tok], default_field: str) -> None:
        self.toks = toks
        self.pos = 0
        self.default_field = default_field

    def peek(self) -> _Tok | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.peek()
        if tok is None:
            raise QuerySyntaxError("the query ends too early")
        self.pos += 1
        return tok

    def parse_or(self, fld: str) -> Node:
        parts = [self.parse_and(fld)]
        while (tok := self.peek()) is not None and tok.kind != ")":
            if tok.kind == "or":
                self.take()
            parts.append(self.parse_and(fld))  # juxtaposition: the default operator, OR
        # A prohibited clause ("-x", "NOT x") among optional ones excludes from all of them.
        negs = tuple(p for p in parts if isinstance(p, Not))
        pos = [p for p in parts if not isinstance(p, Not)]
        if negs and pos:
            return And(((pos[0] if len(pos) == 1 else Or(tuple(pos))), *negs))
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def parse_and(self, fld: str) -> Node:
        parts = [self.parse_unary(fld)]
        while (tok := self.peek()) is not None and tok.kind == "and":
            self.take()
            parts.append(self.parse_unary(fld))
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def parse_unary(self, fld: str) -> Node:
        tok = self.peek()
        if tok is not None and tok.kind == "not":
            self.take()
            return Not(self.parse_unary(fld))
        return self.parse_primary(fld)

    def parse_primary(self, fld: str) -> Node:
        tok = self.take()
        if tok.kind == "field":
            nxt = self.peek()
            if nxt is None or nxt.kind not in ("term", "phrase", "("):
                raise QuerySyntaxError(f"nothing to search in field {tok.text!r}")
            return self.parse_primary(tok.text)
        if tok.kind == "(":
            node = self.parse_or(fld)
            if self.take().kind != ")":
                raise QuerySyntaxError("')' expected")
            return node
        if tok.kind in ("term", "phrase"):
            return Leaf(fld, tuple(analyse(tok.text)))
        raise QuerySyntaxError(f"unexpected {tok.kind!r}")


def parse(query: str, default_field: str = "recording") -> Node:
    toks = _lex(query)
    if not toks:
        raise QuerySyntaxError("empty query")
    p = _Parser(toks, default_field)
    node = p.parse_or(default_field)
    if p.peek() is not None:
        raise QuerySyntaxError("unbalanced ')'")
    return node


# ------------------------------------------------------------------ evaluation

Doc = dict[str, list[list[str]]]  # field -> its values, each analysed into tokens


def _contains(hay: list[str], needle: tuple[str, ...]) -> bool:
    k = len(needle)
    return any(tuple(hay[i:i + k]) == needle for i in range(len(hay) - k + 1))


def score(node: Node, doc: Doc) -> float | None:
    """The raw score of ``doc`` for ``node``; None when it does not match."""
    if isinstance(node, Leaf):
        if not node.tokens:
            return None
        best = None
        for value in doc.get(node.field, []):
            if _contains(value, node.tokens):
                s = FIELD_WEIGHT.get(node.field, 0.5) * sqrt(len(node.tokens) / len(value))
                best = s if best is None else max(best, s)
        return best
    if isinstance(node, Not):
        return None if score(node.child, doc) is not None else 0.0
    if isinstance(node, And):
        total = 0.0
        for child in node.children:
            s = score(child, doc)
            if s is None:
                return None
            total += s
        return total
    found = [s for c in node.children if (s := score(c, doc)) is not None]
    return sum(found) if found else None


def postings_terms(node: Node) -> set[tuple[str, str]] | None:
    """(field, token) pairs one of which every matching document must hold, or None when
    the query cannot be narrowed that way (a top-level NOT)."""
    if isinstance(node, Leaf):
        return {(node.field, node.tokens[0])} if node.tokens else set()
    if isinstance(node, Not):
        return None
    if isinstance(node, And):
        options = [t for c in node.children if (t := postings_terms(c)) is not None]
        return min(options, key=len) if options else None
    out: set[tuple[str, str]] = set()
    for child in node.children:
        terms = postings_terms(child)
        if terms is None:
            return None
        out |= terms
    return out
