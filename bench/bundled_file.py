"""Write a rebuilt data file into collector/data/, or only say whether it is up to date."""

from __future__ import annotations

from pathlib import Path


def check_or_write(out: Path, data: bytes, what: str, root: Path, check: bool) -> int:
    """``check``: exit status 0 when ``out`` holds exactly ``data``; else write it."""
    if check:
        same = out.exists() and out.read_bytes() == data
        print(f"{what} up to date" if same else f"{what} differs from a rebuild")
        return 0 if same else 1
    out.write_bytes(data)
    print(f"wrote {out.relative_to(root)}: {len(data):,} bytes")
    return 0
