"""Coverage plots as inline SVG (pure: strings in, markup out; nothing fetched)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

_BAR = "#1f5f8b"
_TEXT = "#1a1a1a"


def bar_chart(title: str, items: Sequence[tuple[str, int]], *, width: int = 560,
              row: int = 22, label_width: int = 170) -> str:
    """Horizontal bars, one per (label, count), labelled with their counts."""
    if not items:
        return f'<p class="empty">{escape(title)}: no data yet.</p>'
    top = max(c for _, c in items) or 1
    bar_space = width - label_width - 60
    height = row * len(items) + 8
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
             f"<title>{escape(title)}</title>"]
    for i, (label, count) in enumerate(items):
        y = 4 + i * row
        w = max(1, round(bar_space * count / top))
        short = label if len(label) <= 26 else label[:25] + "…"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + row * 0.68:.1f}" text-anchor="end" '
            f'font-size="13" fill="{_TEXT}">{escape(short)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{w}" height="{row - 6}" fill="{_BAR}">'
            f"<title>{escape(label)}: {count:,}</title></rect>"
            f'<text x="{label_width + w + 5}" y="{y + row * 0.68:.1f}" font-size="13" '
            f'fill="{_TEXT}">{count:,}</text>')
    parts.append("</svg>")
    return "".join(parts)


def share_bar(title: str, part: int, whole: int, *, width: int = 560) -> str:
    """One bar split into the share that has something and the share that has not."""
    pct = part / whole * 100 if whole else 0.0
    w = round((width - 2) * part / whole) if whole else 0
    label = f"{title}: {part:,} of {whole:,} ({pct:.1f}%)"
    return (f'<svg class="chart" viewBox="0 0 {width} 52" width="100%" role="img" '
            f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
            f"<title>{escape(label)}</title>"
            f'<rect x="1" y="1" width="{width - 2}" height="24" fill="#e4e8ec" stroke="#5a6570"/>'
            f'<rect x="1" y="1" width="{w}" height="24" fill="{_BAR}"/>'
            f'<text x="1" y="45" font-size="14" fill="{_TEXT}">{escape(label)}</text></svg>')
