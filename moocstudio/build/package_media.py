"""The course files a package carries, gathered as its pages name them, each checked to exist.

Packages built from the standalone rendering (Common Cartridge, Open edX OLX) hold no site tree
on disk: each page asks for the files it shows and gets back their name in the package, and the
exporter writes every gathered file from the course folder straight into the archive.
"""

from __future__ import annotations

from pathlib import Path

from moocstudio.build.media_files import site_name
from moocstudio.errors import FileProblem
from moocstudio.model import Asset


class MissingMediaFile(FileProblem):
    """A course file a package needs is missing from the course folder; nothing was written."""


class PackageMedia:
    """The files of one package's media folder: one name per file, each with its source.

    Names come from ``site_name`` (the one function that names media inside packages), through
    ``name_for`` so that a package with stricter rules can narrow them further.

    Attributes:
        sources: Each gathered file by its name: a course file, or bytes made for the package.
    """

    error: type[FileProblem] = MissingMediaFile
    """What a missing course file raises; a package may name its own error."""

    def __init__(self, course_folder: Path) -> None:
        self.course_folder = Path(course_folder)
        self.sources: dict[str, Path | bytes] = {}

    def name_for(self, asset: Asset) -> str:
        """The name of ``asset`` in the package's media folder."""
        return site_name(asset)

    def asset(self, asset: Asset) -> str:
        """Gather a course file; return its name in the media folder.

        Raises:
            FileProblem: The file is not in the course folder (``error``).
        """
        name = self.name_for(asset)
        self.sources[name] = self.existing(asset)
        return name

    def data(self, name: str, content: bytes) -> str:
        """Gather a file made for the package (a transcript, the licence); return its name."""
        self.sources[name] = content
        return name

    def existing(self, asset: Asset) -> Path:
        """The course file of ``asset``, checked before anything is written.

        Raises:
            FileProblem: The file is not in the course folder (``error``).
        """
        path = self.course_folder / asset.path
        if not path.is_file():
            raise self.error(
                path,
                "is missing, so the package cannot be made; re-import the file or make the "
                "course media again, then export again",
            )
        return path
