"""Where an image path in a lesson points on the author's disk, kept inside the lesson's root.

Static-site lessons write image paths from the site's root: ``/fig/x.png`` (Carpentries styles,
also what ``{{ page.root }}/fig/x.png`` leaves once its Liquid is removed), ``/assets/img/x.png``
(Jekyll), ``/images/x.png`` (Hugo serves it from ``static/images/x.png``). Such a path is looked
up in the page's folder, then in each folder above it up to the lesson's root: the folder given
by the author, else the nearest one holding a repository or site marker. A relative path is
looked up from the page's folder. Neither may lead outside the root, symlinks included: the root
bounds what an imported page can make the importer read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# Files or folders that mark the top of a lesson: a repository, or a site generator's project
# (Jekyll and Jupyter Book 1: _config.yml; Sphinx: conf.py; MyST and Jupyter Book 2: myst.yml;
# Quarto: _quarto.yml; Carpentries Workbench: config.yaml; Hugo: hugo.toml/yaml/json).
ROOT_MARKERS = (
    ".git",
    "_config.yml",
    "conf.py",
    "myst.yml",
    "_quarto.yml",
    "config.yaml",
    "hugo.toml",
    "hugo.yaml",
    "hugo.json",
)
# Folders whose files a site serves at its root (Hugo's static/, Quarto and MkDocs-style
# public/ are not served as-is, so only static/ is searched).
_SERVED_AT_ROOT = ("static",)


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds one of :data:`ROOT_MARKERS`."""
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in ROOT_MARKERS):
            return folder
    return None


@dataclass(frozen=True)
class ImageLookup:
    """The file an image path names, or why there is none (a phrase for a warning)."""

    path: Path | None
    problem: str | None = None


@dataclass(frozen=True)
class LessonFolders:
    """The page's folder and the root its image paths must stay in (both resolved)."""

    page_dir: Path
    root: Path

    @classmethod
    def for_page(cls, page_file: Path, root: Path | None = None) -> LessonFolders:
        """Folders for ``page_file``: ``root`` if given, else its repository root or its folder.

        A given root that does not hold the page bounds nothing useful: the page's own folder is
        then searched, and the given root only for site-root paths.
        """
        page_dir = page_file.parent.resolve()
        found = root.resolve() if root is not None else repository_root(page_dir)
        return cls(page_dir=page_dir, root=found or page_dir)

    def path_of(self, file: Path) -> str:
        """``file``'s path from the root (``episodes/intro.md``); its name when outside it."""
        resolved = file.resolve()
        if resolved.is_relative_to(self.root):
            return resolved.relative_to(self.root).as_posix()
        return resolved.name

    def find(self, path: str) -> ImageLookup:
        """Locate ``path`` (decoded, ``/``-separated) from the page.

        Args:
            path: A site-root path (``/fig/x.png``) or a relative one (``../fig/x.png``).
        """
        if path.startswith("/"):
            return self._find_site_root(path.lstrip("/"))
        candidate = (self.page_dir / path).resolve()
        if not self._inside_root(candidate):
            return ImageLookup(None, self._outside_root_problem())
        return ImageLookup(candidate)

    def _find_site_root(self, relative: str) -> ImageLookup:
        if not PurePosixPath(relative).parts:
            return ImageLookup(None, "names no file")
        escaped = False
        for base in self._search_folders():
            candidate = (base / relative).resolve()
            if not self._inside_root(candidate):
                escaped = True  # checked before anything is read at that place
            elif candidate.is_file():
                return ImageLookup(candidate)
        if escaped:
            return ImageLookup(None, self._outside_root_problem())
        return ImageLookup(None, self._not_found_problem())

    def _search_folders(self) -> list[Path]:
        folders = [self.root]
        if self.page_dir.is_relative_to(self.root):
            depth = len(self.page_dir.relative_to(self.root).parts)
            folders = [self.page_dir, *self.page_dir.parents[:depth]]
        return folders + [self.root / served for served in _SERVED_AT_ROOT]

    def _inside_root(self, candidate: Path) -> bool:
        return candidate.is_relative_to(self.root) or candidate.is_relative_to(self.page_dir)

    def _not_found_problem(self) -> str:
        if self.page_dir == self.root or not self.page_dir.is_relative_to(self.root):
            return f"was not found in {self.root}"
        return f"was not found in {self.page_dir} or the folders above it up to {self.root}"

    def _outside_root_problem(self) -> str:
        return f"leads outside the lesson folder {self.root} (give the lesson's root with --root)"
