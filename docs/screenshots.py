"""Make the README's songbook screenshots: the example channels' songbook in headless Chromium.

    .venv/bin/python docs/screenshots.py     # writes docs/songbook-desktop.png, -phone.png
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import chromium  # noqa: E402

CLI = [sys.executable, "-m", "collector"]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        db, html = Path(tmp) / "k.db", Path(tmp) / "songbook.html"
        for src in ("karafun_videos.json", "stingray_videos.jsonl"):
            subprocess.run([*CLI, "--db", str(db), "collect-channel",
                            str(ROOT / "examples" / src), "--offline"], check=True,
                           capture_output=True)
        subprocess.run([*CLI, "--db", str(db), "songbook", "-o", str(html), "--title",
                        "Karaoke songbook (example channels)"], check=True)
        shots = [("desktop", 1280, 860, ""), ("phone", 390, 844, "love")]
        for name, width, height, query in shots:
            with chromium.chromium(width, height) as d:
                d.get(html.as_uri())
                if query:
                    d.find_element("id", "q").send_keys(query)
                time.sleep(0.3)
                out = ROOT / "docs" / f"songbook-{name}.png"
                d.save_screenshot(str(out))
                print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
