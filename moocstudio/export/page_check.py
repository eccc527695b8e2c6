"""The URLs of a package's pages and style sheets, checked as a browser and the platforms read them.

- A local URL is percent-decoded and read from the page's folder; one that leads outside the
  package, or to no file of it, is an error (the page shows a hole or a dead link).
- ``$IMS-CC-FILEBASE$`` is the Common Cartridge's own token for the folder of the page's
  resource: it names the resource's ``xml:base`` folder, else the cartridge's
  ``web_resources/`` (as Canvas writes it), else the page's own folder (as Moodle reads it).
- Other platform tokens (Canvas's ``$WIKI_REFERENCE$``, ``$CANVAS_OBJECT_REFERENCE$``,
  ``$CANVAS_COURSE_REFERENCE$``) are links only that platform resolves: one warning per token.
- A network URL counts only when the browser fetches it to show the page (``src``, a style
  sheet, an icon, a preload, CSS ``url()``): a warning, since it fails offline and where the
  platform blocks other sites. ``<a href>`` and ``<link rel="license">`` load nothing.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Callable

from moocstudio.build.links import (
    CARTRIDGE_FILEBASE,
    Reference,
    css_urls,
    folder_target,
    is_network_url,
    local_target,
    page_references,
)
from moocstudio.export.findings import Finding, count_phrase, error, warning
from moocstudio.export.package_entries import quoted_names

PLATFORM_TOKEN = re.compile(r"\$[A-Z][A-Z0-9_-]*\$")
CARTRIDGE_WEB_RESOURCES = "web_resources/"
FOLDER_INDEX = "index.html"


class ReferenceCheck:
    """Checks every page and style sheet of one package, then reports.

    Args:
        names: The package's file names.
        base_of: The ``xml:base`` folder of the manifest resource holding a page, if any.
    """

    def __init__(self, names: set[str], base_of: Callable[[str], str | None]) -> None:
        self.names = names
        self.base_of = base_of
        self.findings: list[Finding] = []
        self._network: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        self._tokens: dict[str, list[str]] = defaultdict(list)

    def page(self, page: str, text: str) -> None:
        """Check the URLs of the HTML page ``page``."""
        for reference in page_references(text):
            self._check(page, reference)

    def style_sheet(self, sheet: str, text: str) -> None:
        """Check the ``url()`` and ``@import`` URLs of the style sheet ``sheet``."""
        for url in css_urls(text):
            self._check(sheet, Reference("style", "url()", url, fetched=True))

    def report(self) -> list[Finding]:
        """Every finding: broken references, then network loads, then platform tokens."""
        findings = list(self.findings)
        for (tag, attribute, url), pages in self._network.items():
            where = quoted_names(sorted(set(pages)))
            source = "url()" if attribute == "url()" else f"<{tag} {attribute}>"
            findings.append(warning(f"{where}: {source} loads {url} from the network"))
        for token, pages in sorted(self._tokens.items()):
            findings.append(
                warning(
                    f"{count_phrase(len(pages), 'link')} through {token}: only the platform "
                    "that made the package resolves it (it names no file of the package): "
                    + quoted_names(sorted(set(pages)))
                )
            )
        return findings

    def _check(self, page: str, reference: Reference) -> None:
        url = reference.url
        if is_network_url(url):
            if reference.fetched:
                self._network[(reference.tag, reference.attribute, url)].append(page)
            return
        if url.startswith(CARTRIDGE_FILEBASE):
            self._check_filebase(page, url)
            return
        token = PLATFORM_TOKEN.match(url)
        if token is not None:
            self._tokens[token.group()].append(page)
            return
        target = local_target(page, url)
        if target is None or target == ".":
            return
        if target == ".." or target.startswith("../") or target.startswith("/"):
            self.findings.append(error(f"{page}: {url} points outside the package"))
        elif not self._exists(target):
            self.findings.append(
                error(f"{page}: {url} points to a file that is not in the package")
            )

    def _check_filebase(self, page: str, url: str) -> None:
        rest = url.removeprefix(CARTRIDGE_FILEBASE).lstrip("/")
        folders = [self.base_of(page), CARTRIDGE_WEB_RESOURCES, posixpath.dirname(page)]
        for folder in dict.fromkeys(f for f in folders if f is not None):
            target = folder_target(folder, rest)
            if target is not None and self._exists(target):
                return
        self.findings.append(error(f"{page}: {url} points to a file that is not in the package"))

    def _exists(self, target: str) -> bool:
        # A link to a folder opens its index page, as web servers and LMS players serve it.
        return target in self.names or posixpath.join(target, FOLDER_INDEX) in self.names
