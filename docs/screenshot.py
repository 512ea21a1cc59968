"""Screenshot a bilingual edition with headless Chromium (Debian's ``chromium``).

    python docs/screenshot.py SLUG [--root DIR] [--out docs/bilingual.png] [--width 1280]

renders ``build/SLUG/SLUG.en-es.html`` (run ``l10n build SLUG --lang es`` first) to a PNG,
with no network and a throw-away profile. ``--width 420`` shows the stacked phone layout.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def find_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("error: chromium not found (Debian: apt-get install chromium)")


def screenshot(page: Path, out: Path, width: int, height: int) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="l10n-chromium-") as profile:
        command = [
            find_chromium(),
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--screenshot={out.resolve()}",
            page.resolve().as_uri(),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=120)
    if not out.is_file():
        raise SystemExit(f"error: chromium wrote no screenshot to {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("slug")
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--source", default="en")
    parser.add_argument("--lang", default="es")
    parser.add_argument("--out", type=Path, default=Path("docs/bilingual.png"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1600)
    args = parser.parse_args(argv)
    page = args.root / "build" / args.slug / f"{args.slug}.{args.source}-{args.lang}.html"
    if not page.is_file():
        print(f"error: {page} not found (run 'l10n build {args.slug}' first)", file=sys.stderr)
        return 1
    screenshot(page, args.out, args.width, args.height)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
