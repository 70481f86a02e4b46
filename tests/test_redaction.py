"""One redaction path: secrets and credential-looking values never leave the process."""

from __future__ import annotations

import io
import logging

from collector.redaction import MASK, RedactingFormatter, body_snippet, redact
from collector.secret import Secret

CANARY = "CANARY-redaction-7c1e55"


def test_every_secret_created_is_masked_everywhere() -> None:
    Secret(CANARY)
    text = f"GET /x failed: token {CANARY} rejected; again {CANARY}"
    assert redact(text) == f"GET /x failed: token {MASK} rejected; again {MASK}"


def test_credentials_we_were_never_given_are_masked_too() -> None:
    for text, gone in (("Authorization: Discogs token=abcDEF123", "abcDEF123"),
                       ("https://x/?q=a&token=zz99yy&b=1", "zz99yy"),
                       ("key=k3y-v4lue, secret=s3cr3t", "s3cr3t")):
        out = redact(text)
        assert gone not in out and MASK in out, out
    assert redact("Queen - Bohemian Rhapsody (cache key musicbrainz)") == \
        "Queen - Bohemian Rhapsody (cache key musicbrainz)"


def test_body_snippet_is_one_redacted_bounded_line() -> None:
    Secret(CANARY)
    body = b"<html>\r\n\x1b[31m" + b" " * 40 + f"Discogs token={CANARY}".encode() + b"x" * 500
    snippet = body_snippet(body, limit=60)
    assert CANARY not in snippet and "CANARY" not in snippet  # no half of it either
    assert "\n" not in snippet and "\x1b" not in snippet and len(snippet) <= 60
    assert snippet.startswith("<html> [31m Discogs token=" + MASK)


def test_log_lines_and_their_tracebacks_are_redacted() -> None:
    Secret(CANARY)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter("%(levelname)s %(message)s"))
    log = logging.getLogger("test.redaction")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("answer was %r", f"token={CANARY}")
        try:
            raise RuntimeError(f"failed with {CANARY}")
        except RuntimeError:
            log.exception("details")
    finally:
        log.removeHandler(handler)
    out = stream.getvalue()
    assert CANARY not in out
    assert "RuntimeError: failed with ****" in out and "answer was 'token=****'" in out


def test_discogs_cli_errors_are_redacted(runner, tmp_path) -> None:
    from collector.discogs_cli import discogs

    Secret(CANARY)
    cfg = tmp_path / "bad.yaml"
    cfg.write_text(f"data_sources:\n  discogs:\n    base_url: http://example.com/{CANARY}\n")
    res = runner.invoke(discogs, ["--config", str(cfg), "status"])
    assert res.exit_code == 1 and "Error:" in res.output and "https" in res.output
    assert CANARY not in res.output


def test_a_too_short_secret_does_not_garble_every_message() -> None:
    Secret("t")
    assert redact("the total") == "the total"
