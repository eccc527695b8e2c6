"""The built site in a real browser at phone widths (Debian's chromium; skipped without it)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from moocstudio.build import SiteTree

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_TIMEOUT = 60  # seconds per page; a page takes about one

# Appended to a copy of each page: once loaded, tells the harness how far the page scrolls sideways.
_PROBE = (
    "<script>addEventListener('load', function () { var d = document.documentElement;"
    " parent.postMessage(String(d.scrollWidth - d.clientWidth), '*'); });</script></body>"
)
# Headless chromium will not make its window narrower than 500 px, but an iframe can be: the page
# runs in one of the phone's width inside this harness, which records what the probe reports.
_HARNESS = (
    '<!DOCTYPE html><html><body><iframe src="{src}" width="{width}" height="700"></iframe>'
    "<script>addEventListener('message', function (event) {{"
    " document.body.setAttribute('data-overflow', event.data); }});</script></body></html>"
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed"),
]


def _overflow(root: Path, name: str, width: int) -> int:
    assert CHROMIUM is not None
    harness = root / f"harness-{width}.html"
    harness.write_text(_HARNESS.format(src=name, width=width), encoding="utf-8")
    argv = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--virtual-time-budget=3000",
        "--dump-dom",
        harness.as_uri(),
    ]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=BROWSER_TIMEOUT)
    found = re.search(r'data-overflow="(-?\d+)"', done.stdout)
    assert found, f"no probe result for {name}: {done.stderr[-1000:]}"
    return int(found[1])


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_scrolls_sideways_on_a_phone(site: SiteTree, tmp_path: Path, width: int) -> None:
    # Probe a copy, so the shared site stays as built.
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    for name in site.files:
        if name.endswith(".html"):
            page = copy / name
            page.write_text(page.read_text(encoding="utf-8").replace("</body>", _PROBE))
            assert _overflow(copy, name, width) == 0, f"{name} scrolls sideways at {width} px"
